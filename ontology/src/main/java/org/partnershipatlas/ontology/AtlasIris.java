package org.partnershipatlas.ontology;

import java.util.Objects;
import java.util.regex.Pattern;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.irix.IRIException;
import org.apache.jena.irix.IRIx;

/**
 * How the Atlas mints IRIs under its canonical base, following the UK public-sector URI-set pattern:
 * resources are {@code {base}id/{type}/{slug}}, named graphs {@code {base}graph/{source}}.
 *
 * <pre>
 *   AtlasIris iris = AtlasIris.DEFAULT;
 *   iris.id("partnership", "newham-cdrp");  // https://w3id.org/partnership-atlas/id/partnership/newham-cdrp
 *   iris.graph("partnerships");             // https://w3id.org/partnership-atlas/graph/partnerships
 * </pre>
 *
 * @param base the canonical base: an absolute http(s) IRI ending in '/', with no query or fragment
 */
public record AtlasIris(String base) {
    public static final String DEFAULT_BASE = "https://w3id.org/partnership-atlas/";
    public static final AtlasIris DEFAULT = new AtlasIris(DEFAULT_BASE);

    /**
     * The graph holding the change log's head (the id of its newest entry, written with the data it follows). A
     * URN, not under the base: the store keeps it whatever base its data uses, and it is not published in the dumps.
     */
    public static final Node CHANGE_LOG_GRAPH = NodeFactory.createURI("urn:partnership-atlas:change-log");

    /** The change log; its {@code as:last} is the newest entry. */
    public static final Node CHANGE_LOG = NodeFactory.createURI("urn:partnership-atlas:change-log:log");

    /**
     * The change log's position in the replicas' Kafka topic: on a replica, the offset of the newest message it has
     * applied or refused; on a writer, the offset of its newest published entry (an {@code xsd:long}), written in the same transaction as the entry's data.
     */
    public static final Node KAFKA_OFFSET = NodeFactory.createURI("urn:partnership-atlas:change-log:kafka-offset");

    /**
     * On a read replica, where its changes come from ({@code kafka://HOST:PORT/TOPIC}): a store marked so refuses every
     * write but the entries it applies from that topic (an {@code xsd:string} in the change-log graph).
     */
    public static final Node REPLICA_OF = NodeFactory.createURI("urn:partnership-atlas:change-log:replica-of");

    /** Slugs: letters, digits and '-', '.', '_'; no leading punctuation. */
    private static final Pattern SLUG = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");

    public AtlasIris {
        Objects.requireNonNull(base, "base");
        IRIx iri;
        try {
            iri = IRIx.create(base);
        } catch (IRIException e) {
            throw new IllegalArgumentException("Not a valid base IRI: " + base + " (" + e.getMessage() + ")");
        }
        String scheme = iri.scheme();
        if (!iri.isAbsolute() || !("http".equals(scheme) || "https".equals(scheme))) {
            throw new IllegalArgumentException("The base must be an absolute http(s) IRI: " + base);
        }
        if (!base.endsWith("/") || base.contains("?") || base.contains("#")) {
            throw new IllegalArgumentException("The base must end with '/' and have no query or fragment: " + base);
        }
    }

    /** True if the text can be used as a slug. */
    public static boolean isSlug(String text) {
        return text != null && SLUG.matcher(text).matches();
    }

    /** {@code {base}id/} : the URI space of all resources. */
    public String idSpace() {
        return base + "id/";
    }

    /** {@code {base}id/{type}/{slug}}. */
    public String id(String type, String slug) {
        return idSpace() + requireSlug(type) + "/" + requireSlug(slug);
    }

    /** {@code {base}graph/{source}} as a node. */
    public Node graph(String source) {
        return NodeFactory.createURI(base + "graph/" + requireSlug(source));
    }

    /** The Atlas dataset, as its catalogue describes it. */
    public Node dataset() {
        return NodeFactory.createURI(id("dataset", "atlas"));
    }

    /** A release of the Atlas dataset: {@code {base}id/release/{version}}. */
    public Node release(String version) {
        return NodeFactory.createURI(id("release", version));
    }

    /** The graph holding the ontology. */
    public Node ontologyGraph() {
        return graph("ontology");
    }

    /** The graph holding the provenance of every load. */
    public Node provenanceGraph() {
        return graph("provenance");
    }

    /** The derived graph of outbound links' health ({@code atlas check-links}). */
    public Node linkHealthGraph() {
        return graph("link-health");
    }

    /**
     * {@code {base}.well-known/genid/{hash}}: the IRI a blank node of a source is replaced by when it is loaded
     * (RDF 1.1 skolem IRIs), so that the same source gives the same IRIs on every load.
     */
    public Node skolem(String hash) {
        return NodeFactory.createURI(base + ".well-known/genid/" + requireSlug(hash));
    }

    private static String requireSlug(String text) {
        if (!isSlug(text)) {
            throw new IllegalArgumentException("Not a slug (letters, digits, '-', '.', '_'): '" + text + "'");
        }
        return text;
    }
}
