/**
 * Links from Atlas resources to the identifiers other datasets use, each set in a linkset graph of its own
 * ({@code {base}graph/linkset-{name}}) described as a {@code void:Linkset}: the linksets every load derives from the
 * data ({@link org.partnershipatlas.loaders.links.Linksets#derive}), and the ones {@code atlas link} discovers
 * ({@link org.partnershipatlas.loaders.links.LinkDiscovery}).
 */
package org.partnershipatlas.loaders.links;
