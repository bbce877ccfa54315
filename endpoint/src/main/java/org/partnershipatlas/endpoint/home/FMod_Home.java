package org.partnershipatlas.endpoint.home;

import java.util.Set;
import org.apache.jena.fuseki.main.FusekiServer;
import org.apache.jena.fuseki.main.sys.FusekiModule;
import org.apache.jena.rdf.model.Model;
import org.partnershipatlas.endpoint.AtlasContext;
import org.partnershipatlas.endpoint.web.CachedPages;
import org.partnershipatlas.loaders.releases.Release;

/** The home page at {@code /}: what the Atlas holds, and where to start. */
public final class FMod_Home implements FusekiModule {
    private final AtlasContext atlas;

    public FMod_Home(AtlasContext atlas) {
        this.atlas = atlas;
    }

    @Override
    public String name() {
        return "Atlas home page";
    }

    @Override
    public void prepare(FusekiServer.Builder builder, Set<String> datasetNames, Model configModel) {
        // Kept until the data changes, or the release it names: publishing a release changes no data.
        builder.addServlet(
                "",
                new CachedPages(
                        new HomeServlet(
                                atlas.dsg(),
                                atlas.catalogue(),
                                atlas.templates(),
                                atlas::servedRelease,
                                atlas.settings().releases() != null),
                        atlas.renderedCache(),
                        () -> atlas.servedRelease().map(Release::version).orElse("")));
    }
}
