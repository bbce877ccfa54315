package org.partnershipatlas.endpoint;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.partnershipatlas.loaders.dumps.DumpManifest;

/**
 * {@link AtlasServer.Builder#writeStaleRelease}, as {@code atlas serve} starts: where the release files are missing or
 * of other data, the server writes them in the background once it answers; one stopped while writing them gives the
 * unfinished folder up, and the next start writes them.
 */
class StaleReleaseIT {
    @RegisterExtension
    static final AtlasFixture atlas = AtlasFixture.sharedSampleData()
            .server((b, f) -> b.dumps(f.dir().resolve("dumps")).writeStaleRelease(true));

    @Test
    void aServerStartedWithoutReleaseFilesWritesThemAndServesThem() throws Exception {
        String version = atlas.store().dataVersion();
        assertThat(awaitRelease(atlas.dir().resolve("dumps")).dataVersion()).isEqualTo(version);
        AtlasFixture.Response manifest = atlas.get("dumps/manifest.tsv");
        assertThat(manifest.statusCode()).isEqualTo(200);
        assertThat(manifest.text()).contains("# data-version " + version);
        assertThat(atlas.get("dumps/atlas.nq.gz").statusCode()).isEqualTo(200);
    }

    @Test
    void releaseFilesOfOtherDataAreWrittenAgain() throws Exception {
        Path dumps = atlas.dir().resolve("of-other-data");
        Files.createDirectories(dumps);
        // As a load stopped after its commit leaves it: a release of the data before that load.
        Files.writeString(
                dumps.resolve("manifest.tsv"),
                "# generated " + Instant.now() + "\n# data-version other-data\n# change-log-head \n"
                        + "name\tmediaType\tcompressed\tbytes\tsha256\tstatements\tgraph\n");
        assertThat(DumpManifest.read(dumps).orElseThrow().dataVersion()).isEqualTo("other-data");
        atlas.another((b, f) -> b.dumps(dumps).writeStaleRelease(true));
        DumpManifest written = awaitRelease(dumps);
        assertThat(written.files()).extracting(f -> f.name()).contains("atlas.nq.gz", "void.ttl");
    }

    @Test
    void aServerStoppedWhileWritingLeavesNoUnfinishedFolderAndTheNextStartWritesThem() throws Exception {
        Path dumps = atlas.dir().resolve("stopped");
        atlas.another((b, f) -> b.dumps(dumps).writeStaleRelease(true)).stop();
        // Finished before the stop or given up: either way no unfinished folder is left beside the dumps.
        try (Stream<Path> beside = Files.list(atlas.dir())) {
            assertThat(beside.map(p -> p.getFileName().toString())).noneMatch(n -> n.startsWith("stopped.new-"));
        }
        assertThat(DumpManifest.read(dumps).map(DumpManifest::dataVersion))
                .isIn(Optional.empty(), Optional.of(atlas.store().dataVersion()));
        atlas.another((b, f) -> b.dumps(dumps).writeStaleRelease(true));
        assertThat(awaitRelease(dumps).dataVersion()).isEqualTo(atlas.store().dataVersion());
    }

    /** The manifest in {@code dumps} once it is of the store's data (a minute at most). */
    private static DumpManifest awaitRelease(Path dumps) throws InterruptedException {
        String version = atlas.store().dataVersion();
        long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
        while (System.nanoTime() < deadline) {
            Optional<DumpManifest> m =
                    DumpManifest.read(dumps).filter(x -> x.dataVersion().equals(version));
            if (m.isPresent()) {
                return m.get();
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no release of data version " + version + " in " + dumps + " after a minute");
    }
}
