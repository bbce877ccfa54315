package org.partnershipatlas.endpoint.ld;

import java.util.Set;
import org.apache.jena.fuseki.main.FusekiServer;
import org.apache.jena.fuseki.main.sys.FusekiModule;
import org.apache.jena.rdf.model.Model;
import org.partnershipatlas.endpoint.AtlasContext;
import org.partnershipatlas.endpoint.Routes;

/**
 * Linked data: {@code /id/*} (303 to the document), {@code /doc/*} (documents and index pages), the ontology at
 * {@code /def} (and {@code /def.ttl}, ...) and the JSON-LD context.
 */
public final class FMod_LinkedData implements FusekiModule {
    private final AtlasContext atlas;

    public FMod_LinkedData(AtlasContext atlas) {
        this.atlas = atlas;
    }

    @Override
    public String name() {
        return "Atlas linked data";
    }

    @Override
    public void prepare(FusekiServer.Builder server, Set<String> datasetNames, Model configModel) {
        OntologyServlet ontology = new OntologyServlet(atlas.queries(), atlas.templates());
        server.addServlet(Routes.ID + "/*", new IdServlet())
                .addServlet(
                        Routes.DOC + "/*",
                        new DocServlet(
                                atlas.queries(),
                                atlas.iris(),
                                atlas.templates(),
                                atlas.documentWriter(),
                                atlas.generatedDocuments(),
                                atlas.store().textIndex(),
                                atlas.renderedCache()))
                .addServlet(Routes.CONTEXT, new ContextServlet());
        // The ontology at /def (negotiated) and /def.{suffix} of every format: one servlet, told apart by suffix.
        server.addServlet(Routes.DEF, ontology);
        for (RdfFormat format : RdfFormat.values()) {
            server.addServlet(Routes.DEF + "." + format.suffix(), ontology);
        }
    }
}
