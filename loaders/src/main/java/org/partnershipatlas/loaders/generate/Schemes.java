package org.partnershipatlas.loaders.generate;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.graph.Triple;
import org.apache.jena.riot.Lang;
import org.apache.jena.riot.RDFParser;
import org.apache.jena.sparql.graph.GraphFactory;
import org.apache.jena.vocabulary.DCTerms;
import org.apache.jena.vocabulary.RDF;
import org.apache.jena.vocabulary.SKOS;
import org.partnershipatlas.ontology.AtlasIris;
import org.partnershipatlas.ontology.PA;
import org.partnershipatlas.ontology.SafeParsing;

/**
 * The SKOS concepts the generator may use, read from the scheme files ({@code schemes/*.ttl}) at generation time,
 * so generated data only ever names concepts that exist. Concepts are grouped by the type segment of their IRI
 * ({@code id/problem-domain/volume-crime} is a {@code problem-domain}) and kept in IRI order.
 */
final class Schemes {
    /**
     * One concept: its slug (the last IRI segment, as CSV cells name it) and what the generator needs of it. For a
     * partnership type, {@code mandateYear} is the earliest issue year of its mandates (0 if none is dated) and
     * {@code statutory} says whether all its mandates are statutes.
     */
    record Concept(String slug, String label, String notation, String broader, int mandateYear, boolean statutory) {}

    private static final Node MANDATE = NodeFactory.createURI(PA.NS + "mandate");
    private static final Node STATUTE = NodeFactory.createURI(PA.NS + "Statute");

    private final List<Path> files;
    private final Map<String, List<Concept>> byType;

    private Schemes(List<Path> files, Map<String, List<Concept>> byType) {
        this.files = files;
        this.byType = byType;
    }

    /** Reads every {@code *.ttl} file of {@code dir}, in name order. */
    static Schemes read(Path dir) {
        List<Path> files;
        try (Stream<Path> list = Files.list(dir)) {
            files = list.filter(p -> p.getFileName().toString().endsWith(".ttl"))
                    .filter(Files::isRegularFile)
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the scheme folder " + dir, e);
        }
        if (files.isEmpty()) {
            throw new IllegalArgumentException("No scheme files (*.ttl) in " + dir);
        }
        String base = AtlasIris.DEFAULT_BASE;
        Graph graph = GraphFactory.createDefaultGraph();
        for (Path file : files) {
            SafeParsing.apply(RDFParser.source(file))
                    .lang(Lang.TURTLE)
                    .base(base)
                    .parse(graph);
        }
        String idSpace = AtlasIris.DEFAULT.idSpace();
        Map<String, List<Concept>> byType = new TreeMap<>();
        List<Node> concepts = graph.find(Node.ANY, RDF.type.asNode(), SKOS.Concept.asNode())
                .mapWith(Triple::getSubject)
                .filterKeep(n -> n.isURI() && n.getURI().startsWith(idSpace))
                .toList();
        concepts.sort(Comparator.comparing(Node::getURI));
        for (Node c : concepts) {
            String[] path = c.getURI().substring(idSpace.length()).split("/");
            if (path.length != 2 || !AtlasIris.isSlug(path[1])) {
                continue;
            }
            Node broader = object(graph, c, SKOS.broader.asNode());
            int year = 0;
            List<Node> mandates =
                    graph.find(c, MANDATE, Node.ANY).mapWith(Triple::getObject).toList();
            boolean statutory = !mandates.isEmpty();
            for (Node mandate : mandates) {
                Node issued = object(graph, mandate, DCTerms.issued.asNode());
                if (issued != null
                        && issued.isLiteral()
                        && issued.getLiteralLexicalForm().length() >= 4) {
                    int y = Integer.parseInt(issued.getLiteralLexicalForm().substring(0, 4));
                    year = year == 0 ? y : Math.min(year, y);
                }
                statutory &= graph.contains(mandate, RDF.type.asNode(), STATUTE);
            }
            byType.computeIfAbsent(path[0], k -> new ArrayList<>())
                    .add(new Concept(
                            path[1],
                            label(graph, c),
                            literal(graph, c, SKOS.notation.asNode()),
                            broader != null && broader.isURI() ? lastSegment(broader.getURI()) : null,
                            year,
                            statutory));
        }
        return new Schemes(files, byType);
    }

    /** The scheme files, in name order. */
    List<Path> files() {
        return files;
    }

    /** The concepts of a type ({@code problem-domain}, {@code role}, ...); fails if the schemes have none. */
    List<Concept> of(String type) {
        List<Concept> list = byType.get(type);
        if (list == null || list.isEmpty()) {
            throw new IllegalArgumentException("The schemes define no concepts of type '" + type + "'");
        }
        return list;
    }

    /** The concept of a type with that slug, if the schemes have it. */
    Optional<Concept> find(String type, String slug) {
        return of(type).stream().filter(c -> c.slug().equals(slug)).findFirst();
    }

    /** The concept of a type with that slug; fails naming it if the schemes do not have it. */
    Concept require(String type, String slug) {
        return find(type, slug)
                .orElseThrow(() -> new IllegalArgumentException(
                        "The generator needs the concept id/" + type + "/" + slug + ", which the schemes lack"));
    }

    /** The concepts among {@code preferred} (slugs) that exist, or all concepts of the type if none do. */
    List<Concept> preferring(String type, List<String> preferred) {
        List<Concept> found =
                preferred.stream().flatMap(s -> find(type, s).stream()).toList();
        return found.isEmpty() ? of(type) : found;
    }

    private static Node object(Graph graph, Node s, Node p) {
        var it = graph.find(s, p, Node.ANY);
        try {
            return it.hasNext() ? it.next().getObject() : null;
        } finally {
            it.close();
        }
    }

    private static String literal(Graph graph, Node s, Node p) {
        Node o = object(graph, s, p);
        return o != null && o.isLiteral() ? o.getLiteralLexicalForm() : null;
    }

    private static String label(Graph graph, Node s) {
        String any = null;
        for (Triple t : graph.find(s, SKOS.prefLabel.asNode(), Node.ANY).toList()) {
            if (t.getObject().isLiteral()) {
                if ("en".equals(t.getObject().getLiteralLanguage())) {
                    return t.getObject().getLiteralLexicalForm();
                }
                any = t.getObject().getLiteralLexicalForm();
            }
        }
        return any != null ? any : lastSegment(s.getURI());
    }

    private static String lastSegment(String iri) {
        return iri.substring(iri.lastIndexOf('/') + 1);
    }
}
