package org.partnershipatlas.endpoint.gatekeeper;

import java.util.Set;
import org.apache.jena.fuseki.main.FusekiServer;
import org.apache.jena.fuseki.main.sys.FusekiModule;
import org.apache.jena.rdf.model.Model;
import org.partnershipatlas.endpoint.AtlasContext;
import org.partnershipatlas.endpoint.Routes;
import org.partnershipatlas.endpoint.web.CachedPages;

/** The gatekeeper: its API ({@code /api/proposals/check}, {@code /decisions}), the proposal form and the rationalisation reports; its lexicon is built again after every load. */
public final class FMod_Gatekeeper implements FusekiModule {
    private final AtlasContext atlas;

    public FMod_Gatekeeper(AtlasContext atlas) {
        this.atlas = atlas;
    }

    @Override
    public String name() {
        return "Atlas gatekeeper";
    }

    @Override
    public void prepare(FusekiServer.Builder builder, Set<String> datasetNames, Model configModel) {
        var gatekeeper = atlas.gatekeeper();
        // The gatekeeper's lexicon of the new data, built before the first check asks for it.
        atlas.afterLoad(() -> atlas.inBackground("atlas-gatekeeper-lexicon", gatekeeper::warmUp));
        builder.addServlet(
                        Routes.API_PROPOSALS + "/*",
                        new GatekeeperServlet(
                                gatekeeper, atlas.store(), atlas.settings().admins(), atlas.iris(), atlas.templates()))
                .addServlet(Routes.PROPOSALS, new ProposalPageServlet(gatekeeper, atlas.iris(), atlas.templates()))
                .addServlet(
                        Routes.REPORTS + "/*",
                        new CachedPages(
                                new ReportServlet(gatekeeper, atlas.iris(), atlas.templates()), atlas.renderedCache()));
    }
}
