package org.partnershipatlas.endpoint.gatekeeper;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Map;
import org.apache.jena.atlas.json.JSON;
import org.partnershipatlas.endpoint.http.ConNeg;
import org.partnershipatlas.endpoint.http.HttpErrorException;
import org.partnershipatlas.endpoint.web.Templates;
import org.partnershipatlas.gatekeeper.Gatekeeper;
import org.partnershipatlas.gatekeeper.ProposalException;
import org.partnershipatlas.gatekeeper.RationalisationReport;
import org.partnershipatlas.gatekeeper.Reports;
import org.partnershipatlas.ontology.AtlasIris;

/** {@code /reports/{locality}}: the rationalisation report of a locality, as HTML with SVG, JSON or CSV. */
public final class ReportServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;

    private final transient Gatekeeper gatekeeper;
    private final transient AtlasIris iris;
    private final transient Templates templates;

    public ReportServlet(Gatekeeper gatekeeper, AtlasIris iris, Templates templates) {
        this.gatekeeper = gatekeeper;
        this.iris = iris;
        this.templates = templates;
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String slug = request.getPathInfo() == null ? "" : request.getPathInfo().substring(1);
        if (!AtlasIris.isSlug(slug)) {
            throw HttpErrorException.notFound("Give a locality: /reports/{locality}, e.g. /reports/newham");
        }
        String type = ConNeg.chooseReport(request.getParameter("format"), request.getHeader("Accept"));
        if (type == null) {
            throw new HttpErrorException(406, "Offered: html, json, csv", "format");
        }
        RationalisationReport report;
        try {
            report = gatekeeper.report(iris.id("locality", slug));
        } catch (ProposalException e) {
            throw HttpErrorException.notFound("No locality '" + slug + "' in the Atlas");
        }
        response.setHeader("Vary", "Accept");
        switch (type) {
            case "application/json" -> {
                response.setContentType("application/json; charset=utf-8");
                response.getWriter().println(JSON.toString(Reports.json(report)));
            }
            case "text/csv" -> {
                response.setContentType("text/csv; charset=utf-8");
                response.setHeader("Content-Disposition", "inline; filename=\"" + slug + "-overlaps.csv\"");
                response.getWriter().print(Reports.csv(report));
            }
            default -> {
                response.setContentType("text/html; charset=utf-8");
                templates.render(
                        "locality-report.ftlh",
                        Map.of(
                                "r",
                                report,
                                "drawing",
                                Drawing.of(report, iris, request.getContextPath()),
                                "slug",
                                slug,
                                "root",
                                request.getContextPath() + "/"),
                        response.getWriter());
            }
        }
    }
}
