package org.partnershipatlas.endpoint.portal;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.jena.graph.Node;
import org.apache.jena.sparql.engine.binding.Binding;
import org.partnershipatlas.endpoint.web.Templates;
import org.partnershipatlas.loaders.text.AtlasTextIndex;
import org.partnershipatlas.ontology.AtlasIris;
import org.partnershipatlas.queries.QueryRunner;

/** {@code /search?q=...&kind=...}: full-text search, ranked, with the matched words highlighted. */
public final class SearchServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;
    static final int LIMIT = 50;

    private final transient AtlasTextIndex index;
    private final transient QueryRunner queries;
    private final transient AtlasIris iris;
    private final transient Templates templates;

    public SearchServlet(AtlasTextIndex index, QueryRunner queries, AtlasIris iris, Templates templates) {
        this.index = index;
        this.queries = queries;
        this.iris = iris;
        this.templates = templates;
    }

    /** A piece of a snippet: text, marked if it matched. */
    public record Piece(String text, boolean match) {}

    /** A search result. */
    public record Result(String label, String href, String kind, List<List<Piece>> snippets) {}

    /** A kind of result to filter on, with its count. */
    public record Kind(String name, long count, boolean selected) {}

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String q = request.getParameter("q") == null
                ? ""
                : request.getParameter("q").strip();
        String kind = request.getParameter("kind");
        List<Result> results = new ArrayList<>();
        if (!q.isEmpty()) {
            for (AtlasTextIndex.Hit hit : index.search(q, LIMIT)) {
                List<Binding> profile = queries.select("resource-profile", Map.of("resource", hit.resource()), b -> b);
                String label = profile.stream()
                        .filter(b -> b.contains("label"))
                        .map(b -> b.get("label").getLiteralLexicalForm())
                        .findFirst()
                        .orElse(hit.resource());
                String type = profile.stream()
                        .map(b -> b.get("type"))
                        .filter(Node::isURI)
                        .map(t -> Pages.kindOf(t.getURI()))
                        .filter(k -> k != null)
                        .findFirst()
                        .orElse(
                                profile.isEmpty()
                                        ? "Other"
                                        : Pages.typeLabel(profile.get(0).get("type")));
                results.add(new Result(
                        label,
                        Pages.href(hit.resource(), iris, request.getContextPath()),
                        type,
                        hit.snippets().stream().map(SearchServlet::pieces).toList()));
            }
        }
        Map<String, Long> counts = new LinkedHashMap<>();
        results.forEach(r -> counts.merge(r.kind(), 1L, Long::sum));
        List<Kind> kinds = counts.entrySet().stream()
                .map(e -> new Kind(e.getKey(), e.getValue(), e.getKey().equals(kind)))
                .toList();
        List<Result> shown = kind == null || kind.isBlank()
                ? results
                : results.stream().filter(r -> r.kind().equals(kind)).toList();
        response.setContentType("text/html; charset=utf-8");
        templates.render(
                "search.ftlh",
                Map.of(
                        "q",
                        q,
                        "results",
                        shown,
                        "kinds",
                        kinds,
                        "kind",
                        kind == null ? "" : kind,
                        "total",
                        results.size(),
                        "root",
                        request.getContextPath() + "/"),
                response.getWriter());
    }

    /** Splits a highlighted snippet into plain and matched pieces (the template escapes each). */
    static List<Piece> pieces(String snippet) {
        List<Piece> pieces = new ArrayList<>();
        int at = 0;
        while (at < snippet.length()) {
            int start = snippet.indexOf(AtlasTextIndex.START, at);
            if (start < 0) {
                pieces.add(new Piece(snippet.substring(at), false));
                break;
            }
            if (start > at) {
                pieces.add(new Piece(snippet.substring(at, start), false));
            }
            int end = snippet.indexOf(AtlasTextIndex.END, start);
            if (end < 0) {
                pieces.add(new Piece(snippet.substring(start + 1), true));
                break;
            }
            pieces.add(new Piece(snippet.substring(start + 1, end), true));
            at = end + 1;
        }
        return pieces;
    }
}
