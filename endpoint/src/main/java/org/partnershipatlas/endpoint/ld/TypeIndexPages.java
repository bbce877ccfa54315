package org.partnershipatlas.endpoint.ld;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.partnershipatlas.endpoint.Routes;
import org.partnershipatlas.endpoint.http.HttpErrorException;
import org.partnershipatlas.endpoint.web.Templates;
import org.partnershipatlas.loaders.text.AtlasTextIndex;
import org.partnershipatlas.loaders.text.TypeListing;
import org.partnershipatlas.ontology.AtlasIris;

/**
 * The index pages under {@code /doc/}: {@code /doc/{type}} (a list of a {@link TypeIndex} type in label order, paged
 * by key from the text index's {@link TypeListing}: {@code ?after=IRI&afterLabel=L} starts after an entry,
 * {@code ?before=...&beforeLabel=...} ends before one; the old {@code ?page=N} is sent on to the same page), {@code
 * /doc/}.
 */
final class TypeIndexPages {
    static final int PAGE_SIZE = 50;

    private final AtlasTextIndex textIndex;
    private final AtlasIris iris;
    private final Templates templates;

    TypeIndexPages(AtlasTextIndex textIndex, AtlasIris iris, Templates templates) {
        this.textIndex = textIndex;
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
        TypeListing listing = textIndex.listing();
        String pageParam = request.getParameter("page");
        if (pageParam != null) {
            // Links from before keyset paging: sent on to the same page by key.
            long page;
            try {
                page = Long.parseLong(pageParam);
            } catch (NumberFormatException e) {
                page = 0;
            }
            if (page < 1 || page > Integer.MAX_VALUE / PAGE_SIZE) {
                throw HttpErrorException.badRequest("page must be a whole number from 1", "page");
            }
            String to = Routes.docPath(request.getContextPath(), type);
            if (page > 1) {
                TypeListing.Entry last = listing.at(entry.classIri(), (int) (page - 1) * PAGE_SIZE - 1);
                if (last == null) {
                    throw HttpErrorException.notFound("There is no page " + page + " of " + entry.heading());
                }
                to += after("after", last);
            }
            response.setStatus(HttpServletResponse.SC_FOUND);
            response.setHeader("Location", to);
            return;
        }
        TypeListing.Entry after = key(request, "after");
        TypeListing.Entry before = key(request, "before");
        TypeListing.Page page = before != null
                ? listing.pageBefore(entry.classIri(), before, PAGE_SIZE)
                : listing.page(entry.classIri(), after, PAGE_SIZE);
        boolean backwards = before != null;
        boolean first = backwards ? !page.more() : after == null;
        boolean hasNext = backwards || page.more();
        Links links = new Links(iris, request);
        List<Item> items = page.entries().stream()
                .map(e -> new Item(e.label(), links.href(e.resource())))
                .toList();
        response.setContentType("text/html; charset=utf-8");
        templates.render(
                "index.ftlh",
                Map.of(
                        "heading",
                        entry.heading(),
                        "items",
                        items,
                        "page",
                        first ? 1 : 2,
                        "previous",
                        first || page.first() == null ? "" : after("before", page.first()),
                        "next",
                        hasNext && page.last() != null ? after("after", page.last()) : "",
                        "root",
                        request.getContextPath() + "/"),
                response.getWriter());
    }

    /** The query string of a page that starts after (or ends before) an entry. */
    private static String after(String direction, TypeListing.Entry e) {
        return "?" + direction + "=" + URLEncoder.encode(e.resource(), StandardCharsets.UTF_8) + "&" + direction
                + "Label=" + URLEncoder.encode(e.label(), StandardCharsets.UTF_8);
    }

    private static TypeListing.Entry key(HttpServletRequest request, String direction) {
        String resource = request.getParameter(direction);
        String label = request.getParameter(direction + "Label");
        if (resource == null && label == null) {
            return null;
        }
        if (resource == null || label == null) {
            throw HttpErrorException.badRequest(
                    direction + " and " + direction + "Label go together: the resource and label of an entry",
                    resource == null ? direction : direction + "Label");
        }
        return new TypeListing.Entry(label, resource);
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
