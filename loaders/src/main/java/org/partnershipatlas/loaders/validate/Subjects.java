package org.partnershipatlas.loaders.validate;

import java.util.Iterator;
import org.apache.jena.atlas.iterator.Iter;
import org.apache.jena.atlas.lib.tuple.Tuple;
import org.apache.jena.graph.Node;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.core.Quad;
import org.apache.jena.tdb2.store.DatasetGraphTDB;
import org.apache.jena.tdb2.store.NodeId;
import org.apache.jena.tdb2.store.nodetable.NodeTable;
import org.apache.jena.tdb2.store.nodetupletable.NodeTupleTable;
import org.apache.jena.tdb2.sys.TDBInternal;

/**
 * The distinct subjects of one named graph, in index order, streamed. On TDB2 the graph's quads are read as node
 * ids and only each new subject is made a node, so the graph's literals (most of its bytes) are not decoded.
 */
final class Subjects {
    private Subjects() {}

    /** Call inside a transaction on {@code dsg}. */
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
}
