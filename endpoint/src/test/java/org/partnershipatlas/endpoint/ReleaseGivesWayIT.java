package org.partnershipatlas.endpoint;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.partnershipatlas.loaders.dumps.DumpManifest;

/**
 * An admin load while the server is still writing, in the background, the release files it found missing at start:
 * the load answers with its own release written (the background write gives way, or had finished), the release served
 * is of the data the load committed, and no unfinished folder is left.
 */
class ReleaseGivesWayIT {
    static final String PASSWORD = "correct horse battery staple";

    @RegisterExtension
    static final AtlasFixture atlas = AtlasFixture.sampleData()
            .admin("admin", PASSWORD)
            .server((b, f) -> b.dumps(f.dir().resolve("dumps")).writeStaleRelease(true));

    @Test
    void aLoadDuringTheStartReleaseGetsTheReleaseOfItsOwnData() throws Exception {
        String before = atlas.store().dataVersion();
        // At once, while the release of the data before is (most likely) being written.
        String csv = "id,name,kind,sector,illustrative\ngives-way-body,A body loaded while the release is written,"
                + "voluntary-organisation,voluntary-community,true\n";
        var r = atlas.postSource("givesway.organisations.csv", csv, "admin", PASSWORD);
        assertThat(r.statusCode()).as(r.text()).isEqualTo(200);
        assertThat(r.text()).doesNotContain("releaseNotWritten");
        String after = atlas.store().dataVersion();
        assertThat(after).isNotEqualTo(before);
        Path dumps = atlas.dir().resolve("dumps");
        // The load's answer came after its release was written: the files are of its data, and stay so.
        assertThat(DumpManifest.read(dumps).map(DumpManifest::dataVersion)).hasValue(after);
        Thread.sleep(Duration.ofSeconds(3).toMillis());
        assertThat(DumpManifest.read(dumps).map(DumpManifest::dataVersion)).hasValue(after);
        assertThat(atlas.get("dumps/manifest.tsv").text()).contains("# data-version " + after);
        try (Stream<Path> beside = Files.list(atlas.dir())) {
            assertThat(beside.map(p -> p.getFileName().toString())).noneMatch(n -> n.startsWith("dumps.new-"));
        }
    }
}
