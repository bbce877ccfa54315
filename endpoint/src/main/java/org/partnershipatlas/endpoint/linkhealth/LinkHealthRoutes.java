package org.partnershipatlas.endpoint.linkhealth;

import org.apache.jena.fuseki.main.FusekiServer;
import org.partnershipatlas.endpoint.Routes;
import org.partnershipatlas.endpoint.admin.AdminAccess;
import org.partnershipatlas.endpoint.web.Templates;
import org.partnershipatlas.loaders.linkhealth.CheckSettings;
import org.partnershipatlas.loaders.store.AtlasStore;
import org.partnershipatlas.ontology.AtlasIris;

/** The link-health routes, added to a server under construction in one call. */
public final class LinkHealthRoutes {
    /** The curators' report. */
    public static final String REPORT = Routes.REPORTS + "/links";
    /** An admin's link-check run. */
    public static final String CHECK = Routes.ADMIN + "/check-links";

    private LinkHealthRoutes() {}

    /** Adds {@link #REPORT} and {@link #CHECK}; exact paths, so they win over {@code /reports/*} and {@code /admin/*}. */
    public static void addTo(
            FusekiServer.Builder builder,
            AtlasStore store,
            AtlasIris iris,
            AdminAccess admins,
            Templates templates,
            CheckSettings settings) {
        builder.addServlet(REPORT, new LinkReportServlet(store, iris, templates))
                .addServlet(CHECK, new CheckLinksServlet(store, iris, admins, settings));
    }
}
