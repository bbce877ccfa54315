package org.partnershipatlas.cli;

import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.partnershipatlas.loaders.generate.GenerateReport;
import org.partnershipatlas.loaders.generate.Generator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code atlas generate OUT/}: write a synthetic national-scale dataset in the Atlas's own source formats. */
@Command(
        name = "generate",
        mixinStandardHelpOptions = true,
        description = {
            "Write deterministic synthetic sources (the CSV files of data/ and a copy of its schemes) for benchmarks.",
            "Every record is marked illustrative. The same options always give the same files.",
            "About 5 million triples once loaded at --localities 350 --partnerships-per-locality 100."
        },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:written",
            "1:failed (e.g. the folder cannot be written)",
            "2:bad command line or OUT not empty"
        })
final class GenerateCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(
            names = "--localities",
            paramLabel = "N",
            defaultValue = "10",
            description = "Localities (local authority areas) to make (default: ${DEFAULT-VALUE}).")
    int localities;

    @Option(
            names = "--partnerships-per-locality",
            paramLabel = "M",
            defaultValue = "20",
            description = "Partnerships in each locality, its LSP included (default: ${DEFAULT-VALUE}).")
    int perLocality;

    @Option(
            names = "--seed",
            paramLabel = "S",
            defaultValue = "1",
            description = "Random seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(
            names = "--schemes",
            paramLabel = "DIR",
            description = "The concept scheme files to use and copy (default: the sample data's schemes/).")
    Path schemes;

    @Option(
            names = "--force",
            description = "Write into OUT even if it is not empty, replacing files of the same names.")
    boolean force;

    @Parameters(paramLabel = "OUT", description = "The folder to write (created if missing; must be empty).")
    Path out;

    @Override
    public Integer call() {
        if (localities < 1 || perLocality < 1) {
            spec.commandLine()
                    .getErr()
                    .println("error: --localities and --partnerships-per-locality must be at least 1");
            return ExitCodes.USAGE;
        }
        if (!force && !Generator.isEmptyOrAbsent(out)) {
            spec.commandLine()
                    .getErr()
                    .println("error: " + out + " is not empty; choose an empty folder or add --force to overwrite");
            return ExitCodes.USAGE;
        }
        long started = System.nanoTime();
        GenerateReport report = Generator.to(out)
                .localities(localities)
                .partnershipsPerLocality(perLocality)
                .seed(seed)
                .schemes(
                        schemes != null
                                ? schemes
                                : SampleData.defaultDirectory().resolve("schemes"))
                .force(force)
                .run();
        spec.commandLine()
                .getOut()
                .printf(Locale.ROOT, "%s in %.1f s%n", report.summary(), (System.nanoTime() - started) / 1e9);
        return ExitCodes.OK;
    }
}
