package org.partnershipatlas.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.partnershipatlas.loaders.backup.BackupException;
import org.partnershipatlas.loaders.backup.Backups;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code atlas restore FILE}: rebuild the store from a backup. */
@Command(
        name = "restore",
        mixinStandardHelpOptions = true,
        description = {
            "Rebuild the store from a backup made by 'atlas backup'. The backup's SHA-256 is checked first; the new",
            "store is built and indexed beside the old one and then swapped in; the old one is kept beside it as",
            "<store>.replaced-<time> until you delete it. The store must not be in use (stop 'atlas serve' first).",
            "Run 'atlas dump' afterwards to publish release files of the restored data."
        })
final class RestoreCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    StoreOptions storeOptions;

    @Parameters(
            index = "0",
            paramLabel = "FILE",
            description = "The backup (atlas-backup-*.nq.gz), its .sha256 beside it.")
    Path backup;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        try {
            long quads = Backups.restore(backup, storeOptions.store, storeOptions.diskSpace());
            out.printf("Restored %d quads from %s into %s%n", quads, backup, storeOptions.store);
            return ExitCodes.OK;
        } catch (BackupException e) {
            spec.commandLine().getErr().println("error: " + e.getMessage());
            return ExitCodes.INPUT_ERROR;
        }
    }
}
