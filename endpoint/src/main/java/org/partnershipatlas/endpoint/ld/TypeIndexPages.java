package org.partnershipatlas.endpoint.ld;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.partnershipatlas.endpoint.Routes;
import org.partnershipatlas.endpoint.http.HttpErrorException;
import org.partnershipatlas.endpoint.web.Templates;
import org.partnershipatlas.ontology.AtlasIris;
import org.partnershipatlas.queries.QueryRunner;

/** The index pages under {@code /doc/}: {@code /doc/{type}} (a paged list of a {@link TypeIndex} type), {@code /doc/}. */
final class TypeIndexPages {
    static final int PAGE_SIZE = 50;

    private final QueryRunner queries;
    private final AtlasIris iris;
    private final Templates templates;

    TypeIndexPages(QueryRunner queries, AtlasIris iris, Templates templates) {
        this.queries = queries;
        this.iris = iris;
        this.templates = templates;
    }

    /** An item on an index page. */
    public record Item(String label, String href) {}

    void index(String type, HttpServletRequest request, HttpServletResponse response) throws IOException {
        TypeIndex.Entry entry = TypeIndex.ENTRIES.get(type);
        if (entry == null) {
            throw HttpErrorException.notFound("No index of '" + type + "'");
        }
        int page = 1;
        String pageParam = request.getParameter("page");
        if (pageParam != null) {
            try {
                page = Integer.parseInt(pageParam);
            } catch (NumberFormatException e) {
                page = 0;
            }
            if (page < 1) {
                throw HttpErrorException.badRequest("page must be a whole number from 1", "page");
            }
        }
        Links links = new Links(iris, request);
        List<Item> items = queries.select(
                "resources-of-type",
                Map.of(
                        "class",
                        entry.classIri(),
                        "limit",
                        Integer.toString(PAGE_SIZE + 1),
                        "offset",
                        Long.toString((long) (page - 1) * PAGE_SIZE)),
                b -> new Item(
                        b.get("label").getLiteralLexicalForm(),
                        links.href(b.get("resource").getURI())));
        boolean more = items.size() > PAGE_SIZE;
        if (page > 1 && items.isEmpty()) {
            throw HttpErrorException.notFound("There is no page " + page + " of " + entry.heading());
        }
        response.setContentType("text/html; charset=utf-8");
        templates.render(
                "index.ftlh",
                Map.of(
                        "heading",
                        entry.heading(),
                        "items",
                        more ? items.subList(0, PAGE_SIZE) : items,
                        "page",
                        page,
                        "previous",
                        page > 1 ? "?page=" + (page - 1) : "",
                        "next",
                        more ? "?page=" + (page + 1) : "",
                        "root",
                        request.getContextPath() + "/"),
                response.getWriter());
    }

    void indexOfIndexes(HttpServletRequest request, HttpServletResponse response) throws IOException {
        List<Item> items = TypeIndex.ENTRIES.values().stream()
                .map(e -> new Item(e.heading(), Routes.docPath(request.getContextPath(), e.type())))
                .toList();
        response.setContentType("text/html; charset=utf-8");
        templates.render(
                "index.ftlh",
                Map.of(
                        "heading",
                        "Browse the Atlas",
                        "items",
                        items,
                        "page",
                        1,
                        "previous",
                        "",
                        "next",
                        "",
                        "root",
                        request.getContextPath() + "/"),
                response.getWriter());
    }
}
