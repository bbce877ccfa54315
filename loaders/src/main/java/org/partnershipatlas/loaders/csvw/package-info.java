/**
 * The part of W3C CSV on the Web (CSVW) the Atlas needs to turn a CSV table into RDF: table-schema metadata
 * ({@link org.partnershipatlas.loaders.csvw.TableSchema}), URI templates, datatypes, and a streaming reader
 * ({@link org.partnershipatlas.loaders.csvw.CsvMapper}) that emits the triples of each row as it reads it.
 */
package org.partnershipatlas.loaders.csvw;
