/**
 * The Atlas's named SPARQL queries: one {@code .rq} file each under {@code resources/org/partnershipatlas/queries/},
 * with a grlc/BASIL-style header of {@code #+ key: value} decorators, read and checked by {@link QueryCatalogue}.
 */
package org.partnershipatlas.queries;
