package org.partnershipatlas.replicas;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.zip.GZIPInputStream;
import org.apache.commons.io.FileUtils;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.riot.Lang;
import org.apache.jena.riot.RDFParser;
import org.apache.jena.riot.system.StreamRDFLib;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.core.Quad;
import org.apache.jena.system.Txn;
import org.apache.jena.tdb2.loader.DataLoader;
import org.apache.jena.tdb2.loader.LoaderFactory;
import org.apache.jena.vocabulary.RDF;
import org.partnershipatlas.loaders.Checksums;
import org.partnershipatlas.loaders.changes.ChangeLog;
import org.partnershipatlas.loaders.changes.Replay;
import org.partnershipatlas.loaders.store.AtlasStore;
import org.partnershipatlas.loaders.store.StoreSwap;
import org.partnershipatlas.ontology.AtlasIris;
import org.partnershipatlas.ontology.Vocab.AS;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Puts a writer's release in place of a replica's data: for a snapshot entry (a bulk load or restore on the writer),
 * and to bootstrap a new replica or one whose offset fell out of the topic's retention. Downloads the release's
 * {@code atlas.nq.gz} beside the store, checks its SHA-256, loads it into a new store beside the old one (TDB2's
 * parallel bulk loader from {@link #BULK_FROM_BYTES}, else one write transaction), builds its text index, copies the
 * replica's own facts from the old store's change-log graph (the replica-of mark, the ids applied), records the entry
 * the data is at and its offset, and swaps it in while the store is served ({@link AtlasStore#replaceWith}). Readers
 * get the old data until the swap, the new after it.
 */
final class SnapshotInstaller {
    private static final Logger LOG = LoggerFactory.getLogger(SnapshotInstaller.class);
    /**
     * From this size of the release's {@code atlas.nq.gz} on, TDB2's parallel bulk loader; below it one write
     * transaction, which spares a small release (the sample's is about 0.5 MB, 18,500 quads) the loader's start-up. A
     * replica applies about 1,500 quads/s in a transaction on this shared machine (BENCHMARKS.md), so N=35's release
     * (7 MB gzipped, about 830,000 quads of data) goes to the bulk loader.
     */
    static final long BULK_FROM_BYTES = 1L << 20;

    /** The purpose in the name of the store an install builds beside the live one ({@link StoreSwap#beside}). */
    static final String BUILDING = "bootstrapping";

    private final ReleaseSource source;

    SnapshotInstaller(ReleaseSource source) {
        this.source = source;
    }

    ReleaseSource source() {
        return source;
    }

    /**
     * Installs {@code release} in place of the store's data.
     *
     * @param entry the snapshot entry's bytes, adopted into the replica's own change log; null when bootstrapping
     * @throws SnapshotException if the release cannot be downloaded, its checksum differs (the store is untouched), or
     *     the new store cannot be built
     */
    void install(AtlasStore atlas, ReleaseSource.Point release, byte[] entry, String why) {
        long started = System.nanoTime();
        Path store = atlas.location().toAbsolutePath();
        removeLeftovers(store);
        Path download = store.resolveSibling(store.getFileName() + ".release-" + release.version() + ".nq.gz");
        StoreSwap swap = StoreSwap.beside(store, BUILDING);
        try {
            LOG.info("Fetching release {} from {} ({})", release.version(), source.base(), why);
            source.downloadNQuads(release.version(), download);
            String actual = sha256(download);
            if (!actual.equals(release.sha256())) {
                throw new SnapshotException(
                        "release " + release.version() + " fetched from "
                                + source.file(release.version(), "atlas.nq.gz") + " has SHA-256 " + actual
                                + ", but " + why + " says " + release.sha256(),
                        null);
            }
            long downloaded = System.nanoTime();
            long quads = build(atlas, swap.building(), download, release);
            if (entry != null && release.head() != null && atlas.changeLog() != null) {
                // Written before the swap; if the swap never happens, the next open sets it aside.
                atlas.changeLog().adopt(release.head().substring("urn:uuid:".length()), entry);
            }
            atlas.replaceWith(swap, StoreSwap.Old.DELETE);
            LOG.info(
                    "Installed release {} ({} quads) at offset {}: downloaded and checked in {} ms, loaded and swapped"
                            + " in {} ms",
                    release.version(),
                    quads,
                    release.offset(),
                    (downloaded - started) / 1_000_000,
                    (System.nanoTime() - downloaded) / 1_000_000);
        } catch (RuntimeException e) {
            swap.abandon();
            throw e instanceof SnapshotException s
                    ? s
                    : new SnapshotException("cannot install release " + release.version() + ": " + e.getMessage(), e);
        } finally {
            try {
                Files.deleteIfExists(download);
            } catch (IOException e) {
                LOG.warn("Could not delete the downloaded release {}", download, e);
            }
        }
    }

    /**
     * Removes what an install killed midway left beside the store: its download ({@code <store>.release-*.nq.gz}) and
     * the store it was building ({@code <store>.bootstrapping-*}, with its text index). Only the process that holds
     * the store installs into it (TDB2 locks a store to one process), so any such file is a dead install's.
     */
    static void removeLeftovers(Path store) {
        String name = store.getFileName().toString();
        try (var siblings = Files.list(store.getParent())) {
            for (Path p : siblings.toList()) {
                String n = p.getFileName().toString();
                boolean download = n.startsWith(name + ".release-") && n.endsWith(".nq.gz");
                if (download || n.startsWith(name + "." + BUILDING + "-")) {
                    long bytes = Files.isDirectory(p) ? FileUtils.sizeOfDirectory(p.toFile()) : Files.size(p);
                    FileUtils.forceDelete(p.toFile());
                    LOG.warn("Removed {} ({} bytes), left by an install that did not finish", p, bytes);
                }
            }
        } catch (IOException | UncheckedIOException e) {
            LOG.warn("Could not remove what an unfinished install left beside {}", store, e);
        }
    }

    private static String sha256(Path file) {
        try {
            return Checksums.sha256(file);
        } catch (IOException e) {
            throw new SnapshotException("cannot read the downloaded release " + file + ": " + e.getMessage(), e);
        }
    }

    /** Loads the release into a new store, with its text index and the replica's own facts; returns the quads. */
    private static long build(AtlasStore live, Path building, Path nquads, ReleaseSource.Point release) {
        long[] count = {0};
        try (AtlasStore fresh = AtlasStore.open(building)) {
            if (Files.size(nquads) < BULK_FROM_BYTES) {
                loadInTransaction(fresh.datasetGraph(), nquads, count);
            } else {
                bulkLoad(fresh.datasetGraph(), nquads, count);
            }
        } catch (IOException | RuntimeException e) {
            throw new SnapshotException(
                    "cannot load release " + release.version() + " (" + nquads + "): " + e.getMessage(), e);
        }
        return withOwnFacts(live, building, release, count[0]);
    }

    private static void loadInTransaction(DatasetGraph dsg, Path nquads, long[] count) throws IOException {
        try (InputStream in = gunzip(nquads)) {
            Txn.executeWrite(
                    dsg,
                    () -> RDFParser.source(in)
                            .lang(Lang.NQUADS)
                            .parse(Replay.counting(StreamRDFLib.dataset(dsg), count)));
        }
    }

    private static void bulkLoad(DatasetGraph dsg, Path nquads, long[] count) throws IOException {
        DataLoader loader = LoaderFactory.parallelLoader(
                dsg, (format, args) -> LOG.debug(String.format(Locale.ROOT, format, args)));
        loader.startBulk();
        try (InputStream in = gunzip(nquads)) {
            RDFParser.source(in).lang(Lang.NQUADS).parse(Replay.counting(loader.stream(), count));
            loader.finishBulk();
        } catch (IOException | RuntimeException e) {
            loader.finishException(e);
            throw e;
        }
    }

    private static InputStream gunzip(Path file) throws IOException {
        return new GZIPInputStream(new BufferedInputStream(Files.newInputStream(file), 1 << 16));
    }

    /** The replica's own facts (and the entry and offset the data is at) into the loaded store; returns quads. */
    private static long withOwnFacts(AtlasStore live, Path building, ReleaseSource.Point release, long quads) {
        // Opened again: the text index is built from the loaded data now, before the swap, not while serving.
        try (AtlasStore fresh = AtlasStore.open(building)) {
            List<Quad> own = live.read(dsg -> org.apache.jena.atlas.iterator.Iter.toList(
                    dsg.find(AtlasIris.CHANGE_LOG_GRAPH, Node.ANY, Node.ANY, Node.ANY)));
            DatasetGraph dsg = fresh.datasetGraph();
            Txn.executeWrite(dsg, () -> {
                own.forEach(dsg::add);
                if (release.head() != null) {
                    Node head = NodeFactory.createURI(release.head());
                    dsg.deleteAny(AtlasIris.CHANGE_LOG_GRAPH, AtlasIris.CHANGE_LOG, AS.last.asNode(), Node.ANY);
                    dsg.add(AtlasIris.CHANGE_LOG_GRAPH, AtlasIris.CHANGE_LOG, AS.last.asNode(), head);
                    dsg.add(AtlasIris.CHANGE_LOG_GRAPH, AtlasIris.CHANGE_LOG, AS.items.asNode(), head);
                    dsg.add(
                            AtlasIris.CHANGE_LOG_GRAPH,
                            AtlasIris.CHANGE_LOG,
                            RDF.type.asNode(),
                            AS.OrderedCollection.asNode());
                }
                if (release.offset() >= 0) {
                    ChangeLog.markOffset(dsg, release.offset());
                }
            });
        }
        return quads;
    }
}
