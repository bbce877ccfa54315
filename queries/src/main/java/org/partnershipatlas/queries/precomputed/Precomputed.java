package org.partnershipatlas.queries.precomputed;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import org.apache.jena.datatypes.xsd.XSDDatatype;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.graph.Triple;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.core.Quad;
import org.apache.jena.vocabulary.DCTerms;
import org.apache.jena.vocabulary.RDF;
import org.apache.jena.vocabulary.RDFS;
import org.apache.jena.vocabulary.VOID;
import org.partnershipatlas.ontology.AtlasIris;
import org.partnershipatlas.ontology.DerivedGraphs;
import org.partnershipatlas.ontology.PA;
import org.partnershipatlas.ontology.Vocab.ORG;
import org.partnershipatlas.ontology.Vocab.QB;
import org.partnershipatlas.queries.DomainTree;
import org.partnershipatlas.queries.precomputed.LocalityPartnerships.Partnership;

/**
 * Rebuilds the precomputed graphs from the data, inside the caller's write transaction:
 *
 * <pre>
 *   graph/overlaps     pa:PartnershipOverlap: each pair of partnerships in a locality sharing a problem domain
 *   graph/statistics   qb:Observation: partnerships per problem domain and locality, per locality, and
 *                      partnerships and guidance documents per problem domain nationally
 *   graph/newest-guidance   pa:newestGuidance: the newest guidance documents on each subject
 *   graph/candidates   pa:CandidateSummary: each partnership as the gatekeeper compares it ({@link CandidateSummaries})
 *   graph/guidance-pages    pa:GuidancePage: guidance-catalogue and guidance-newest-first in pages ({@link GuidancePages})
 *   graph/case-pages   pa:CasePage: each problem domain's best-practice cases in pages ({@link CasePages})
 * </pre>
 *
 * The overlaps graph also holds each locality's pairs in pages of {@value #PAGE} ({@code pa:OverlapPage}), ranked as
 * {@code overlapping-partnerships} orders them, so that a page is read without sorting the locality's pairs.
 *
 * The graphs are described (VoID, PROV) in the provenance graph. Localities are done one at a time and written
 * before the next is read, so memory follows the largest locality; national counts keep one counter per domain.
 */
public final class Precomputed {
    /** What a rebuild wrote: overlapping pairs, observations, and quads per graph. */
    public record Summary(long overlaps, long observations, Map<Node, Long> quadsPerGraph) {
        public long triples() {
            return quadsPerGraph.values().stream().mapToLong(Long::longValue).sum();
        }
    }

    private static final String SEPARATOR = "; ";

    /** Pairs on a page of a locality's overlaps. */
    public static final int PAGE = 100;

    private final DatasetGraph dsg;
    private final AtlasIris iris;
    private final Consumer<Quad> sink;
    private final Graph union;
    private final DomainTree tree;
    private final Map<Node, Long> written = new HashMap<>();
    private long overlaps;
    private long observations;

    private Precomputed(DatasetGraph dsg, AtlasIris iris, Consumer<Quad> sink) {
        this.dsg = dsg;
        this.iris = iris;
        this.sink = sink;
        this.union = dsg.getUnionGraph();
        this.tree = DomainTree.over(union);
    }

    /** The graph of the overlapping pairs. */
    public static Node overlapsGraph(AtlasIris iris) {
        return iris.graph("overlaps");
    }

    /** The graph of the counts. */
    public static Node statisticsGraph(AtlasIris iris) {
        return iris.graph("statistics");
    }

    /** The graph of the newest guidance on each subject. */
    public static Node newestGuidanceGraph(AtlasIris iris) {
        return iris.graph("newest-guidance");
    }

    /** The graph of the gatekeeper's candidate summaries. */
    public static Node candidatesGraph(AtlasIris iris) {
        return iris.graph("candidates");
    }

    /** The graph of the guidance lists' pages. */
    public static Node guidancePagesGraph(AtlasIris iris) {
        return iris.graph("guidance-pages");
    }

    /** The graph of the problem domains' pages of best-practice cases. */
    public static Node casePagesGraph(AtlasIris iris) {
        return iris.graph("case-pages");
    }

    /** The graphs {@link #rebuild} replaces. */
    public static List<Node> graphs(AtlasIris iris) {
        return List.of(
                overlapsGraph(iris),
                statisticsGraph(iris),
                newestGuidanceGraph(iris),
                candidatesGraph(iris),
                guidancePagesGraph(iris),
                casePagesGraph(iris));
    }

    /**
     * Brings the candidate summaries of {@code localities} in step with the data (a gatekeeper decision calls it in
     * its write transaction); describes the graph afresh if anything changed. Returns true if anything changed.
     */
    public static boolean refreshCandidates(DatasetGraph dsg, AtlasIris iris, Collection<Node> localities) {
        if (!CandidateSummaries.refresh(dsg, iris, localities)) {
            return false;
        }
        Node graph = candidatesGraph(iris);
        long quads = dsg.stream(graph, Node.ANY, Node.ANY, Node.ANY).count();
        describe(dsg, iris, new Summary(0, 0, Map.of(graph, quads)), graph, CANDIDATES_TITLE);
        return true;
    }

    private static final String CANDIDATES_TITLE = "Each partnership in a locality as the gatekeeper compares it";

    /** Replaces the precomputed graphs with what the data in the other graphs gives; call in a write transaction. */
    public static Summary rebuild(DatasetGraph dsg, AtlasIris iris) {
        for (Node g : graphs(iris)) {
            dsg.deleteAny(g, Node.ANY, Node.ANY, Node.ANY);
        }
        // Quads are handed over a locality at a time, after its reads, so adding them here disturbs no iterator.
        Summary summary = compute(dsg, iris, dsg::add);
        describe(dsg, iris, summary);
        return summary;
    }

    /**
     * Computes the precomputed graphs from {@code dsg} (which must not hold them yet) and hands each quad to
     * {@code sink} once, a locality at a time; call in a transaction. A bulk load sends them to TDB2's bulk loader.
     */
    public static Summary compute(DatasetGraph dsg, AtlasIris iris, Consumer<Quad> sink) {
        Precomputed p = new Precomputed(dsg, iris, sink);
        p.overlapsAndLocalCounts();
        p.nationalCounts();
        p.newestGuidance();
        new GuidancePages(dsg, iris, guidancePagesGraph(iris)).compute(p::write);
        new CasePages(dsg, iris, casePagesGraph(iris)).compute(p::write);
        return new Summary(p.overlaps, p.observations, Map.copyOf(p.written));
    }

    /** Describes the precomputed graphs (VoID, PROV) in the provenance graph; call in a write transaction. */
    public static void describe(DatasetGraph dsg, AtlasIris iris, Summary summary) {
        describe(dsg, iris, summary, overlapsGraph(iris), "Overlapping pairs of partnerships in each locality");
        describe(
                dsg, iris, summary, statisticsGraph(iris), "Partnerships and guidance per problem domain and locality");
        describe(dsg, iris, summary, newestGuidanceGraph(iris), "The newest guidance on each problem domain");
        describe(dsg, iris, summary, candidatesGraph(iris), CANDIDATES_TITLE);
        describe(
                dsg,
                iris,
                summary,
                guidancePagesGraph(iris),
                "The guidance catalogue and the guidance newest first, in pages of " + GuidancePages.PAGE + " rows");
        describe(
                dsg,
                iris,
                summary,
                casePagesGraph(iris),
                "Each problem domain's best-practice cases, in pages of " + CasePages.PAGE + " rows");
    }

    /** Overlaps and the per-locality counts, one locality at a time. */
    private void overlapsAndLocalCounts() {
        Node overlapsGraph = overlapsGraph(iris);
        Node stats = statisticsGraph(iris);
        Node byDomainAndLocality = dataset(stats, "by-domain-and-locality", PA.byDomainAndLocality.asNode());
        Node byLocality = dataset(stats, "by-locality", PA.byLocality.asNode());
        CandidateSummaries summaries = new CandidateSummaries(union, iris);
        for (Node locality : LocalityPartnerships.localities(union)) {
            List<Partnership> partnerships = LocalityPartnerships.of(union, locality);
            List<Quad> quads = new ArrayList<>();
            Map<Node, List<String>> labels = LocalityPartnerships.labelCache();
            List<Ranked> ranked = new ArrayList<>();
            for (int i = 0; i < partnerships.size(); i++) {
                for (int j = i + 1; j < partnerships.size(); j++) {
                    overlap(partnerships.get(i), partnerships.get(j), locality, labels, overlapsGraph, quads, ranked);
                }
            }
            pages(locality, ranked, overlapsGraph, quads);
            summaries.firstIn(locality, partnerships, labels, quads);
            Map<Node, Integer> perDomain = new HashMap<>();
            for (Partnership p : partnerships) {
                for (Node d : ancestorsOrSelf(p.domains())) {
                    perDomain.merge(d, 1, Integer::sum);
                }
            }
            perDomain.forEach((domain, n) -> observation(
                    stats,
                    byDomainAndLocality,
                    "by-domain-and-locality/" + key(domain) + "/" + key(locality),
                    quads,
                    PA.problemDomain.asNode(),
                    domain,
                    QB.refArea.asNode(),
                    locality,
                    PA.partnershipCount.asNode(),
                    integer(n)));
            Node localityObservation = observation(
                    stats,
                    byLocality,
                    "by-locality/" + key(locality),
                    quads,
                    QB.refArea.asNode(),
                    locality,
                    PA.partnershipCount.asNode(),
                    integer(partnerships.size()));
            for (Partnership p : partnerships) {
                if (p.umbrella()) {
                    quads.add(Quad.create(stats, localityObservation, PA.localStrategicPartnership.asNode(), p.iri()));
                }
            }
            write(quads);
        }
    }

    /** A pair of a locality with what {@code overlapping-partnerships} orders it by. */
    private record Ranked(Node pair, int overlap, int domains, String aName, String bName) {}

    /** {@code overlapping-partnerships}' order: more shared, then more shared domains, then the names. */
    private static final Comparator<Ranked> RANK = Comparator.comparingInt((Ranked r) -> -r.overlap())
            .thenComparingInt(r -> -r.domains())
            .thenComparing(Ranked::aName)
            .thenComparing(Ranked::bName)
            .thenComparing(r -> r.pair().getURI());

    /** The locality's pairs in pages of {@link #PAGE}, in {@link #RANK} order. */
    private void pages(Node locality, List<Ranked> ranked, Node graph, List<Quad> quads) {
        ranked.sort(RANK);
        for (int first = 0, number = 1; first < ranked.size(); first += PAGE, number++) {
            Node page = NodeFactory.createURI(iris.idSpace() + "overlap-page/" + key(locality) + "/" + number);
            quads.add(Quad.create(graph, page, RDF.type.asNode(), PA.OverlapPage.asNode()));
            quads.add(Quad.create(graph, page, PA.pageOf.asNode(), locality));
            quads.add(Quad.create(graph, page, PA.pageNumber.asNode(), integer(number)));
            for (Ranked r : ranked.subList(first, Math.min(ranked.size(), first + PAGE))) {
                quads.add(Quad.create(graph, page, PA.pageItem.asNode(), r.pair()));
            }
        }
    }

    /**
     * Adds the overlap of {@code a} and {@code b} (a sorting first) in {@code locality}, if they share a domain, and
     * ranks it among the locality's pairs (when both have a name, as the query needs).
     */
    private void overlap(
            Partnership a,
            Partnership b,
            Node locality,
            Map<Node, List<String>> labels,
            Node graph,
            List<Quad> quads,
            List<Ranked> ranked) {
        // As the plain query: a shared domain is one partnership's domain when it is the other's or broader.
        Set<Node> sharedDomains = new HashSet<>();
        for (Node da : a.domains()) {
            for (Node db : b.domains()) {
                if (tree.isAncestorOrSelf(db, da)) {
                    sharedDomains.add(db);
                }
                if (!da.equals(db) && tree.isAncestorOrSelf(da, db)) {
                    sharedDomains.add(da);
                }
            }
        }
        List<Node> domains = labelled(sharedDomains, labels);
        if (domains.isEmpty()) {
            return;
        }
        Set<Node> common = new HashSet<>(a.members());
        common.retainAll(b.members());
        List<Node> members = labelled(common, labels);
        // A pair working together in several localities is written once, in the first of them, with all of them.
        Set<Node> shared = new TreeSet<>(LocalityPartnerships.BY_IRI);
        shared.addAll(a.localities());
        shared.retainAll(b.localities());
        Node o = overlapIri(a.iri(), b.iri());
        List<String> aNames = LocalityPartnerships.labels(union, a.iri(), labels);
        List<String> bNames = LocalityPartnerships.labels(union, b.iri(), labels);
        if (!aNames.isEmpty() && !bNames.isEmpty()) {
            ranked.add(new Ranked(o, domains.size() + members.size(), domains.size(), aNames.get(0), bNames.get(0)));
        }
        if (!shared.isEmpty() && !shared.iterator().next().equals(locality)) {
            return;
        }
        overlaps++;
        quads.add(Quad.create(graph, o, RDF.type.asNode(), PA.PartnershipOverlap.asNode()));
        shared.forEach(l -> quads.add(Quad.create(graph, o, DCTerms.spatial.asNode(), l)));
        quads.add(Quad.create(graph, o, PA.firstPartnership.asNode(), a.iri()));
        quads.add(Quad.create(graph, o, PA.secondPartnership.asNode(), b.iri()));
        quads.add(Quad.create(graph, o, PA.sharedDomainCount.asNode(), integer(domains.size())));
        quads.add(Quad.create(graph, o, PA.sharedMemberCount.asNode(), integer(members.size())));
        quads.add(Quad.create(graph, o, PA.sharedDomainLabels.asNode(), string(joinedLabels(domains, labels))));
        if (!members.isEmpty()) {
            quads.add(Quad.create(graph, o, PA.sharedMemberLabels.asNode(), string(joinedLabels(members, labels))));
        }
    }

    /** Partnerships and guidance documents per problem domain, nationally. */
    private void nationalCounts() {
        Map<Node, Integer> partnerships = new HashMap<>();
        for (Iterator<Triple> it = union.find(Node.ANY, RDF.type.asNode(), PA.Partnership.asNode()); it.hasNext(); ) {
            Node p = it.next().getSubject();
            for (Node d : ancestorsOrSelf(LocalityPartnerships.objects(union, p, ORG.purpose.asNode()))) {
                partnerships.merge(d, 1, Integer::sum);
            }
        }
        Map<Node, Integer> documents = new HashMap<>();
        Node government = PA.governmentPublication.asNode();
        for (Iterator<Triple> it = union.find(Node.ANY, government, Node.ANY); it.hasNext(); ) {
            Triple t = it.next();
            // Count each document once, however many values it has.
            if (!firstObject(t.getSubject(), government).equals(t.getObject())) {
                continue;
            }
            for (Node d :
                    ancestorsOrSelf(LocalityPartnerships.objects(union, t.getSubject(), DCTerms.subject.asNode()))) {
                documents.merge(d, 1, Integer::sum);
            }
        }
        Node stats = statisticsGraph(iris);
        List<Quad> quads = new ArrayList<>();
        Node byDomain = dataset(stats, "by-domain", PA.byDomain.asNode());
        Set<Node> domains = new TreeSet<>(LocalityPartnerships.BY_IRI);
        domains.addAll(partnerships.keySet());
        domains.addAll(documents.keySet());
        for (Node d : domains) {
            observation(
                    stats,
                    byDomain,
                    "by-domain/" + key(d),
                    quads,
                    PA.problemDomain.asNode(),
                    d,
                    PA.partnershipCount.asNode(),
                    integer(partnerships.getOrDefault(d, 0)),
                    PA.documentCount.asNode(),
                    integer(documents.getOrDefault(d, 0)));
        }
        write(quads);
    }

    /** The newest documents on each subject, a subject at a time in IRI order (so that dumps are stable). */
    private void newestGuidance() {
        Node graph = newestGuidanceGraph(iris);
        Map<Node, List<Node>> newest = new NewestGuidance(union).bySubject();
        List<Node> subjects = new ArrayList<>(newest.keySet());
        subjects.sort(LocalityPartnerships.BY_IRI);
        List<Quad> quads = new ArrayList<>();
        for (Node subject : subjects) {
            newest.get(subject).forEach(d -> quads.add(Quad.create(graph, subject, PA.newestGuidance.asNode(), d)));
        }
        write(quads);
    }

    private Node firstObject(Node s, Node p) {
        return union.find(s, p, Node.ANY).next().getObject();
    }

    private Set<Node> ancestorsOrSelf(Set<Node> domains) {
        Set<Node> all = new HashSet<>();
        domains.forEach(d -> all.addAll(tree.ancestorsOrSelf(d)));
        return all;
    }

    private List<Node> labelled(Set<Node> nodes, Map<Node, List<String>> labels) {
        List<Node> kept = new ArrayList<>();
        for (Node n : nodes) {
            if (!LocalityPartnerships.labels(union, n, labels).isEmpty()) {
                kept.add(n);
            }
        }
        kept.sort(LocalityPartnerships.BY_IRI);
        return kept;
    }

    private String joinedLabels(List<Node> nodes, Map<Node, List<String>> labels) {
        Set<String> all = new TreeSet<>();
        nodes.forEach(n -> all.addAll(LocalityPartnerships.labels(union, n, labels)));
        return String.join(SEPARATOR, all);
    }

    /** A qb:DataSet of the statistics graph, written once. */
    private Node dataset(Node graph, String name, Node structure) {
        Node ds = NodeFactory.createURI(iris.idSpace() + "statistics/" + name);
        write(List.of(
                Quad.create(graph, ds, RDF.type.asNode(), QB.DataSet.asNode()),
                Quad.create(graph, ds, QB.structure.asNode(), structure),
                Quad.create(
                        graph, ds, DCTerms.title.asNode(), NodeFactory.createLiteralLang(titleOf(structure), "en"))));
        return ds;
    }

    private String titleOf(Node structure) {
        Iterator<Triple> it = union.find(structure, RDFS.label.asNode(), Node.ANY);
        return it.hasNext() ? it.next().getObject().getLiteralLexicalForm() : LocalityPartnerships.str(structure);
    }

    /** An observation {@code {base}id/statistics/{path}} of {@code dataset} with the given property-value pairs. */
    private Node observation(Node graph, Node dataset, String path, List<Quad> quads, Node... propertyValues) {
        Node obs = NodeFactory.createURI(iris.idSpace() + "statistics/" + path);
        quads.add(Quad.create(graph, obs, RDF.type.asNode(), QB.Observation.asNode()));
        quads.add(Quad.create(graph, obs, QB.dataSet.asNode(), dataset));
        for (int i = 0; i < propertyValues.length; i += 2) {
            quads.add(Quad.create(graph, obs, propertyValues[i], propertyValues[i + 1]));
        }
        observations++;
        return obs;
    }

    private void write(List<Quad> quads) {
        // Each quad is made once (a pair seen again in another locality adds only its dcterms:spatial), so there
        // is no need to look each one up before adding it.
        for (Quad q : quads) {
            sink.accept(q);
            written.merge(q.getGraph(), 1L, Long::sum);
        }
    }

    /** {@code {base}id/overlap/{a}/{b}} from the partnerships' slugs, or a digest when they are not Atlas IRIs. */
    private Node overlapIri(Node a, Node b) {
        return NodeFactory.createURI(iris.idSpace() + "overlap/" + key(a) + "/" + key(b));
    }

    /**
     * A path segment naming a node: the slug of an Atlas IRI ({@code {base}id/{type}/{slug}}), or the first 32 hex
     * digits of the SHA-256 of anything else.
     */
    private String key(Node n) {
        return key(iris, n);
    }

    static String key(AtlasIris iris, Node n) {
        String s = LocalityPartnerships.str(n);
        if (n.isURI() && s.startsWith(iris.idSpace())) {
            String rest = s.substring(iris.idSpace().length());
            int slash = rest.indexOf('/');
            if (slash > 0 && AtlasIris.isSlug(rest.substring(slash + 1))) {
                return rest.substring(slash + 1);
            }
        }
        return "h" + digest(s);
    }

    private static String digest(String s) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java", e);
        }
    }

    /** The VoID and PROV description of a precomputed graph, in the provenance graph, replacing any earlier one. */
    private static void describe(DatasetGraph dsg, AtlasIris iris, Summary summary, Node graph, String title) {
        DerivedGraphs.describe(
                dsg,
                iris,
                graph,
                VOID.Dataset.asNode(),
                title,
                summary.quadsPerGraph().getOrDefault(graph, 0L),
                "Computed from the data at load");
    }

    private static Node integer(long n) {
        return NodeFactory.createLiteralDT(Long.toString(n), XSDDatatype.XSDinteger);
    }

    private static Node string(String s) {
        return NodeFactory.createLiteralString(s);
    }
}
