package org.partnershipatlas.endpoint.catalog;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.apache.jena.fuseki.main.FusekiServer;
import org.apache.jena.fuseki.main.sys.FusekiModule;
import org.apache.jena.rdf.model.Model;
import org.partnershipatlas.endpoint.AtlasContext;
import org.partnershipatlas.endpoint.Routes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The dataset's description and releases: the DCAT catalogue and VoID ({@code /catalog}, {@code /.well-known/void},
 * and their {@code /doc/} pages), the SPARQL service description on the dataset, and the release files under
 * {@code /dumps/}, published again after every load (and at start, if asked, when they are not of the served data).
 */
public final class FMod_Catalog implements FusekiModule {
    private static final Logger LOG = LoggerFactory.getLogger(FMod_Catalog.class);

    private final AtlasContext atlas;
    private FusekiServer server;
    private ReleasePublisher publisher;

    public FMod_Catalog(AtlasContext atlas) {
        this.atlas = atlas;
    }

    @Override
    public String name() {
        return "Atlas catalogue";
    }

    @Override
    public void prepare(FusekiServer.Builder builder, Set<String> datasetNames, Model configModel) {
        Path dumps = atlas.settings().dumps();
        DatasetDescription description = new DatasetDescription(atlas.dsg(), atlas.catalogue(), atlas.iris());
        CatalogServlet catalog = new CatalogServlet(description, dumps, atlas.documentWriter(), atlas::servedRelease);
        atlas.generatedDocuments()
                .add(description.dataset().getURI(), catalog::describe)
                .add(description.catalog().getURI(), catalog::describe);
        builder.addServlet(Routes.CATALOG, catalog)
                .addServlet(Routes.VOID, catalog)
                .addServlet(Routes.DUMPS + "/", new DumpsIndexServlet(dumps, atlas.templates()))
                .addFilter(Routes.DATASET + "/*", new ServiceDescriptionFilter(atlas.dsg(), description));
        if (dumps != null) {
            try {
                // Jetty's resource servlet needs its folder to exist; a release written later then shows at once.
                Files.createDirectories(dumps);
            } catch (IOException e) {
                LOG.warn("Cannot create the dumps folder {} ({}): /dumps/ shows none", dumps, e.getMessage());
            }
            builder.addServlet(Routes.DUMPS + "/*", new DumpFilesServlet(dumps));
            publisher = new ReleasePublisher(atlas, dumps, this::publicUrl);
            atlas.afterLoad(publisher::publish);
        }
    }

    @Override
    public void server(FusekiServer built) {
        this.server = built;
    }

    @Override
    public void serverAfterStarting(FusekiServer started) {
        if (publisher != null && atlas.settings().writeStaleRelease()) {
            publisher.publishInBackgroundIfStale();
        }
    }

    /** The root URL that release files link to: the one configured, else the server's own. */
    private String publicUrl() {
        String configured = atlas.settings().publicUrl();
        return configured != null
                ? configured
                : Routes.serverUrl(atlas.settings().host(), server.getHttpPort());
    }
}
