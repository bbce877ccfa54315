package org.partnershipatlas.loaders.releases;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.apache.jena.graph.Node;
import org.apache.jena.system.Txn;
import org.partnershipatlas.loaders.Checksums;
import org.partnershipatlas.loaders.changes.ChangeLog;
import org.partnershipatlas.loaders.dumps.DumpWriter;
import org.partnershipatlas.loaders.store.AtlasStore;
import org.partnershipatlas.loaders.store.DiskSpace;
import org.partnershipatlas.ontology.AtlasIris;

/**
 * The release and the snapshot entry of a store built to replace another (a bulk load, a restore), so that the change
 * log goes on through the replacement: "from here on, the data is this release".
 *
 * <pre>
 *   SnapshotRelease snapshots = SnapshotRelease.besideStore(Path.of("var/tdb2"), AtlasIris.DEFAULT);
 *   try (AtlasStore fresh = AtlasStore.open(swap.building())) {
 *       snapshots.record(fresh, Path.of("var/tdb2"), "the bulk load");
 *   }
 *   swap.commit(StoreSwap.Old.DELETE);
 * </pre>
 *
 * The order makes a crash at any moment leave the store and the log agreeing: the new store is given the entry's id
 * as its head, its release is written and synced, then the entry is appended and synced, and only then may the caller
 * swap the new store in. Before the swap the live store's head is still the entry before, so opening it sets the
 * snapshot entry aside as never committed (its release stays published: a true picture of a store that was never
 * served). The checksum is the SHA-256 of the release's {@code atlas.nq.gz}, the file a replay loads (it is also one
 * line of the release's {@code SHA256SUMS}).
 */
public final class SnapshotRelease {
    /** The public URL releases describe themselves under when none is given (as {@code --public-url}). */
    public static final String DEFAULT_PUBLIC_URL = "http://localhost:3030/";

    private final ReleaseArchive archive;
    private final AtlasIris iris;
    private final String publicUrl;
    /** Where the snapshot entry must also go before the swap (the replicas' Kafka topic), or null. */
    private volatile ChangeLog.Publisher publisher;

    public SnapshotRelease(ReleaseArchive archive, AtlasIris iris, String publicUrl) {
        this.archive = archive;
        this.iris = iris;
        this.publicUrl = publicUrl;
    }

    /** Releases into {@code releases} beside the store, as {@code atlas release} writes by default. */
    public static SnapshotRelease besideStore(Path store, AtlasIris iris) {
        return new SnapshotRelease(new ReleaseArchive(defaultFolder(store)), iris, DEFAULT_PUBLIC_URL);
    }

    /** The default releases folder of a store: {@code releases} beside it. */
    public static Path defaultFolder(Path store) {
        Path parent = store.toAbsolutePath().getParent();
        return parent == null ? Path.of("releases") : parent.resolve("releases");
    }

    /**
     * Publishes each snapshot entry there too (the replicas' topic), after it is appended and before the caller swaps
     * the new store in: if it throws, the entry is set aside and the swap never happens. Its offset is recorded in the
     * new store and with the release ({@link ReleaseOffset}).
     */
    public SnapshotRelease publishTo(ChangeLog.Publisher publisher) {
        this.publisher = publisher;
        return this;
    }

    /** The public URL the releases describe themselves under. */
    public String publicUrl() {
        return publicUrl;
    }

    /** The folder the releases go to. */
    public ReleaseArchive archive() {
        return archive;
    }

    /**
     * Gives {@code fresh} (the new store, closed to everyone else) the new entry's id as its head, writes its release
     * and appends the snapshot entry to the change log of the store at {@code live}, following that log's newest
     * entry; returns the entry. The caller then swaps {@code fresh} in.
     */
    public ChangeLog.Entry record(AtlasStore fresh, Path live, String cause) {
        boolean folderExisted = Files.isDirectory(archive.directory());
        try {
            return recordRelease(fresh, live, cause);
        } catch (RuntimeException | Error e) {
            if (!folderExisted) {
                // A failed first release leaves no empty releases folder behind (as a failed load leaves nothing).
                archive.directory().toFile().delete();
            }
            throw e;
        }
    }

    private ChangeLog.Entry recordRelease(AtlasStore fresh, Path live, String cause) {
        ChangeLog log = liveLog(live);
        String prev = log.last().map(ChangeLog.Entry::id).orElse(null);
        String id = UUID.randomUUID().toString();
        Txn.executeWrite(fresh.datasetGraph(), () -> {
            ChangeLog.markHead(fresh.datasetGraph(), id);
            // A restored backup may carry the offset of an older position in the topic: the entry below sets it.
            fresh.datasetGraph()
                    .deleteAny(AtlasIris.CHANGE_LOG_GRAPH, AtlasIris.CHANGE_LOG, AtlasIris.KAFKA_OFFSET, Node.ANY);
        });
        Release release = new ReleaseWriter(fresh, iris, archive, publicUrl).write(null);
        ChangeLog.Entry entry;
        try {
            sync(release.folder());
            sync(archive.directory());
            String sha256 = Checksums.sha256(release.file(DumpWriter.ALL_QUADS));
            entry = log.appendSnapshot(
                    id, prev, cause, new ChangeLog.Snapshot(release.iri(), release.version(), sha256));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot record the snapshot of release " + release.version(), e);
        }
        ChangeLog.Publisher p = publisher;
        if (p != null) {
            boolean sent = false;
            try {
                long offset = p.publish(id, Files.readAllBytes(entry.file()));
                sent = true;
                Txn.executeWrite(fresh.datasetGraph(), () -> ChangeLog.markOffset(fresh.datasetGraph(), offset));
                ReleaseOffset.record(release, offset);
            } catch (IOException | RuntimeException e) {
                // Not published (or not recorded): the swap must not happen, and the entry never counted.
                log.setAside(entry);
                if (sent) {
                    p.notCommitted(id);
                }
                if (e instanceof RuntimeException r) {
                    throw r;
                }
                throw new UncheckedIOException("cannot read the snapshot entry " + entry.file(), (IOException) e);
            }
        }
        return entry;
    }

    /**
     * The store built beside {@code live} never came into place after {@link #record} returned {@code entry}: the
     * entry goes aside (its release stays, a true picture of a store that was never swapped in), and the publisher,
     * if any, hears that its topic holds an entry the live store lacks.
     */
    public void notSwapped(Path live, ChangeLog.Entry entry) {
        ChangeLog.open(ChangeLog.directoryOf(live), null).setAside(entry);
        ChangeLog.Publisher p = publisher;
        if (p != null) {
            p.notCommitted(entry.id());
        }
    }

    /**
     * The change log of the store being replaced, its uncommitted entries set aside (by opening the store); if the
     * store is damaged and cannot be opened, its log as it is.
     */
    private static ChangeLog liveLog(Path live) {
        if (AtlasStore.exists(live)) {
            try (AtlasStore old = AtlasStore.open(live)) {
                return old.changeLog();
            } catch (org.partnershipatlas.loaders.store.StoreDamagedException e) {
                // A restore of a damaged store: its head cannot be read, so nothing can be set aside.
            }
        }
        return ChangeLog.open(ChangeLog.directoryOf(live), null);
    }

    /** About the bytes the release needs in the releases folder ({@link ReleaseWriter#spaceNeeded}). */
    public DiskSpace.Need spaceNeeded(long storeBytes) {
        return ReleaseWriter.spaceNeeded(archive, storeBytes);
    }

    /** Forces a folder's files and the folder itself to disk. */
    private static void sync(Path folder) throws IOException {
        List<Path> paths;
        try (Stream<Path> walk = Files.walk(folder)) {
            paths = walk.toList();
        }
        for (Path p : paths) {
            try (FileChannel c = FileChannel.open(p, StandardOpenOption.READ)) {
                c.force(true);
            } catch (IOException e) {
                if (!Files.isDirectory(p)) {
                    throw e;
                }
                // Some file systems cannot sync a folder; the files are synced.
            }
        }
    }
}
