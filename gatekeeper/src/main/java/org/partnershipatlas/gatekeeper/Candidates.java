package org.partnershipatlas.gatekeeper;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.jena.atlas.iterator.Iter;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.graph.Triple;
import org.apache.jena.rdf.model.Property;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.core.Quad;
import org.apache.jena.sparql.engine.binding.Binding;
import org.apache.jena.util.iterator.ExtendedIterator;
import org.apache.jena.vocabulary.DCTerms;
import org.apache.jena.vocabulary.ORG;
import org.apache.jena.vocabulary.SKOS;
import org.partnershipatlas.ontology.PA;
import org.partnershipatlas.queries.QueryRunner;

/**
 * The partnerships working in a locality, as the check and the report compare them: read from the summaries every
 * load computes ({@code graph/candidates}) by index look-ups, or from the data itself by the plain form of
 * {@code gatekeeper-candidates} (the twin tests compare with, and a store loaded before the summaries existed).
 */
final class Candidates {
    private static final String SEPARATOR = "; ";

    private final DatasetGraph dsg;
    private final Node summaries;
    private final QueryRunner plain;
    private final boolean fromData;

    /**
     * @param dsg the store, read in the caller's transaction
     * @param summaries the graph of the candidate summaries
     * @param plain the plain catalogue, whose {@code gatekeeper-candidates} asks the data itself
     * @param fromData always read the data itself (the twin), even when the store holds the summaries
     */
    Candidates(DatasetGraph dsg, Node summaries, QueryRunner plain, boolean fromData) {
        this.dsg = dsg;
        this.summaries = summaries;
        this.plain = plain;
        this.fromData = fromData;
    }

    /** A partnership working in a locality, with what the overlap parts compare. */
    record Candidate(
            String partnership,
            String label,
            String type,
            String typeNotation,
            String purpose,
            Set<String> localities,
            Set<String> domains,
            Set<String> members) {

        /** A Local Strategic Partnership: the umbrella to consult, not a partnership to compare. */
        boolean isUmbrella() {
            return "LSP".equals(typeNotation);
        }

        /** Its name and purpose, the text {@link Lexicon} compares. */
        String text() {
            return label + ". " + (purpose == null ? "" : purpose);
        }
    }

    /**
     * Every partnership working in the locality (ended ones aside), umbrellas included, by label. A store loaded by
     * an older version has no summaries until its next load: then the data itself is asked.
     */
    List<Candidate> in(String locality) {
        if (fromData || !dsg.containsGraph(summaries)) {
            return plain.select("gatekeeper-candidates", Map.of("locality", locality), Candidates::candidate);
        }
        return fromSummaries(NodeFactory.createURI(locality));
    }

    /**
     * What the library's {@code gatekeeper-candidates} answers, by look-ups instead of a query (its optimiser cost
     * more than the reading): the locality's summaries in index order, then sorted by label (a stable sort, as
     * ORDER BY sorts the same rows), one candidate per partnership.
     */
    private List<Candidate> fromSummaries(Node locality) {
        Graph union = dsg.getUnionGraph();
        Map<Node, String> notations = new HashMap<>();
        // One copy of each IRI in the lists: a locality's candidates share most members (they are kept,
        // CandidateCache).
        Map<String, String> shared = new HashMap<>();
        List<Candidate> out = new ArrayList<>();
        for (Iterator<Quad> it = dsg.find(summaries, Node.ANY, PA.candidateIn.asNode(), locality); it.hasNext(); ) {
            Node summary = it.next().getSubject();
            Node partnership = summary(summary, PA.summarises);
            String localities = lexical(summary(summary, PA.candidateLocalities));
            String domains = lexical(summary(summary, PA.candidateDomains));
            String members = lexical(summary(summary, PA.candidateMembers));
            String label = partnership == null ? null : lexical(value(union, partnership, SKOS.prefLabel.asNode()));
            if (label == null || localities == null || domains == null || members == null) {
                continue;
            }
            Node type = value(union, partnership, ORG.classification.asNode());
            String notation = type == null
                    ? null
                    : notations.computeIfAbsent(type, t -> lexical(value(union, t, SKOS.notation.asNode())));
            out.add(new Candidate(
                    partnership.getURI(),
                    label,
                    type == null || !type.isURI() ? null : type.getURI(),
                    notation,
                    lexical(value(union, partnership, DCTerms.description.asNode())),
                    split(localities, shared),
                    split(domains, shared),
                    split(members, shared)));
        }
        out.sort(Comparator.comparing(Candidate::label));
        return out;
    }

    /** A value of a summary's property, or null. */
    private Node summary(Node summary, Property property) {
        Iterator<Quad> found = dsg.find(summaries, summary, property.asNode(), Node.ANY);
        try {
            return found.hasNext() ? found.next().getObject() : null;
        } finally {
            Iter.close(found);
        }
    }

    /** A value of a property in the data, or null. */
    static Node value(Graph union, Node subject, Node property) {
        ExtendedIterator<Triple> found = union.find(subject, property, Node.ANY);
        try {
            return found.hasNext() ? found.next().getObject() : null;
        } finally {
            found.close();
        }
    }

    private static String lexical(Node n) {
        return n != null && n.isLiteral() ? n.getLiteralLexicalForm() : null;
    }

    /** The umbrella partnerships among a locality's candidates (its LSPs that have not ended), by label. */
    static List<CheckResult.Umbrella> umbrellas(List<Candidate> candidates) {
        return candidates.stream()
                .filter(Candidate::isUmbrella)
                .map(c -> new CheckResult.Umbrella(c.partnership(), c.label()))
                .toList();
    }

    static Candidate candidate(Binding b) {
        return new Candidate(
                b.get("partnership").getURI(),
                b.get("label").getLiteralLexicalForm(),
                b.contains("type") ? b.get("type").getURI() : null,
                b.contains("typeNotation") ? b.get("typeNotation").getLiteralLexicalForm() : null,
                b.contains("purpose") ? b.get("purpose").getLiteralLexicalForm() : null,
                b.contains("localities") ? split(b.get("localities").getLiteralLexicalForm()) : Set.of(),
                b.contains("domains") ? split(b.get("domains").getLiteralLexicalForm()) : Set.of(),
                b.contains("members") ? split(b.get("members").getLiteralLexicalForm()) : Set.of());
    }

    /** A list the query or the summary joined, as a sorted set (so that both forms give the same candidate). */
    private static Set<String> split(String joined) {
        if (joined.isEmpty()) {
            return Set.of();
        }
        return new TreeSet<>(Arrays.asList(joined.split(SEPARATOR)));
    }

    /** {@link #split(String)}, each item taken from {@code shared} if an equal one is there (and put there if not). */
    private static Set<String> split(String joined, Map<String, String> shared) {
        Set<String> out = new TreeSet<>();
        for (String item : split(joined)) {
            out.add(shared.computeIfAbsent(item, i -> i));
        }
        return out;
    }
}
