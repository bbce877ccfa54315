package org.partnershipatlas.loaders.changes;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.rdfpatch.PatchHeader;
import org.apache.jena.rdfpatch.RDFPatchOps;
import org.apache.jena.rdfpatch.text.RDFChangesWriterText;
import org.apache.jena.sparql.core.DatasetGraph;
import org.partnershipatlas.ontology.AtlasIris;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Atlas's change log: a folder of RDF Patch files, {@code {seq}-{uuid}.rdfp}, one per committed change of the
 * data, each with the header {@code id}, {@code prev} (the entry it follows), {@code time} and {@code cause}.
 *
 * <p>An entry is written and synced before the store commits the change, and the store records the id of its newest
 * entry ({@code as:last}) in the same transaction as the data ({@link ChangeRecorder}). So after a crash the log may
 * hold entries after the store's head, whose commit never happened: {@link #open} moves them to
 * {@code discarded/} (kept, not deleted, for whoever wants to look). Store and log then agree.
 *
 * <p>A bulk load or a restore, which replace the whole store, append a <em>snapshot</em> entry ({@link Snapshot}):
 * no quads, but the release that holds the new store's data, by IRI, version and the SHA-256 of its
 * {@code atlas.nq.gz}. The new store carries the snapshot's id as its head before it is swapped in.
 */
public final class ChangeLog {
    private static final Logger LOG = LoggerFactory.getLogger(ChangeLog.class);
    public static final String EXTENSION = ".rdfp";
    public static final String DISCARDED = "discarded";
    /** The header of a snapshot entry naming its release's IRI. */
    public static final String SNAPSHOT = "snapshot";
    /** The header of a snapshot entry giving its release's version. */
    public static final String VERSION = "version";
    /** The header of a snapshot entry giving the SHA-256 of its release's {@code atlas.nq.gz}. */
    public static final String SHA256 = "sha256";

    private static final Pattern NAME = Pattern.compile("(\\d{10})-([0-9a-f-]{36})\\.rdfp");

    private final Path dir;
    private volatile Publisher publisher;

    private ChangeLog(Path dir) {
        this.dir = dir;
    }

    /**
     * Somewhere else each entry must reach before its commit counts (the replicas' Kafka topic). It is called after the
     * entry is written here and before the store commits; if it throws, the commit fails and the entry is discarded.
     */
    public interface Publisher {
        /** Publishes the entry (the RDF Patch file's bytes); returns where it landed (an offset). */
        long publish(String id, byte[] entry);

        /** The commit of entry {@code id}, published before it, failed: the log now holds a change the store lacks. */
        default void notCommitted(String id) {}
    }

    /** Sends every later entry to {@code publisher} too, before its commit (null: no longer). */
    public void publishTo(Publisher publisher) {
        this.publisher = publisher;
    }

    /**
     * Publishes an entry just written, if there is a publisher; a failure fails the commit. Returns where it landed,
     * or -1 with no publisher.
     */
    long publish(String id, byte[] entry) {
        Publisher p = publisher;
        return p == null ? -1 : p.publish(id, entry);
    }

    /** Tells the publisher, if any, that the commit of a published entry failed ({@link Publisher#notCommitted}). */
    void notCommitted(String id) {
        Publisher p = publisher;
        if (p != null) {
            p.notCommitted(id);
        }
    }

    /**
     * Writes an entry that was committed elsewhere first (read from the replicas' topic) into this log, before the store
     * applying it commits: if that commit fails, the next {@link #open} sets it aside like any uncommitted entry.
     *
     * @param id the entry's id (the UUID, without {@code urn:uuid:})
     */
    public void adopt(String id, byte[] entry) {
        try {
            append(id, entry);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the change log entry into " + dir + ": " + e.getMessage(), e);
        }
    }

    /**
     * What a snapshot entry names: the release holding the whole data at that point.
     *
     * @param release the release's IRI ({@code {base}id/release/{version}})
     * @param version its version, the name of its folder in the releases folder
     * @param sha256 the SHA-256 of its {@code atlas.nq.gz} (sorted N-Quads of every graph), in hex
     */
    public record Snapshot(String release, String version, String sha256) {}

    /** One entry of the log. */
    public record Entry(long seq, String id, Path file) {
        /** The entry's header (id, prev, time, cause). */
        public PatchHeader header() {
            try (InputStream in = Files.newInputStream(file)) {
                return RDFPatchOps.readHeader(in);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        /** The id of the entry this one follows, or null for the first. */
        public String prev() {
            Node prev = header().getPrevious();
            return prev == null ? null : ChangeRecorder.uuidOf(prev);
        }

        /** What caused the change, in words. */
        public String cause() {
            Node cause = header().get(ChangeRecorder.CAUSE);
            return cause == null ? "" : cause.getLiteralLexicalForm();
        }

        /** When the change was committed. */
        public Instant time() {
            Node time = header().get(ChangeRecorder.TIME);
            return time == null ? null : Instant.parse(time.getLiteralLexicalForm());
        }

        /** The release this entry is a snapshot of, or empty for an entry that is a patch. */
        public Optional<Snapshot> snapshot() {
            PatchHeader h = header();
            Node release = h.get(SNAPSHOT);
            if (release == null) {
                return Optional.empty();
            }
            Node version = h.get(VERSION);
            Node sha256 = h.get(SHA256);
            return Optional.of(new Snapshot(
                    release.getURI(),
                    version == null ? "" : version.getLiteralLexicalForm(),
                    sha256 == null ? "" : sha256.getLiteralLexicalForm()));
        }

        /** The number of quads added and deleted: {added, deleted}. */
        public long[] counts() {
            long[] n = new long[2];
            try (Stream<String> lines = Files.lines(file, StandardCharsets.UTF_8)) {
                lines.forEach(l -> {
                    if (l.startsWith("A ")) {
                        n[0]++;
                    } else if (l.startsWith("D ")) {
                        n[1]++;
                    }
                });
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return n;
        }
    }

    /**
     * The id of the newest entry a store has committed (recorded in the store itself), or null if none; call inside a
     * transaction.
     */
    public static String headOf(DatasetGraph dsg) {
        return ChangeRecorder.head(dsg);
    }

    /**
     * Records {@code id} as the newest entry a store has committed, in a store that is not written through the log
     * (one being built to replace another, before its snapshot entry is appended); call inside a write transaction.
     */
    public static void markHead(DatasetGraph dsg, String id) {
        ChangeRecorder.markHead(dsg, id);
    }

    /**
     * Records the Kafka offset of the newest entry a store has published or applied (issue 20's replicas); call inside
     * a write transaction.
     */
    public static void markOffset(DatasetGraph dsg, long offset) {
        ChangeRecorder.markOffset(dsg, offset);
    }

    /**
     * The Kafka offset of the newest entry a store has published or applied, or null if it has none; call inside a
     * transaction.
     */
    public static Long offsetOf(DatasetGraph dsg) {
        var it = dsg.find(AtlasIris.CHANGE_LOG_GRAPH, AtlasIris.CHANGE_LOG, AtlasIris.KAFKA_OFFSET, Node.ANY);
        return it.hasNext() ? Long.valueOf(it.next().getObject().getLiteralLexicalForm()) : null;
    }

    /** Where the change log of a store lives: beside it, {@code <store>-log}. */
    public static Path directoryOf(Path store) {
        Path absolute = store.toAbsolutePath();
        return absolute.resolveSibling(absolute.getFileName() + "-log");
    }

    /**
     * Opens (creating) the log in {@code dir} and sets aside the entries after {@code head}, the newest entry the
     * store committed (null if none).
     */
    public static ChangeLog open(Path dir, String head) {
        ChangeLog log = new ChangeLog(dir);
        try {
            // Created by the first entry: a store that is only ever read, or built beside another, leaves no folder.
            List<Entry> entries = log.entries();
            if (Files.isDirectory(dir)) {
                // An entry being written when the process died, before it was complete and renamed.
                try (Stream<Path> files = Files.list(dir)) {
                    for (Path p : files.filter(p -> p.getFileName().toString().endsWith(".partial"))
                            .toList()) {
                        Files.delete(p);
                    }
                }
            }
            if (head == null && !onlyAnUncommittedFirstEntry(entries)) {
                // Not the store this log describes (a store made anew beside an old log, or from before the change
                // log): its entries are the only record of those changes, so they stay.
                LOG.warn(
                        "The store has no change log head, but the change log at {} holds {} entries (newest {}):"
                                + " keeping them as they are. The store is not the one the log describes; its next"
                                + " bulk load or restore appends a snapshot entry that makes them agree again.",
                        dir,
                        entries.size(),
                        entries.get(entries.size() - 1).id());
                return log;
            }
            int keep = head == null ? 0 : indexOf(entries, head) + 1;
            if (head != null && keep == 0 && !entries.isEmpty()) {
                LOG.warn(
                        "The store's newest change ({}) is not in the change log at {}; keeping the log as it is",
                        head,
                        dir);
                return log;
            }
            for (Entry e : entries.subList(keep, entries.size())) {
                Path aside = Files.createDirectories(dir.resolve(DISCARDED))
                        .resolve(e.file().getFileName());
                Files.move(e.file(), aside, StandardCopyOption.REPLACE_EXISTING);
                LOG.warn("Change {} was written but its commit never happened (a crash?): moved to {}", e.id(), aside);
            }
            return log;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the change log at " + dir + ": " + e.getMessage(), e);
        }
    }

    /**
     * True for an empty log, or one holding a single first entry (no {@code prev}): what a crash during a store's very
     * first commit leaves. A store without a head and a longer log is another store than the log's.
     */
    private static boolean onlyAnUncommittedFirstEntry(List<Entry> entries) {
        return entries.isEmpty() || (entries.size() == 1 && entries.get(0).prev() == null);
    }

    private static int indexOf(List<Entry> entries, String id) {
        for (int i = 0; i < entries.size(); i++) {
            if (entries.get(i).id().equals(id)) {
                return i;
            }
        }
        return -1;
    }

    /** The folder the entries are in. */
    public Path directory() {
        return dir;
    }

    /** Every entry, oldest first. */
    public List<Entry> entries() {
        List<Entry> entries = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return entries;
        }
        try (Stream<Path> files = Files.list(dir)) {
            for (Path p : files.sorted().toList()) {
                Matcher m = NAME.matcher(p.getFileName().toString());
                if (m.matches()) {
                    entries.add(new Entry(Long.parseLong(m.group(1)), m.group(2), p));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return entries;
    }

    /** The newest entry, if any. */
    public Optional<Entry> last() {
        List<Entry> entries = entries();
        return entries.isEmpty() ? Optional.empty() : Optional.of(entries.get(entries.size() - 1));
    }

    /**
     * The entries after the one with {@code id} (all of them for null).
     *
     * @throws IllegalArgumentException if the log has no entry with that id
     */
    public List<Entry> since(String id) {
        List<Entry> entries = entries();
        if (id == null) {
            return entries;
        }
        int i = indexOf(entries, id);
        if (i < 0) {
            throw new IllegalArgumentException(
                    "the change log at " + dir + " has no entry " + id + " (see 'atlas log' for the entries it has)");
        }
        return entries.subList(i + 1, entries.size());
    }

    /** Writes an entry and syncs it (and the folder) to disk; returns its file. */
    Path append(String id, byte[] patch) throws IOException {
        Files.createDirectories(dir);
        long seq = last().map(e -> e.seq() + 1).orElse(1L);
        Path file = dir.resolve(String.format("%010d-%s%s", seq, id, EXTENSION));
        Path partial = dir.resolve("." + file.getFileName() + ".partial");
        try (FileChannel out = FileChannel.open(partial, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            out.write(java.nio.ByteBuffer.wrap(patch));
            out.force(true);
        }
        Files.move(partial, file, StandardCopyOption.ATOMIC_MOVE);
        syncDirectory();
        return file;
    }

    /**
     * Appends a snapshot entry: header {@code id}, {@code prev}, {@code time}, {@code cause} and the release's
     * {@code snapshot} IRI, {@code version} and {@code sha256}; an empty transaction as its body, so that it is an RDF
     * Patch any reader can parse and apply (as no change). Written and synced before the store it describes is put in
     * place; returns the entry.
     */
    public Entry appendSnapshot(String id, String prev, String cause, Snapshot snapshot) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        RDFChangesWriterText patch = RDFPatchOps.textWriter(out);
        patch.start();
        ChangeRecorder.writeHeader(patch, id, prev, cause);
        patch.header(SNAPSHOT, NodeFactory.createURI(snapshot.release()));
        patch.header(VERSION, NodeFactory.createLiteralString(snapshot.version()));
        patch.header(SHA256, NodeFactory.createLiteralString(snapshot.sha256()));
        patch.txnBegin();
        patch.txnCommit();
        patch.finish();
        try {
            Path file = append(id, out.toByteArray());
            Matcher m = NAME.matcher(file.getFileName().toString());
            if (!m.matches()) {
                throw new IllegalStateException("unexpected change log file name " + file);
            }
            return new Entry(Long.parseLong(m.group(1)), id, file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the snapshot entry into " + dir + ": " + e.getMessage(), e);
        }
    }

    /** Moves an entry whose change never happened to {@code discarded/}. */
    public void setAside(Entry e) {
        try {
            Path aside = Files.createDirectories(dir.resolve(DISCARDED))
                    .resolve(e.file().getFileName());
            Files.move(e.file(), aside, StandardCopyOption.REPLACE_EXISTING);
            syncDirectory();
        } catch (IOException x) {
            // The next open sets it aside: the store's head does not name it.
            LOG.warn("Could not set aside the change log entry {} of a failed change", e.file(), x);
        }
    }

    /** Removes an entry whose commit failed. */
    void discard(Path file) {
        try {
            Files.deleteIfExists(file);
            syncDirectory();
        } catch (IOException e) {
            // The next open sets it aside: the store's head does not name it.
            LOG.warn("Could not remove the change log entry {} of a failed commit", file, e);
        }
    }

    private void syncDirectory() {
        try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
            d.force(true);
        } catch (IOException e) {
            LOG.debug("Syncing the folder {} (not supported on every file system)", dir, e);
        }
    }
}
