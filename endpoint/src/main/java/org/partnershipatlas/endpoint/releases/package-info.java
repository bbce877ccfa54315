/**
 * Serving the versioned releases ({@code atlas release}): {@code /releases/} (the index, and the DCAT catalogue of
 * the releases by content negotiation), each release's immutable files under {@code /releases/{version}/} (strong
 * ETags from the checksums, cached for a year, Range), 410 for a withdrawn one, {@code /releases/latest} redirecting
 * to the newest, and {@code /releases/{version}/changes}, the changes from the release before, for people and as
 * RDF Patch.
 */
package org.partnershipatlas.endpoint.releases;
