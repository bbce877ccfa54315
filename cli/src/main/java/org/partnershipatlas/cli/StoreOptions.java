package org.partnershipatlas.cli;

import java.nio.file.Path;
import org.partnershipatlas.ontology.AtlasIris;
import picocli.CommandLine.Option;

/** Options shared by the commands that use the store. */
public final class StoreOptions {
    @Option(
            names = "--store",
            paramLabel = "DIR",
            defaultValue = "var/tdb2",
            description = "TDB2 store directory (default: ${DEFAULT-VALUE}).")
    Path store;

    @Option(
            names = "--base",
            paramLabel = "IRI",
            defaultValue = AtlasIris.DEFAULT_BASE,
            description = "Canonical base of the data IRIs (default: ${DEFAULT-VALUE}).")
    String base;

    AtlasIris iris() {
        return new AtlasIris(base);
    }
}
