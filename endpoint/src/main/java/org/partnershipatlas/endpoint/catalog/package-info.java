/**
 * Describing the dataset: VoID and DCAT generated from the live store and the dumps, served at
 * {@code /.well-known/void} and {@code /catalog}; the SPARQL Service Description; the dumps themselves.
 */
package org.partnershipatlas.endpoint.catalog;
