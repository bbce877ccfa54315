/**
 * Query plans people can see: how TDB2 will run a SPARQL query on the Atlas's store (the optimized algebra, the order
 * of each basic graph pattern chosen from the optimizer statistics) with estimated and actual row counts, bounded in
 * time and rows so that explaining a query that times out is itself quick. Used by {@code atlas query --explain} and
 * the endpoint's explain page.
 */
package org.partnershipatlas.loaders.explain;
