/**
 * The practitioners' portal: search over the full-text index, browsing by problem domain, the faceted guidance
 * catalogue, locality pages with their partnership map, and the SPARQL page.
 */
package org.partnershipatlas.endpoint.portal;
