package org.partnershipatlas.endpoint.linkhealth;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import org.apache.jena.atlas.json.JsonArray;
import org.apache.jena.atlas.json.JsonObject;
import org.partnershipatlas.endpoint.http.ConNeg;
import org.partnershipatlas.endpoint.http.HttpErrorException;
import org.partnershipatlas.endpoint.web.Templates;
import org.partnershipatlas.loaders.linkhealth.LinkReport;
import org.partnershipatlas.loaders.store.AtlasStore;
import org.partnershipatlas.ontology.AtlasIris;

/** {@code GET /reports/links}: the links needing review, per publisher, as HTML, JSON or CSV. */
final class LinkReportServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;

    private final transient AtlasStore store;
    private final transient AtlasIris iris;
    private final transient Templates templates;

    LinkReportServlet(AtlasStore store, AtlasIris iris, Templates templates) {
        this.store = store;
        this.iris = iris;
        this.templates = templates;
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String type = ConNeg.chooseReport(request.getParameter("format"), request.getHeader("Accept"));
        if (type == null) {
            throw new HttpErrorException(406, "Offered: html, json, csv", "format");
        }
        List<Map<String, String>> rows = store.read(dsg -> LinkReport.rows(dsg, iris));
        response.setHeader("Vary", "Accept");
        PrintWriter out = response.getWriter();
        switch (type) {
            case "application/json" -> {
                response.setContentType("application/json; charset=utf-8");
                JsonArray links = new JsonArray();
                for (Map<String, String> row : rows) {
                    JsonObject o = new JsonObject();
                    row.forEach((k, v) -> {
                        if (!v.isEmpty()) {
                            o.put(k, v);
                        }
                    });
                    links.add(o);
                }
                JsonObject body = new JsonObject();
                body.put("query", LinkReport.QUERY);
                body.put("links", links);
                out.println(body);
            }
            case "text/csv" -> {
                response.setContentType("text/csv; charset=utf-8");
                response.setHeader("Content-Disposition", "inline; filename=\"links-needing-review.csv\"");
                out.print(LinkReport.csv(rows));
            }
            default -> {
                response.setContentType("text/html; charset=utf-8");
                templates.render("link-report.ftlh", Map.of("rows", rows, "root", request.getContextPath() + "/"), out);
            }
        }
    }
}
