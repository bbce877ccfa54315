package org.partnershipatlas.loaders.generate;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes a synthetic national-scale dataset in the Atlas's own source formats.
 *
 * <pre>
 *   GenerateReport report = Generator.to(Path.of("/tmp/national"))
 *           .localities(350).partnershipsPerLocality(100).seed(1)
 *           .schemes(Path.of("data/schemes"))
 *           .run();
 * </pre>
 *
 * The output folder gets {@code localities.csv}, {@code organisations.csv}, {@code partnerships.csv},
 * {@code memberships.csv}, {@code guidance.csv}, {@code resources.csv} and {@code cases.csv}, with the columns of
 * the loader's built-in mappings, and a copy of the scheme files in {@code schemes/}, so it loads on its own. Only
 * concepts found in the scheme files are used. Each locality has some twenty organisations of its own (plus those of
 * its area and region), one Local Strategic Partnership that the others name as their umbrella, partnerships of
 * 3 to 12 members and 1 to 4 problem domains, clusters of partnerships that share domains and most members, local
 * strategies and reports, resources and best-practice cases. Every record is marked illustrative. The same
 * settings always give the same bytes. Rows are written as they are made; memory holds one locality at a time.
 */
public final class Generator {
    private static final Logger LOG = LoggerFactory.getLogger(Generator.class);

    private final Path out;
    private int localities = 10;
    private int partnershipsPerLocality = 20;
    private long seed = 1;
    private Path schemes;
    private boolean force;

    private Generator(Path out) {
        this.out = out;
    }

    /** Starts a generator writing into the folder {@code out}. */
    public static Generator to(Path out) {
        return new Generator(Objects.requireNonNull(out, "out"));
    }

    /** How many localities (default 10). */
    public Generator localities(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("localities must be at least 1: " + n);
        }
        this.localities = n;
        return this;
    }

    /** Partnerships in each locality, the LSP included (default 20). */
    public Generator partnershipsPerLocality(int m) {
        if (m < 1) {
            throw new IllegalArgumentException("partnerships per locality must be at least 1: " + m);
        }
        this.partnershipsPerLocality = m;
        return this;
    }

    /** The seed: the same seed and sizes give the same files (default 1). */
    public Generator seed(long seed) {
        this.seed = seed;
        return this;
    }

    /** The folder of concept scheme files ({@code *.ttl}) to use and copy; required. */
    public Generator schemes(Path dir) {
        this.schemes = Objects.requireNonNull(dir, "dir");
        return this;
    }

    /** Write into an output folder that is not empty, replacing the files of the same names (default false). */
    public Generator force(boolean force) {
        this.force = force;
        return this;
    }

    /** True if {@code dir} does not exist or is an empty folder. */
    public static boolean isEmptyOrAbsent(Path dir) {
        if (!Files.exists(dir)) {
            return true;
        }
        if (!Files.isDirectory(dir)) {
            return false;
        }
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.findAny().isEmpty();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + dir, e);
        }
    }

    /** Writes the files. */
    public GenerateReport run() {
        if (schemes == null) {
            throw new IllegalStateException("No scheme folder given (schemes(dir))");
        }
        if (Files.exists(out) && !Files.isDirectory(out)) {
            throw new IllegalArgumentException("Not a folder: " + out);
        }
        if (!force && !isEmptyOrAbsent(out)) {
            throw new IllegalStateException("The output folder is not empty: " + out);
        }
        Vocabulary vocabulary = new Vocabulary(Schemes.read(schemes));
        try {
            Path schemesOut = out.resolve("schemes");
            Files.createDirectories(schemesOut);
            for (Path file : vocabulary.schemes.files()) {
                Files.copy(file, schemesOut.resolve(file.getFileName()), StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write to " + out, e);
        }
        Map<String, Long> rows;
        try (Tables tables = Tables.open(out)) {
            Synthesiser synthesiser = new Synthesiser(vocabulary, tables, seed, localities, partnershipsPerLocality);
            synthesiser.national();
            for (int i = 0; i < localities; i++) {
                synthesiser.locality(i);
                if ((i + 1) % 50 == 0) {
                    LOG.info("Generated {} of {} localities", i + 1, localities);
                }
            }
            rows = tables.rows();
        }
        long bytes = 0;
        try {
            for (String file : rows.keySet()) {
                bytes += Files.size(out.resolve(file));
            }
            for (Path file : vocabulary.schemes.files()) {
                bytes += Files.size(out.resolve("schemes").resolve(file.getFileName()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read back " + out, e);
        }
        return new GenerateReport(out, rows, vocabulary.schemes.files().size(), bytes);
    }
}
