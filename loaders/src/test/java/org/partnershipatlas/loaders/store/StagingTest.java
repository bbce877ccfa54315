package org.partnershipatlas.loaders.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StagingTest {
    @TempDir
    Path dir;

    /** The id of a process that has ended. */
    static long deadPid() throws IOException, InterruptedException {
        Process p = new ProcessBuilder("true").start();
        p.waitFor();
        return p.pid();
    }

    @Test
    void foldersOfEndedProcessesGoThoseOfLiveOnesAndOtherFilesStay() throws Exception {
        long dead = deadPid();
        Path abandoned = Files.createDirectories(dir.resolve("dumps.new-" + dead + "-a"));
        Files.writeString(abandoned.resolve("atlas.nq.gz"), "half a dump");
        Path live = Files.createDirectories(Staging.folder(dir, "dumps"));
        Path otherName = Files.createDirectories(dir.resolve("releases.new-" + dead + "-b"));
        Path dumps = Files.createDirectories(dir.resolve("dumps"));
        Path oldFormat = Files.createDirectories(dir.resolve("dumps.new-3f2c9a1e-uuid"));

        assertThat(Staging.removeAbandoned(dir, "dumps")).containsExactlyInAnyOrder(abandoned, oldFormat);

        assertThat(abandoned).doesNotExist();
        assertThat(oldFormat).doesNotExist();
        assertThat(live).isDirectory();
        assertThat(otherName).isDirectory();
        assertThat(dumps).isDirectory();
    }

    @Test
    void aFolderSetAsideByAProcessThatDiedBeforeTheSwapIsMovedBack() throws Exception {
        Path setAside = Files.createDirectories(dir.resolve("dumps.old-" + deadPid() + "-c"));
        Files.writeString(setAside.resolve("manifest.tsv"), "the served dumps");

        assertThat(Staging.removeAbandoned(dir, "dumps")).isEmpty();

        assertThat(dir.resolve("dumps").resolve("manifest.tsv")).hasContent("the served dumps");
        assertThat(setAside).doesNotExist();
    }

    @Test
    void aStagingFolderIsNamedWithThisProcess() {
        assertThat(Staging.folder(dir, "").getFileName().toString())
                .startsWith(".new-" + ProcessHandle.current().pid() + "-");
        assertThat(Staging.setAside(dir.resolve("dumps")).getFileName().toString())
                .startsWith("dumps.old-" + ProcessHandle.current().pid() + "-");
    }
}
