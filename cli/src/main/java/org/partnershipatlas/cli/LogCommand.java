package org.partnershipatlas.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.util.List;
import java.util.concurrent.Callable;
import org.partnershipatlas.loaders.changes.ChangeLog;
import org.partnershipatlas.loaders.store.AtlasStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code atlas log}: the entries of the change log, or the RDF Patches after one of them. */
@Command(
        name = "log",
        mixinStandardHelpOptions = true,
        description = {
            "List the change log: one entry per committed change of the data (sequence, id, time, quads added and",
            "deleted, cause). A snapshot entry (a bulk load, a restore) names the release holding the whole data",
            "then, by version and the SHA-256 of its atlas.nq.gz. With --since ID, write the RDF Patches of the",
            "entries after ID to standard output, oldest first (use 'start' for the whole log)."
        })
final class LogCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    StoreOptions storeOptions;

    @Option(
            names = "--since",
            paramLabel = "ID",
            description = "Write the patches after this entry ('start': all of them).")
    String since;

    /** Where the patches go; standard output unless a test sets it. */
    OutputStream patchesOut = System.out;

    @Override
    public Integer call() throws IOException {
        PrintWriter err = spec.commandLine().getErr();
        if (!storeOptions.existsOrSay(spec.commandLine().getErr())) {
            return ExitCodes.INPUT_ERROR;
        }
        // Opened, not just read: opening sets aside entries whose commit never happened.
        try (AtlasStore store = storeOptions.open()) {
            ChangeLog log = store.changeLog();
            if (since == null) {
                list(log, spec.commandLine().getOut());
                return ExitCodes.OK;
            }
            List<ChangeLog.Entry> entries;
            try {
                entries = log.since("start".equals(since) ? null : since);
            } catch (IllegalArgumentException e) {
                err.println("error: " + e.getMessage());
                return ExitCodes.INPUT_ERROR;
            }
            for (ChangeLog.Entry e : entries) {
                Files.copy(e.file(), patchesOut);
            }
            patchesOut.flush();
            return ExitCodes.OK;
        }
    }

    private static void list(ChangeLog log, PrintWriter out) {
        List<ChangeLog.Entry> entries = log.entries();
        if (entries.isEmpty()) {
            out.println("The change log at " + log.directory() + " is empty.");
            return;
        }
        out.printf("%-10s %-36s %-27s %10s %10s  %s%n", "seq", "id", "time", "added", "deleted", "cause");
        for (ChangeLog.Entry e : entries) {
            var snapshot = e.snapshot();
            if (snapshot.isPresent()) {
                // No quads of its own: the whole data is the release it names.
                ChangeLog.Snapshot s = snapshot.get();
                out.printf(
                        "%010d %-36s %-27s %21s  %s: release %s, atlas.nq.gz SHA-256 %s%n",
                        e.seq(), e.id(), e.time(), "snapshot", e.cause(), s.version(), s.sha256());
                continue;
            }
            long[] n = e.counts();
            out.printf("%010d %-36s %-27s %10d %10d  %s%n", e.seq(), e.id(), e.time(), n[0], n[1], e.cause());
        }
    }
}
