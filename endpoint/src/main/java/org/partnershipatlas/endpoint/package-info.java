/**
 * The Atlas web service: an embedded Fuseki publishing the store read-only over the SPARQL 1.1 protocols, plus
 * the Atlas's own pages. {@link AtlasServer} is the composition root used by the CLI and by the tests.
 */
package org.partnershipatlas.endpoint;
