package org.partnershipatlas.queries.precomputed;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.core.Quad;
import org.apache.jena.vocabulary.RDF;
import org.apache.jena.vocabulary.SKOS;
import org.partnershipatlas.ontology.AtlasIris;
import org.partnershipatlas.ontology.PA;
import org.partnershipatlas.ontology.Vocab.SCHEMA;
import org.partnershipatlas.queries.precomputed.LocalityPartnerships.Partnership;

/**
 * The candidate summaries of {@code graph/candidates}: for each partnership that works in a locality and has not
 * ended, a {@code pa:CandidateSummary} {@code {base}id/candidate/{slug}} with the localities it is a candidate in
 * and, as sorted lists joined with {@code "; "}, its localities, problem domains, members and members' names: the
 * grouped part of {@code plain/gatekeeper-candidates.rq}, so that the gatekeeper reads a locality's candidates
 * with a few look-ups each instead of joining every membership of the locality.
 */
final class CandidateSummaries {
    static final String SEPARATOR = "; ";
    private static final Node DISSOLVED = NodeFactory.createURI(SCHEMA.NS + "dissolutionDate");

    private final Graph union;
    private final AtlasIris iris;
    private final Node graph;

    CandidateSummaries(Graph union, AtlasIris iris) {
        this.union = union;
        this.iris = iris;
        this.graph = Precomputed.candidatesGraph(iris);
    }

    /**
     * The summaries of a locality's partnerships that the locality writes: those whose first locality (in IRI
     * order) it is, so that a full rebuild going through the localities in that order writes each summary once.
     */
    void firstIn(Node locality, List<Partnership> partnerships, Map<Node, List<String>> labels, List<Quad> quads) {
        for (Partnership p : partnerships) {
            Set<Node> sorted = new TreeSet<>(LocalityPartnerships.BY_IRI);
            sorted.addAll(p.localities());
            if (sorted.iterator().next().equals(locality)) {
                summary(p, labels, quads);
            }
        }
    }

    /**
     * Rewrites the summaries of the partnerships working in {@code localities} (and removes those of partnerships
     * that no longer do) when the data says otherwise; returns true if anything changed. Call in a write
     * transaction.
     */
    static boolean refresh(DatasetGraph dsg, AtlasIris iris, Collection<Node> localities) {
        CandidateSummaries summaries = new CandidateSummaries(dsg.getUnionGraph(), iris);
        Node g = summaries.graph;
        Set<Quad> old = new HashSet<>();
        Set<Node> subjects = new HashSet<>();
        List<Quad> fresh = new ArrayList<>();
        Map<Node, List<String>> labels = LocalityPartnerships.labelCache();
        Set<Node> done = new HashSet<>();
        for (Node locality : localities) {
            dsg.find(g, Node.ANY, PA.candidateIn.asNode(), locality)
                    .forEachRemaining(q -> subjects.add(q.getSubject()));
            for (Partnership p : LocalityPartnerships.of(summaries.union, locality)) {
                if (done.add(p.iri())) {
                    subjects.add(summaries.summaryIri(p.iri()));
                    summaries.summary(p, labels, fresh);
                }
            }
        }
        subjects.forEach(s -> dsg.find(g, s, Node.ANY, Node.ANY).forEachRemaining(old::add));
        if (old.equals(new HashSet<>(fresh))) {
            return false;
        }
        old.forEach(dsg::delete);
        fresh.forEach(dsg::add);
        return true;
    }

    /** The summary of one partnership, unless it has ended or has no name (the plain query skips those). */
    private void summary(Partnership p, Map<Node, List<String>> labels, List<Quad> quads) {
        if (union.find(p.iri(), DISSOLVED, Node.ANY).hasNext()
                || !union.find(p.iri(), SKOS.prefLabel.asNode(), Node.ANY).hasNext()) {
            return;
        }
        Node s = summaryIri(p.iri());
        quads.add(Quad.create(graph, s, RDF.type.asNode(), PA.CandidateSummary.asNode()));
        quads.add(Quad.create(graph, s, PA.summarises.asNode(), p.iri()));
        p.localities().forEach(l -> quads.add(Quad.create(graph, s, PA.candidateIn.asNode(), l)));
        quads.add(Quad.create(graph, s, PA.candidateLocalities.asNode(), list(p.localities())));
        quads.add(Quad.create(graph, s, PA.candidateDomains.asNode(), list(p.domains())));
        quads.add(Quad.create(graph, s, PA.candidateMembers.asNode(), list(p.members())));
        Set<String> names = new TreeSet<>();
        p.members().forEach(m -> names.addAll(LocalityPartnerships.labels(union, m, labels)));
        quads.add(Quad.create(
                graph,
                s,
                PA.candidateMemberLabels.asNode(),
                NodeFactory.createLiteralString(String.join(SEPARATOR, names))));
    }

    /** {@code {base}id/candidate/{slug}}, the partnership's slug (or digest) as the overlaps name it. */
    private Node summaryIri(Node partnership) {
        return NodeFactory.createURI(iris.idSpace() + "candidate/" + Precomputed.key(iris, partnership));
    }

    /** The nodes' strings, sorted and joined, as {@code GROUP_CONCAT(DISTINCT STR(...))} joins them (order aside). */
    private static Node list(Collection<Node> nodes) {
        Set<String> strings = new LinkedHashSet<>(
                new TreeSet<>(nodes.stream().map(LocalityPartnerships::str).toList()));
        return NodeFactory.createLiteralString(String.join(SEPARATOR, strings));
    }
}
