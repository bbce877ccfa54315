package org.partnershipatlas.loaders;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.apache.jena.graph.Node;
import org.apache.jena.riot.RDFFormat;
import org.apache.jena.riot.RDFLanguages;
import org.apache.jena.riot.RDFParser;
import org.apache.jena.riot.system.StreamRDF;
import org.apache.jena.riot.system.StreamRDFWriter;
import org.apache.jena.shacl.Shapes;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.core.Quad;
import org.apache.jena.system.Txn;
import org.apache.jena.system.progress.MonitorOutput;
import org.apache.jena.tdb2.loader.DataLoader;
import org.apache.jena.tdb2.loader.LoaderFactory;
import org.partnershipatlas.loaders.LoadReport.SourceReport;
import org.partnershipatlas.loaders.bulk.StreamingGraph;
import org.partnershipatlas.loaders.changes.ChangeLog;
import org.partnershipatlas.loaders.csvw.CsvMapper;
import org.partnershipatlas.loaders.provenance.Provenance;
import org.partnershipatlas.loaders.releases.ReleaseArchive;
import org.partnershipatlas.loaders.releases.SnapshotRelease;
import org.partnershipatlas.loaders.source.RdfReader;
import org.partnershipatlas.loaders.source.SourceFile;
import org.partnershipatlas.loaders.source.SourceFiles;
import org.partnershipatlas.loaders.source.TextCheck;
import org.partnershipatlas.loaders.store.AtlasStore;
import org.partnershipatlas.loaders.store.DiskSpace;
import org.partnershipatlas.loaders.store.InsufficientSpaceException;
import org.partnershipatlas.loaders.store.StorageFaultException;
import org.partnershipatlas.loaders.store.StoreFiles;
import org.partnershipatlas.loaders.store.StoreGrowth;
import org.partnershipatlas.loaders.store.StoreSwap;
import org.partnershipatlas.ontology.AtlasIris;
import org.partnershipatlas.ontology.AtlasOntology;
import org.partnershipatlas.queries.precomputed.Precomputed;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads big sources through one of TDB2's bulk loaders, with the same result and the same guarantee as
 * {@link Loader}: each source replaces its own graph, everything is validated, and a failed load leaves the store
 * exactly as it was.
 *
 * <pre>
 *   LoadReport report = BulkLoader.into(Path.of("var/tdb2")).sources(List.of(Path.of("national"))).run();
 * </pre>
 *
 * The store is rebuilt beside the old one ({@link StoreSwap}): the graphs that are not being replaced are copied
 * from the old store, the sources are mapped record by record straight into the loader (nothing is held in memory
 * but a few bytes a record for the duplicate-key check), then the new store is validated subject by subject against
 * the shapes, its provenance and linksets are written, the optimizer's statistics and the text index are built, and
 * then its release is written and the change log's snapshot entry naming it appended ({@link SnapshotRelease}), and
 * only then is it swapped in. A store in use by another process is refused before anything is done. Progress goes
 * to the {@link LoadProgress} given (a progress bar), by default {@link LoadProgress#toLog()}: counters to the log
 * every ten seconds.
 */
public final class BulkLoader {
    private static final Logger LOG = LoggerFactory.getLogger(BulkLoader.class);

    /** TDB2's bulk loaders (see the TDB2 documentation); which is fastest depends on the machine and the size. */
    public enum Strategy {
        /** One thread, one transaction. */
        BASIC,
        /** Data, then indexes in phases, a few threads. */
        PHASED,
        /** As many threads as there are indexes. */
        PARALLEL
    }

    private final Path storeDir;
    private AtlasIris iris = AtlasIris.DEFAULT;
    private List<Path> paths = List.of();
    private Shapes shapes = AtlasOntology.shapes();
    private int violationLimit = 200;
    private Strategy strategy = Strategy.PARALLEL;
    private LoadProgress progress = LoadProgress.toLog();
    private DiskSpace diskSpace = DiskSpace.reserving(DiskSpace.DEFAULT_RESERVE);
    private SnapshotRelease releases;
    private ChangeLog.Publisher publisher;
    private ChangeLog.Entry snapshot;

    private BulkLoader(Path storeDir) {
        this.storeDir = storeDir;
    }

    /** A bulk load into the store at {@code storeDir} (which need not exist yet). */
    public static BulkLoader into(Path storeDir) {
        return new BulkLoader(Objects.requireNonNull(storeDir, "storeDir"));
    }

    /** The IRIs to mint and the named graphs to load into (default {@link AtlasIris#DEFAULT}). */
    public BulkLoader iris(AtlasIris iris) {
        this.iris = Objects.requireNonNull(iris, "iris");
        return this;
    }

    /** The source files and directories to load; each source replaces its own named graph. */
    public BulkLoader sources(List<Path> paths) {
        this.paths = List.copyOf(paths);
        return this;
    }

    /** The SHACL shapes the new store must conform to before it is swapped in (default the Atlas's own). */
    public BulkLoader shapes(Shapes shapes) {
        this.shapes = Objects.requireNonNull(shapes, "shapes");
        return this;
    }

    /** How many shape violations the report lists at most (default 200; at least 1). */
    public BulkLoader violationLimit(int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1: " + limit);
        }
        this.violationLimit = limit;
        return this;
    }

    /** Which of TDB2's bulk loaders to use (default {@link Strategy#PARALLEL}). */
    public BulkLoader strategy(Strategy strategy) {
        this.strategy = Objects.requireNonNull(strategy, "strategy");
        return this;
    }

    /** Where progress goes (default {@link LoadProgress#toLog()}); a terminal gives a progress bar. */
    public BulkLoader progress(LoadProgress progress) {
        this.progress = Objects.requireNonNull(progress, "progress");
        return this;
    }

    /** The free-space check made before the load starts (default: reserve 64 MiB). */
    public BulkLoader diskSpace(DiskSpace space) {
        this.diskSpace = Objects.requireNonNull(space, "space");
        return this;
    }

    /**
     * Where the release of the new store goes, and under which public URL it describes itself (default:
     * {@code releases} beside the store, {@link SnapshotRelease#DEFAULT_PUBLIC_URL}). Every bulk load writes one: the
     * change log's snapshot entry names it.
     */
    public BulkLoader releases(ReleaseArchive archive, String publicUrl) {
        this.releases = new SnapshotRelease(Objects.requireNonNull(archive, "archive"), iris, publicUrl);
        return this;
    }

    /**
     * Publishes the load's snapshot entry there too (the replicas' Kafka topic) before the swap; if it cannot, the load
     * fails and the old store stays ({@link SnapshotRelease#publishTo}).
     */
    public BulkLoader publishTo(ChangeLog.Publisher publisher) {
        this.publisher = publisher;
        return this;
    }

    /** The snapshot entry the last successful {@link #run} appended to the change log, if any. */
    public Optional<ChangeLog.Entry> snapshot() {
        return Optional.ofNullable(snapshot);
    }

    /**
     * Runs the load; the store is replaced only if the report says it was committed.
     *
     * @throws InsufficientSpaceException before anything is touched, if the new store will not fit beside the old
     * @throws StorageFaultException if the disk fails during the load; the new store is deleted, the old untouched
     */
    public LoadReport run() {
        List<SourceFile> files = SourceFiles.discover(paths);
        files.forEach(TextCheck::check);
        long sourceBytes = files.stream().mapToLong(LoadSteps::size).sum();
        StoreSwap swap = StoreSwap.beside(storeDir, "loading");
        SnapshotRelease release = releases != null
                ? new SnapshotRelease(releases.archive(), iris, releases.publicUrl())
                : SnapshotRelease.besideStore(storeDir, iris);
        release.publishTo(publisher);
        List<DiskSpace.Need> needs = new ArrayList<>(spaceNeeded(storeDir, swap.building(), sourceBytes));
        needs.add(release.spaceNeeded(needs.get(0).bytes()));
        diskSpace.require("the bulk load", needs);
        StoreGrowth.Watch growth = StoreGrowth.watch(swap.building());
        snapshot = null;
        ChangeLog.Entry written = null;
        try {
            LoadReport report = watched(() -> build(files, swap.building()));
            if (report.committed()) {
                growth.record(sourceBytes);
                progress.step("Writing the release of the new store and its change log entry");
                try (AtlasStore fresh = AtlasStore.open(swap.building())) {
                    fresh.diskSpace(diskSpace);
                    written = release.record(fresh, storeDir, "the bulk load");
                }
                progress.step("Swapping the new store in");
                swap.commit(StoreSwap.Old.DELETE);
                snapshot = written;
            } else {
                swap.abandon();
            }
            return report;
        } catch (RuntimeException | Error e) {
            swap.abandon();
            if (written != null) {
                release.notSwapped(storeDir, written);
            }
            throw DiskSpace.failedWrite(
                    "the bulk load",
                    swap.building(),
                    e,
                    "the new store being built beside the old one was deleted, and the store at " + storeDir
                            + " is as it was");
        } finally {
            progress.finished();
        }
    }

    /**
     * Runs the build in a thread of its own and watches TDB2's loader threads meanwhile. The phased and parallel
     * loaders index in worker threads; a worker that meets a full disk dies of an {@link InternalError} that nothing
     * passes on, and the build then waits for it for ever. A storage fault in any thread ends the wait here, as a
     * failure of the build; the stuck thread is a daemon and goes with the process.
     */
    private static LoadReport watched(Supplier<LoadReport> build) {
        AtomicReference<Throwable> workerFault = new AtomicReference<>();
        Thread.UncaughtExceptionHandler previous = Thread.getDefaultUncaughtExceptionHandler();
        Thread.setDefaultUncaughtExceptionHandler((thread, e) -> {
            if (DiskSpace.isStorageFault(e)) {
                workerFault.compareAndSet(null, e);
            }
            if (previous != null) {
                previous.uncaughtException(thread, e);
            } else {
                LOG.debug("Thread {} failed", thread.getName(), e);
            }
        });
        CompletableFuture<LoadReport> result = new CompletableFuture<>();
        Thread worker = new Thread(
                () -> {
                    try {
                        result.complete(build.get());
                    } catch (Throwable e) {
                        result.completeExceptionally(e);
                    }
                },
                "atlas-bulk-load");
        worker.setDaemon(true);
        worker.start();
        try {
            while (true) {
                try {
                    return result.get(200, TimeUnit.MILLISECONDS);
                } catch (TimeoutException e) {
                    Throwable fault = workerFault.get();
                    if (fault != null) {
                        worker.interrupt();
                        throw rethrown(fault);
                    }
                } catch (ExecutionException e) {
                    throw rethrown(e.getCause());
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            worker.interrupt();
            throw new IllegalStateException("interrupted while the bulk load ran", e);
        } finally {
            Thread.setDefaultUncaughtExceptionHandler(previous);
        }
    }

    private static RuntimeException rethrown(Throwable e) {
        if (e instanceof Error error) {
            throw error;
        }
        if (e instanceof RuntimeException r) {
            return r;
        }
        return new IllegalStateException(e);
    }

    /**
     * What a bulk load needs beside the store: the new store (the kept graphs, at most the old store's data, plus the
     * store's growth for the sources, {@link StoreGrowth}) and its text index (about the old index's size).
     */
    static List<DiskSpace.Need> spaceNeeded(Path storeDir, Path building, long sourceBytes) {
        long kept = StoreFiles.usedBytes(storeDir);
        return List.of(
                new DiskSpace.Need(building, kept + StoreGrowth.estimate(storeDir, sourceBytes)),
                new DiskSpace.Need(
                        AtlasStore.textDirectory(building),
                        DiskSpace.sizeOf(AtlasStore.textDirectory(storeDir)) + DiskSpace.FILE_SLACK_BYTES));
    }

    private LoadReport build(List<SourceFile> files, Path building) {
        try (AtlasStore fresh = AtlasStore.open(building)) {
            DatasetGraph dsg = fresh.datasetGraph();
            List<SourceReport> sources = new ArrayList<>();
            List<Provenance.Record> records = new ArrayList<>();
            long t0 = System.nanoTime();
            bulkLoad(dsg, files, sources, records);
            long t1 = System.nanoTime();

            progress.step("Validating against the shapes");
            // The new store is this load's alone, and committed: validation may use every core.
            int threads = Runtime.getRuntime().availableProcessors();
            LoadSteps.Findings findings =
                    Txn.calculateRead(dsg, () -> LoadSteps.validate(dsg, iris, files, shapes, violationLimit, threads));
            long t2 = System.nanoTime();
            if (!findings.violations().isEmpty()) {
                return new LoadReport(sources, findings.violations(), findings.warnings(), false, findings.truncated());
            }
            progress.step("Precomputing overlaps and counts");
            Precomputed.Summary precomputed = precompute(dsg, building);
            progress.step("Recording provenance and linksets");
            Txn.executeWrite(dsg, () -> LoadSteps.recordBulkLoad(dsg, iris, records, precomputed));
            long t3 = System.nanoTime();
            progress.step("Gathering statistics for the query optimizer and the whole store");
            LoadSteps.writeStatistics(dsg, dsg, iris, true);
            long t4 = System.nanoTime();
            progress.step("Building the text index");
            long indexed = fresh.textIndex().rebuild(dsg);
            long t5 = System.nanoTime();
            LOG.info(
                    "Bulk load ({}) in seconds: read and index {}, validate {}, provenance, linksets and precomputed"
                            + " answers {} ({} overlaps, {} observations, {} triples), statistics {}, text index {}"
                            + " ({} values)",
                    strategy.name().toLowerCase(Locale.ROOT),
                    secs(t1 - t0),
                    secs(t2 - t1),
                    secs(t3 - t2),
                    precomputed.overlaps(),
                    precomputed.observations(),
                    precomputed.triples(),
                    secs(t4 - t3),
                    secs(t5 - t4),
                    indexed);
            return new LoadReport(sources, List.of(), findings.warnings(), true, false);
        }
    }

    /**
     * The precomputed graphs, computed from the new store into a temporary RDF Thrift file and then added with a
     * second bulk load (millions of quads at national scale, several times faster than adding them in a write
     * transaction); the file lives inside the new store's folder, so a failure removes it with the store.
     */
    private Precomputed.Summary precompute(DatasetGraph dsg, Path building) {
        Path file = building.resolve("precomputed.rt");
        try {
            Precomputed.Summary summary;
            try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16)) {
                StreamRDF writer = StreamRDFWriter.getWriterStream(out, RDFFormat.RDF_THRIFT);
                writer.start();
                summary = Txn.calculateRead(dsg, () -> Precomputed.compute(dsg, iris, writer::quad));
                writer.finish();
            }
            DataLoader loader = loader(dsg);
            loader.startBulk();
            try {
                RDFParser.source(file).lang(RDFLanguages.RDFTHRIFT).parse(loader.stream());
                loader.finishBulk();
            } catch (RuntimeException e) {
                loader.finishException(e);
                throw e;
            }
            Files.delete(file);
            return summary;
        } catch (IOException e) {
            throw new UncheckedIOException("could not write the precomputed answers into the new store's folder", e);
        }
    }

    private DataLoader loader(DatasetGraph dsg) {
        MonitorOutput toLog = (format, args) -> LOG.info(String.format(Locale.ROOT, format, args));
        return switch (strategy) {
            case BASIC -> LoaderFactory.basicLoader(dsg, toLog);
            case PHASED -> LoaderFactory.phasedLoader(dsg, toLog);
            case PARALLEL -> LoaderFactory.parallelLoader(dsg, toLog);
        };
    }

    /** Everything into the new store in one bulk load: kept graphs, the ontology, then each source. */
    private void bulkLoad(
            DatasetGraph dsg, List<SourceFile> files, List<SourceReport> sources, List<Provenance.Record> records) {
        DataLoader loader = loader(dsg);
        loader.startBulk();
        try {
            StreamRDF stream = loader.stream();
            Set<Node> replaced = new HashSet<>();
            replaced.add(iris.ontologyGraph());
            files.forEach(f -> replaced.add(iris.graph(f.sourceId())));
            replaced.addAll(LoadSteps.derivedGraphs(iris));
            copyKeptGraphs(stream, replaced);
            AtlasOntology.graph().find().forEach(t -> stream.quad(Quad.create(iris.ontologyGraph(), t)));
            List<SourceRead> counts = readSources(stream, files);
            loader.finishBulk();
            for (int i = 0; i < files.size(); i++) {
                SourceFile file = files.get(i);
                Node graphName = iris.graph(file.sourceId());
                long triples = Txn.calculateRead(dsg, () -> LoadSteps.countQuads(dsg, graphName));
                LoadSteps.describeSource(
                        file,
                        graphName,
                        counts.get(i).records(),
                        triples,
                        counts.get(i).startedAt(),
                        sources,
                        records);
            }
        } catch (RuntimeException e) {
            loader.finishException(e);
            throw e;
        }
    }

    /** Streams the old store's graphs that this load does not replace (decisions, linksets, provenance). */
    private void copyKeptGraphs(StreamRDF stream, Set<Node> replaced) {
        if (!AtlasStore.exists(storeDir)) {
            return;
        }
        progress.step("Copying the graphs this load keeps from the current store");
        try (AtlasStore old = AtlasStore.open(storeDir)) {
            long copied = old.read(dsg -> {
                long n = 0;
                var quads = dsg.find();
                while (quads.hasNext()) {
                    Quad q = quads.next();
                    if (!replaced.contains(q.getGraph())) {
                        stream.quad(q);
                        n++;
                    }
                }
                return n;
            });
            LOG.info("Kept {} quads from the graphs this load does not replace", copied);
        }
    }

    /** How many records a source gave, and when its reading began (for its provenance). */
    private record SourceRead(long records, Instant startedAt) {}

    /** Maps each source into the loader; returns what each file gave, in order. */
    private List<SourceRead> readSources(StreamRDF stream, List<SourceFile> files) {
        long total = 0;
        for (SourceFile f : files) {
            total += LoadSteps.size(f);
        }
        progress.reading(total);
        List<SourceRead> counts = new ArrayList<>();
        long before = 0;
        long recordsBefore = 0;
        long triplesBefore = 0;
        long started = System.nanoTime();
        for (SourceFile file : files) {
            Instant startedAt = Instant.ofEpochMilli(System.currentTimeMillis());
            StreamingGraph target = new StreamingGraph(stream, iris.graph(file.sourceId()), file.isCsv());
            long offset = before;
            long recordBase = recordsBefore;
            long tripleBase = triplesBefore;
            long records;
            if (file.isCsv()) {
                records = new CsvMapper(file.schema(), iris)
                        .onProgress(position -> progress.read(
                                offset + position, recordBase + target.subjects(), tripleBase + target.triples()))
                        .map(file.path(), file.displayName(), target);
            } else {
                records = RdfReader.read(file, iris.base(), target);
            }
            before += LoadSteps.size(file);
            recordsBefore += records;
            triplesBefore += target.triples();
            progress.read(before, recordsBefore, triplesBefore);
            LOG.info("Read {}: {} records, {} triples", file.displayName(), records, target.triples());
            counts.add(new SourceRead(records, startedAt));
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        LOG.info(
                "Read {} records, {} triples in {} s ({} triples/s)",
                recordsBefore,
                triplesBefore,
                String.format(Locale.ROOT, "%.1f", seconds),
                Math.round(triplesBefore / Math.max(seconds, 1e-3)));
        return counts;
    }

    private static String secs(long nanos) {
        return String.format(Locale.ROOT, "%.1f", nanos / 1e9);
    }
}
