package org.partnershipatlas.endpoint.portal;

import java.util.Set;
import org.apache.jena.fuseki.main.FusekiServer;
import org.apache.jena.fuseki.main.sys.FusekiModule;
import org.apache.jena.rdf.model.Model;
import org.partnershipatlas.endpoint.AtlasContext;
import org.partnershipatlas.endpoint.Routes;
import org.partnershipatlas.queries.QueryBinder;

/** The pages of the portal: search, browse by problem domain, the guidance catalogue, locality pages and the SPARQL editor. */
public final class FMod_Portal implements FusekiModule {
    private final AtlasContext atlas;

    public FMod_Portal(AtlasContext atlas) {
        this.atlas = atlas;
    }

    @Override
    public String name() {
        return "Atlas portal";
    }

    @Override
    public void prepare(FusekiServer.Builder builder, Set<String> datasetNames, Model configModel) {
        DomainsServlet domains = new DomainsServlet(atlas.queries(), atlas.iris(), atlas.templates());
        LocalityServlet localities =
                new LocalityServlet(atlas.queries(), atlas.gatekeeper(), atlas.iris(), atlas.templates());
        builder.addServlet(
                        Routes.SEARCH,
                        new SearchServlet(atlas.store().textIndex(), atlas.queries(), atlas.iris(), atlas.templates()))
                .addServlet(Routes.DOMAINS, domains)
                .addServlet(Routes.DOMAINS + "/*", domains)
                .addServlet(
                        Routes.GUIDANCE,
                        new GuidanceServlet(atlas.store().textIndex(), atlas.iris(), atlas.templates()))
                .addServlet(Routes.LOCALITIES, localities)
                .addServlet(Routes.LOCALITIES + "/*", localities)
                .addServlet(
                        Routes.SPARQL_PAGE,
                        new SparqlPageServlet(atlas.catalogue(), new QueryBinder(atlas.iris()), atlas.templates()));
    }
}
