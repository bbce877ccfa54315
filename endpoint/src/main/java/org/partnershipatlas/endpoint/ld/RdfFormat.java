package org.partnershipatlas.endpoint.ld;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.apache.jena.riot.Lang;

/** The formats a document is offered in, with their media types and file suffixes. Turtle is the default. */
public enum RdfFormat {
    TURTLE("text/turtle", "ttl", Lang.TURTLE, "Turtle"),
    HTML("text/html", "html", null, "HTML"),
    JSONLD("application/ld+json", "jsonld", Lang.JSONLD, "JSON-LD"),
    NTRIPLES("application/n-triples", "nt", Lang.NTRIPLES, "N-Triples"),
    RDFXML("application/rdf+xml", "rdf", Lang.RDFXML, "RDF/XML");

    private final String mediaType;
    private final String suffix;
    private final Lang lang;
    private final String label;

    RdfFormat(String mediaType, String suffix, Lang lang, String label) {
        this.mediaType = mediaType;
        this.suffix = suffix;
        this.lang = lang;
        this.label = label;
    }

    public String mediaType() {
        return mediaType;
    }

    public String suffix() {
        return suffix;
    }

    public Lang lang() {
        return lang;
    }

    public String label() {
        return label;
    }

    /** The Content-Type header value. */
    public String contentType() {
        return this == JSONLD || this == NTRIPLES ? mediaType : mediaType + "; charset=utf-8";
    }

    public static List<String> mediaTypes() {
        return Arrays.stream(values()).map(RdfFormat::mediaType).toList();
    }

    public static Optional<RdfFormat> bySuffix(String suffix) {
        return Arrays.stream(values()).filter(f -> f.suffix.equals(suffix)).findFirst();
    }

    public static Optional<RdfFormat> byMediaType(String mediaType) {
        return Arrays.stream(values())
                .filter(f -> f.mediaType.equals(mediaType))
                .findFirst();
    }
}
