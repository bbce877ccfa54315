/** PROV-O records of every load: which file (name, size, SHA-256), when, how many records and triples. */
package org.partnershipatlas.loaders.provenance;
