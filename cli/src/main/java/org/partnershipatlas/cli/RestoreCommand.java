package org.partnershipatlas.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.partnershipatlas.loaders.backup.BackupException;
import org.partnershipatlas.loaders.backup.Backups;
import org.partnershipatlas.loaders.changes.ChangeLog;
import org.partnershipatlas.loaders.releases.ReleaseArchive;
import org.partnershipatlas.loaders.releases.SnapshotRelease;
import org.partnershipatlas.loaders.store.AtlasStore;
import org.partnershipatlas.loaders.store.StoreDamagedException;
import org.partnershipatlas.replicas.EntryPublisher;
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
            "Before the swap it writes a release of the restored data into the releases folder (--releases) and",
            "appends a snapshot entry naming it to the change log, so the log goes on through the restore.",
            "Run 'atlas dump' afterwards to publish the dumps of the restored data."
        })
final class RestoreCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    StoreOptions storeOptions;

    @Mixin
    KafkaOptions kafka;

    @Parameters(
            index = "0",
            paramLabel = "FILE",
            description = "The backup (atlas-backup-*.nq.gz), its .sha256 beside it.")
    Path backup;

    /** The writer a replica's store follows, or null; a damaged store (what a restore is for) is read as none. */
    private String replicaOf() {
        try {
            return AtlasStore.replicaOf(storeOptions.store);
        } catch (StoreDamagedException e) {
            return null;
        }
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        String replicaOf = replicaOf();
        if (replicaOf != null) {
            spec.commandLine()
                    .getErr()
                    .println("error: the store at " + storeOptions.store + " is a read replica of " + replicaOf
                            + ": restore into the writer's store instead");
            return ExitCodes.FAILURE;
        }
        String refusal = kafka.unpublishedWriteRefusal(storeOptions, "a restore");
        if (refusal != null) {
            spec.commandLine().getErr().println("error: " + refusal);
            return ExitCodes.FAILURE;
        }
        // On a writer, the restore's snapshot entry goes to the replicas' topic before the swap.
        EntryPublisher publisher = kafka.given() ? kafka.writerFor(storeOptions, out) : null;
        try {
            long quads = Backups.restore(
                    backup,
                    storeOptions.store,
                    storeOptions.diskSpace(),
                    new SnapshotRelease(
                                    new ReleaseArchive(storeOptions.releases()),
                                    storeOptions.iris(),
                                    storeOptions.publicUrl())
                            .publishTo(publisher));
            out.printf("Restored %d quads from %s into %s%n", quads, backup, storeOptions.store);
            try (AtlasStore store = storeOptions.open()) {
                store.changeLog()
                        .last()
                        .flatMap(ChangeLog.Entry::snapshot)
                        .ifPresent(s -> out.printf(
                                "Wrote release %s of the restored data; the change log's entry for the restore names it%n",
                                s.version()));
            }
            return ExitCodes.OK;
        } catch (BackupException e) {
            spec.commandLine().getErr().println("error: " + e.getMessage());
            return ExitCodes.INPUT_ERROR;
        } finally {
            if (publisher != null) {
                publisher.close();
            }
        }
    }
}
