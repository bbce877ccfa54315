package org.partnershipatlas.loaders.changes;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.io.FileUtils;
import org.apache.jena.atlas.iterator.Iter;
import org.apache.jena.rdfpatch.RDFPatchOps;
import org.apache.jena.riot.Lang;
import org.apache.jena.riot.RDFParser;
import org.apache.jena.riot.RiotException;
import org.apache.jena.riot.system.StreamRDF;
import org.apache.jena.riot.system.StreamRDFLib;
import org.apache.jena.riot.system.StreamRDFWrapper;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.core.Quad;
import org.apache.jena.system.Txn;
import org.apache.jena.tdb2.loader.DataLoader;
import org.apache.jena.tdb2.loader.LoaderFactory;
import org.apache.jena.tdb2.sys.TDBInternal;
import org.partnershipatlas.loaders.Checksums;
import org.partnershipatlas.loaders.dumps.DumpWriter;
import org.partnershipatlas.loaders.dumps.SortedLines;
import org.partnershipatlas.ontology.AtlasIris;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Rebuilds the data from the change log and compares the result with a store: the proof that the log holds every
 * change. A rebuild starts from the newest snapshot entry (a bulk load, a restore): it loads that entry's release
 * ({@code releases/{version}/atlas.nq.gz}, checked against the entry's SHA-256), then applies the patches after it;
 * a log without a snapshot is applied from nothing.
 *
 * <pre>
 *   DatasetGraph copy = DatasetGraphFactory.createTxnMem();
 *   Replay.rebuild(log.entries(), Path.of("var/releases"), copy);
 *   Replay.Comparison c = Replay.compare(store.datasetGraph(), copy, Path.of("/tmp"), 20);   // c.equal()
 * </pre>
 *
 * A comparison writes both datasets as sorted N-Quads into gzipped files ({@link SortedLines}, sorted in bounded
 * memory) and walks them side by side, so a national store is compared without holding it in memory.
 */
public final class Replay {
    private static final Logger LOG = LoggerFactory.getLogger(Replay.class);

    private Replay() {}

    /**
     * What a rebuild did.
     *
     * @param snapshot the snapshot entry it started from, or null if it started from nothing
     * @param releaseQuads the quads loaded from the snapshot's release
     * @param releaseNanos the time loading them took
     * @param patches the patch entries applied after the snapshot
     * @param patchQuads the quads those patches add and delete
     * @param patchNanos the time applying them took
     */
    public record Result(
            ChangeLog.Entry snapshot,
            long releaseQuads,
            long releaseNanos,
            int patches,
            long patchQuads,
            long patchNanos) {}

    /**
     * The result of a comparison: how many quads only one side holds, and the first of them as N-Quads lines marked
     * {@code -} (only in the expected dataset) or {@code +} (only in the other).
     */
    public record Comparison(long differences, List<String> first) {
        public boolean equal() {
            return differences == 0;
        }
    }

    /**
     * Rebuilds {@code target} (empty) from the entries: the newest snapshot's release, then the patches after it.
     *
     * @param releases the folder of releases ({@code releases/{version}/})
     * @throws ReplayException if a snapshot's release is missing or does not match the entry's checksum
     */
    public static Result rebuild(List<ChangeLog.Entry> entries, Path releases, DatasetGraph target) {
        int start = 0;
        ChangeLog.Entry snapshot = null;
        for (int i = entries.size() - 1; i >= 0; i--) {
            if (entries.get(i).snapshot().isPresent()) {
                snapshot = entries.get(i);
                start = i + 1;
                break;
            }
        }
        long releaseQuads = 0;
        long t0 = System.nanoTime();
        if (snapshot != null) {
            releaseQuads = load(verifiedRelease(snapshot, releases), target);
        }
        long t1 = System.nanoTime();
        List<ChangeLog.Entry> patches = entries.subList(start, entries.size());
        apply(patches, target);
        long t2 = System.nanoTime();
        long patchQuads = 0;
        for (ChangeLog.Entry e : patches) {
            long[] n = e.counts();
            patchQuads += n[0] + n[1];
        }
        return new Result(snapshot, releaseQuads, t1 - t0, patches.size(), patchQuads, t2 - t1);
    }

    /**
     * The {@code atlas.nq.gz} of a snapshot entry's release, checked against the entry's SHA-256.
     *
     * @throws ReplayException if it is missing or differs
     */
    static Path verifiedRelease(ChangeLog.Entry entry, Path releases) {
        ChangeLog.Snapshot s = entry.snapshot().orElseThrow();
        Path file = releases.resolve(s.version()).resolve(DumpWriter.ALL_QUADS);
        if (s.version().isEmpty() || !Files.isRegularFile(file)) {
            boolean withdrawn = !s.version().isEmpty()
                    && Files.exists(releases.resolve(".withdrawn").resolve(s.version()));
            throw new ReplayException("the change log entry " + entry.id() + " (" + entry.cause()
                    + ") is a snapshot of release " + s.version() + " <" + s.release() + ">, but "
                    + (withdrawn
                            ? "that release was withdrawn (it is in " + releases.resolve(".withdrawn") + ")"
                            : file + " does not exist")
                    + "; give the folder holding it with --releases");
        }
        try {
            String actual = Checksums.sha256(file);
            if (!actual.equals(s.sha256())) {
                throw new ReplayException("release " + s.version() + " does not match the change log entry "
                        + entry.id() + ": its atlas.nq.gz has SHA-256 " + actual + ", the entry expects " + s.sha256()
                        + "; the release at " + file.getParent() + " is damaged or was replaced, and cannot be"
                        + " replayed from");
            }
        } catch (IOException e) {
            throw new ReplayException("cannot read " + file + ": " + e.getMessage(), e);
        }
        return file;
    }

    /** Loads a gzipped N-Quads file: with TDB2's parallel bulk loader into a TDB2 dataset, else in a transaction. */
    private static long load(Path file, DatasetGraph target) {
        long[] count = {0};
        try (InputStream in = new GZIPInputStream(new BufferedInputStream(Files.newInputStream(file), 1 << 16))) {
            if (TDBInternal.isTDB2(target)) {
                DataLoader loader = LoaderFactory.parallelLoader(
                        target, (format, args) -> LOG.debug(String.format(Locale.ROOT, format, args)));
                loader.startBulk();
                try {
                    RDFParser.source(in).lang(Lang.NQUADS).parse(counting(loader.stream(), count));
                    loader.finishBulk();
                } catch (RuntimeException e) {
                    loader.finishException(e);
                    throw e;
                }
            } else {
                Txn.executeWrite(
                        target,
                        () -> RDFParser.source(in)
                                .lang(Lang.NQUADS)
                                .parse(counting(StreamRDFLib.dataset(target), count)));
            }
        } catch (IOException | RiotException e) {
            throw new ReplayException("cannot read the release file " + file + ": " + e.getMessage(), e);
        }
        return count[0];
    }

    /** {@code sink}, counting the quads it is sent into {@code count[0]} (for a release file read into a store). */
    public static StreamRDF counting(StreamRDF sink, long[] count) {
        return new StreamRDFWrapper(sink) {
            @Override
            public void quad(Quad quad) {
                count[0]++;
                super.quad(quad);
            }
        };
    }

    /**
     * Applies each entry in its own write transaction; returns the number of entries applied. A snapshot entry
     * changes nothing here: use {@link #rebuild} to start from its release.
     */
    public static int apply(List<ChangeLog.Entry> entries, DatasetGraph target) {
        for (ChangeLog.Entry e : entries) {
            try (InputStream in = Files.newInputStream(e.file())) {
                RDFPatchOps.applyChange(target, in);
            } catch (IOException x) {
                throw new UncheckedIOException("cannot read the change log entry " + e.file(), x);
            }
        }
        return entries.size();
    }

    /**
     * The quads only one of the two datasets holds (the change log's head aside), as N-Quads lines marked
     * {@code -} (only in {@code expected}) or {@code +}; empty when they are equal. All of them: for small datasets.
     */
    public static List<String> differences(DatasetGraph expected, DatasetGraph actual) {
        Path scratch = null;
        try {
            scratch = Files.createTempDirectory("atlas-replay-");
            return compare(expected, actual, scratch, Integer.MAX_VALUE).first();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            if (scratch != null) {
                FileUtils.deleteQuietly(scratch.toFile());
            }
        }
    }

    /**
     * Compares two datasets (the change log's head aside) through sorted files written in {@code scratch} (deleted
     * afterwards); keeps the first {@code keep} differences.
     */
    public static Comparison compare(DatasetGraph expected, DatasetGraph actual, Path scratch, int keep) {
        Path a = scratch.resolve("expected.nq.gz");
        Path b = scratch.resolve("actual.nq.gz");
        try {
            Files.createDirectories(scratch);
            sortedInto(expected, a, scratch);
            sortedInto(actual, b, scratch);
            try (BufferedReader x = reader(a);
                    BufferedReader y = reader(b)) {
                List<String> first = new ArrayList<>();
                long n = 0;
                String i = x.readLine();
                String j = y.readLine();
                while (i != null || j != null) {
                    int c = i == null ? 1 : j == null ? -1 : SortedLines.CODE_POINT_ORDER.compare(i, j);
                    if (c == 0) {
                        i = x.readLine();
                        j = y.readLine();
                        continue;
                    }
                    n++;
                    if (first.size() < keep) {
                        first.add(c < 0 ? "- " + i : "+ " + j);
                    }
                    if (c < 0) {
                        i = x.readLine();
                    } else {
                        j = y.readLine();
                    }
                }
                return new Comparison(n, first);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot compare the datasets in " + scratch + ": " + e.getMessage(), e);
        } finally {
            FileUtils.deleteQuietly(a.toFile());
            FileUtils.deleteQuietly(b.toFile());
        }
    }

    private static void sortedInto(DatasetGraph dsg, Path file, Path spill) throws IOException {
        try (OutputStream out = new GZIPOutputStream(new BufferedOutputStream(Files.newOutputStream(file), 1 << 16))) {
            Txn.executeRead(dsg, () -> {
                try {
                    SortedLines.write(data(dsg), out, spill);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }

    private static BufferedReader reader(Path file) throws IOException {
        return new BufferedReader(
                new InputStreamReader(new GZIPInputStream(Files.newInputStream(file), 1 << 16), StandardCharsets.UTF_8),
                1 << 16);
    }

    private static Iterator<Quad> data(DatasetGraph dsg) {
        return Iter.filter(dsg.find(), q -> !AtlasIris.CHANGE_LOG_GRAPH.equals(q.getGraph()));
    }
}
