package org.partnershipatlas.endpoint.web;

import java.util.Set;
import org.apache.jena.fuseki.main.FusekiServer;
import org.apache.jena.fuseki.main.sys.FusekiModule;
import org.apache.jena.rdf.model.Model;
import org.partnershipatlas.endpoint.AtlasContext;
import org.partnershipatlas.endpoint.Routes;

/** The files the pages use: {@code /static/*} (stylesheets, scripts, icons) and front-end libraries from WebJars. */
public final class FMod_Web implements FusekiModule {
    private final AtlasContext atlas;

    public FMod_Web(AtlasContext atlas) {
        this.atlas = atlas;
    }

    @Override
    public String name() {
        return "Atlas page files";
    }

    @Override
    public void prepare(FusekiServer.Builder builder, Set<String> datasetNames, Model configModel) {
        builder.addServlet(Routes.STATIC + "/*", new StaticServlet())
                .addServlet(Routes.WEBJARS + "/*", new WebJarServlet());
    }
}
