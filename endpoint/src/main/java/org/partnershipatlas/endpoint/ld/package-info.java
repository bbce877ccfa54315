/**
 * Linked Data publishing: {@code /id/...} IRIs answer 303 to {@code /doc/...} documents, which are negotiated
 * between HTML, Turtle, JSON-LD (with the published context), N-Triples and RDF/XML, kept once rendered until the
 * data changes (in the server's {@code RenderedCache}) and sent with strong ETags; index pages per type ({@code TypeIndexPages});
 * the ontology's own documentation at {@code /def}. {@code DocumentWriter} negotiates and writes documents for this
 * package and for the catalogue; {@code FMod_LinkedData} registers the routes.
 */
package org.partnershipatlas.endpoint.ld;
