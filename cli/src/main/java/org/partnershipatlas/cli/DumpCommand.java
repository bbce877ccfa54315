package org.partnershipatlas.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.partnershipatlas.endpoint.catalog.Releases;
import org.partnershipatlas.loaders.dumps.DumpFile;
import org.partnershipatlas.loaders.dumps.DumpManifest;
import org.partnershipatlas.loaders.store.AtlasStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code atlas dump}: write the release files (dumps, checksums, VoID/DCAT description) of the store. */
@Command(
        name = "dump",
        mixinStandardHelpOptions = true,
        description = {
            "Write the release files of the store into the dumps folder: the whole dataset as N-Quads, the union as",
            "N-Triples and Turtle, one file per source graph (all gzipped), SHA256SUMS, manifest.tsv and void.ttl.",
            "'atlas load' does this after every successful load; 'atlas serve' publishes the folder at /dumps/."
        })
final class DumpCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    StoreOptions storeOptions;

    @Override
    public Integer call() {
        if (!storeOptions.existsOrSay(spec.commandLine().getErr())) {
            return ExitCodes.INPUT_ERROR;
        }
        try (AtlasStore store = storeOptions.open()) {
            DumpManifest manifest =
                    publish(store, storeOptions, spec.commandLine().getOut());
            for (DumpFile f : manifest.files()) {
                spec.commandLine().getOut().printf("  %-40s %10d bytes  %s%n", f.name(), f.bytes(), f.sha256());
            }
        }
        return ExitCodes.OK;
    }

    /** Writes a release of the store into its dumps folder and says so. */
    static DumpManifest publish(AtlasStore store, StoreOptions options, PrintWriter out) {
        DumpManifest manifest =
                Releases.publish(store, options.iris(), options.dumps(), options.releases(), options.publicUrl());
        out.println("Wrote " + manifest.files().size() + " release files to " + options.dumps());
        return manifest;
    }
}
