package org.partnershipatlas.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.partnershipatlas.loaders.BulkLoader;
import org.partnershipatlas.loaders.LoadReport;
import org.partnershipatlas.loaders.Loader;
import org.partnershipatlas.loaders.changes.ChangeLog;
import org.partnershipatlas.loaders.releases.Release;
import org.partnershipatlas.loaders.releases.ReleaseArchive;
import org.partnershipatlas.loaders.releases.ReleaseWriter;
import org.partnershipatlas.loaders.store.AtlasStore;
import org.partnershipatlas.replicas.EntryPublisher;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
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

    @Mixin
    KafkaOptions kafka;

    @Parameters(
            paramLabel = "FILE|DIR",
            arity = "1..*",
            description = "Source files, or directories to search for them.")
    List<Path> sources;

    /** How the quads reach the store. */
    enum Method {
        /** {@code transaction} for sources under {@link #BULK_FROM_BYTES} in all, {@code parallel} from there. */
        auto,
        /** One TDB2 write transaction on the store: for changes of any size to a big store. */
        transaction,
        /** TDB2's bulk loaders into a new store that replaces the old one (see BulkLoader). */
        basic,
        phased,
        parallel
    }

    /** From this size of sources on, {@code auto} builds a new store with the bulk loader. */
    static final long BULK_FROM_BYTES = 64L << 20;

    @Option(
            names = "--loader",
            defaultValue = "auto",
            paramLabel = "METHOD",
            description = "How to load: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}: a transaction on the"
                    + " store for sources under 64 MB in all or with --kafka, otherwise TDB2's parallel bulk loader into a new store"
                    + " that replaces the old one when complete).")
    Method method;

    @Option(
            names = "--no-dumps",
            description = "Do not write the release files after the load (write them later with 'atlas dump').")
    boolean noDumps;

    @Option(
            names = "--release",
            description = "After a load in a transaction, also write a new release (as 'atlas release'), so that every"
                    + " load is a citable version. A bulk load always writes one: the change log's snapshot entry"
                    + " names it.")
    boolean release;

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        String replicaOf = AtlasStore.replicaOf(storeOptions.store);
        if (replicaOf != null) {
            err.println("error: the store at " + storeOptions.store + " is a read replica of " + replicaOf
                    + ": it takes changes only from that change log; load into the writer's store instead");
            return ExitCodes.FAILURE;
        }
        String refusal = kafka.unpublishedWriteRefusal(storeOptions, "a load");
        if (refusal != null) {
            err.println("error: " + refusal);
            return ExitCodes.FAILURE;
        }
        // With --kafka a transaction travels as one RDF Patch entry, a bulk load as its snapshot entry (its release).
        Method chosen = method == Method.auto
                ? (totalBytes(sources) < BULK_FROM_BYTES ? Method.transaction : Method.parallel)
                : method;
        LoadReport report;
        if (chosen == Method.transaction) {
            try (AtlasStore store = storeOptions.open()) {
                report = kafka.publishing(
                        store,
                        storeOptions.releases(),
                        spec.commandLine().getOut(),
                        () -> Loader.into(store)
                                .iris(storeOptions.iris())
                                .sources(sources)
                                .run());
            }
        } else {
            EntryPublisher publisher = kafka.given()
                    ? kafka.writerFor(storeOptions, spec.commandLine().getOut())
                    : null;
            BulkLoader bulk = BulkLoader.into(storeOptions.store)
                    .diskSpace(storeOptions.diskSpace())
                    .iris(storeOptions.iris())
                    .releases(new ReleaseArchive(storeOptions.releases()), storeOptions.publicUrl())
                    .sources(sources)
                    .strategy(BulkLoader.Strategy.valueOf(chosen.name().toUpperCase(Locale.ROOT)))
                    .progress(TerminalProgress.forConsole())
                    .publishTo(publisher);
            try {
                report = bulk.run();
            } finally {
                if (publisher != null) {
                    publisher.close();
                }
            }
            bulk.snapshot()
                    .flatMap(ChangeLog.Entry::snapshot)
                    .ifPresent(s -> spec.commandLine()
                            .getOut()
                            .println("Wrote release " + s.version() + " of the new store; the change log's entry for"
                                    + " this load names it"
                                    + (publisher == null ? "" : "; published to " + kafka.source())));
        }
        int code = print(
                report,
                storeOptions.store,
                spec.commandLine().getOut(),
                spec.commandLine().getErr());
        if (code == ExitCodes.OK && release && chosen == Method.transaction) {
            try (AtlasStore store = storeOptions.open()) {
                Release r = new ReleaseWriter(
                                store,
                                storeOptions.iris(),
                                new ReleaseArchive(storeOptions.releases()),
                                storeOptions.publicUrl())
                        .write(null);
                spec.commandLine().getOut().println("Wrote release " + r.version() + " to " + r.folder());
            }
        }
        if (code == ExitCodes.OK && !noDumps) {
            try (AtlasStore store = storeOptions.open()) {
                // A new release after every successful load, so the dumps never lag the store.
                DumpCommand.publish(store, storeOptions, spec.commandLine().getOut());
            }
        }
        return code;
    }

    /** The size of the sources (files, and files under directories). */
    static long totalBytes(List<Path> paths) {
        long total = 0;
        for (Path p : paths) {
            try (var files = Files.walk(p)) {
                total += files.filter(Files::isRegularFile)
                        .mapToLong(f -> f.toFile().length())
                        .sum();
            } catch (IOException e) {
                return 0; // the loader reports the unreadable source
            }
        }
        return total;
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
