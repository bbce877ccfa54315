/**
 * Release files of the store for researchers: the whole dataset as N-Quads, the union as N-Triples and Turtle, one
 * file per source graph, all gzipped, with a checksum file; written from one read transaction and swapped into
 * place atomically. The N-Quads and N-Triples files are sorted, so equal content gives equal bytes.
 */
package org.partnershipatlas.loaders.dumps;
