package org.partnershipatlas.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.apache.commons.io.FileUtils;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.sparql.core.Quad;
import org.apache.jena.system.Txn;
import org.partnershipatlas.loaders.Loader;
import org.partnershipatlas.loaders.backup.Backups;
import org.partnershipatlas.loaders.dumps.DumpWriter;
import org.partnershipatlas.loaders.store.AtlasStore;
import org.partnershipatlas.loaders.store.DiskSpace;

/**
 * What the free-space check costs each write (issue 24: under 1 ms), on the sample store: the check of a load (the
 * store and its text index: the measured growth read from its file, the index folder's size summed), of a release
 * and of a backup, against a baseline of one {@code statfs} (the least a check can do) and, for scale, the smallest
 * write there is (a one-quad TDB2 transaction), all in the same run.
 *
 * <pre>
 *   bench/run free-space [--runs 5] [--iterations 2000]
 * </pre>
 */
public final class FreeSpaceCheck {
    private FreeSpaceCheck() {}

    public static void main(String[] args) throws Exception {
        int runs = 5;
        int iterations = 2000;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--runs" -> runs = Integer.parseInt(args[++i]);
                case "--iterations" -> iterations = Integer.parseInt(args[++i]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        Path work = Files.createTempDirectory("atlas-free-space");
        Path storeDir = work.resolve("tdb2");
        Path dumps = work.resolve("dumps");
        Path backups = work.resolve("backups");
        try (AtlasStore store = AtlasStore.open(storeDir).diskSpace(DiskSpace.reserving(0))) {
            Loader.into(store).sources(List.of(Path.of("data"))).run();
            new DumpWriter(store, org.partnershipatlas.ontology.AtlasIris.DEFAULT).write(dumps);
            Backups.write(store, backups);
            DiskSpace space = store.diskSpace();
            long sourceBytes = 273_589;
            String[] names = {"statfs (baseline)", "load check", "release check", "backup check", "1-quad write"};
            Runnable[] cases = {
                () -> DiskSpace.free(storeDir),
                () -> space.require("the load", Loader.spaceNeeded(store, sourceBytes)),
                () -> space.require("the release", dumps, DumpWriter.spaceNeeded(store, dumps)),
                () -> space.require("the backup", backups, Backups.spaceNeeded(store, backups)),
                () -> Txn.executeWrite(
                        store.datasetGraph(),
                        () -> store.datasetGraph()
                                .add(Quad.create(
                                        NodeFactory.createURI("urn:atlas-bench:g"),
                                        NodeFactory.createURI("urn:atlas-bench:s"),
                                        NodeFactory.createURI("urn:atlas-bench:p"),
                                        NodeFactory.createLiteralString(Long.toString(System.nanoTime())))))
            };
            double[][] microsPerCall = new double[cases.length][runs];
            for (int run = -1; run < runs; run++) { // run -1 warms up
                for (int c = 0; c < cases.length; c++) {
                    int n = c == cases.length - 1 ? Math.max(1, iterations / 20) : iterations;
                    long t0 = System.nanoTime();
                    for (int i = 0; i < n; i++) {
                        cases[c].run();
                    }
                    if (run >= 0) {
                        microsPerCall[c][run] = (System.nanoTime() - t0) / 1e3 / n;
                    }
                }
            }
            double baseline = Stats.median(microsPerCall[0]);
            System.out.printf(
                    Locale.ROOT,
                    "| check | median µs per call (%d runs of %d) | ratio to one statfs |%n|---|---:|---:|%n",
                    runs,
                    iterations);
            for (int c = 0; c < cases.length; c++) {
                double median = Stats.median(microsPerCall[c]);
                System.out.printf(Locale.ROOT, "| %s | %.1f | %.1f |%n", names[c], median, median / baseline);
            }
        } finally {
            FileUtils.deleteQuietly(work.toFile());
        }
    }
}
