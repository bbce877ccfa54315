package org.partnershipatlas.bench;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.io.FileUtils;
import org.partnershipatlas.loaders.LoadReport;
import org.partnershipatlas.loaders.Loader;
import org.partnershipatlas.loaders.dumps.DumpWriter;
import org.partnershipatlas.loaders.store.AtlasStore;
import org.partnershipatlas.ontology.AtlasIris;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Virtuoso's bulk-load rate on a bigger dump than the sample: the sample's {@code atlas.nq.gz} copied until it holds
 * about {@code --quads} quads, each copy with its own resource and graph IRIs ({@code .../id/c7/partnership/...},
 * {@code .../graph/c7/partnerships}; the ontology's terms stay as they are), split into {@code --files} gzipped
 * N-Quads files and bulk-loaded into a fresh Virtuoso with one loader per file. The generated files and the database
 * are deleted at the end.
 */
@Command(
        name = "virtuoso-load",
        mixinStandardHelpOptions = true,
        description = "Virtuoso's bulk-load rate on a scaled-up copy of the sample dump.")
public final class VirtuosoLoad implements Callable<Integer> {
    @Option(names = "--data", defaultValue = "data", description = "The sources to load (default: ${DEFAULT-VALUE}).")
    Path data;

    @Option(
            names = "--quads",
            defaultValue = "1000000",
            description = "About how many quads to generate (default: ${DEFAULT-VALUE}).")
    long quads;

    @Option(
            names = "--files",
            defaultValue = "2",
            description = "Files to split them into, loaded by as many loaders at once (default: ${DEFAULT-VALUE}).")
    int files;

    @Option(
            names = "--buffers-mb",
            defaultValue = "3072",
            description = "Virtuoso's page buffers in MiB (default: ${DEFAULT-VALUE}).")
    long buffersMb;

    @Option(names = "--work", description = "Working folder (default: a new temporary one, deleted at the end).")
    Path work;

    public static void main(String[] args) {
        System.exit(new CommandLine(new VirtuosoLoad()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        Path dir = work != null ? Files.createDirectories(work) : Files.createTempDirectory("atlas-virtuoso-load");
        try {
            Path sample = sampleDump(dir.resolve("sample"));
            List<String> lines;
            try (BufferedReader in = new BufferedReader(
                    new InputStreamReader(new GZIPInputStream(Files.newInputStream(sample)), StandardCharsets.UTF_8))) {
                lines = in.lines().toList();
            }
            int copies = (int) Math.max(1, Math.ceil((double) quads / lines.size()));
            Path generated = Files.createDirectories(dir.resolve("generated"));
            long t0 = System.nanoTime();
            List<Path> parts = generate(lines, copies, generated);
            Duration generation = Duration.ofNanos(System.nanoTime() - t0);
            long bytes = 0;
            for (Path p : parts) {
                bytes += Files.size(p);
            }
            try (VirtuosoServer virtuoso = VirtuosoServer.builder(dir.resolve("virtuoso"))
                    .bufferBytes(buffersMb << 20)
                    .allow(generated)
                    .start()) {
                VirtuosoServer.Load load = virtuoso.load(parts, "urn:x-partnership-atlas:no-graph", files);
                long dbBytes = Files.size(dir.resolve("virtuoso/virtuoso.db"));
                System.out.printf("%n### Virtuoso bulk load of a scaled-up dump (%d copies of the sample)%n%n", copies);
                System.out.printf(
                        "- generated %d quads in %d gzipped N-Quads files (%.1f MB) in %.1f s%n",
                        (long) copies * lines.size(), parts.size(), bytes / 1e6, generation.toMillis() / 1000.0);
                System.out.printf(
                        "- Virtuoso started in %d ms (%d MiB of buffers); %d loaders (rdf_loader_run) at once%n",
                        virtuoso.startTime().toMillis(), buffersMb, files);
                System.out.printf(
                        "- loaded %d quads in %.1f s, checkpoint included (%.1f s): %.0f quads/s; database file %.1f MB"
                                + "%s%n",
                        load.quads(),
                        load.time().toMillis() / 1000.0,
                        load.checkpoint().toMillis() / 1000.0,
                        load.quadsPerSecond(),
                        dbBytes / 1e6,
                        load.retried() == 0
                                ? ""
                                : "; " + load.retried() + " file(s) deadlocked and were loaded again by one loader");
            }
        } finally {
            FileUtils.deleteDirectory(dir.toFile());
        }
        return 0;
    }

    /** Loads the sources into a fresh Atlas store and writes its release; returns {@code atlas.nq.gz}. */
    private Path sampleDump(Path dir) throws IOException {
        Path tdb = dir.resolve("tdb2");
        try (AtlasStore store = AtlasStore.open(tdb)) {
            LoadReport report = Loader.into(store).sources(List.of(data)).run();
            if (!report.committed()) {
                throw new IllegalStateException("the sources did not load: " + report.violations());
            }
            new DumpWriter(store, AtlasIris.DEFAULT).write(dir.resolve("dumps"));
        } finally {
            FileUtils.deleteDirectory(AtlasStore.textDirectory(tdb).toFile());
        }
        return dir.resolve("dumps").resolve(DumpWriter.ALL_QUADS);
    }

    /** Writes {@code copies} renamed copies of the lines, spread over {@link #files} gzipped files. */
    private List<Path> generate(List<String> lines, int copies, Path dir) throws IOException {
        String base = AtlasIris.DEFAULT.base();
        List<Path> out = new ArrayList<>();
        List<Writer> writers = new ArrayList<>();
        try {
            for (int f = 0; f < files; f++) {
                Path p = dir.resolve("part-" + f + ".nq.gz");
                out.add(p);
                writers.add(new BufferedWriter(
                        new OutputStreamWriter(
                                new GZIPOutputStream(Files.newOutputStream(p), 1 << 16), StandardCharsets.UTF_8),
                        1 << 16));
            }
            for (int c = 0; c < copies; c++) {
                Writer w = writers.get(c % files);
                String id = base + "id/c" + c + "/";
                String graph = base + "graph/c" + c + "/";
                for (String line : lines) {
                    w.write(line.replace(base + "id/", id).replace(base + "graph/", graph));
                    w.write('\n');
                }
            }
        } finally {
            for (Writer w : writers) {
                w.close();
            }
        }
        return out;
    }
}
