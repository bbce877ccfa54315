package org.partnershipatlas.endpoint.api;

import java.util.Set;
import org.apache.jena.fuseki.main.FusekiServer;
import org.apache.jena.fuseki.main.sys.FusekiModule;
import org.apache.jena.rdf.model.Model;
import org.partnershipatlas.endpoint.AtlasContext;
import org.partnershipatlas.endpoint.Routes;

/** The named-query API: {@code /api/queries} (list and examples page), {@code /api/queries/{name}} and the OpenAPI description. */
public final class FMod_QueryApi implements FusekiModule {
    private final AtlasContext atlas;

    public FMod_QueryApi(AtlasContext atlas) {
        this.atlas = atlas;
    }

    @Override
    public String name() {
        return "Atlas query API";
    }

    @Override
    public void prepare(FusekiServer.Builder builder, Set<String> datasetNames, Model configModel) {
        builder.addServlet(
                Routes.API + "/*",
                new QueryApiServlet(
                        atlas.dsg(),
                        atlas.catalogue(),
                        atlas.iris(),
                        atlas.templates(),
                        atlas.settings().queryTimeout()));
    }
}
