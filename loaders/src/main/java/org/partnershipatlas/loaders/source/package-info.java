/**
 * Finds the source files to load and decides how to read each: CSV by its CSVW table schema (a metadata file next
 * to it, or the built-in mapping for its kind), RDF by its file extension.
 */
package org.partnershipatlas.loaders.source;
