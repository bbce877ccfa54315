package org.partnershipatlas.endpoint.portal;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.partnershipatlas.endpoint.Routes;
import org.partnershipatlas.endpoint.api.QueryLinks;
import org.partnershipatlas.endpoint.http.HttpErrorException;
import org.partnershipatlas.endpoint.web.ListedDocument;
import org.partnershipatlas.endpoint.web.Templates;
import org.partnershipatlas.loaders.text.AtlasTextIndex;
import org.partnershipatlas.loaders.text.GuidanceCatalogue;
import org.partnershipatlas.ontology.AtlasIris;
import org.partnershipatlas.queries.DocumentStatus;

/**
 * {@code /guidance}: the guidance catalogue (government guidance and non-government resources), faceted by
 * problem domain, publisher, source and year, read from the text index's {@link GuidanceCatalogue} (its plain twin is
 * the library query {@code guidance-catalogue}). Each facet state is a URL ({@code ?domain=...&source=...}); the
 * counts are those of the documents the other chosen facets leave. The list is paged by key: {@code
 * ?after=IRI&afterTitle=T&afterYear=Y} starts after an entry, {@code before...} ends before one.
 */
public final class GuidanceServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;
    static final List<String> FACETS = GuidanceCatalogue.FACETS;
    static final int PAGE_SIZE = 50;
    /** The commonest values shown of each facet. */
    static final int VALUES_SHOWN = 30;

    private static final Map<String, String> TITLES =
            Map.of("domain", "Problem domain", "publisher", "Publisher", "source", "Source", "year", "Year");

    private final transient AtlasTextIndex textIndex;
    private final transient AtlasIris iris;
    private final transient Templates templates;

    public GuidanceServlet(AtlasTextIndex textIndex, AtlasIris iris, Templates templates) {
        this.textIndex = textIndex;
        this.iris = iris;
        this.templates = templates;
    }

    /** A value of a facet: label, count, and the URL that toggles it. */
    public record Value(String label, long count, boolean selected, String href) {}

    /** A facet, with how many values it has beyond those shown. */
    public record Facet(String name, String title, List<Value> values, int more) {}

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Map<String, String> chosen = new LinkedHashMap<>();
        for (String f : FACETS) {
            String v = request.getParameter(f);
            if (v != null && !v.isBlank()) {
                chosen.put(f, v);
            }
        }
        GuidanceCatalogue.Entry after = key(request, "after");
        GuidanceCatalogue.Entry before = key(request, "before");
        boolean backwards = before != null;
        GuidanceCatalogue catalogue = textIndex.guidance();
        GuidanceCatalogue.Result result =
                catalogue.page(chosen, backwards ? before : after, backwards, PAGE_SIZE, VALUES_SHOWN);
        String base = request.getContextPath() + Routes.GUIDANCE;
        List<Facet> facets = new ArrayList<>();
        for (String f : FACETS) {
            List<GuidanceCatalogue.Value> values =
                    new ArrayList<>(result.facets().get(f));
            // A chosen value stays on show (to be unchosen) even when it is not among the commonest.
            if (chosen.containsKey(f)
                    && values.stream().noneMatch(v -> v.value().equals(chosen.get(f)))) {
                values.add(new GuidanceCatalogue.Value(chosen.get(f), catalogue.label(f, chosen.get(f)), 0));
            }
            List<Value> shown = values.stream()
                    .map(v -> {
                        Map<String, String> next = new LinkedHashMap<>(chosen);
                        boolean selected = v.value().equals(chosen.get(f));
                        if (selected) {
                            next.remove(f);
                        } else {
                            next.put(f, v.value());
                        }
                        return new Value(v.label(), v.count(), selected, base + QueryLinks.queryString(next));
                    })
                    .sorted(
                            f.equals("year")
                                    ? Comparator.comparing(Value::label).reversed()
                                    : Comparator.comparingLong(Value::count)
                                            .reversed()
                                            .thenComparing(Value::label))
                    .toList();
            int more = Math.max(
                    0, result.valueCounts().get(f) - result.facets().get(f).size());
            facets.add(new Facet(f, TITLES.get(f), shown, more));
        }
        List<ListedDocument> items = result.entries().stream()
                .map(e -> new ListedDocument(
                        e.title(),
                        Pages.href(e.document(), iris, request.getContextPath()),
                        String.join(" · ", List.of(e.year(), e.source(), e.publishers())),
                        ListedDocument.statusWords(e.status()),
                        e.replacedBy().isEmpty() ? "" : Pages.href(e.replacedBy(), iris, request.getContextPath())))
                .toList();
        List<Value> selected = chosen.entrySet().stream()
                .map(e -> {
                    Map<String, String> next = new LinkedHashMap<>(chosen);
                    next.remove(e.getKey());
                    return new Value(
                            TITLES.get(e.getKey()) + ": " + catalogue.label(e.getKey(), e.getValue()),
                            0,
                            true,
                            base + QueryLinks.queryString(next));
                })
                .toList();
        boolean first = backwards ? !result.more() : after == null;
        boolean hasNext = backwards || result.more();
        response.setContentType("text/html; charset=utf-8");
        templates.render(
                "guidance.ftlh",
                Map.of(
                        "facets",
                        facets,
                        "items",
                        items,
                        "selected",
                        selected,
                        "matching",
                        result.matching(),
                        "total",
                        result.total(),
                        "previous",
                        first || result.first() == null ? "" : base + page(chosen, "before", result.first()),
                        "next",
                        hasNext && result.last() != null ? base + page(chosen, "after", result.last()) : "",
                        "root",
                        request.getContextPath() + "/"),
                response.getWriter());
    }

    /** The query string of a page with the chosen facets that starts after (or ends before) an entry. */
    private static String page(Map<String, String> chosen, String direction, GuidanceCatalogue.Entry e) {
        Map<String, String> values = new LinkedHashMap<>(chosen);
        values.put(direction, e.document());
        values.put(direction + "Title", e.title());
        values.put(direction + "Year", e.year());
        if (!e.current()) {
            // Current documents come first: the key of a later one says it is not current.
            values.put(direction + "Status", e.status());
        }
        return QueryLinks.queryString(values);
    }

    private static GuidanceCatalogue.Entry key(HttpServletRequest request, String direction) {
        String document = request.getParameter(direction);
        String title = request.getParameter(direction + "Title");
        String year = request.getParameter(direction + "Year");
        if (document == null && title == null && year == null) {
            return null;
        }
        if (document == null || title == null || year == null) {
            throw HttpErrorException.badRequest(
                    direction + ", " + direction + "Title and " + direction
                            + "Year go together: the document, title and year of an entry",
                    document == null ? direction : title == null ? direction + "Title" : direction + "Year");
        }
        String status = request.getParameter(direction + "Status");
        return GuidanceCatalogue.Entry.key(status == null ? DocumentStatus.CURRENT : status, year, title, document);
    }
}
