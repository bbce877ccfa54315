/**
 * Loads source files into the Atlas store: {@link Loader} maps each CSV (by its CSVW table schema) or RDF file
 * into its own named graph, validates the result against the SHACL shapes, records provenance, and commits all
 * of it in one TDB2 write transaction, or nothing at all.
 */
package org.partnershipatlas.loaders;
