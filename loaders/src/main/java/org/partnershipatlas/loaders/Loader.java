package org.partnershipatlas.loaders;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.query.TxnType;
import org.apache.jena.shacl.Shapes;
import org.apache.jena.sparql.core.DatasetGraph;
import org.partnershipatlas.loaders.LoadReport.SourceReport;
import org.partnershipatlas.loaders.csvw.CsvMapper;
import org.partnershipatlas.loaders.links.Linksets;
import org.partnershipatlas.loaders.provenance.Provenance;
import org.partnershipatlas.loaders.source.RdfReader;
import org.partnershipatlas.loaders.source.SourceFile;
import org.partnershipatlas.loaders.source.SourceFiles;
import org.partnershipatlas.loaders.source.TextCheck;
import org.partnershipatlas.loaders.store.AtlasStore;
import org.partnershipatlas.loaders.store.DiskSpace;
import org.partnershipatlas.loaders.store.StoreGrowth;
import org.partnershipatlas.ontology.AtlasIris;
import org.partnershipatlas.ontology.AtlasOntology;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads source files into the store, all or nothing.
 *
 * <pre>
 *   LoadReport report = Loader.into(store).iris(AtlasIris.DEFAULT).sources(List.of(Path.of("data"))).run();
 *   if (!report.committed()) { report.violations().forEach(System.err::println); }
 * </pre>
 *
 * In one TDB2 write transaction: the ontology graph is refreshed; each source replaces its own graph
 * {@code {base}graph/{source}}; everything written is validated against the SHACL shapes over the union of all
 * graphs; provenance is recorded; the linksets derived from the data are rebuilt ({@link Linksets}). Input errors throw {@link LoadException}; SHACL violations are reported in
 * the {@link LoadReport}. In both cases the transaction is aborted and the store is left exactly as it was.
 */
public final class Loader {
    private static final Logger LOG = LoggerFactory.getLogger(Loader.class);

    private final AtlasStore store;
    private AtlasIris iris = AtlasIris.DEFAULT;
    private List<Path> paths = List.of();
    private Shapes shapes = AtlasOntology.shapes();
    private int violationLimit = 200;

    private Loader(AtlasStore store) {
        this.store = store;
    }

    /** Starts a load into {@code store}. */
    public static Loader into(AtlasStore store) {
        return new Loader(Objects.requireNonNull(store, "store"));
    }

    /** The canonical base for minted IRIs (default {@link AtlasIris#DEFAULT}). */
    public Loader iris(AtlasIris iris) {
        this.iris = Objects.requireNonNull(iris, "iris");
        return this;
    }

    /** Files or directories to load; directories are searched recursively for CSV and RDF files. */
    public Loader sources(List<Path> paths) {
        this.paths = List.copyOf(Objects.requireNonNull(paths, "paths"));
        if (paths.isEmpty()) {
            throw new IllegalArgumentException("No sources to load");
        }
        return this;
    }

    /** The shapes to validate against (default: the Atlas shapes). */
    public Loader shapes(Shapes shapes) {
        this.shapes = Objects.requireNonNull(shapes, "shapes");
        return this;
    }

    /** Stop validating after this many violations (default 200). */
    public Loader violationLimit(int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1: " + limit);
        }
        this.violationLimit = limit;
        return this;
    }

    /**
     * Runs the load.
     *
     * @throws org.partnershipatlas.loaders.store.InsufficientSpaceException before anything is touched, if the disk
     *     has too little space for it ({@link #spaceNeeded})
     * @throws org.partnershipatlas.loaders.store.StorageFaultException if the disk fails during the load; the store is
     *     as it was, and faulted ({@link AtlasStore#write})
     */
    public LoadReport run() {
        List<SourceFile> files = SourceFiles.discover(paths);
        long sourceBytes = files.stream().mapToLong(LoadSteps::size).sum();
        store.refuseIfFaulted();
        Path location = store.location();
        if (location != null) {
            store.diskSpace().require("the load", spaceNeeded(store, sourceBytes));
        }
        StoreGrowth.Watch growth = location == null ? null : StoreGrowth.watch(location);
        DatasetGraph dsg = store.datasetGraph();
        // Written through the logged view (the change log gets the real changes); validated on the store itself.
        DatasetGraph writer = store.logged();
        LoadReport report = store.write("the load", () -> {
            writer.begin(TxnType.WRITE);
            try {
                LoadReport r = load(writer, dsg, files);
                if (r.committed()) {
                    // Last, in the load's own transaction (one change-log entry): the optimizer's statistics and,
                    // from the same scan, the whole-store statistics. TDB2 reads the optimizer's file when the
                    // store is next opened, so a server that ran this load keeps its optimizer's old figures until
                    // it restarts.
                    LoadSteps.writeStatistics(writer, dsg, iris, location != null);
                    writer.commit();
                } else {
                    writer.abort();
                }
                return r;
            } catch (RuntimeException | Error e) {
                abortQuietly(writer, e);
                throw e;
            } finally {
                endQuietly(writer);
            }
        });
        if (report.committed()) {
            if (growth != null) {
                growth.record(sourceBytes);
            }
            // The index follows the data: rebuilt from the committed store after every load.
            long indexed = store.write(
                    "rebuilding the text index (the data was loaded and committed; the index is rebuilt when the"
                            + " store is next opened)",
                    () -> store.textIndex().rebuild(dsg));
            LOG.info("Text index rebuilt: {} values", indexed);
        }
        return report;
    }

    /**
     * What a load of {@code sourceBytes} of sources needs on disk: the store's growth for them ({@link StoreGrowth})
     * and room to rebuild the text index (its current size again, as Lucene writes the new segments before it drops
     * the old).
     */
    public static List<DiskSpace.Need> spaceNeeded(AtlasStore store, long sourceBytes) {
        Path location = store.location();
        Path text = AtlasStore.textDirectory(location);
        return List.of(
                new DiskSpace.Need(location, StoreGrowth.estimate(location, sourceBytes)),
                new DiskSpace.Need(text, DiskSpace.sizeOf(text) + DiskSpace.FILE_SLACK_BYTES));
    }

    /** Aborts after a failure without hiding it: after a storage fault, the abort may fail too. */
    static void abortQuietly(DatasetGraph dsg, Throwable failure) {
        try {
            if (dsg.isInTransaction()) {
                dsg.abort();
            }
        } catch (RuntimeException | Error e) {
            failure.addSuppressed(e);
        }
    }

    private static void endQuietly(DatasetGraph dsg) {
        try {
            dsg.end();
        } catch (RuntimeException | Error e) {
            LOG.debug("Ending the load's transaction after a failure", e);
        }
    }

    /** Loads into {@code dsg} (the logged view) in its write transaction; validates on {@code store}. */
    private LoadReport load(DatasetGraph dsg, DatasetGraph store, List<SourceFile> files) {
        replaceOntologyGraph(dsg);
        List<SourceReport> sources = new ArrayList<>();
        List<Provenance.Record> records = new ArrayList<>();
        for (SourceFile file : files) {
            Instant started = Instant.now();
            TextCheck.check(file);
            Node graphName = iris.graph(file.sourceId());
            dsg.deleteAny(graphName, Node.ANY, Node.ANY, Node.ANY);
            Graph target = dsg.getGraph(graphName);
            long recordCount = file.isCsv()
                    ? new CsvMapper(file.schema(), iris).map(file.path(), file.displayName(), target)
                    : RdfReader.read(file, iris.base(), target);
            long triples = LoadSteps.countQuads(dsg, graphName);
            LOG.info(
                    "Read {}: {} records, {} triples into <{}>",
                    file.displayName(),
                    recordCount,
                    triples,
                    graphName.getURI());
            LoadSteps.describeSource(file, graphName, recordCount, triples, started, sources, records);
        }
        // One thread: other threads cannot see this write transaction's changes.
        LoadSteps.Findings findings = LoadSteps.validate(store, iris, files, shapes, violationLimit, 1);
        if (!findings.violations().isEmpty()) {
            return new LoadReport(sources, findings.violations(), findings.warnings(), false, findings.truncated());
        }
        LoadSteps.recordLoad(dsg, iris, records);
        return new LoadReport(sources, List.of(), findings.warnings(), true, false);
    }

    private void replaceOntologyGraph(DatasetGraph dsg) {
        Node graphName = iris.ontologyGraph();
        dsg.deleteAny(graphName, Node.ANY, Node.ANY, Node.ANY);
        AtlasOntology.graph().find().forEach(t -> dsg.add(graphName, t.getSubject(), t.getPredicate(), t.getObject()));
    }
}
