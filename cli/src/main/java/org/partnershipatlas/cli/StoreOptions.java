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

    @Option(
            names = "--dumps",
            paramLabel = "DIR",
            description =
                    "Folder of release files (dumps), rewritten after every load (default: 'dumps' beside the store).")
    Path dumps;

    @Option(
            names = "--public-url",
            paramLabel = "URL",
            defaultValue = "http://localhost:3030/",
            description =
                    "The root URL the server is reached at, for links in the dumps' description (default: ${DEFAULT-VALUE}).")
    String publicUrl;

    AtlasIris iris() {
        return new AtlasIris(base);
    }

    Path dumps() {
        if (dumps != null) {
            return dumps;
        }
        Path parent = store.toAbsolutePath().getParent();
        return parent == null ? Path.of("dumps") : parent.resolve("dumps");
    }

    String publicUrl() {
        return publicUrl.endsWith("/") ? publicUrl : publicUrl + "/";
    }
}
