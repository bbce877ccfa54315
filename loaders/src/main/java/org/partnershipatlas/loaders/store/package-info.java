/** The one place that opens the Atlas's TDB2 store and sets how it behaves (union default graph). */
package org.partnershipatlas.loaders.store;
