package org.partnershipatlas.endpoint.portal;

import java.util.Set;
import org.apache.jena.fuseki.main.FusekiServer;
import org.apache.jena.fuseki.main.sys.FusekiModule;
import org.apache.jena.rdf.model.Model;
import org.partnershipatlas.endpoint.AtlasContext;
import org.partnershipatlas.endpoint.Routes;
import org.partnershipatlas.endpoint.web.CachedPages;
import org.partnershipatlas.loaders.text.AtlasTextIndex;
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
        // Pages are kept until the data changes; search and the guidance catalogue also read the text index, which a
        // load rebuilds after it commits, so they are kept under its generation too.
        AtlasTextIndex text = atlas.store().textIndex();
        CachedPages domains = new CachedPages(
                new DomainsServlet(atlas.queries(), atlas.iris(), atlas.templates()), atlas.renderedCache());
        CachedPages localities = new CachedPages(
                new LocalityServlet(atlas.queries(), atlas.gatekeeper(), atlas.iris(), atlas.templates()),
                atlas.renderedCache());
        builder.addServlet(
                        Routes.SEARCH,
                        new CachedPages(
                                new SearchServlet(text, atlas.queries(), atlas.iris(), atlas.templates()),
                                atlas.renderedCache(),
                                text::generation))
                .addServlet(Routes.DOMAINS, domains)
                .addServlet(Routes.DOMAINS + "/*", domains)
                .addServlet(
                        Routes.GUIDANCE,
                        new CachedPages(
                                new GuidanceServlet(text, atlas.iris(), atlas.templates()),
                                atlas.renderedCache(),
                                text::generation))
                .addServlet(Routes.LOCALITIES, localities)
                .addServlet(Routes.LOCALITIES + "/*", localities)
                .addServlet(
                        Routes.SPARQL_PAGE,
                        new SparqlPageServlet(atlas.catalogue(), new QueryBinder(atlas.iris()), atlas.templates()));
    }
}
