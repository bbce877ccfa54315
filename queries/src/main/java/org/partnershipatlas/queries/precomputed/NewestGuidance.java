package org.partnershipatlas.queries.precomputed;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.Triple;
import org.apache.jena.sparql.expr.NodeValue;
import org.apache.jena.vocabulary.DCTerms;
import org.apache.jena.vocabulary.RDF;
import org.partnershipatlas.ontology.PA;
import org.partnershipatlas.queries.DocumentStatus;

/**
 * The newest {@value #PER_SUBJECT} guidance documents and external resources on each {@code dcterms:subject}, with
 * a title and a {@code pa:governmentPublication} flag, as the guidance queries ask for them, in the order of the guidance
 * queries ({@code ORDER BY (?status != "current") DESC(STR(?issued)) ?title ?document}: current documents first), from
 * one pass over the subjects with memory of {@value #PER_SUBJECT} documents per subject.
 *
 * <p>Why a list per subject is enough: a query over several subjects that keeps its first {@value #PER_SUBJECT}
 * rows only ever shows documents that are among the first {@value #PER_SUBJECT} of one of those subjects, since any
 * document before them on that subject is before them in the query too. A document is ranked by its best row: whether
 * it still stands (no {@code adms:status} and no replacement, or the status {@code current}), its latest issued date
 * (none last) and then its first title, as SPARQL compares them.
 */
final class NewestGuidance {
    static final int PER_SUBJECT = 25;

    /** Where a document sorts: its best row's values, compared as ORDER BY does. */
    private record Rank(Node document, boolean current, NodeValue issued, NodeValue title) {}

    private static final Comparator<NodeValue> SPARQL = NodeValue::compareAlways;

    /** First in the guidance queries' order first: current, newest issued (none last), then title, then document. */
    private static final Comparator<Rank> NEWEST_FIRST = Comparator.comparing((Rank r) -> !r.current())
            .thenComparing(Rank::issued, Comparator.nullsFirst(SPARQL).reversed())
            .thenComparing(Rank::title, SPARQL)
            .thenComparing(r -> NodeValue.makeNode(r.document()), SPARQL);

    private final Graph union;

    NewestGuidance(Graph union) {
        this.union = union;
    }

    /** Each subject with its newest documents, newest first. */
    Map<Node, List<Node>> bySubject() {
        Map<Node, PriorityQueue<Rank>> kept = new HashMap<>();
        for (Iterator<Triple> it = union.find(Node.ANY, DCTerms.subject.asNode(), Node.ANY); it.hasNext(); ) {
            Triple t = it.next();
            if (!t.getObject().isURI()) {
                continue; // the library's queries reach subjects through skos:broader, between concepts
            }
            // Ranked again for each of its subjects: a few index look-ups, where remembering would cost memory.
            Rank rank = rank(t.getSubject());
            if (rank == null) {
                continue;
            }
            // Worst first, so the head is what a better document pushes out.
            PriorityQueue<Rank> queue =
                    kept.computeIfAbsent(t.getObject(), s -> new PriorityQueue<>(NEWEST_FIRST.reversed()));
            if (queue.stream().anyMatch(r -> r.document().equals(rank.document()))) {
                continue;
            }
            queue.add(rank);
            if (queue.size() > PER_SUBJECT) {
                queue.poll();
            }
        }
        Map<Node, List<Node>> newest = new HashMap<>();
        kept.forEach((subject, queue) -> {
            List<Rank> sorted = new ArrayList<>(queue);
            sorted.sort(NEWEST_FIRST);
            newest.put(subject, sorted.stream().map(Rank::document).toList());
        });
        return newest;
    }

    /** The rank of a document's best row, or null if the guidance queries give it no row. */
    private Rank rank(Node document) {
        if (!union.contains(document, PA.governmentPublication.asNode(), Node.ANY)
                || !union.contains(document, RDF.type.asNode(), PA.GuidanceDocument.asNode())
                        && !union.contains(document, RDF.type.asNode(), PA.ExternalResource.asNode())) {
            return null;
        }
        NodeValue title = best(document, DCTerms.title.asNode(), false);
        if (title == null) {
            return null;
        }
        return new Rank(
                document,
                DocumentStatus.CURRENT.equals(DocumentStatus.of(union, document)),
                best(document, DCTerms.issued.asNode(), true),
                title);
    }

    /** The greatest (latest) or least value of a property, as ORDER BY compares it; STR() of it if latest. */
    private NodeValue best(Node s, Node p, boolean latest) {
        NodeValue best = null;
        for (Iterator<Triple> it = union.find(s, p, Node.ANY); it.hasNext(); ) {
            Node o = it.next().getObject();
            if (latest && o.isBlank()) {
                continue; // STR() of a blank node is an error: no date, as far as ORDER BY is concerned
            }
            NodeValue v = latest
                    ? NodeValue.makeString(o.isURI() ? o.getURI() : o.getLiteralLexicalForm())
                    : NodeValue.makeNode(o);
            if (best == null || (latest ? SPARQL.compare(v, best) > 0 : SPARQL.compare(v, best) < 0)) {
                best = v;
            }
        }
        return best;
    }
}
