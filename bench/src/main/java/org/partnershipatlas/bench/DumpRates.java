package org.partnershipatlas.bench;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import java.util.zip.GZIPOutputStream;
import org.apache.jena.graph.Node;
import org.apache.jena.riot.RDFFormat;
import org.apache.jena.riot.system.StreamRDF;
import org.apache.jena.riot.system.StreamRDFWriter;
import org.apache.jena.sparql.core.Quad;
import org.apache.jena.system.Txn;
import org.partnershipatlas.loaders.dumps.DumpFile;
import org.partnershipatlas.loaders.dumps.DumpManifest;
import org.partnershipatlas.loaders.dumps.DumpWriter;
import org.partnershipatlas.loaders.store.AtlasStore;

/**
 * The {@code dump} section of the national benchmark: the release files written by the Atlas's {@link DumpWriter},
 * and the same JVM streaming every quad to gzipped N-Quads, against {@code tdb2.tdbdump} (riot) writing N-Quads of the
 * same store in its own JVM ({@link #tdbdump}, run while the store is closed), in quads per second.
 */
final class DumpRates {
    private final NationalContext ctx;

    DumpRates(NationalContext ctx) {
        this.ctx = ctx;
    }

    /** One dump writer's runs. */
    record Row(String what, long quads, double[] seconds) {
        double median() {
            return Stats.median(seconds);
        }
    }

    /**
     * {@code tdb2.tdbdump} of the store, to N-Quads and piped through gzip: the baseline rows. The store must not be
     * open in this JVM (TDB2 allows one process a store).
     */
    static List<Row> tdbdump(NationalSettings settings, PrintStream progress) throws IOException, InterruptedException {
        Path out = settings.dir().resolve("tdbdump.nq");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String cmd = "'" + java + "' -Xmx1g -cp '" + settings.atlasJar().toAbsolutePath() + "' tdb2.tdbdump --loc '"
                + settings.storeDir().toAbsolutePath() + "'";
        double[] plain = new double[settings.dumpRuns()];
        double[] gzip = new double[settings.dumpRuns()];
        long quads = 0;
        for (int i = 0; i < settings.dumpRuns(); i++) {
            plain[i] = shell(cmd + " > '" + out + "'");
            quads = lines(out);
            Files.delete(out);
            gzip[i] = shell(cmd + " | gzip > '" + out + ".gz'");
            Files.delete(Path.of(out + ".gz"));
            progress.printf("tdbdump run %d: %.1f s, | gzip %.1f s%n", i + 1, plain[i], gzip[i]);
        }
        return List.of(
                new Row("`tdb2.tdbdump` (riot) to N-Quads, in its own JVM", quads, plain),
                new Row("`tdb2.tdbdump \\| gzip` (gzip on the other core)", quads, gzip));
    }

    /** Times the Atlas's writers on the open store and prints the table with the baseline rows first. */
    void run(List<Row> baseline, long quads) throws IOException {
        List<Row> rows = new ArrayList<>(baseline);
        rows.addAll(atlasDumps(quads));
        print(rows, quads);
    }

    private List<Row> atlasDumps(long quads) throws IOException {
        AtlasStore store = ctx.session().store();
        Path dir = ctx.settings().dir();
        int n = ctx.settings().dumpRuns();
        Path dumps = dir.resolve("dumps");
        Path nq = dir.resolve("stream.nq.gz");
        double[] release = new double[n];
        double[] stream = new double[n];
        long statements = 0;
        for (int i = 0; i < n; i++) {
            long t0 = System.nanoTime();
            DumpManifest m = new DumpWriter(store, ctx.iris()).write(dumps);
            release[i] = (System.nanoTime() - t0) / 1e9;
            statements = m.files().stream()
                    .mapToLong(DumpFile::statements)
                    .filter(k -> k > 0)
                    .sum();
            t0 = System.nanoTime();
            Txn.executeRead(store.datasetGraph(), () -> streamQuads(store, nq));
            stream[i] = (System.nanoTime() - t0) / 1e9;
            Files.delete(nq);
            ctx.progress().printf("DumpWriter run %d: %.1f s; N-Quads stream %.1f s%n", i + 1, release[i], stream[i]);
        }
        return List.of(
                new Row(
                        "Atlas `DumpWriter`: the whole release (" + String.format("%,d", statements)
                                + " statements in all its files, SHA-256)",
                        quads,
                        release),
                new Row(
                        "the same JVM streaming every quad to gzipped N-Quads (the release's first file alone)",
                        quads,
                        stream));
    }

    private static void streamQuads(AtlasStore store, Path nq) {
        try (var os = new GZIPOutputStream(new BufferedOutputStream(Files.newOutputStream(nq), 1 << 16), 1 << 16)) {
            StreamRDF w = StreamRDFWriter.getWriterStream(os, RDFFormat.NQUADS);
            w.start();
            for (var it = store.datasetGraph().find(Node.ANY, Node.ANY, Node.ANY, Node.ANY); it.hasNext(); ) {
                Quad q = it.next();
                w.quad(q);
            }
            w.finish();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The table; the ratio is the writer's rate over that of {@code tdb2.tdbdump | gzip}, when that ran. */
    private void print(List<Row> rows, long quads) {
        ctx.out()
                .printf(
                        "%n### Dumps of the store: %,d quads%n%n| writer | runs (s) | median s | store quads/s |"
                                + " rate / `tdbdump \\| gzip` |%n|---|---|---:|---:|---:|%n",
                        quads);
        double baseline = rows.size() > 1 && rows.get(1).what().contains("gzip")
                ? rows.get(1).median()
                : Double.NaN;
        for (Row r : rows) {
            ctx.out()
                    .printf(
                            "| %s | %s | %.1f | %,.0f | %s |%n",
                            r.what(),
                            Arrays.stream(r.seconds())
                                    .mapToObj(x -> String.format("%.1f", x))
                                    .collect(Collectors.joining(", ")),
                            r.median(),
                            r.quads() / r.median(),
                            Double.isNaN(baseline) ? "" : String.format("%.2f", baseline / r.median()));
        }
    }

    private static long lines(Path file) throws IOException {
        try (var s = Files.lines(file)) {
            return s.count();
        }
    }

    private static double shell(String command) throws IOException, InterruptedException {
        long t0 = System.nanoTime();
        Process p = new ProcessBuilder("bash", "-c", "set -o pipefail; " + command)
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        if (p.waitFor() != 0) {
            throw new IllegalStateException("failed: " + command);
        }
        return (System.nanoTime() - t0) / 1e9;
    }
}
