/**
 * The Atlas web service: an embedded Fuseki publishing the store read-only over the SPARQL 1.1 protocols, plus
 * the Atlas's own pages. {@link AtlasServer} is the composition root used by the CLI and by the tests: its
 * {@code modules()} lists the features, one {@code FMod_<Feature>} (a Fuseki module) per package, each registering
 * its own routes over the shared {@link AtlasContext}. {@link Routes} holds every path and the URLs built from
 * them.
 */
package org.partnershipatlas.endpoint;
