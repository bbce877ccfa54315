package org.partnershipatlas.loaders.validate;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import org.apache.jena.atlas.iterator.Iter;
import org.apache.jena.atlas.lib.tuple.Tuple;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.Triple;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.core.Quad;
import org.apache.jena.tdb2.store.DatasetGraphTDB;
import org.apache.jena.tdb2.store.NodeId;
import org.apache.jena.tdb2.store.nodetable.NodeTable;
import org.apache.jena.tdb2.store.nodetupletable.NodeTupleTable;
import org.apache.jena.tdb2.sys.TDBInternal;

/**
 * Reading by subject off the store's indexes. On TDB2 quads are read as node ids, and only the nodes needed are
 * made nodes (through a small cache of their own for the IRIs that recur), which costs much less than reading
 * quads, whose every node goes through the store's shared node cache.
 */
final class Subjects {
    /** The most IRIs and blank nodes a reader keeps decoded. */
    private static final int DECODED = 50_000;

    private Subjects() {}

    /**
     * The distinct subjects of one named graph, in index order, streamed; on TDB2 only each new subject is
     * decoded, not the graph's literals (most of its bytes). Call inside a transaction on {@code dsg}.
     */
    static Iterator<Node> of(DatasetGraph dsg, Node graphName) {
        DatasetGraphTDB tdb = TDBInternal.getDatasetGraphTDB(dsg);
        if (tdb == null) {
            return Iter.iter(dsg.find(graphName, Node.ANY, Node.ANY, Node.ANY))
                    .map(Quad::getSubject)
                    .distinctAdjacent();
        }
        NodeTupleTable quads = tdb.getQuadTable().getNodeTupleTable();
        NodeTable nodes = quads.getNodeTable();
        Iterator<Tuple<NodeId>> ids = quads.findAsNodeIds(graphName, Node.ANY, Node.ANY, Node.ANY);
        if (ids == null) {
            return Iter.nullIterator();
        }
        // Quads come as (graph, subject, predicate, object), off the graph-first index: a subject's are together.
        return Iter.iter(ids).map(quad -> quad.get(1)).distinctAdjacent().map(nodes::getNodeForNodeId);
    }

    /**
     * A function giving all triples of a subject in the union of the named graphs, the same and in the same order
     * as {@code dsg.getUnionGraph().find(subject, ANY, ANY)} gives them (off the subject-first index, a triple in
     * several graphs once); null if {@code dsg} is not TDB2. Use it inside a transaction on {@code dsg}, from one
     * thread.
     */
    static Function<Node, Iterator<Triple>> unionReader(DatasetGraph dsg) {
        DatasetGraphTDB tdb = TDBInternal.getDatasetGraphTDB(dsg);
        if (tdb == null) {
            return null;
        }
        NodeTupleTable quads = tdb.getQuadTable().getNodeTupleTable();
        NodeTable nodes = quads.getNodeTable();
        Map<NodeId, Node> decoded = new LinkedHashMap<>(1 << 12, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<NodeId, Node> eldest) {
                return size() > DECODED;
            }
        };
        Function<NodeId, Node> decode = id -> {
            if (id.isInline()) {
                return nodes.getNodeForNodeId(id);
            }
            Node node = decoded.get(id);
            if (node == null) {
                node = nodes.getNodeForNodeId(id);
                if (!node.isLiteral()) {
                    decoded.put(id, node);
                }
            }
            return node;
        };
        return subject -> {
            Iterator<Tuple<NodeId>> ids = quads.findAsNodeIds(Node.ANY, subject, Node.ANY, Node.ANY);
            if (ids == null) {
                return Iter.nullIterator();
            }
            // (graph, subject, predicate, object) ordered by subject, predicate, object, graph: the same triple
            // in several graphs comes together.
            NodeId[] last = new NodeId[2];
            return Iter.iter(ids)
                    .filter(quad -> {
                        boolean repeated =
                                quad.get(2).equals(last[0]) && quad.get(3).equals(last[1]);
                        last[0] = quad.get(2);
                        last[1] = quad.get(3);
                        return !repeated;
                    })
                    .map(quad -> Triple.create(subject, decode.apply(quad.get(2)), decode.apply(quad.get(3))));
        };
    }
}
