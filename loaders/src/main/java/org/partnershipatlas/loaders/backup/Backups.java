package org.partnershipatlas.loaders.backup;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Iterator;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.io.FileUtils;
import org.apache.jena.graph.Node;
import org.apache.jena.riot.Lang;
import org.apache.jena.riot.RDFFormat;
import org.apache.jena.riot.RDFParser;
import org.apache.jena.riot.RiotException;
import org.apache.jena.riot.system.StreamRDF;
import org.apache.jena.riot.system.StreamRDFLib;
import org.apache.jena.riot.system.StreamRDFWriter;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.core.Quad;
import org.apache.jena.system.Txn;
import org.partnershipatlas.loaders.Checksums;
import org.partnershipatlas.loaders.changes.ChangeLog;
import org.partnershipatlas.loaders.releases.SnapshotRelease;
import org.partnershipatlas.loaders.store.AtlasStore;
import org.partnershipatlas.loaders.store.DiskSpace;
import org.partnershipatlas.loaders.store.StorageFaultException;
import org.partnershipatlas.loaders.store.StoreSwap;
import org.partnershipatlas.ontology.AtlasIris;

/**
 * Backups of a whole store: every quad of every graph (data, ontology, provenance, decisions) as gzipped N-Quads,
 * with its SHA-256 in a {@code sha256sum}-style file beside it.
 *
 * <pre>
 *   Backup b = Backups.write(store, Path.of("var/backups"));       // online: one read transaction
 *   long quads = Backups.restore(b.file(), Path.of("var/tdb2"));    // offline: the store must not be in use
 * </pre>
 *
 * Writing takes one read transaction, so the snapshot is consistent while the server goes on answering and loading.
 * Restoring checks the checksum, builds a new store beside the target, indexes it, and only then swaps it in; the
 * store it replaces is kept beside it ({@code <store>.replaced-<time>}) until someone deletes it. A restore writes a
 * release of the restored data and appends a snapshot entry naming it to the change log ({@link SnapshotRelease}).
 */
public final class Backups {
    /** Backup files are named {@code atlas-backup-<UTC time>.nq.gz}. */
    public static final String PREFIX = "atlas-backup-";

    public static final String SUFFIX = ".nq.gz";
    public static final String CHECKSUM_SUFFIX = ".sha256";

    /**
     * How many bytes of store a byte of backup becomes when restored: gzipped N-Quads compress about 11 times, and a
     * TDB2 store with its nine quad indexes takes about 3 times the N-Quads (the sample data: 5.7 MB of store from a
     * 0.5 MB backup); rounded up, as a short estimate costs more than a long one.
     */
    public static final long STORE_BYTES_PER_BACKUP_BYTE = 40;

    private static final DateTimeFormatter STAMP =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss.SSS'Z'").withZone(ZoneOffset.UTC);
    private static final Pattern SUM_LINE = Pattern.compile("^([0-9a-f]{64}) [ *](.+)$");

    private Backups() {}

    /** A backup file, its checksum and size, and how many quads it holds. */
    public record Backup(Path file, String sha256, long bytes, long quads, Instant taken) {}

    /**
     * Writes a backup of the store into {@code directory}; returns what was written. The free space there is checked
     * first ({@link #spaceNeeded}); a backup that fails leaves no file behind.
     *
     * @throws org.partnershipatlas.loaders.store.InsufficientSpaceException if the space is short (nothing written)
     * @throws StorageFaultException if writing fails (a full disk is named as such)
     */
    public static Backup write(AtlasStore store, Path directory) {
        Instant taken = Instant.now();
        String name = PREFIX + STAMP.format(taken) + SUFFIX;
        Path target = directory.resolve(name);
        Path partial = directory.resolve("." + name + ".partial-" + UUID.randomUUID());
        Path sum = checksumFile(target);
        Path sumPartial = directory.resolve("." + sum.getFileName() + ".partial");
        try {
            Files.createDirectories(directory);
            store.diskSpace().require("the backup", directory, spaceNeeded(store, directory));
            long quads;
            try (OutputStream out =
                    new BufferedOutputStream(new GZIPOutputStream(Files.newOutputStream(partial), 1 << 16))) {
                quads = Txn.calculateRead(store.datasetGraph(), () -> writeQuads(store.datasetGraph(), out));
            }
            String sha256 = Checksums.sha256(partial);
            // The data file first, then its checksum: a backup with a checksum file is complete.
            Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE);
            Files.writeString(sumPartial, sha256 + "  " + name + "\n", StandardCharsets.UTF_8);
            Files.move(sumPartial, sum, StandardCopyOption.ATOMIC_MOVE);
            return new Backup(target, sha256, Files.size(target), quads, taken);
        } catch (IOException | RuntimeException | Error e) {
            for (Path p : List.of(partial, sumPartial, sum, target)) {
                FileUtils.deleteQuietly(p.toFile());
            }
            throw DiskSpace.failedWrite("the backup into " + directory, directory, e, "no backup file was left behind");
        }
    }

    /**
     * About the bytes a backup of the store takes: the newest backup's size plus a tenth, or for a first backup a
     * fifth of the store's data (a backup of the sample data is 9% of its store).
     */
    public static long spaceNeeded(AtlasStore store, Path directory) {
        List<Path> backups = list(directory);
        return DiskSpace.forCopyOfStore(
                store, backups.isEmpty() ? 0 : DiskSpace.sizeOf(backups.get(backups.size() - 1)));
    }

    private static long writeQuads(DatasetGraph dsg, OutputStream out) {
        StreamRDF writer = StreamRDFWriter.getWriterStream(out, RDFFormat.NQUADS);
        writer.start();
        long n = 0;
        for (Iterator<Quad> it = dsg.find(Node.ANY, Node.ANY, Node.ANY, Node.ANY); it.hasNext(); n++) {
            writer.quad(it.next());
        }
        writer.finish();
        return n;
    }

    /** The checksum file of a backup: {@code <file>.sha256}. */
    public static Path checksumFile(Path backup) {
        return backup.resolveSibling(backup.getFileName() + CHECKSUM_SUFFIX);
    }

    /** The backups in a directory that have their checksum file, oldest first. */
    public static List<Path> list(Path directory) {
        if (!Files.isDirectory(directory)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(directory)) {
            return files.filter(p -> {
                        String n = p.getFileName().toString();
                        return n.startsWith(PREFIX) && n.endsWith(SUFFIX) && Files.exists(checksumFile(p));
                    })
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Checks a backup against its checksum file; returns the checksum.
     *
     * @throws BackupException if the checksum file is missing or malformed, or the file does not match it
     */
    public static String verify(Path backup) {
        Path sum = checksumFile(backup);
        if (!Files.isRegularFile(backup)) {
            throw new BackupException("no backup file at " + backup);
        }
        if (!Files.isRegularFile(sum)) {
            throw new BackupException("no checksum file " + sum.getFileName() + " beside " + backup.getFileName()
                    + "; a backup without its checksum may be incomplete");
        }
        try {
            String line = Files.readString(sum, StandardCharsets.UTF_8).strip();
            Matcher m = SUM_LINE.matcher(line);
            if (!m.matches()) {
                throw new BackupException(
                        sum + ": expected one line '<sha256>  <file name>', found: " + abbreviate(line));
            }
            String actual = Checksums.sha256(backup);
            if (!actual.equals(m.group(1))) {
                throw new BackupException(backup.getFileName() + " does not match its checksum (expected " + m.group(1)
                        + ", file has " + actual + "): the backup is damaged or incomplete");
            }
            return actual;
        } catch (IOException e) {
            throw new BackupException("cannot read " + backup + ": " + e.getMessage(), e);
        }
    }

    /**
     * Rebuilds the store at {@code storeDir} from a backup; returns the number of quads restored. The backup is
     * verified first; the new store is built and indexed beside the target and swapped in only when complete.
     *
     * @throws BackupException if the backup fails its checksum or does not parse (the target is then untouched)
     */
    public static long restore(Path backup, Path storeDir) {
        return restore(backup, storeDir, DiskSpace.reserving(DiskSpace.DEFAULT_RESERVE));
    }

    /**
     * The same, checking first that the rebuilt store ({@link #STORE_BYTES_PER_BACKUP_BYTE} times the backup) fits
     * beside the one it replaces, keeping {@code space}'s reserve.
     *
     * @throws org.partnershipatlas.loaders.store.InsufficientSpaceException if the space is short (nothing touched)
     */
    public static long restore(Path backup, Path storeDir, DiskSpace space) {
        return restore(backup, storeDir, space, SnapshotRelease.besideStore(storeDir, AtlasIris.DEFAULT));
    }

    /**
     * The same, writing the restored store's release with {@code release} and appending the change log's snapshot
     * entry naming it before the store is swapped in: the log goes on through the restore (the entries since the
     * backup was taken stay in the log, and the restore is the newest).
     */
    public static long restore(Path backup, Path storeDir, DiskSpace space, SnapshotRelease release) {
        verify(backup);
        long storeBytes = DiskSpace.sizeOf(backup) * STORE_BYTES_PER_BACKUP_BYTE;
        space.require(
                "the restore",
                List.of(
                        new DiskSpace.Need(storeDir, storeBytes),
                        new DiskSpace.Need(
                                AtlasStore.textDirectory(storeDir),
                                DiskSpace.sizeOf(AtlasStore.textDirectory(storeDir)) + DiskSpace.FILE_SLACK_BYTES),
                        release.spaceNeeded(storeBytes)));
        StoreSwap swap = StoreSwap.beside(storeDir, "restoring");
        long quads;
        ChangeLog.Entry snapshot;
        try (AtlasStore fresh = AtlasStore.open(swap.building())) {
            fresh.diskSpace(space);
            quads = readQuads(backup, fresh.datasetGraph());
            fresh.textIndex().rebuild(fresh.datasetGraph());
            snapshot = release.record(fresh, storeDir, "the restore of " + backup.getFileName());
        } catch (RuntimeException | Error e) {
            swap.abandon();
            throw DiskSpace.failedWrite(
                    "the restore",
                    storeDir,
                    e,
                    "the store being rebuilt was deleted, and the store at " + storeDir + " is as it was");
        }
        try {
            swap.commit(StoreSwap.Old.KEEP);
            return quads;
        } catch (RuntimeException e) {
            release.notSwapped(storeDir, snapshot);
            if (e instanceof UncheckedIOException) {
                throw new BackupException("restored, but " + e.getMessage(), e);
            }
            throw e;
        }
    }

    private static long readQuads(Path backup, DatasetGraph dsg) {
        long[] count = {0};
        StreamRDF sink = StreamRDFLib.dataset(dsg);
        StreamRDF counting = new org.apache.jena.riot.system.StreamRDFWrapper(sink) {
            @Override
            public void quad(Quad quad) {
                count[0]++;
                super.quad(quad);
            }
        };
        try (InputStream in = new GZIPInputStream(new BufferedInputStream(Files.newInputStream(backup)), 1 << 16)) {
            Txn.executeWrite(dsg, () -> RDFParser.source(in).lang(Lang.NQUADS).parse(counting));
        } catch (IOException | RiotException e) {
            throw new BackupException(backup.getFileName() + " is not a readable N-Quads backup: " + e.getMessage(), e);
        }
        return count[0];
    }

    private static String abbreviate(String s) {
        return s.length() > 80 ? s.substring(0, 80) + "..." : s;
    }
}
