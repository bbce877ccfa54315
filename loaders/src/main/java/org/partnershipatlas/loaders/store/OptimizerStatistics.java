package org.partnershipatlas.loaders.store;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Iterator;
import org.apache.jena.atlas.lib.tuple.Tuple;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.system.Txn;
import org.apache.jena.tdb2.solver.stats.Stats;
import org.apache.jena.tdb2.solver.stats.StatsCollectorNodeId;
import org.apache.jena.tdb2.store.DatasetGraphTDB;
import org.apache.jena.tdb2.store.NodeId;
import org.apache.jena.tdb2.sys.TDBInternal;

/**
 * Writes the statistics TDB2's query optimizer reads ({@code stats.opt} in the database's data folder) for the
 * union of the named graphs, which is what the Atlas queries, so that it orders a query's patterns by how many
 * matches each has rather than by their shape alone. TDB2 reads the file when the store is opened; the bulk load
 * writes it into the new store before swapping it in. The same as {@code tdb2.tdbstats --graph urn:x-arq:UnionGraph}.
 */
public final class OptimizerStatistics {
    /** The file name TDB2 looks for. */
    public static final String FILE = "stats.opt";

    private OptimizerStatistics() {}

    /** Gathers the statistics and writes them; returns the file. */
    public static Path write(DatasetGraph dsg) {
        DatasetGraphTDB tdb = TDBInternal.getDatasetGraphTDB(dsg);
        Path file = Path.of(tdb.getLocation().getDirectoryPath()).resolve(FILE);
        var results = Txn.calculateRead(dsg, () -> {
            var nodes = tdb.getQuadTable().getNodeTupleTable();
            StatsCollectorNodeId stats = new StatsCollectorNodeId(nodes.getNodeTable());
            Iterator<Tuple<NodeId>> quads = UnionScan.tuples(tdb);
            while (quads.hasNext()) {
                Tuple<NodeId> t = quads.next();
                stats.record(t.get(0), t.get(1), t.get(2), t.get(3));
            }
            return stats.results();
        });
        Path partial = file.resolveSibling(FILE + ".partial");
        try (OutputStream out = Files.newOutputStream(partial)) {
            Stats.write(out, results);
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
}
