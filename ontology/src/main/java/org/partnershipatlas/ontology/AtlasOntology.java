package org.partnershipatlas.ontology;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import org.apache.jena.graph.Graph;
import org.apache.jena.riot.Lang;
import org.apache.jena.riot.RDFParser;
import org.apache.jena.shacl.Shapes;
import org.apache.jena.shared.PrefixMapping;
import org.apache.jena.sparql.graph.GraphFactory;

/**
 * The Atlas ontology, its SHACL shapes and its prefix map, read once from the classpath.
 *
 * <pre>
 *   Graph ontology = AtlasOntology.graph();
 *   Shapes shapes = AtlasOntology.shapes();
 *   String q = AtlasOntology.sparqlPrefixes() + "SELECT ...";
 * </pre>
 *
 * The returned graphs are shared: treat them as read-only.
 */
public final class AtlasOntology {
    static final String ONTOLOGY_RESOURCE = "org/partnershipatlas/ontology/atlas.ttl";
    static final String SHAPES_RESOURCE = "org/partnershipatlas/ontology/shapes/atlas-shapes.ttl";
    static final String CONTEXT_RESOURCE = "org/partnershipatlas/ontology/context.jsonld";

    private static final class Holder {
        static final Graph ONTOLOGY = read(ONTOLOGY_RESOURCE);
        static final Graph SHAPES_GRAPH = read(SHAPES_RESOURCE);
        static final Shapes SHAPES = Shapes.parse(SHAPES_GRAPH);
    }

    private AtlasOntology() {}

    /** The OWL ontology. */
    public static Graph graph() {
        return Holder.ONTOLOGY;
    }

    /** The SHACL shapes graph. */
    public static Graph shapesGraph() {
        return Holder.SHAPES_GRAPH;
    }

    /** The SHACL shapes, parsed. */
    public static Shapes shapes() {
        return Holder.SHAPES;
    }

    /**
     * The JSON-LD context of the Atlas: plain keys ({@code label}, {@code locality}, {@code member}, ...) for the
     * terms the data uses, published so that web developers get JSON they can read.
     */
    public static String jsonLdContext() {
        try (InputStream in = AtlasOntology.class.getClassLoader().getResourceAsStream(CONTEXT_RESOURCE)) {
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The prefix map of the Atlas: the {@code @prefix} block of {@code atlas.ttl}. */
    public static PrefixMapping prefixes() {
        return PrefixMapping.Factory.create()
                .setNsPrefixes(Holder.ONTOLOGY.getPrefixMapping())
                .lock();
    }

    /** The prefix map as SPARQL {@code PREFIX} lines, sorted by prefix. */
    public static String sparqlPrefixes() {
        StringBuilder sb = new StringBuilder();
        prefixes().getNsPrefixMap().entrySet().stream()
                .sorted(java.util.Map.Entry.comparingByKey())
                .forEach(e -> sb.append("PREFIX ")
                        .append(e.getKey())
                        .append(": <")
                        .append(e.getValue())
                        .append(">\n"));
        return sb.toString();
    }

    /**
     * A SKOS concept scheme kept with the ontology ({@code schemes/<name>.ttl}, such as {@code link-statuses}),
     * its relative IRIs resolved against {@code iris}' base. A new graph on each call.
     */
    public static Graph scheme(String name, AtlasIris iris) {
        String resource = "org/partnershipatlas/ontology/schemes/" + name + ".ttl";
        try (InputStream in = AtlasOntology.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalArgumentException("No scheme " + name + " (" + resource + ")");
            }
            Graph graph = GraphFactory.createDefaultGraph();
            RDFParser.source(in).lang(Lang.TURTLE).base(iris.base()).parse(graph);
            return graph;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Graph read(String resource) {
        try (InputStream in = AtlasOntology.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("Missing classpath resource " + resource);
            }
            Graph graph = GraphFactory.createDefaultGraph();
            RDFParser.source(in).lang(Lang.TURTLE).parse(graph);
            return graph;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
