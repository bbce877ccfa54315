package org.partnershipatlas.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.partnershipatlas.cli.CliResult.atlas;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code atlas generate} in process: the files and summary it writes, then loading them; refusing a busy folder. */
class GenerateCommandIT {
    @TempDir
    Path dir;

    static String schemes() {
        return Path.of(System.getProperty("atlas.data.dir"), "schemes").toString();
    }

    CliResult generate(Path out, String... more) {
        String[] args = {
            "generate",
            "--localities",
            "2",
            "--partnerships-per-locality",
            "6",
            "--seed",
            "3",
            "--schemes",
            schemes(),
            out.toString()
        };
        String[] all = new String[args.length + more.length];
        System.arraycopy(args, 0, all, 0, args.length);
        System.arraycopy(more, 0, all, args.length, more.length);
        return atlas(all);
    }

    @Test
    void helpListsGenerate() {
        assertThat(atlas("--help").out()).contains("generate");
        CliResult help = atlas("generate", "--help");
        assertThat(help.exit()).isZero();
        assertThat(help.out())
                .contains("--localities")
                .contains("--partnerships-per-locality")
                .contains("--seed")
                .contains("--force");
    }

    @Test
    void generateThenLoadTheOutput() {
        Path out = dir.resolve("national");
        CliResult r = generate(out);
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out().lines()).hasSize(1);
        assertThat(r.out())
                .contains("localities.csv 2")
                .contains("partnerships.csv 12")
                .contains("memberships.csv")
                .contains("cases.csv")
                .contains("9 scheme files");
        assertThat(out.resolve("schemes").resolve("partnership-types.ttl")).exists();
        assertThat(out.resolve("schemes").resolve("document-statuses.ttl")).exists();

        CliResult load = atlas("load", "--store", dir.resolve("tdb2").toString(), out.toString());
        assertThat(load.exit()).as(load.err()).isEqualTo(ExitCodes.OK);
        assertThat(load.err()).doesNotContain("warning");
        assertThat(load.out()).contains("partnerships.csv").containsPattern("Loaded 16 sources");
    }

    @Test
    void aFolderThatIsNotEmptyIsRefusedUnlessForced() throws IOException {
        Path out = Files.createDirectories(dir.resolve("busy"));
        Files.writeString(out.resolve("partnerships.csv"), "id\n");
        CliResult refused = generate(out);
        assertThat(refused.exit()).isEqualTo(ExitCodes.USAGE);
        assertThat(refused.err()).contains("is not empty").contains("--force");
        assertThat(Files.readString(out.resolve("partnerships.csv"))).isEqualTo("id\n");

        CliResult forced = generate(out, "--force");
        assertThat(forced.exit()).as(forced.err()).isZero();
        assertThat(Files.readString(out.resolve("partnerships.csv"))).startsWith("id,name,");
    }

    @Test
    void theSameOptionsGiveTheSameFiles() throws IOException {
        assertThat(generate(dir.resolve("a")).exit()).isZero();
        assertThat(generate(dir.resolve("b")).exit()).isZero();
        for (String file : new String[] {"organisations.csv", "memberships.csv", "guidance.csv"}) {
            assertThat(Files.readAllBytes(dir.resolve("b").resolve(file)))
                    .as(file)
                    .isEqualTo(Files.readAllBytes(dir.resolve("a").resolve(file)));
        }
    }

    @Test
    void badSizesAreAUsageError() {
        CliResult r = atlas("generate", "--localities", "0", dir.resolve("x").toString());
        assertThat(r.exit()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.err()).contains("at least 1");
        assertThat(dir.resolve("x")).doesNotExist();
    }
}
