package org.partnershipatlas.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.partnershipatlas.loaders.releases.Release;
import org.partnershipatlas.loaders.releases.ReleaseArchive;
import org.partnershipatlas.loaders.releases.ReleaseWriter;
import org.partnershipatlas.loaders.store.AtlasStore;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code atlas release}: write a new immutable release of the store, list the releases, or withdraw one. */
@Command(
        name = "release",
        mixinStandardHelpOptions = true,
        description = {
            "Write a new release of the store into the releases folder: releases/{version}/ with the sorted dumps,",
            "changes.rdfp (the RDF Patch from the previous release; a first release's, which adds everything, is",
            "changes.rdfp.gz), CHANGES.md, CITATION.cff, release.ttl (DCAT 3),",
            "manifest.tsv and SHA256SUMS. A release never changes: an existing or withdrawn version is refused.",
            "--list lists the releases; --withdraw V --reason TEXT withdraws one ('atlas serve' then answers 410)."
        })
final class ReleaseCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    StoreOptions storeOptions;

    @ArgGroup(exclusive = true)
    Action action = new Action();

    static final class Action {
        @Option(
                names = "--version",
                paramLabel = "V",
                description = "The new release's version (default: today's date, such as 2026-12-06).")
        String version;

        @Option(names = "--withdraw", paramLabel = "V", description = "Withdraw the release V (needs --reason).")
        String withdraw;

        @Option(names = "--list", description = "List the releases, oldest first.")
        boolean list;
    }

    @Option(names = "--reason", paramLabel = "TEXT", description = "Why the release is withdrawn (with --withdraw).")
    String reason;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        ReleaseArchive archive = new ReleaseArchive(storeOptions.releases());
        if (action.list) {
            for (Release r : archive.releases()) {
                out.printf("%-16s %s  %s%n", r.version(), r.issued(), r.previous() == null ? "-" : r.previous());
            }
            return ExitCodes.OK;
        }
        if (action.withdraw != null) {
            if (reason == null || reason.isBlank()) {
                err.println("error: say why the release is withdrawn with --reason TEXT");
                return ExitCodes.USAGE;
            }
            archive.withdraw(action.withdraw, reason.strip());
            out.println("Withdrew release " + action.withdraw + "; it answers 410 Gone and its version is never"
                    + " used again.");
            return ExitCodes.OK;
        }
        if (!storeOptions.existsOrSay(err)) {
            return ExitCodes.INPUT_ERROR;
        }
        try (AtlasStore store = storeOptions.open()) {
            Release r = new ReleaseWriter(store, storeOptions.iris(), archive, storeOptions.publicUrl())
                    .write(action.version);
            out.println("Wrote release " + r.version() + " to " + r.folder()
                    + (r.previous() == null ? " (the first)" : " (changes since " + r.previous() + ")"));
        }
        return ExitCodes.OK;
    }
}
