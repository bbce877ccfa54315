package org.partnershipatlas.loaders.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import org.apache.commons.io.FileUtils;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.partnershipatlas.loaders.Loader;

/** The checks of a store's files before it is opened, on a real store damaged in the ways disks and people do. */
class StoreFilesTest {
    @TempDir
    static Path shared;

    static Path made;

    @TempDir
    Path dir;

    @BeforeAll
    static void aStore() throws IOException {
        Path source = shared.resolve("things.nt");
        try (Writer out = Files.newBufferedWriter(source, StandardCharsets.UTF_8)) {
            for (int i = 0; i < 5_000; i++) {
                out.write("<urn:atlas-test:thing/" + i + "> <http://www.w3.org/2000/01/rdf-schema#comment> \"thing " + i
                        + "\" .\n");
            }
        }
        made = shared.resolve("store");
        try (AtlasStore store = AtlasStore.open(made)) {
            assertThat(Loader.into(store).sources(List.of(source)).run().committed())
                    .isTrue();
        }
    }

    private Path copy() throws IOException {
        Path store = dir.resolve("store");
        FileUtils.copyDirectory(made.toFile(), store.toFile());
        return store;
    }

    @Test
    void aWholeStoreHasNoProblemsAndItsUsedBytesAreCounted() throws IOException {
        Path store = copy();
        assertThat(StoreFiles.problems(store)).isEmpty();
        assertThat(StoreFiles.usedBytes(store)).isGreaterThan(100_000L);
        assertThat(StoreFiles.dataFolder(store)).contains(store.resolve("Data-0001"));
    }

    @Test
    void aTruncatedIndexOrObjectFileOrAMissingFileIsFoundAndOpeningRefused() throws IOException {
        for (String damage : List.of("GSPO.dat", "nodes-data.obj", "GPOS.bpt")) {
            Path store = copy();
            Path file = store.resolve("Data-0001").resolve(damage);
            if (damage.endsWith(".bpt")) {
                Files.delete(file);
            } else {
                try (var channel = Files.newByteChannel(file, StandardOpenOption.WRITE)) {
                    channel.truncate(damage.endsWith(".obj") ? 100 : 0);
                }
            }
            assertThat(StoreFiles.problems(store)).as(damage).isNotEmpty().anyMatch(p -> p.contains(damage));
            try {
                AtlasStore.open(store).close();
                throw new AssertionError("opened a store with a damaged " + damage);
            } catch (StoreDamagedException e) {
                assertThat(e.getMessage()).contains("is damaged").contains(damage);
            }
            FileUtils.deleteDirectory(store.toFile());
        }
    }

    @Test
    void growthIsMeasuredKeptAndUsedForTheEstimate() throws IOException {
        Path store = copy();
        StoreGrowth.record(store, 1 << 20, 5L << 20);
        assertThat(StoreGrowth.bytesPerSourceByte(store)).isEqualTo(5.0);
        assertThat(StoreGrowth.estimate(store, 1000)).isEqualTo(5000 + DiskSpace.FILE_SLACK_BYTES);
        StoreGrowth.record(store, 10, 5000); // too small a sample to measure
        assertThat(StoreGrowth.bytesPerSourceByte(store)).isEqualTo(5.0);
        Files.writeString(store.resolve(StoreGrowth.FILE), "bytesPerSourceByte=oops\n");
        assertThat(StoreGrowth.bytesPerSourceByte(store)).isEqualTo(StoreGrowth.DEFAULT_BYTES_PER_SOURCE_BYTE);
    }
}
