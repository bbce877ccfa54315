package org.partnershipatlas.queries;

import java.util.Iterator;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.Triple;
import org.apache.jena.vocabulary.DCTerms;
import org.apache.jena.vocabulary.SKOS;
import org.partnershipatlas.ontology.Vocab;

/**
 * Whether a guidance document still stands, decided as the library's guidance queries decide it (their
 * {@code ?status} and {@code ?replacedBy}), for the code that ranks documents outside SPARQL: the precomputed newest
 * guidance and the guidance catalogue in the text index.
 */
public final class DocumentStatus {
    /** The status of a document nothing replaces and no curator has marked. */
    public static final String CURRENT = "current";

    /** The status of a replaced document with no status recorded. */
    public static final String SUPERSEDED = "superseded";

    private DocumentStatus() {}

    /**
     * The notation of the document's {@code adms:status} (current, superseded, withdrawn); without one, superseded if
     * something replaces it ({@code dcterms:isReplacedBy}, or {@code dcterms:replaces} towards it), else current.
     */
    public static String of(Graph graph, Node document) {
        for (Iterator<Triple> statuses = graph.find(document, Vocab.ADMS.status.asNode(), Node.ANY);
                statuses.hasNext(); ) {
            Iterator<Triple> notations = graph.find(statuses.next().getObject(), SKOS.notation.asNode(), Node.ANY);
            if (notations.hasNext()) {
                Node notation = notations.next().getObject();
                return notation.isLiteral() ? notation.getLiteralLexicalForm() : notation.toString();
            }
        }
        return replacement(graph, document) == null ? CURRENT : SUPERSEDED;
    }

    /** The least (by IRI, as SPARQL's MIN) of the documents that replace this one, or null if none does. */
    public static Node replacement(Graph graph, Node document) {
        Node least = null;
        for (Iterator<Triple> it = graph.find(document, DCTerms.isReplacedBy.asNode(), Node.ANY); it.hasNext(); ) {
            least = lesser(least, it.next().getObject());
        }
        for (Iterator<Triple> it = graph.find(Node.ANY, DCTerms.replaces.asNode(), document); it.hasNext(); ) {
            least = lesser(least, it.next().getSubject());
        }
        return least;
    }

    private static Node lesser(Node a, Node b) {
        if (!b.isURI()) {
            return a;
        }
        return a == null || b.getURI().compareTo(a.getURI()) < 0 ? b : a;
    }
}
