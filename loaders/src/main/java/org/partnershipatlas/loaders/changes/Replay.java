package org.partnershipatlas.loaders.changes;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.jena.rdfpatch.RDFPatchOps;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.core.Quad;
import org.apache.jena.system.Txn;
import org.partnershipatlas.loaders.dumps.SortedLines;
import org.partnershipatlas.ontology.AtlasIris;

/**
 * Applies change log entries to a dataset, in order, and compares the result with a store: the proof that the log
 * holds every change.
 *
 * <pre>
 *   DatasetGraph copy = DatasetGraphFactory.createTxnMem();
 *   Replay.apply(log.entries(), copy);
 *   List&lt;String&gt; differences = Replay.differences(store.datasetGraph(), copy);   // empty: equal
 * </pre>
 */
public final class Replay {
    private Replay() {}

    /** Applies each entry in its own write transaction; returns the number of entries applied. */
    public static int apply(List<ChangeLog.Entry> entries, DatasetGraph target) {
        for (ChangeLog.Entry e : entries) {
            try (InputStream in = Files.newInputStream(e.file())) {
                RDFPatchOps.applyChange(target, in);
            } catch (IOException x) {
                throw new UncheckedIOException("cannot read the change log entry " + e.file(), x);
            }
        }
        return entries.size();
    }

    /**
     * The quads only one of the two datasets holds (the change log's head aside), as N-Quads lines marked
     * {@code -} (only in {@code expected}) or {@code +}; empty when they are equal.
     */
    public static List<String> differences(DatasetGraph expected, DatasetGraph actual) {
        List<String> a = Txn.calculateRead(expected, () -> SortedLines.of(data(expected)));
        List<String> b = Txn.calculateRead(actual, () -> SortedLines.of(data(actual)));
        List<String> out = new ArrayList<>();
        int i = 0;
        int j = 0;
        while (i < a.size() || j < b.size()) {
            int c = i == a.size() ? 1 : j == b.size() ? -1 : SortedLines.CODE_POINT_ORDER.compare(a.get(i), b.get(j));
            if (c == 0) {
                i++;
                j++;
            } else if (c < 0) {
                out.add("- " + a.get(i++));
            } else {
                out.add("+ " + b.get(j++));
            }
        }
        return out;
    }

    private static Iterator<Quad> data(DatasetGraph dsg) {
        return dsg.stream()
                .filter(q -> !AtlasIris.CHANGE_LOG_GRAPH.equals(q.getGraph()))
                .iterator();
    }
}
