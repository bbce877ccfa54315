/**
 * The Atlas's named SPARQL queries: one {@code .rq} file each under {@code resources/org/partnershipatlas/queries/},
 * with a grlc/BASIL-style header of {@code #+ key: value} decorators, read and checked by {@link QueryCatalogue},
 * bound by {@link QueryBinder} and run on a store by {@link QueryRunner} (answers copied out of the read
 * transaction, or streamed to a writer).
 */
package org.partnershipatlas.queries;
