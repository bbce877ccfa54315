/**
 * Versioned releases: immutable folders {@code releases/{version}/} of the store's sorted dumps, with the RDF Patch
 * from the previous release, a summary of the changes, a citation and DCAT 3 metadata ({@link ReleaseWriter},
 * {@link ReleaseArchive}); and the changes between two releases for people ({@link ChangeReport}).
 */
package org.partnershipatlas.loaders.releases;
