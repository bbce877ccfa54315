/**
 * SHACL validation of what a load wrote, against the union of all graphs in the store, and the translation of
 * SHACL results into {@link org.partnershipatlas.loaders.LoadProblem}s a publisher can act on.
 */
package org.partnershipatlas.loaders.validate;
