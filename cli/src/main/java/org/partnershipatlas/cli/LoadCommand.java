package org.partnershipatlas.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.partnershipatlas.loaders.LoadReport;
import org.partnershipatlas.loaders.Loader;
import org.partnershipatlas.loaders.store.AtlasStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code atlas load FILE|DIR...}: load sources into the store, all or nothing. */
@Command(
        name = "load",
        mixinStandardHelpOptions = true,
        description = {
            "Load source files (CSV, Turtle and other RDF) into the store, each into its own named graph.",
            "Everything is validated against the Atlas shapes first; on any error nothing is changed."
        },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:loaded",
            "1:failed (e.g. the store is in use by a running server)",
            "2:bad command line",
            "3:the data does not conform to the shapes; nothing loaded",
            "4:a file or record could not be read; nothing loaded"
        })
final class LoadCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    StoreOptions storeOptions;

    @Parameters(
            paramLabel = "FILE|DIR",
            arity = "1..*",
            description = "Source files, or directories to search for them.")
    List<Path> sources;

    @Override
    public Integer call() {
        try (AtlasStore store = AtlasStore.open(storeOptions.store)) {
            LoadReport report = Loader.into(store)
                    .iris(storeOptions.iris())
                    .sources(sources)
                    .run();
            int code = print(
                    report,
                    storeOptions.store,
                    spec.commandLine().getOut(),
                    spec.commandLine().getErr());
            if (code == ExitCodes.OK) {
                // A new release after every successful load, so the dumps never lag the store.
                DumpCommand.publish(store, storeOptions, spec.commandLine().getOut());
            }
            return code;
        }
    }

    /** Prints a load report; returns the exit code it deserves. */
    static int print(LoadReport report, Path store, PrintWriter out, PrintWriter err) {
        for (LoadReport.SourceReport s : report.sources()) {
            out.printf("%-40s %6d records %8d triples  -> <%s>%n", s.file(), s.records(), s.triples(), s.graph());
        }
        report.warnings().forEach(w -> err.println("warning: " + w));
        if (!report.committed()) {
            err.println("error: the data does not conform to the Atlas shapes; nothing was loaded.");
            report.violations().forEach(v -> err.println("  " + v));
            if (report.truncated()) {
                err.println("  (stopped after " + report.violations().size() + " problems)");
            }
            return ExitCodes.NOT_CONFORMING;
        }
        out.printf(
                "Loaded %d sources, %d records, %d triples into %s%n",
                report.sources().size(), report.records(), report.triples(), store);
        return ExitCodes.OK;
    }
}
