package org.partnershipatlas.endpoint.portal;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.jena.sparql.engine.binding.Binding;
import org.partnershipatlas.endpoint.Routes;
import org.partnershipatlas.endpoint.gatekeeper.Drawing;
import org.partnershipatlas.endpoint.http.HttpErrorException;
import org.partnershipatlas.endpoint.web.Templates;
import org.partnershipatlas.gatekeeper.Gatekeeper;
import org.partnershipatlas.gatekeeper.ProposalException;
import org.partnershipatlas.gatekeeper.RationalisationReport;
import org.partnershipatlas.ontology.AtlasIris;
import org.partnershipatlas.ontology.PA;
import org.partnershipatlas.queries.QueryRunner;

/**
 * {@code /localities}: the list of localities; {@code /localities/{slug}}: a locality's partnership map, drawn as
 * SVG (its current partnerships and their overlaps, the LSP in the middle) with the table beside it.
 */
public final class LocalityServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;

    private final transient QueryRunner queries;
    private final transient Gatekeeper gatekeeper;
    private final transient AtlasIris iris;
    private final transient Templates templates;

    public LocalityServlet(QueryRunner queries, Gatekeeper gatekeeper, AtlasIris iris, Templates templates) {
        this.queries = queries;
        this.gatekeeper = gatekeeper;
        this.iris = iris;
        this.templates = templates;
    }

    /** A row of the table: a partnership with its type, umbrella, domains and members. */
    public record Row(String label, String href, String type, String umbrella, String domains, Set<String> members) {}

    /** A locality in the list. */
    public record Item(String label, String href) {}

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String path = request.getPathInfo() == null ? "/" : request.getPathInfo();
        String ctx = request.getContextPath();
        if (path.equals("/")) {
            List<Item> items = queries.select(
                    "resources-of-type",
                    Map.of("class", PA.Locality.getURI()),
                    b -> new Item(
                            b.get("label").getLiteralLexicalForm(),
                            Pages.href(b.get("resource").getURI(), iris, ctx)));
            response.setContentType("text/html; charset=utf-8");
            templates.render(
                    "index.ftlh",
                    Map.of(
                            "heading",
                            "Localities",
                            "items",
                            items.stream()
                                    .map(i -> Map.of("label", i.label(), "href", i.href()))
                                    .toList(),
                            "page",
                            1,
                            "previous",
                            "",
                            "next",
                            "",
                            "root",
                            ctx + "/"),
                    response.getWriter());
            return;
        }
        String slug = path.substring(1);
        if (!AtlasIris.isSlug(slug)) {
            throw HttpErrorException.notFound("No locality at " + request.getRequestURI());
        }
        String iri = iris.id("locality", slug);
        RationalisationReport report;
        try {
            report = gatekeeper.report(iri);
        } catch (ProposalException e) {
            throw HttpErrorException.notFound("No locality '" + slug + "' in the Atlas");
        }
        Map<String, Row> rows = new LinkedHashMap<>();
        List<Item> umbrellas = new ArrayList<>();
        for (Binding b : queries.select("partnership-map", Map.of("locality", iri), b -> b)) {
            String p = b.get("partnership").getURI();
            Row row = rows.computeIfAbsent(
                    p,
                    k -> new Row(
                            b.get("name").getLiteralLexicalForm(),
                            Pages.href(p, iris, ctx),
                            b.get("type").getLiteralLexicalForm(),
                            b.contains("umbrellaName") ? b.get("umbrellaName").getLiteralLexicalForm() : "",
                            b.get("domains").getLiteralLexicalForm(),
                            new TreeSet<>()));
            if (b.contains("memberName")) {
                row.members()
                        .add(b.get("memberName").getLiteralLexicalForm()
                                + (b.contains("role") ? " (" + b.get("role").getLiteralLexicalForm() + ")" : ""));
            }
        }
        for (Binding b : queries.select("umbrella-partnerships", Map.of("locality", iri), b -> b)) {
            umbrellas.add(new Item(
                    b.get("label").getLiteralLexicalForm(),
                    Pages.href(b.get("partnership").getURI(), iris, ctx)));
        }
        response.setContentType("text/html; charset=utf-8");
        templates.render(
                "locality.ftlh",
                Map.of(
                        "r",
                        report,
                        "drawing",
                        Drawing.of(
                                report,
                                umbrellas.stream()
                                        .map(u -> new Drawing.Link(u.label(), u.href()))
                                        .toList(),
                                iris,
                                ctx),
                        "umbrellas",
                        umbrellas,
                        "rows",
                        rows.values(),
                        "slug",
                        slug,
                        "doc",
                        Routes.docPath(ctx, "locality/" + slug),
                        "reportUrl",
                        ctx + Routes.REPORTS + "/" + slug,
                        "root",
                        ctx + "/"),
                response.getWriter());
    }
}
