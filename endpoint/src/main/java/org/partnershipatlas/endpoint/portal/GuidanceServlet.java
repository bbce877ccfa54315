package org.partnershipatlas.endpoint.portal;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.jena.sparql.engine.binding.Binding;
import org.partnershipatlas.endpoint.Routes;
import org.partnershipatlas.endpoint.api.QueryLinks;
import org.partnershipatlas.endpoint.web.Templates;
import org.partnershipatlas.ontology.AtlasIris;
import org.partnershipatlas.ontology.PA;
import org.partnershipatlas.queries.QueryRunner;

/**
 * {@code /guidance}: the guidance catalogue (government guidance and non-government resources), faceted by
 * problem domain, publisher, source and year. Each facet state is a URL ({@code ?domain=...&source=...}); the counts
 * are those of the documents the other chosen facets leave.
 */
public final class GuidanceServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;
    static final List<String> FACETS = List.of("domain", "publisher", "source", "year");

    private final transient QueryRunner queries;
    private final transient AtlasIris iris;
    private final transient Templates templates;

    public GuidanceServlet(QueryRunner queries, AtlasIris iris, Templates templates) {
        this.queries = queries;
        this.iris = iris;
        this.templates = templates;
    }

    /** A document in the catalogue and its facet values. */
    record Document(String iri, String title, Map<String, Set<String>> values) {}

    /** A value of a facet: label, count, and the URL that toggles it. */
    public record Value(String label, long count, boolean selected, String href) {}

    /** A facet. */
    public record Facet(String name, String title, List<Value> values) {}

    /** A listed document. */
    public record Item(String title, String href, String note) {}

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Map<String, String> labels = labels();
        List<Document> all = queries.select("guidance-catalogue", Map.of(), b -> document(b));
        Map<String, String> chosen = new LinkedHashMap<>();
        for (String f : FACETS) {
            String v = request.getParameter(f);
            if (v != null && !v.isBlank()) {
                chosen.put(f, v);
            }
        }
        List<Document> shown =
                all.stream().filter(d -> matches(d, chosen, null)).toList();
        List<Facet> facets = new ArrayList<>();
        Map<String, String> titles =
                Map.of("domain", "Problem domain", "publisher", "Publisher", "source", "Source", "year", "Year");
        for (String f : FACETS) {
            Map<String, Long> counts = new TreeMap<>();
            all.stream()
                    .filter(d -> matches(d, chosen, f))
                    .forEach(d -> d.values().get(f).forEach(v -> counts.merge(v, 1L, Long::sum)));
            List<Value> values = counts.entrySet().stream()
                    .map(e -> {
                        Map<String, String> next = new LinkedHashMap<>(chosen);
                        boolean selected = e.getKey().equals(chosen.get(f));
                        if (selected) {
                            next.remove(f);
                        } else {
                            next.put(f, e.getKey());
                        }
                        return new Value(
                                labels.getOrDefault(e.getKey(), e.getKey()),
                                e.getValue(),
                                selected,
                                request.getContextPath() + Routes.GUIDANCE + query(next));
                    })
                    .sorted(
                            f.equals("year")
                                    ? Comparator.comparing(Value::label).reversed()
                                    : Comparator.comparingLong(Value::count)
                                            .reversed()
                                            .thenComparing(Value::label))
                    .toList();
            facets.add(new Facet(f, titles.get(f), values));
        }
        List<Item> items = shown.stream()
                .map(d -> new Item(
                        d.title(),
                        Pages.href(d.iri(), iris, request.getContextPath()),
                        String.join(
                                " · ",
                                List.of(
                                        first(d, "year"),
                                        first(d, "source"),
                                        d.values().get("publisher").stream()
                                                .map(p -> labels.getOrDefault(p, p))
                                                .collect(Collectors.joining(", "))))))
                .toList();
        List<Value> selected = chosen.entrySet().stream()
                .map(e -> {
                    Map<String, String> next = new LinkedHashMap<>(chosen);
                    next.remove(e.getKey());
                    return new Value(
                            titles.get(e.getKey()) + ": " + labels.getOrDefault(e.getValue(), e.getValue()),
                            0,
                            true,
                            request.getContextPath() + Routes.GUIDANCE + query(next));
                })
                .toList();
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
                        "total",
                        all.size(),
                        "root",
                        request.getContextPath() + "/"),
                response.getWriter());
    }

    private static boolean matches(Document d, Map<String, String> chosen, String except) {
        for (Map.Entry<String, String> e : chosen.entrySet()) {
            if (!e.getKey().equals(except) && !d.values().get(e.getKey()).contains(e.getValue())) {
                return false;
            }
        }
        return true;
    }

    private Document document(Binding b) {
        Map<String, Set<String>> values = new HashMap<>();
        values.put("domain", split(b, "domains"));
        values.put("publisher", split(b, "publishers"));
        values.put(
                "source",
                Set.of("true".equals(b.get("government").getLiteralLexicalForm()) ? "government" : "non-government"));
        values.put(
                "year",
                b.contains("year") && !b.get("year").getLiteralLexicalForm().isEmpty()
                        ? Set.of(b.get("year").getLiteralLexicalForm())
                        : Set.of());
        return new Document(b.get("document").getURI(), b.get("title").getLiteralLexicalForm(), values);
    }

    private Map<String, String> labels() {
        Map<String, String> labels = new HashMap<>();
        labels.put("government", "Government");
        labels.put("non-government", "Non-government");
        queries.select(
                "domain-counts",
                Map.of(),
                b -> labels.put(b.get("domain").getURI(), b.get("label").getLiteralLexicalForm()));
        queries.select(
                "resources-of-type",
                Map.of("class", "http://www.w3.org/ns/org#FormalOrganization"),
                b -> labels.put(b.get("resource").getURI(), b.get("label").getLiteralLexicalForm()));
        labels.remove(PA.NS);
        return labels;
    }

    private static Set<String> split(Binding b, String var) {
        if (!b.contains(var) || b.get(var).getLiteralLexicalForm().isBlank()) {
            return Set.of();
        }
        return Set.copyOf(Arrays.asList(b.get(var).getLiteralLexicalForm().split(" ")));
    }

    private static String first(Document d, String facet) {
        return d.values().get(facet).stream().findFirst().orElse("");
    }

    private static String query(Map<String, String> values) {
        return QueryLinks.queryString(values);
    }
}
