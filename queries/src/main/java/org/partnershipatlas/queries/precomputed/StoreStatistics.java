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
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.apache.jena.atlas.iterator.Iter;
import org.apache.jena.datatypes.xsd.XSDDatatype;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.graph.Triple;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.core.DatasetGraphWrapper;
import org.apache.jena.sparql.core.Quad;
import org.apache.jena.sparql.util.NodeCmp;
import org.apache.jena.tdb2.sys.TDBInternal;
import org.apache.jena.vocabulary.RDF;
import org.apache.jena.vocabulary.RDFS;
import org.apache.jena.vocabulary.SKOS;
import org.apache.jena.vocabulary.VOID;
import org.partnershipatlas.ontology.AtlasIris;
import org.partnershipatlas.ontology.PA;
import org.partnershipatlas.ontology.Vocab.ORG;
import org.partnershipatlas.ontology.Vocab.PROV;
import org.partnershipatlas.ontology.Vocab.QB;
import org.partnershipatlas.ontology.Vocab.SCHEMA;
import org.partnershipatlas.ontology.Vocab.SD;

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
    public record Counts(
            long triples, Map<Node, Long> triplesPerProperty, Map<Node, Long> entitiesPerClass, long entities) {
        /**
         * Counts the triples of the union of {@code dsg}'s named graphs but the statistics graph, each once, and the
         * subjects in the Atlas's id space.
         */
        public static Counts scan(DatasetGraph dsg, AtlasIris iris) {
            Node self = graph(iris);
            Set<Triple> seen = new HashSet<>();
            Set<Node> subjects = new HashSet<>();
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
                if (inIdSpace(q.getSubject(), iris)) {
                    subjects.add(q.getSubject());
                }
            }
            return new Counts(seen.size(), properties, classes, subjects.size());
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
            // The change log's head is no resource of the Atlas's id space: the subjects stay as counted.
            return new Counts(total, properties, classes, entities);
        }
    }

    /**
     * What the dataset's description (VoID) counts, kept by the last load: the triples of each graph a load made,
     * with the activities that made it (its {@code prov:wasGeneratedBy} in the provenance graph then), the triples
     * of this graph itself, and how many resources of the Atlas's id space are subjects in the graphs a load made.
     * Graphs written between loads (no such activity: gatekeeper decisions, link checks, the provenance and ontology
     * graphs, the change log's head) are small and are counted when asked, as are the resources only they name
     * ({@link #entitiesOnlyIn}). Each count is kept in this graph as an {@code sd:NamedGraph} ({@code sd:name} the
     * graph, {@code void:triples}, {@code prov:wasInfluencedBy} the activities that made it).
     */
    public record GraphCounts(Map<Node, Long> triples, Map<Node, Set<Node>> madeBy, long entitiesOfLoadedGraphs) {}

    /** The counts the last load kept, or empty if the statistics were written before they were kept. */
    public static Optional<GraphCounts> graphCounts(DatasetGraph dsg, AtlasIris iris) {
        Node g = graph(iris);
        List<Quad> entities = Iter.toList(dsg.find(g, node(iris, LOADED), VOID.entities.asNode(), Node.ANY));
        if (entities.isEmpty()) {
            return Optional.empty();
        }
        Map<Node, Long> triples = new HashMap<>();
        Map<Node, Set<Node>> madeBy = new HashMap<>();
        dsg.find(g, Node.ANY, SD.name.asNode(), Node.ANY).forEachRemaining(named -> {
            Node described = named.getSubject();
            Node graph = named.getObject();
            dsg.find(g, described, VOID.triples.asNode(), Node.ANY)
                    .forEachRemaining(q -> triples.put(graph, number(q.getObject())));
            Set<Node> activities = madeBy.computeIfAbsent(graph, k -> new HashSet<>());
            dsg.find(g, described, PROV.wasInfluencedBy.asNode(), Node.ANY)
                    .forEachRemaining(q -> activities.add(q.getObject()));
        });
        dsg.find(g, g, VOID.triples.asNode(), Node.ANY).forEachRemaining(q -> triples.put(g, number(q.getObject())));
        return Optional.of(
                new GraphCounts(triples, madeBy, number(entities.get(0).getObject())));
    }

    private static long number(Node literal) {
        return ((Number) literal.getLiteralValue()).longValue();
    }

    /** The activities the provenance graph says made a graph (empty for a graph written between loads). */
    public static Set<Node> madeBy(DatasetGraph dsg, AtlasIris iris, Node graph) {
        Set<Node> out = new HashSet<>();
        dsg.find(iris.provenanceGraph(), graph, PROV.wasGeneratedBy.asNode(), Node.ANY)
                .forEachRemaining(q -> out.add(q.getObject()));
        return out;
    }

    /**
     * How many resources of the Atlas's id space are subjects in {@code graphs} and in no other named graph: what the
     * graphs written between loads add to the resources the loaded graphs name.
     */
    public static long entitiesOnlyIn(DatasetGraph dsg, Set<Node> graphs, AtlasIris iris) {
        Set<Node> seen = new HashSet<>();
        long n = 0;
        for (Node g : graphs) {
            for (Iterator<Quad> it = dsg.find(g, Node.ANY, Node.ANY, Node.ANY); it.hasNext(); ) {
                Node s = it.next().getSubject();
                if (!inIdSpace(s, iris) || !seen.add(s)) {
                    continue;
                }
                boolean elsewhere = false;
                for (Iterator<Quad> o = dsg.find(Node.ANY, s, Node.ANY, Node.ANY); o.hasNext() && !elsewhere; ) {
                    Node in = o.next().getGraph();
                    elsewhere = !Quad.isDefaultGraph(in) && !graphs.contains(in);
                }
                if (!elsewhere) {
                    n++;
                }
            }
        }
        return n;
    }

    /**
     * How many quads a graph holds, counted: in a TDB2 store by reading one index's node ids only (no node is looked
     * up: 8.9 million quads took 100 s as nodes).
     */
    public static long size(DatasetGraph dsg, Node graph) {
        DatasetGraph base = unwrapped(dsg);
        Iterator<?> it = TDBInternal.isTDB2(base) && !Quad.isDefaultGraph(graph)
                ? TDBInternal.getDatasetGraphTDB(base)
                        .getQuadTable()
                        .getNodeTupleTable()
                        .findAsNodeIds(graph, Node.ANY, Node.ANY, Node.ANY)
                : dsg.find(graph, Node.ANY, Node.ANY, Node.ANY);
        long n = 0;
        for (; it != null && it.hasNext(); it.next()) {
            n++;
        }
        return n;
    }

    /** The dataset a wrapper (the change log's view of the store) writes to. */
    private static DatasetGraph unwrapped(DatasetGraph dsg) {
        DatasetGraph at = dsg;
        while (at instanceof DatasetGraphWrapper wrapper && !TDBInternal.isTDB2(at)) {
            at = wrapper.getWrapped();
        }
        return at;
    }

    static boolean inIdSpace(Node n, AtlasIris iris) {
        return n.isURI() && n.getURI().startsWith(iris.idSpace());
    }

    private static final String LOADED = "loaded-graphs";

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
        graphCounts(dsg, iris, counts, quads);
        quads.forEach(dsg::add);
        // This graph's own size, this triple included: it changes only when a load writes it again.
        dsg.add(g, g, VOID.triples.asNode(), integer(size(dsg, g) + 1));
        return new Summary(
                counts.entitiesPerClass().size(), counts.triplesPerProperty().size(), organisations, findings);
    }

    /** The triples of each graph a load made, with the activities that made it, and the resources they name. */
    private static void graphCounts(DatasetGraph dsg, AtlasIris iris, Counts counts, List<Quad> quads) {
        Node g = graph(iris);
        Set<Node> betweenLoads = new HashSet<>();
        for (Iterator<Node> it = dsg.listGraphNodes(); it.hasNext(); ) {
            Node graph = it.next();
            if (graph.equals(g)) {
                continue;
            }
            Set<Node> madeBy = madeBy(dsg, iris, graph);
            if (madeBy.isEmpty()) {
                betweenLoads.add(graph);
                continue;
            }
            Node described = node(iris, "graph/" + digest(graph));
            quads.add(Quad.create(g, described, RDF.type.asNode(), SD.NamedGraph.asNode()));
            quads.add(Quad.create(g, described, SD.name.asNode(), graph));
            quads.add(Quad.create(g, described, VOID.triples.asNode(), integer(size(dsg, graph))));
            madeBy.forEach(a -> quads.add(Quad.create(g, described, PROV.wasInfluencedBy.asNode(), a)));
        }
        Node loaded = node(iris, LOADED);
        quads.add(Quad.create(g, loaded, RDF.type.asNode(), VOID.Dataset.asNode()));
        quads.add(Quad.create(
                g,
                loaded,
                RDFS.comment.asNode(),
                NodeFactory.createLiteralLang(
                        "The graphs a load made, and this one: the resources of the Atlas's id space they name",
                        "en")));
        // This graph's own resources (all in the id space, named nowhere else) count with the loaded graphs': it
        // changes only when a load writes it again.
        Set<Node> own = new HashSet<>();
        quads.forEach(q -> {
            if (inIdSpace(q.getSubject(), iris)
                    && !dsg.find(Node.ANY, q.getSubject(), Node.ANY, Node.ANY).hasNext()) {
                own.add(q.getSubject());
            }
        });
        own.add(loaded);
        quads.add(Quad.create(
                g,
                loaded,
                VOID.entities.asNode(),
                integer(counts.entities() - entitiesOnlyIn(dsg, betweenLoads, iris) + own.size())));
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
