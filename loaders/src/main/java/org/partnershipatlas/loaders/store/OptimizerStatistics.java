package org.partnershipatlas.loaders.store;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import org.apache.jena.atlas.lib.tuple.Tuple;
import org.apache.jena.graph.Node;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.engine.optimizer.StatsMatcher;
import org.apache.jena.sparql.sse.Item;
import org.apache.jena.sparql.sse.ItemList;
import org.apache.jena.sparql.sse.ItemWriter;
import org.apache.jena.sparql.util.NodeCmp;
import org.apache.jena.sparql.util.NodeFactoryExtra;
import org.apache.jena.system.Txn;
import org.apache.jena.tdb2.solver.stats.Stats;
import org.apache.jena.tdb2.solver.stats.StatsCollectorNodeId;
import org.apache.jena.tdb2.solver.stats.StatsResults;
import org.apache.jena.tdb2.store.DatasetGraphTDB;
import org.apache.jena.tdb2.store.NodeId;
import org.apache.jena.tdb2.store.nodetable.NodeTable;
import org.apache.jena.tdb2.sys.TDBInternal;
import org.apache.jena.vocabulary.RDF;
import org.partnershipatlas.loaders.bulk.LongHashSet;
import org.partnershipatlas.queries.precomputed.StoreStatistics;

/**
 * Writes the statistics TDB2's query optimizer reads ({@code stats.opt} in the database's data folder) for the
 * union of the named graphs, which is what the Atlas queries, so that it orders a query's patterns by how many
 * matches each has rather than by their shape alone. TDB2 reads the file when the store is opened; the bulk load
 * writes it into the new store before swapping it in.
 *
 * <p>Beyond what {@code tdb2.tdbstats} writes (each predicate's count and each class's), it gives the optimizer, for
 * every predicate, the average number of objects per subject and of subjects per object, and for predicates with few
 * objects (roles, classifications, sectors, subjects, places) the count for each object. Without these TDB2 guesses
 * that any pattern with a fixed object, such as {@code ?m org:role <lead-body>}, matches ten triples, and a query
 * that starts from two such patterns joins every lead-body membership with every other (issue 22's question).
 */
public final class OptimizerStatistics {
    /** The file name TDB2 looks for. */
    public static final String FILE = "stats.opt";

    /** Predicates with at most this many distinct objects get a count per object. */
    static final int FEW_OBJECTS = 1000;

    /** The entry of the file's {@code meta} that says who wrote it (TDB2 ignores it): {@code (source atlas)}. */
    static final String SOURCE = "source";

    static final String ATLAS = "atlas";

    private OptimizerStatistics() {}

    /**
     * True if statistics (as read from {@code stats.opt}) were written by {@link #write}, so {@link AtlasReorder} may
     * use them; false for TDB2's own ({@link #writeTdb2Baseline}, {@code tdb2.tdbstats}).
     */
    static boolean writtenByAtlas(Item stats) {
        if (!stats.isTagged(StatsMatcher.STATS) || stats.getList().size() < 2) {
            return false;
        }
        Item meta = stats.getList().get(1);
        if (!meta.isTagged(StatsMatcher.META)) {
            return false;
        }
        Item source = Item.find(meta.getList(), SOURCE);
        return source != null
                && source.getList().size() == 2
                && source.getList().get(1).isSymbol(ATLAS);
    }

    /** Gathers the statistics and writes them; returns the file. */
    public static Path write(DatasetGraph dsg) {
        writeAndCount(dsg, null);
        return Path.of(TDBInternal.getDatasetGraphTDB(dsg).getLocation().getDirectoryPath())
                .resolve(FILE);
    }

    /**
     * Writes the same statistics without the mark that has the store run with {@link AtlasReorder}, so TDB2 orders
     * patterns with Jena's own weighted reorder on them: the state before the Atlas's reorder, which the benchmarks
     * measure it against. Returns the file.
     */
    public static Path writeForJenaReorder(DatasetGraph dsg) {
        DatasetGraphTDB tdb = TDBInternal.getDatasetGraphTDB(dsg);
        Item stats = Txn.calculateRead(dsg, () -> gather(tdb, null).toItem(false));
        return replace(tdb, out -> ItemWriter.write(out, stats));
    }

    /**
     * Gathers the statistics and writes them (marked as the Atlas's, so the store runs with {@link AtlasReorder}),
     * and returns what the whole-store statistics take from the same scan (triples, triples per property, resources
     * per class, and the subjects in {@code idSpace}, if given: {@link StoreStatistics.Counts}).
     */
    public static StoreStatistics.Counts writeAndCount(DatasetGraph dsg, String idSpace) {
        DatasetGraphTDB tdb = TDBInternal.getDatasetGraphTDB(dsg);
        Gathered gathered = Txn.calculateRead(dsg, () -> gather(tdb, idSpace));
        Item stats = gathered.toItem(true);
        replace(tdb, out -> ItemWriter.write(out, stats));
        return gathered.counts();
    }

    /**
     * Writes in place of the Atlas's statistics what {@code tdb2.tdbstats} gathers, for the union of the named graphs
     * (each predicate's count and each class's, nothing per object): the baseline the benchmarks measure the Atlas's
     * statistics against. Returns the file.
     */
    public static Path writeTdb2Baseline(DatasetGraph dsg) {
        DatasetGraphTDB tdb = TDBInternal.getDatasetGraphTDB(dsg);
        StatsResults results = Txn.calculateRead(dsg, () -> {
            StatsCollectorNodeId collector = new StatsCollectorNodeId(
                    tdb.getQuadTable().getNodeTupleTable().getNodeTable());
            Iterator<Tuple<NodeId>> quads = UnionScan.tuples(tdb);
            while (quads.hasNext()) {
                Tuple<NodeId> t = quads.next();
                collector.record(t.get(0), t.get(1), t.get(2), t.get(3));
            }
            return collector.results();
        });
        return replace(tdb, out -> Stats.write(out, results));
    }

    /** Writes the store's statistics file beside it and moves it into place, so TDB2 never reads half a file. */
    private static Path replace(DatasetGraphTDB tdb, Consumer<OutputStream> writer) {
        Path file = Path.of(tdb.getLocation().getDirectoryPath()).resolve(FILE);
        Path partial = file.resolveSibling(FILE + ".partial");
        try (OutputStream out = Files.newOutputStream(partial)) {
            writer.accept(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }

    /** One streaming pass over the union, in subject order (so each subject's triples of a predicate are adjacent). */
    static Gathered gather(DatasetGraphTDB tdb, String idSpace) {
        NodeTable nodes = tdb.getQuadTable().getNodeTupleTable().getNodeTable();
        Map<NodeId, PredicateCounts> byPredicate = new HashMap<>();
        long total = 0;
        long entities = 0;
        NodeId lastSubject = null;
        NodeId lastPredicate = null;
        // Every class keeps its count, however many there are: the whole-store statistics list them all.
        NodeId type = nodes.getNodeIdForNode(RDF.type.asNode());
        Iterator<Tuple<NodeId>> quads = UnionScan.tuples(tdb);
        while (quads.hasNext()) {
            Tuple<NodeId> t = quads.next();
            NodeId s = t.get(1);
            NodeId p = t.get(2);
            PredicateCounts counts = byPredicate.computeIfAbsent(p, k -> new PredicateCounts(p.equals(type)));
            counts.record(t.get(3), !(s.equals(lastSubject) && p.equals(lastPredicate)));
            if (idSpace != null && !s.equals(lastSubject)) {
                // Subject order: each subject is met once here, and only its node is read (a look-up each: 25 s for
                // the million subjects of the national store; the node table's own walk is in hash order).
                Node subject = nodes.getNodeForNodeId(s);
                if (subject.isURI() && subject.getURI().startsWith(idSpace)) {
                    entities++;
                }
            }
            lastSubject = s;
            lastPredicate = p;
            total++;
        }
        Map<Node, PredicateCounts> named = new TreeMap<>(NodeCmp::compareRDFTerms);
        byPredicate.forEach((id, counts) -> named.put(nodes.getNodeForNodeId(id), counts.resolve(nodes)));
        return new Gathered(total, named, entities);
    }

    /** What one pass found. */
    record Gathered(long total, Map<Node, PredicateCounts> predicates, long entities) {
        /** What the whole-store statistics take from the scan. */
        StoreStatistics.Counts counts() {
            Map<Node, Long> properties = new HashMap<>();
            predicates.forEach((p, c) -> properties.put(p, c.triples));
            PredicateCounts types = predicates.get(RDF.type.asNode());
            return new StoreStatistics.Counts(
                    total, properties, types == null ? Map.of() : Map.copyOf(types.objectCounts()), entities);
        }

        /**
         * The statistics in TDB2's format. Within a predicate, TDB2 takes the first rule that matches a pattern, so
         * the rules for a bound subject and for each fixed object come before the general ones.
         */
        Item toItem(boolean mark) {
            Item stats = Item.createList();
            ItemList list = stats.getList();
            list.add(StatsMatcher.STATS);
            Item meta = Item.createTagged(StatsMatcher.META);
            pair(meta.getList(), Item.createSymbol(StatsMatcher.COUNT), count(total));
            if (mark) {
                pair(meta.getList(), Item.createSymbol(SOURCE), Item.createSymbol(ATLAS));
            }
            list.add(meta);
            predicates.forEach((predicate, counts) -> {
                if (predicate.getURI().startsWith("http://www.w3.org/1999/02/22-rdf-syntax-ns#_")) {
                    return;
                }
                pair(list, pattern("TERM", predicate, Item.createSymbol("VAR")), count(counts.perSubject()));
                counts.objectCounts()
                        .forEach((object, n) ->
                                pair(list, pattern("VAR", predicate, Item.createNode(object)), count(n)));
                pair(list, pattern("VAR", predicate, Item.createSymbol("TERM")), count(counts.perObject()));
                pair(list, Item.createNode(predicate), count(counts.triples));
            });
            pair(list, Item.createSymbol("other"), count(0));
            return stats;
        }

        private static Item pattern(String subject, Node predicate, Item object) {
            ItemList triple = new ItemList();
            triple.add(Item.createSymbol(subject));
            triple.add(Item.createNode(predicate));
            triple.add(object);
            return Item.createList(triple);
        }

        private static Item count(long n) {
            return Item.createNode(NodeFactoryExtra.intToNode(n));
        }

        private static void pair(ItemList list, Item key, Item value) {
            ItemList pair = new ItemList();
            pair.add(key);
            pair.add(value);
            list.add(Item.createList(pair));
        }
    }

    /** The counts of one predicate: triples, distinct subjects and objects, and triples per object while few. */
    static final class PredicateCounts {
        private final boolean keepEveryObject;
        long triples;
        long subjects;
        private final LongHashSet objects = new LongHashSet();
        private Map<NodeId, long[]> perObjectIds = new HashMap<>();
        private Map<Node, Long> perObject = Map.of();

        PredicateCounts(boolean keepEveryObject) {
            this.keepEveryObject = keepEveryObject;
        }

        void record(NodeId object, boolean newSubject) {
            triples++;
            if (newSubject) {
                subjects++;
            }
            objects.add(key(object));
            if (perObjectIds != null) {
                perObjectIds.computeIfAbsent(object, k -> new long[1])[0]++;
                if (perObjectIds.size() > FEW_OBJECTS && !keepEveryObject) {
                    perObjectIds = null;
                }
            }
        }

        PredicateCounts resolve(NodeTable nodes) {
            if (perObjectIds != null) {
                Map<Node, Long> named = new TreeMap<>(NodeCmp::compareRDFTerms);
                perObjectIds.forEach((id, n) -> named.put(nodes.getNodeForNodeId(id), n[0]));
                perObject = named;
                perObjectIds = null;
            }
            return this;
        }

        long perSubject() {
            return Math.max(1, Math.round((double) triples / Math.max(1, subjects)));
        }

        long perObject() {
            return Math.max(1, Math.round((double) triples / Math.max(1, objects.size())));
        }

        Map<Node, Long> objectCounts() {
            return perObject;
        }

        /** A node id as one long: its type in the top byte, its value or file position below. */
        private static long key(NodeId id) {
            return ((long) id.getTypeValue() << 56) | (id.getPtrLocation() & 0x00FF_FFFF_FFFF_FFFFL);
        }
    }
}
