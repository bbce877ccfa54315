/**
 * Release files of the store for researchers: the whole dataset as N-Quads, the union as N-Triples and Turtle, one
 * file per source graph, all gzipped, with a checksum file; written from one read transaction and swapped into
 * place atomically.
 */
package org.partnershipatlas.loaders.dumps;
