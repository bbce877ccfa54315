package org.partnershipatlas.loaders;

import java.io.IOException;
import java.nio.file.Files;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.jena.graph.Node;
import org.apache.jena.shacl.Shapes;
import org.apache.jena.shacl.validation.ReportEntry;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.system.Txn;
import org.partnershipatlas.loaders.LoadReport.SourceReport;
import org.partnershipatlas.loaders.csvw.CsvMapper;
import org.partnershipatlas.loaders.links.Linksets;
import org.partnershipatlas.loaders.provenance.Provenance;
import org.partnershipatlas.loaders.source.SourceFile;
import org.partnershipatlas.loaders.store.OptimizerStatistics;
import org.partnershipatlas.loaders.validate.ProblemDescriber;
import org.partnershipatlas.loaders.validate.Validation;
import org.partnershipatlas.ontology.AtlasIris;
import org.partnershipatlas.queries.precomputed.Precomputed;
import org.partnershipatlas.queries.precomputed.StoreStatistics;

/**
 * The steps every load shares, however its quads reach the store ({@link Loader} in one transaction,
 * {@link BulkLoader} through TDB2's bulk loader into a new store): what a source was, validation with findings
 * described by file and line, and the provenance and linksets written after a load that conforms.
 */
final class LoadSteps {
    private LoadSteps() {}

    /** What validation found, described for people. */
    record Findings(List<LoadProblem> violations, List<LoadProblem> warnings, boolean truncated) {}

    /**
     * Validates each source's graph against the shapes over the union; call inside a transaction on {@code dsg}.
     * With more than one thread, workers read in their own read transactions: only for a read transaction on a
     * store no one else writes to (see {@link Validation}).
     */
    static Findings validate(
            DatasetGraph dsg, AtlasIris iris, List<SourceFile> files, Shapes shapes, int limit, int threads) {
        Validation validation = new Validation(shapes, limit, threads);
        ProblemDescriber describer = new ProblemDescriber();
        List<LoadProblem> violations = new ArrayList<>();
        List<LoadProblem> warnings = new ArrayList<>();
        boolean truncated = false;
        for (SourceFile file : files) {
            Validation.Findings findings = validation.validateGraph(dsg, iris.graph(file.sourceId()));
            Map<Node, Long> lines = lines(file, iris, findings);
            findings.violations()
                    .forEach(e -> violations.add(describer.describe(e, file.displayName(), lines, file.schema())));
            findings.warnings()
                    .forEach(e -> warnings.add(describer.describe(e, file.displayName(), lines, file.schema())));
            truncated |= findings.truncated();
            if (violations.size() >= limit) {
                truncated = true;
                break;
            }
        }
        return new Findings(violations, warnings, truncated);
    }

    /**
     * Records the provenance of each source, derives the linksets and rebuilds the precomputed graphs; call inside
     * a write transaction.
     */
    static Precomputed.Summary recordLoad(DatasetGraph dsg, AtlasIris iris, List<Provenance.Record> records) {
        recordProvenanceAndLinks(dsg, iris, records);
        // What the library's heaviest questions read (overlaps, counts per domain and locality), kept in step.
        return Precomputed.rebuild(dsg, iris);
    }

    /** As {@link #recordLoad}, for a bulk load that has already added the precomputed graphs. */
    static void recordBulkLoad(
            DatasetGraph dsg, AtlasIris iris, List<Provenance.Record> records, Precomputed.Summary precomputed) {
        recordProvenanceAndLinks(dsg, iris, records);
        Precomputed.describe(dsg, iris, precomputed);
    }

    private static void recordProvenanceAndLinks(DatasetGraph dsg, AtlasIris iris, List<Provenance.Record> records) {
        Provenance provenance = new Provenance(dsg, iris);
        records.forEach(provenance::record);
        // Links that follow from the data (localities to ONS geographies, documents to their pages), kept in step.
        Linksets.derive(dsg, iris);
    }

    /** The graphs every load rebuilds from the data, never copied from an earlier store. */
    static List<Node> derivedGraphs(AtlasIris iris) {
        List<Node> graphs = new ArrayList<>(Linksets.derivedGraphs(iris));
        graphs.addAll(Precomputed.graphs(iris));
        graphs.add(StoreStatistics.graph(iris));
        return graphs;
    }

    /**
     * Writes TDB2's optimizer statistics and, from the same scan of the store, the whole-store statistics
     * ({@link StoreStatistics}), in one write transaction through {@code writer}; a store in memory has no
     * optimizer file and is scanned for the counts alone. Call after everything else the load writes.
     */
    static StoreStatistics.Summary writeStatistics(
            DatasetGraph writer, DatasetGraph dsg, AtlasIris iris, boolean onDisk) {
        return Txn.calculateWrite(writer, () -> {
            // Left out of the scan, so that the statistics count every graph but their own.
            StoreStatistics.clear(writer, iris);
            StoreStatistics.Counts counts = onDisk
                    ? OptimizerStatistics.writeAndCount(dsg, iris.idSpace()).withoutChangeLog(dsg)
                    : StoreStatistics.Counts.scan(dsg, iris);
            return StoreStatistics.write(writer, iris, counts);
        });
    }

    /** The report line and the provenance record of one source, once its graph is written. */
    static void describeSource(
            SourceFile file,
            Node graphName,
            long records,
            long triples,
            Instant started,
            List<SourceReport> sources,
            List<Provenance.Record> provenance) {
        String sha256 = sha256(file);
        sources.add(new SourceReport(file.displayName(), graphName.getURI(), records, triples, sha256));
        provenance.add(new Provenance.Record(
                graphName,
                file.path().getFileName().toString(),
                file.mediaType(),
                size(file),
                sha256,
                records,
                triples,
                started,
                Instant.now()));
    }

    /** The number of quads in one graph (counted on the index, so in constant memory). */
    static long countQuads(DatasetGraph dsg, Node graphName) {
        long n = 0;
        var it = dsg.find(graphName, Node.ANY, Node.ANY, Node.ANY);
        while (it.hasNext()) {
            it.next();
            n++;
        }
        return n;
    }

    /** Finds the CSV line of each resource with a finding, in one pass over the file. */
    private static Map<Node, Long> lines(SourceFile file, AtlasIris iris, Validation.Findings findings) {
        if (!file.isCsv()
                || findings.violations().isEmpty() && findings.warnings().isEmpty()) {
            return Map.of();
        }
        Set<Node> subjects = new HashSet<>();
        findings.violations().stream().map(ReportEntry::focusNode).forEach(subjects::add);
        findings.warnings().stream().map(ReportEntry::focusNode).forEach(subjects::add);
        return new CsvMapper(file.schema(), iris).linesOf(file.path(), subjects);
    }

    /** The size of a source file in bytes. */
    static long size(SourceFile file) {
        try {
            return Files.size(file.path());
        } catch (IOException e) {
            throw new LoadException(LoadProblem.ofFile(file.displayName(), "a readable file"), e);
        }
    }

    private static String sha256(SourceFile file) {
        try {
            return Checksums.sha256(file.path());
        } catch (IOException e) {
            throw new LoadException(LoadProblem.ofFile(file.displayName(), "a readable file"), e);
        }
    }
}
