package org.partnershipatlas.loaders.store;

import java.util.Iterator;
import org.apache.jena.atlas.iterator.Iter;
import org.apache.jena.atlas.lib.tuple.Tuple;
import org.apache.jena.graph.Triple;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.tdb2.solver.SolverLibTDB;
import org.apache.jena.tdb2.store.DatasetGraphTDB;
import org.apache.jena.tdb2.store.NodeId;
import org.apache.jena.tdb2.store.nodetable.NodeTable;
import org.apache.jena.tdb2.sys.TDBInternal;

/**
 * Reads every triple of the union of a store's named graphs once, streaming. TDB2's union scan reads an index that
 * ends in the graph, where the copies of a triple in several graphs are adjacent, and keeps one of each; TDB2's own
 * {@code getUnionGraph().find()} drops the copies with a set of every triple seen, so its memory grows with the store
 * (a 1 GiB heap ran out at 8 million quads). Call inside a read transaction.
 */
public final class UnionScan {
    private UnionScan() {}

    /** The union's triples as TDB2 node ids: (any graph, subject, predicate, object), in subject order. */
    public static Iterator<Tuple<NodeId>> tuples(DatasetGraphTDB tdb) {
        return SolverLibTDB.unionGraph(tdb.getQuadTable().getNodeTupleTable());
    }

    /** The union's triples, in subject order for a TDB2 store; any other store through its union graph. */
    public static Iterator<Triple> triples(DatasetGraph dsg) {
        if (!TDBInternal.isTDB2(dsg)) {
            return dsg.getUnionGraph().find();
        }
        DatasetGraphTDB tdb = TDBInternal.getDatasetGraphTDB(dsg);
        NodeTable nodes = tdb.getQuadTable().getNodeTupleTable().getNodeTable();
        return Iter.map(
                tuples(tdb),
                t -> Triple.create(
                        nodes.getNodeForNodeId(t.get(1)),
                        nodes.getNodeForNodeId(t.get(2)),
                        nodes.getNodeForNodeId(t.get(3))));
    }
}
