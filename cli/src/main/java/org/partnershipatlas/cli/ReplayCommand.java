package org.partnershipatlas.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.Callable;
import org.apache.commons.io.FileUtils;
import org.partnershipatlas.loaders.changes.ChangeLog;
import org.partnershipatlas.loaders.changes.Replay;
import org.partnershipatlas.loaders.changes.ReplayException;
import org.partnershipatlas.loaders.store.AtlasStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code atlas replay}: rebuild the data from the change log and prove it equals the store. */
@Command(
        name = "replay",
        mixinStandardHelpOptions = true,
        description = {
            "Rebuild the data from the change log into a new store beside the store (deleted afterwards) and compare",
            "it with the store quad for quad. The rebuild starts from the newest snapshot entry (a bulk load, a",
            "restore): its release, from the releases folder (--releases), checked against the entry's SHA-256;",
            "then it applies the patches after it. Without a snapshot it starts from nothing. Both stores are",
            "compared through sorted files on disk. Exit 0 if they are equal; otherwise list the first differences",
            "and exit 1; exit 4 if a snapshot's release is missing or damaged."
        })
final class ReplayCommand implements Callable<Integer> {
    private static final int SHOWN = 20;

    @Spec
    CommandSpec spec;

    @Mixin
    StoreOptions storeOptions;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (!storeOptions.existsOrSay(err)) {
            return ExitCodes.INPUT_ERROR;
        }
        Path live = storeOptions.store.toAbsolutePath();
        Path scratch = live.resolveSibling(live.getFileName() + ".replay-" + UUID.randomUUID());
        try (AtlasStore store = storeOptions.open();
                AtlasStore copy = AtlasStore.open(scratch.resolve("tdb2"))) {
            ChangeLog log = store.changeLog();
            Replay.Result r;
            try {
                r = Replay.rebuild(log.entries(), storeOptions.releases(), copy.datasetGraph());
            } catch (ReplayException e) {
                err.println("error: " + e.getMessage());
                return ExitCodes.INPUT_ERROR;
            }
            if (r.snapshot() != null) {
                ChangeLog.Snapshot s = r.snapshot().snapshot().orElseThrow();
                out.printf(
                        Locale.ROOT,
                        "Started from the snapshot %s (%s): release %s, SHA-256 %s checked; %d quads loaded in %.2f s"
                                + " (%.0f quads/s).%n",
                        r.snapshot().id(),
                        r.snapshot().cause(),
                        s.version(),
                        s.sha256(),
                        r.releaseQuads(),
                        r.releaseNanos() / 1e9,
                        r.releaseQuads() / Math.max(r.releaseNanos() / 1e9, 1e-9));
            } else {
                out.println("The change log has no snapshot entry: started from nothing.");
            }
            double seconds = r.patchNanos() / 1e9;
            out.printf(
                    Locale.ROOT,
                    "Applied %d patches of %s (%d quads) in %.2f s (%.1f patches/s, %.0f quads/s).%n",
                    r.patches(),
                    log.directory(),
                    r.patchQuads(),
                    seconds,
                    r.patches() / Math.max(seconds, 1e-9),
                    r.patchQuads() / Math.max(seconds, 1e-9));
            long started = System.nanoTime();
            Replay.Comparison c =
                    Replay.compare(store.datasetGraph(), copy.datasetGraph(), scratch.resolve("compare"), SHOWN);
            out.printf(Locale.ROOT, "Compared in %.2f s.%n", (System.nanoTime() - started) / 1e9);
            if (c.equal()) {
                out.println("The replayed data equals the store.");
                return ExitCodes.OK;
            }
            out.println(c.differences() + " quads differ (- only in the store, + only in the replay):");
            c.first().forEach(d -> out.println("  " + d));
            return ExitCodes.FAILURE;
        } finally {
            FileUtils.deleteQuietly(scratch.toFile()); // the replayed store, its text index and the sorted files
        }
    }
}
