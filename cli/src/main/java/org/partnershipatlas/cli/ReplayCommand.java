package org.partnershipatlas.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.core.DatasetGraphFactory;
import org.partnershipatlas.loaders.changes.ChangeLog;
import org.partnershipatlas.loaders.changes.Replay;
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
            "Rebuild the data from nothing by applying every entry of the change log, in memory, and compare it",
            "with the store quad for quad. Exit 0 if they are equal; otherwise list the differences and exit 1."
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
        if (!storeOptions.existsOrSay(spec.commandLine().getErr())) {
            return ExitCodes.INPUT_ERROR;
        }
        try (AtlasStore store = storeOptions.open()) {
            ChangeLog log = store.changeLog();
            DatasetGraph copy = DatasetGraphFactory.createTxnMem();
            long started = System.nanoTime();
            int applied = Replay.apply(log.entries(), copy);
            double seconds = (System.nanoTime() - started) / 1e9;
            List<String> differences = Replay.differences(store.datasetGraph(), copy);
            out.printf("Replayed %d entries of %s in %.2f s.%n", applied, log.directory(), seconds);
            if (differences.isEmpty()) {
                out.println("The replayed data equals the store.");
                return ExitCodes.OK;
            }
            out.println(differences.size() + " quads differ (- only in the store, + only in the replay):");
            differences.stream().limit(SHOWN).forEach(d -> out.println("  " + d));
            return ExitCodes.FAILURE;
        }
    }
}
