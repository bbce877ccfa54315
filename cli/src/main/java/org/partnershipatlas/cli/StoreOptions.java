package org.partnershipatlas.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import org.partnershipatlas.loaders.backup.Backups;
import org.partnershipatlas.loaders.releases.SnapshotRelease;
import org.partnershipatlas.loaders.store.AtlasStore;
import org.partnershipatlas.loaders.store.DiskSpace;
import org.partnershipatlas.loaders.store.StoreDamagedException;
import org.partnershipatlas.ontology.AtlasIris;
import picocli.CommandLine.Option;

/** Options shared by the commands that use the store. */
public final class StoreOptions {
    @Option(
            names = "--store",
            paramLabel = "DIR",
            defaultValue = "var/tdb2",
            description = "TDB2 store directory (default: ${DEFAULT-VALUE}).")
    Path store;

    @Option(
            names = "--base",
            paramLabel = "IRI",
            defaultValue = AtlasIris.DEFAULT_BASE,
            description = "Canonical base of the data IRIs (default: ${DEFAULT-VALUE}).")
    String base;

    @Option(
            names = "--dumps",
            paramLabel = "DIR",
            description =
                    "Folder of release files (dumps), rewritten after every load (default: 'dumps' beside the store).")
    Path dumps;

    @Option(
            names = "--releases",
            paramLabel = "DIR",
            description = "Folder of versioned releases, one immutable folder each ('atlas release'; default:"
                    + " 'releases' beside the store).")
    Path releases;

    @Option(
            names = "--public-url",
            paramLabel = "URL",
            defaultValue = "http://localhost:3030/",
            description =
                    "The root URL the server is reached at, for links in the dumps' description (default: ${DEFAULT-VALUE}).")
    String publicUrl;

    @Option(
            names = "--disk-reserve",
            paramLabel = "BYTES",
            defaultValue = "67108864",
            description = "Free space every write must leave on each disk it writes to; a write that would leave less"
                    + " is refused before it starts (default: ${DEFAULT-VALUE}, 64 MiB).")
    long diskReserve;

    /** The free-space check for this command's writes. */
    DiskSpace diskSpace() {
        return DiskSpace.reserving(diskReserve);
    }

    /**
     * Opens the store with this command's free-space check. A damaged store is refused with the way back: the
     * newest backup beside it and the {@code atlas restore} command to use.
     */
    AtlasStore open() {
        try {
            return AtlasStore.open(store).diskSpace(diskSpace());
        } catch (StoreDamagedException e) {
            throw new StoreDamagedException(e.getMessage() + restoreAdvice(), e);
        }
    }

    /** True if the store exists; otherwise says so on {@code err}, for commands that only use an existing store. */
    boolean existsOrSay(PrintWriter err) {
        if (AtlasStore.exists(store)) {
            return true;
        }
        err.println("error: there is no store at " + store + "; load sources first.");
        return false;
    }

    /** Where {@code atlas backup} writes by default: {@code backups} beside the store. */
    Path backups() {
        return store.toAbsolutePath().resolveSibling("backups");
    }

    private String restoreAdvice() {
        List<Path> backups = Backups.list(backups());
        if (backups.isEmpty()) {
            return ". There is no backup in " + backups() + "; reload the sources into a new store ('atlas load"
                    + " --store NEW ...') or restore a backup from elsewhere ('atlas restore --store " + store
                    + " FILE')";
        }
        Path newest = backups.get(backups.size() - 1);
        return ". The newest backup is " + newest + "; restore it with: atlas restore --store " + store + " " + newest
                + " (the damaged store is kept beside it)";
    }

    AtlasIris iris() {
        return new AtlasIris(base);
    }

    Path dumps() {
        if (dumps != null) {
            return dumps;
        }
        Path parent = store.toAbsolutePath().getParent();
        return parent == null ? Path.of("dumps") : parent.resolve("dumps");
    }

    Path releases() {
        return releases != null ? releases : SnapshotRelease.defaultFolder(store);
    }

    String publicUrl() {
        return publicUrl.endsWith("/") ? publicUrl : publicUrl + "/";
    }
}
