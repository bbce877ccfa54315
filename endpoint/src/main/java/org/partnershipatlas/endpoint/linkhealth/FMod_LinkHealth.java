package org.partnershipatlas.endpoint.linkhealth;

import java.util.Set;
import org.apache.jena.fuseki.main.FusekiServer;
import org.apache.jena.fuseki.main.sys.FusekiModule;
import org.apache.jena.rdf.model.Model;
import org.partnershipatlas.endpoint.AtlasContext;
import org.partnershipatlas.endpoint.Routes;
import org.partnershipatlas.endpoint.admin.AdminAccess;

/**
 * Link health: the curators' report of dead, moved and blocked links ({@link #REPORT}) and an admin's link-check run
 * ({@link #CHECK}); exact paths, so they win over {@code /reports/*} and {@code /admin/*}.
 */
public final class FMod_LinkHealth implements FusekiModule {
    /** The curators' report. */
    public static final String REPORT = Routes.REPORTS + "/links";
    /** An admin's link-check run. */
    public static final String CHECK = Routes.ADMIN + "/check-links";

    private final AtlasContext atlas;

    public FMod_LinkHealth(AtlasContext atlas) {
        this.atlas = atlas;
    }

    @Override
    public String name() {
        return "Atlas link health";
    }

    @Override
    public void prepare(FusekiServer.Builder builder, Set<String> datasetNames, Model configModel) {
        builder.addServlet(REPORT, new LinkReportServlet(atlas.store(), atlas.iris(), atlas.templates()))
                .addServlet(
                        CHECK,
                        new CheckLinksServlet(
                                atlas.store(),
                                atlas.iris(),
                                new AdminAccess(atlas.settings().admins()),
                                atlas.settings().linkChecks()));
    }
}
