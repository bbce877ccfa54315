package org.partnershipatlas.endpoint.releases;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.apache.jena.fuseki.main.FusekiServer;
import org.apache.jena.fuseki.main.sys.FusekiModule;
import org.apache.jena.rdf.model.Model;
import org.partnershipatlas.endpoint.AtlasContext;
import org.partnershipatlas.endpoint.Routes;
import org.partnershipatlas.loaders.releases.ReleaseArchive;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The versioned releases under {@code /releases/} ({@link ReleasesServlet}), when a releases folder is given. */
public final class FMod_Releases implements FusekiModule {
    private static final Logger LOG = LoggerFactory.getLogger(FMod_Releases.class);
    private final AtlasContext atlas;

    public FMod_Releases(AtlasContext atlas) {
        this.atlas = atlas;
    }

    @Override
    public String name() {
        return "Atlas releases";
    }

    @Override
    public void prepare(FusekiServer.Builder builder, Set<String> datasetNames, Model configModel) {
        Path releases = atlas.settings().releases();
        if (releases != null) {
            try {
                // Jetty's resource servlet needs its folder to exist; a release written later then shows at once.
                Files.createDirectories(releases);
            } catch (IOException e) {
                LOG.warn("Cannot create the releases folder {} ({}): /releases/ shows none", releases, e.getMessage());
            }
            builder.addServlet(Routes.RELEASES + "/*", new ReleasesServlet(atlas, new ReleaseArchive(releases)));
        }
    }
}
