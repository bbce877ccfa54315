package org.partnershipatlas.queries.precomputed;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.jena.datatypes.xsd.XSDDatatype;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.graph.Triple;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.core.Quad;
import org.apache.jena.sparql.util.NodeCmp;
import org.apache.jena.vocabulary.RDF;
import org.apache.jena.vocabulary.RDFS;
import org.apache.jena.vocabulary.SKOS;
import org.apache.jena.vocabulary.VOID;
import org.partnershipatlas.ontology.AtlasIris;
import org.partnershipatlas.ontology.PA;
import org.partnershipatlas.ontology.Vocab.ORG;
import org.partnershipatlas.ontology.Vocab.QB;
import org.partnershipatlas.ontology.Vocab.SCHEMA;

/**
 * The whole-store statistics, computed at load and read by the library's questions about the whole store
 * ({@code term-usage}, {@code void-class-partitions}, {@code void-property-partitions}, {@code resource-counts},
 * {@code busiest-organisations}, {@code data-quality}; their plain forms under {@code plain/} ask the data):
 *
 * <pre>
 *   graph/store-statistics   VoID class and property partitions of the union of every other graph;
 *                            qb:Observation: partnerships per organisation for the busiest organisations, and
 *                            each data-quality finding
 * </pre>
 *
 * The counts come from one scan of the union that the load already makes for TDB2's optimizer statistics (or
 * {@link Counts#scan} where there is none); the graph describes itself and is left out of its own counts, as is the
 * change log's bookkeeping ({@link AtlasIris#CHANGE_LOG_GRAPH}, which every commit moves), so that its plain twins,
 * which ask every graph but these two, give the same answers.
 */
public final class StoreStatistics {
    /** The counts one scan of the union gives: its triples, triples per property and resources per class. */
    public record Counts(long triples, Map<Node, Long> triplesPerProperty, Map<Node, Long> entitiesPerClass) {
        /** Counts the triples of the union of {@code dsg}'s named graphs but the statistics graph, each once. */
        public static Counts scan(DatasetGraph dsg, AtlasIris iris) {
            Node self = graph(iris);
            Set<Triple> seen = new HashSet<>();
            Map<Node, Long> properties = new HashMap<>();
            Map<Node, Long> classes = new HashMap<>();
            for (Iterator<Quad> it = dsg.find(Node.ANY, Node.ANY, Node.ANY, Node.ANY); it.hasNext(); ) {
                Quad q = it.next();
                if (q.isDefaultGraph()
                        || q.getGraph().equals(self)
                        || q.getGraph().equals(AtlasIris.CHANGE_LOG_GRAPH)
                        || !seen.add(q.asTriple())) {
                    continue;
                }
                properties.merge(q.getPredicate(), 1L, Long::sum);
                if (q.getPredicate().equals(RDF.type.asNode())) {
                    classes.merge(q.getObject(), 1L, Long::sum);
                }
            }
            return new Counts(seen.size(), properties, classes);
        }

        /**
         * These counts of a scan of the whole union without the change log's bookkeeping (its head, which every
         * commit moves): each triple only that graph holds is taken off. Call in the scan's transaction.
         */
        public Counts withoutChangeLog(DatasetGraph dsg) {
            Map<Node, Long> properties = new HashMap<>(triplesPerProperty);
            Map<Node, Long> classes = new HashMap<>(entitiesPerClass);
            long total = triples;
            Node log = AtlasIris.CHANGE_LOG_GRAPH;
            for (Iterator<Quad> it = dsg.find(log, Node.ANY, Node.ANY, Node.ANY); it.hasNext(); ) {
                Quad q = it.next();
                boolean elsewhere = false;
                for (Iterator<Quad> o = dsg.find(Node.ANY, q.getSubject(), q.getPredicate(), q.getObject());
                        o.hasNext() && !elsewhere; ) {
                    Node g = o.next().getGraph();
                    elsewhere = !g.equals(log) && !Quad.isDefaultGraph(g);
                }
                if (!elsewhere) {
                    total--;
                    properties.computeIfPresent(q.getPredicate(), (k, n) -> n > 1 ? n - 1 : null);
                    if (q.getPredicate().equals(RDF.type.asNode())) {
                        classes.computeIfPresent(q.getObject(), (k, n) -> n > 1 ? n - 1 : null);
                    }
                }
            }
            return new Counts(total, properties, classes);
        }
    }

    /** What was written: class and property partitions, busiest organisations and findings. */
    public record Summary(int classes, int properties, int organisations, int findings) {}

    /** How many rows the library's {@code busiest-organisations} answers. */
    static final int BUSIEST = 25;

    private static final Node LEAD = NodeFactory.createLiteralString("lead-body");
    private static final Node ACCOUNTABLE = NodeFactory.createLiteralString("accountable-body");
    private static final Node LSP = NodeFactory.createLiteralString("LSP");

    private StoreStatistics() {}

    /** The graph of the whole-store statistics. */
    public static Node graph(AtlasIris iris) {
        return iris.graph("store-statistics");
    }

    /** Removes the statistics, so that a scan of the store leaves them out; call in a write transaction. */
    public static void clear(DatasetGraph dsg, AtlasIris iris) {
        dsg.deleteAny(graph(iris), Node.ANY, Node.ANY, Node.ANY);
    }

    /**
     * Writes the statistics from the counts of a scan of the store without them (see {@link #clear}) and from the
     * store itself; call in the same write transaction as the scan.
     */
    public static Summary write(DatasetGraph dsg, AtlasIris iris, Counts counts) {
        Graph union = dsg.getUnionGraph();
        Node g = graph(iris);
        List<Quad> quads = new ArrayList<>();
        quads.add(Quad.create(g, g, RDF.type.asNode(), VOID.Dataset.asNode()));
        quads.add(Quad.create(
                g,
                g,
                RDFS.label.asNode(),
                NodeFactory.createLiteralLang("Whole-store statistics, computed at load", "en")));
        Node store = node(iris, "store");
        quads.add(Quad.create(g, store, RDF.type.asNode(), VOID.Dataset.asNode()));
        quads.add(Quad.create(g, store, VOID.triples.asNode(), integer(counts.triples())));
        counts.entitiesPerClass().forEach((c, n) -> {
            Node partition = node(iris, "class/" + digest(c));
            quads.add(Quad.create(g, store, VOID.classPartition.asNode(), partition));
            quads.add(Quad.create(g, partition, VOID._class.asNode(), c));
            quads.add(Quad.create(g, partition, VOID.entities.asNode(), integer(n)));
        });
        counts.triplesPerProperty().forEach((p, n) -> {
            Node partition = node(iris, "property/" + digest(p));
            quads.add(Quad.create(g, store, VOID.propertyPartition.asNode(), partition));
            quads.add(Quad.create(g, partition, VOID.property.asNode(), p));
            quads.add(Quad.create(g, partition, VOID.triples.asNode(), integer(n)));
        });
        int organisations = busiestOrganisations(union, iris, g, quads);
        int findings = dataQuality(union, iris, g, quads);
        quads.forEach(dsg::add);
        return new Summary(
                counts.entitiesPerClass().size(), counts.triplesPerProperty().size(), organisations, findings);
    }

    /**
     * The organisations of the first rows of {@code busiest-organisations} (partnerships per organisation and name,
     * most first, then by name), each with its count: the library's question orders and cuts these as the plain one
     * orders and cuts them all.
     */
    private static int busiestOrganisations(Graph union, AtlasIris iris, Node g, List<Quad> quads) {
        Map<Node, Set<Node>> partnerships = new HashMap<>();
        for (Iterator<Triple> it = union.find(Node.ANY, ORG.organization.asNode(), Node.ANY); it.hasNext(); ) {
            Triple t = it.next();
            Node membership = t.getSubject();
            if (!union.contains(membership, RDF.type.asNode(), ORG.Membership.asNode())) {
                continue;
            }
            for (Iterator<Triple> m = union.find(membership, ORG.member.asNode(), Node.ANY); m.hasNext(); ) {
                partnerships
                        .computeIfAbsent(m.next().getObject(), o -> new HashSet<>())
                        .add(t.getObject());
            }
        }
        record Row(Node organisation, Node name, long partnerships) {}
        List<Node> byCount = new ArrayList<>(partnerships.keySet());
        byCount.sort(
                Comparator.comparingInt((Node o) -> partnerships.get(o).size()).reversed());
        List<Row> rows = new ArrayList<>();
        long cut = -1;
        for (Node o : byCount) {
            long n = partnerships.get(o).size();
            // Every organisation as busy as the last of the first rows may take its place by name.
            if (rows.size() >= BUSIEST && n < cut) {
                break;
            }
            for (Iterator<Triple> names = union.find(o, SKOS.prefLabel.asNode(), Node.ANY); names.hasNext(); ) {
                rows.add(new Row(o, names.next().getObject(), n));
            }
            if (rows.size() >= BUSIEST && cut < 0) {
                cut = n;
            }
        }
        rows.sort(Comparator.comparingLong(Row::partnerships)
                .reversed()
                .thenComparing(Row::name, NodeCmp::compareRDFTerms));
        Set<Node> kept = new HashSet<>();
        rows.stream().limit(BUSIEST).forEach(r -> kept.add(r.organisation()));
        Node dataset = dataset(iris, g, "busiest-organisations", PA.byOrganisation.asNode(), quads);
        List<Node> sorted = new ArrayList<>(kept);
        sorted.sort(NodeCmp::compareRDFTerms);
        for (Node o : sorted) {
            Node obs = node(iris, "busiest-organisations/" + digest(o));
            quads.add(Quad.create(g, obs, RDF.type.asNode(), QB.Observation.asNode()));
            quads.add(Quad.create(g, obs, QB.dataSet.asNode(), dataset));
            quads.add(Quad.create(g, obs, PA.organisation.asNode(), o));
            quads.add(Quad.create(
                    g,
                    obs,
                    PA.partnershipCount.asNode(),
                    integer(partnerships.get(o).size())));
        }
        return sorted.size();
    }

    /**
     * Each finding of {@code data-quality} but the partnership's name (which the question joins): a partnership
     * that is not an LSP with no umbrella (once for each classification that is not LSP), one with no lead or
     * accountable body, one with an end date (once for each).
     */
    private static int dataQuality(Graph union, AtlasIris iris, Node g, List<Quad> quads) {
        record Finding(Node partnership, String problem, String detail) {}
        List<Finding> findings = new ArrayList<>();
        for (Iterator<Triple> it = union.find(Node.ANY, RDF.type.asNode(), PA.Partnership.asNode()); it.hasNext(); ) {
            Node p = it.next().getSubject();
            if (!union.contains(p, PA.umbrellaPartnership.asNode(), Node.ANY)) {
                for (Iterator<Triple> c = union.find(p, ORG.classification.asNode(), Node.ANY); c.hasNext(); ) {
                    if (!union.contains(c.next().getObject(), SKOS.notation.asNode(), LSP)) {
                        findings.add(new Finding(p, "no umbrella LSP", ""));
                    }
                }
            }
            if (!hasLeadOrAccountableBody(union, p)) {
                findings.add(new Finding(p, "no lead or accountable body", ""));
            }
            for (Iterator<Triple> e = union.find(p, SCHEMA.dissolutionDate.asNode(), Node.ANY); e.hasNext(); ) {
                Node end = e.next().getObject();
                findings.add(new Finding(p, "ended", LocalityPartnerships.str(end)));
            }
        }
        findings.sort(Comparator.comparing(Finding::problem)
                .thenComparing(f -> LocalityPartnerships.str(f.partnership()))
                .thenComparing(Finding::detail));
        Node dataset = dataset(iris, g, "data-quality", PA.dataQuality.asNode(), quads);
        Map<String, Integer> numbers = new TreeMap<>();
        for (Finding f : findings) {
            String key = digest(f.partnership()) + "-" + digest(NodeFactory.createLiteralString(f.problem()));
            int n = numbers.merge(key, 1, Integer::sum);
            Node obs = node(iris, "data-quality/" + key + "-" + n);
            quads.add(Quad.create(g, obs, RDF.type.asNode(), QB.Observation.asNode()));
            quads.add(Quad.create(g, obs, QB.dataSet.asNode(), dataset));
            quads.add(Quad.create(g, obs, PA.partnership.asNode(), f.partnership()));
            quads.add(
                    Quad.create(g, obs, PA.dataQualityProblem.asNode(), NodeFactory.createLiteralString(f.problem())));
            quads.add(Quad.create(g, obs, PA.problemDetail.asNode(), NodeFactory.createLiteralString(f.detail())));
        }
        return findings.size();
    }

    /** Whether a membership of the partnership has a role noted "lead-body" or "accountable-body". */
    private static boolean hasLeadOrAccountableBody(Graph union, Node partnership) {
        for (Iterator<Triple> m = union.find(Node.ANY, ORG.organization.asNode(), partnership); m.hasNext(); ) {
            for (Iterator<Triple> r = union.find(m.next().getSubject(), ORG.role.asNode(), Node.ANY); r.hasNext(); ) {
                Node role = r.next().getObject();
                if (union.contains(role, SKOS.notation.asNode(), LEAD)
                        || union.contains(role, SKOS.notation.asNode(), ACCOUNTABLE)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static Node dataset(AtlasIris iris, Node g, String name, Node structure, List<Quad> quads) {
        Node ds = node(iris, name);
        quads.add(Quad.create(g, ds, RDF.type.asNode(), QB.DataSet.asNode()));
        quads.add(Quad.create(g, ds, QB.structure.asNode(), structure));
        return ds;
    }

    private static Node node(AtlasIris iris, String path) {
        return NodeFactory.createURI(iris.idSpace() + "statistics/" + path);
    }

    private static Node integer(long n) {
        return NodeFactory.createLiteralDT(Long.toString(n), XSDDatatype.XSDinteger);
    }

    /** The first 32 hex digits of the SHA-256 of a node's text. */
    private static String digest(Node n) {
        try {
            byte[] hash =
                    MessageDigest.getInstance("SHA-256").digest(n.toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java", e);
        }
    }
}
