package org.partnershipatlas.loaders;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

/** The small fixture sources (schemes, localities, organisations, partnerships, memberships), copied for a test. */
public final class FixtureSources {
    static final String FIXTURE = "/org/partnershipatlas/loaders/fixture/";
    static final List<String> FILES =
            List.of("schemes.ttl", "localities.csv", "organisations.csv", "partnerships.csv", "memberships.csv");

    private FixtureSources() {}

    /** Copies the fixture sources into {@code dir}/sources and returns that folder. */
    public static Path copy(Path dir) throws IOException {
        Path sources = Files.createDirectories(dir.resolve("sources"));
        for (String name : FILES) {
            try (InputStream in = FixtureSources.class.getResourceAsStream(FIXTURE + name)) {
                Files.copy(in, sources.resolve(name), StandardCopyOption.REPLACE_EXISTING);
            }
        }
        return sources;
    }
}
