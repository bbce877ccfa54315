/**
 * The full-text index of the Atlas: a jena-text Lucene index over names, titles, descriptions, definitions and
 * outcomes, rebuilt after every load, used by the search page and by SPARQL {@code text:query}.
 */
package org.partnershipatlas.loaders.text;
