package org.partnershipatlas.endpoint.ld;

import java.util.List;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.Triple;
import org.apache.jena.vocabulary.DCTerms;
import org.apache.jena.vocabulary.RDFS;
import org.apache.jena.vocabulary.SKOS;
import org.partnershipatlas.ontology.AtlasOntology;

/** How pages name things: a resource by its label or title, a term by the ontology's English label. */
final class Labels {
    private static final List<Node> LABEL_PROPERTIES =
            List.of(SKOS.prefLabel.asNode(), DCTerms.title.asNode(), RDFS.label.asNode());

    private Labels() {}

    /** The label of {@code node} in {@code graph} (English preferred), or null. */
    static String of(Graph graph, Node node) {
        String fallback = null;
        for (Node property : LABEL_PROPERTIES) {
            for (Triple t : graph.find(node, property, Node.ANY).toList()) {
                Node o = t.getObject();
                if (o.isLiteral()) {
                    if ("en".equals(o.getLiteralLanguage())
                            || o.getLiteralLanguage().isEmpty()) {
                        return o.getLiteralLexicalForm();
                    }
                    fallback = o.getLiteralLexicalForm();
                }
            }
        }
        return fallback;
    }

    /** The label of a term (class or property) from the ontology, else its local name. */
    static String term(Node term) {
        String label = of(AtlasOntology.graph(), term);
        return label != null ? label : localName(term);
    }

    /** The label in {@code graph}, else the ontology's, else the IRI's last segment. */
    static String display(Graph graph, Node node) {
        if (!node.isURI()) {
            return node.isLiteral() ? node.getLiteralLexicalForm() : node.toString();
        }
        String label = of(graph, node);
        if (label == null) {
            label = of(AtlasOntology.graph(), node);
        }
        return label != null ? label : localName(node);
    }

    static String localName(Node node) {
        String uri = node.getURI();
        int cut = Math.max(uri.lastIndexOf('#'), uri.lastIndexOf('/'));
        return cut >= 0 && cut < uri.length() - 1 ? uri.substring(cut + 1) : uri;
    }
}
