package org.partnershipatlas.endpoint.releases;

import java.nio.file.Path;
import java.util.Set;
import org.apache.jena.fuseki.main.FusekiServer;
import org.apache.jena.fuseki.main.sys.FusekiModule;
import org.apache.jena.rdf.model.Model;
import org.partnershipatlas.endpoint.AtlasContext;
import org.partnershipatlas.endpoint.Routes;
import org.partnershipatlas.loaders.releases.ReleaseArchive;

/** The versioned releases under {@code /releases/} ({@link ReleasesServlet}), when a releases folder is given. */
public final class FMod_Releases implements FusekiModule {
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
            builder.addServlet(Routes.RELEASES + "/*", new ReleasesServlet(atlas, new ReleaseArchive(releases)));
        }
    }
}
