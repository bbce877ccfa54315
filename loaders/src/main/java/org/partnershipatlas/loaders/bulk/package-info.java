/**
 * What the bulk load path needs besides TDB2's own bulk loaders: a write-only graph that streams the mappers' triples
 * to a loader as quads of one named graph, with the duplicate-key check in a few bytes per record.
 */
package org.partnershipatlas.loaders.bulk;
