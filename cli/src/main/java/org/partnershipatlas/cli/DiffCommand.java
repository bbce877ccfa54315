package org.partnershipatlas.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.partnershipatlas.loaders.releases.ReleaseArchive;
import org.partnershipatlas.loaders.releases.ReleaseDiff;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code atlas diff A B}: what changed from release A to release B, for people or as RDF Patch. */
@Command(
        name = "diff",
        mixinStandardHelpOptions = true,
        description = {
            "What changed from release A to release B (any two published releases, either order), resource by",
            "resource with labels ('Newham Drug Action Team: member added — Newham Faith Forum (member)'), or with",
            "--format patch the RDF Patch that turns A's atlas.nq.gz into B's. Reads the releases' files only (not the",
            "store), in bounded memory."
        })
final class DiffCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    StoreOptions storeOptions;

    @Option(
            names = "--format",
            paramLabel = "text|patch",
            defaultValue = "text",
            description = "text (for people, the default) or patch (RDF Patch, for programs).")
    String format;

    @Parameters(index = "0", paramLabel = "A", description = "The earlier release's version.")
    String from;

    @Parameters(index = "1", paramLabel = "B", description = "The later release's version.")
    String to;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (!format.equals("text") && !format.equals("patch")) {
            err.println("error: --format must be text or patch; found '" + format + "'");
            return ExitCodes.USAGE;
        }
        ReleaseDiff diff = new ReleaseDiff(new ReleaseArchive(storeOptions.releases()), from, to);
        if (format.equals("patch")) {
            diff.patch(out);
        } else {
            int[] n = {0};
            diff.people(r -> {
                n[0]++;
                r.lines().forEach(out::println);
            });
            if (n[0] == 0) {
                out.println("No changes from release " + from + " to release " + to + ".");
            }
        }
        out.flush();
        return ExitCodes.OK;
    }
}
