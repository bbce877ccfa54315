package org.partnershipatlas.loaders.dumps;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The list of release files in a dumps folder, as written to {@code manifest.tsv} (name, media type, compressed,
 * bytes, sha256, statements, graph) next to {@code SHA256SUMS} (the format {@code sha256sum -c} checks). The
 * {@code dataVersion} is the {@link org.partnershipatlas.loaders.store.StoreVersion} of the data the files hold and
 * {@code changeLogHead} the id of the store's newest change-log entry then ("" if none): together they say whether
 * the files still hold what the store holds (a gatekeeper decision changes the head, not the data version).
 */
public record DumpManifest(Instant generated, String dataVersion, String changeLogHead, List<DumpFile> files) {
    public static final String MANIFEST = "manifest.tsv";
    public static final String CHECKSUMS = "SHA256SUMS";
    private static final String DATA_VERSION = "# data-version";
    private static final String CHANGE_LOG_HEAD = "# change-log-head";

    /** Reads the manifest of a dumps folder, if there is one. */
    public static Optional<DumpManifest> read(Path dumps) {
        Path file = dumps.resolve(MANIFEST);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            Instant generated = Instant.parse(lines.get(0).substring("# generated ".length()));
            String dataVersion = "";
            String head = "";
            int header = 1;
            if (lines.get(header).startsWith(DATA_VERSION)) {
                dataVersion =
                        lines.get(header++).substring(DATA_VERSION.length()).strip();
            }
            if (lines.get(header).startsWith(CHANGE_LOG_HEAD)) {
                head = lines.get(header++).substring(CHANGE_LOG_HEAD.length()).strip();
            }
            List<DumpFile> files = new ArrayList<>();
            for (String line : lines.subList(header + 1, lines.size())) {
                String[] f = line.split("\t", -1);
                files.add(new DumpFile(
                        f[0],
                        f[1],
                        Boolean.parseBoolean(f[2]),
                        Long.parseLong(f[3]),
                        f[4],
                        Long.parseLong(f[5]),
                        f[6].isEmpty() ? null : f[6]));
            }
            return Optional.of(new DumpManifest(generated, dataVersion, head, List.copyOf(files)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes {@code manifest.tsv} and {@code SHA256SUMS} into the folder. */
    void write(Path dir) throws IOException {
        StringBuilder manifest = new StringBuilder("# generated " + generated + "\n");
        manifest.append(DATA_VERSION).append(' ').append(dataVersion).append('\n');
        manifest.append(CHANGE_LOG_HEAD).append(' ').append(changeLogHead).append('\n');
        manifest.append("name\tmediaType\tcompressed\tbytes\tsha256\tstatements\tgraph\n");
        StringBuilder sums = new StringBuilder();
        for (DumpFile f : files) {
            manifest.append(String.join(
                            "\t",
                            f.name(),
                            f.mediaType(),
                            Boolean.toString(f.compressed()),
                            Long.toString(f.bytes()),
                            f.sha256(),
                            Long.toString(f.statements()),
                            f.graph() == null ? "" : f.graph()))
                    .append('\n');
            sums.append(f.sha256()).append("  ").append(f.name()).append('\n');
        }
        Files.writeString(dir.resolve(MANIFEST), manifest, StandardCharsets.UTF_8);
        Files.writeString(dir.resolve(CHECKSUMS), sums, StandardCharsets.UTF_8);
    }

    /** True if the files were made from the data of this state of a store (its data version and change-log head). */
    public boolean holds(String storeDataVersion, String storeChangeLogHead) {
        return dataVersion.equals(storeDataVersion)
                && changeLogHead.equals(storeChangeLogHead == null ? "" : storeChangeLogHead);
    }

    public Optional<DumpFile> file(String name) {
        return files.stream().filter(f -> f.name().equals(name)).findFirst();
    }
}
