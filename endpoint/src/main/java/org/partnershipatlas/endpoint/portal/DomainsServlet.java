package org.partnershipatlas.endpoint.portal;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.jena.graph.Node;
import org.apache.jena.sparql.engine.binding.Binding;
import org.partnershipatlas.endpoint.Routes;
import org.partnershipatlas.endpoint.http.HttpErrorException;
import org.partnershipatlas.endpoint.web.ListedDocument;
import org.partnershipatlas.endpoint.web.Templates;
import org.partnershipatlas.ontology.AtlasIris;
import org.partnershipatlas.queries.QueryRunner;
import org.partnershipatlas.queries.precomputed.CasePages;

/**
 * {@code /domains}: the problem-domain tree with counts; {@code /domains/{slug}}: a domain's partnerships (by
 * locality, or only counted per locality when there are many), the newest government and non-government guidance,
 * and best-practice cases, 50 a page ({@code ?casesPage=2}).
 */
public final class DomainsServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;
    /** Up to this many partnerships (counted once per locality) a domain's page lists by name. */
    static final long MAX_LISTED = 200;

    /** Localities a domain's page names when it counts partnerships per locality, unless asked for all of them. */
    static final int MOST_LOCALITIES = 30;

    /** The request parameter ({@code localities=all}) that asks for every locality. */
    static final String LOCALITIES = "localities";

    static final String ALL = "all";

    /** The request parameter of the page of best-practice cases shown (1 when absent). */
    static final String CASES_PAGE = "casesPage";

    private final transient QueryRunner queries;
    private final transient AtlasIris iris;
    private final transient Templates templates;

    public DomainsServlet(QueryRunner queries, AtlasIris iris, Templates templates) {
        this.queries = queries;
        this.iris = iris;
        this.templates = templates;
    }

    /** A domain in the tree. */
    public record Domain(
            String label, String href, String notation, long partnerships, long documents, List<Domain> narrower) {}

    /** A link with a note. */
    public record Item(String label, String href, String note) {}

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String path = request.getPathInfo() == null ? "/" : request.getPathInfo();
        String root = request.getContextPath() + "/";
        if (path.equals("/")) {
            response.setContentType("text/html; charset=utf-8");
            templates.render("domains.ftlh", Map.of("tree", tree(request), "root", root), response.getWriter());
            return;
        }
        String slug = path.substring(1);
        if (!AtlasIris.isSlug(slug)) {
            throw HttpErrorException.notFound("No problem domain at " + request.getRequestURI());
        }
        String iri = iris.id("problem-domain", slug);
        List<Binding> profile = queries.select("resource-profile", Map.of("resource", iri), b -> b);
        if (profile.isEmpty()) {
            throw HttpErrorException.notFound("No problem domain '" + slug + "'");
        }
        String ctx = request.getContextPath();
        // Counts per locality come from the precomputed statistics; names are listed only when there are few, since
        // a national domain has thousands of partnerships and listing them takes seconds.
        List<Item> localities = new ArrayList<>();
        long total = 0;
        for (Binding b : queries.select("localities-for-domain", Map.of("domain", iri), b -> b)) {
            long n = Long.parseLong(b.get("partnerships").getLiteralLexicalForm());
            total += n;
            localities.add(new Item(
                    b.get("localityName").getLiteralLexicalForm(),
                    Pages.href(b.get("locality").getURI(), iris, ctx),
                    n == 1 ? "1 partnership" : n + " partnerships"));
        }
        Map<String, List<Item>> byLocality = new LinkedHashMap<>();
        if (total <= MAX_LISTED) {
            for (Binding b : queries.select("partnerships-by-domain", Map.of("domain", iri), b -> b)) {
                byLocality
                        .computeIfAbsent(b.get("localityName").getLiteralLexicalForm(), k -> new ArrayList<>())
                        .add(new Item(
                                b.get("name").getLiteralLexicalForm(),
                                Pages.href(b.get("partnership").getURI(), iris, ctx),
                                b.get("type").getLiteralLexicalForm()));
            }
            localities = List.of();
        }
        // A national domain is worked on in every locality: the first screen names the busiest, a link all of them.
        int localityCount = localities.size();
        String allLocalities = "";
        if (localityCount > MOST_LOCALITIES && !ALL.equals(request.getParameter(LOCALITIES))) {
            localities = localities.subList(0, MOST_LOCALITIES);
            allLocalities = ctx + Routes.DOMAINS + "/" + slug + "?" + LOCALITIES + "=" + ALL + "#partnerships";
        }
        List<ListedDocument> government = new ArrayList<>();
        List<ListedDocument> other = new ArrayList<>();
        for (Binding b : queries.select("guidance-for-domain", Map.of("domain", iri), b -> b)) {
            ListedDocument item = new ListedDocument(
                    b.get("title").getLiteralLexicalForm(),
                    Pages.href(b.get("document").getURI(), iris, ctx),
                    (b.contains("issued") ? b.get("issued").getLiteralLexicalForm() : "")
                            + (b.contains("publishers")
                                            && !b.get("publishers")
                                                    .getLiteralLexicalForm()
                                                    .isEmpty()
                                    ? " · " + b.get("publishers").getLiteralLexicalForm()
                                    : ""),
                    ListedDocument.statusWords(b),
                    b.contains("replacedBy") ? Pages.href(b.get("replacedBy").getURI(), iris, ctx) : "");
            ("government".equals(b.get("source").getLiteralLexicalForm()) ? government : other).add(item);
        }
        // Cases a page at a time, from the pages every load computes (a broad domain has thousands at national scale).
        int casesPage = casesPage(request);
        String page = ctx + Routes.DOMAINS + "/" + slug;
        List<Item> cases = queries.select(
                "best-practice-cases-in-domain",
                Map.of("domain", iri, "page", Integer.toString(casesPage)),
                b -> new Item(
                        b.get("title").getLiteralLexicalForm(),
                        Pages.href(b.get("case").getURI(), iris, ctx),
                        b.get("typeLabel").getLiteralLexicalForm()));
        if (cases.isEmpty() && casesPage > 1) {
            throw HttpErrorException.notFound("No page " + casesPage + " of the cases on '" + slug + "'");
        }
        // A full page has a next one when the next page is stored (one row of it asked for).
        boolean more = cases.size() == CasePages.PAGE && hasCasePage(iri, casesPage + 1);
        String nextCases = more ? casesLink(page, casesPage + 1) : "";
        String previousCases = casesPage > 1 ? casesLink(page, casesPage - 1) : "";
        String label = profile.stream()
                .filter(b -> b.contains("label"))
                .map(b -> b.get("label").getLiteralLexicalForm())
                .findFirst()
                .orElse(slug);
        response.setContentType("text/html; charset=utf-8");
        templates.render(
                "domain.ftlh",
                Map.ofEntries(
                        Map.entry("label", label),
                        Map.entry("iri", iri),
                        Map.entry("doc", ctx + "/doc/problem-domain/" + slug),
                        Map.entry("byLocality", byLocality),
                        Map.entry("localities", localities),
                        Map.entry("localityCount", localityCount),
                        Map.entry("allLocalities", allLocalities),
                        Map.entry("government", government),
                        Map.entry("other", other),
                        Map.entry("cases", cases),
                        Map.entry("nextCases", nextCases),
                        Map.entry("previousCases", previousCases),
                        Map.entry("firstCases", casesPage > 2 ? page + "#cases" : ""),
                        Map.entry(
                                "allGuidance",
                                ctx + Routes.GUIDANCE + "?domain=" + URLEncoder.encode(iri, StandardCharsets.UTF_8)),
                        Map.entry("root", root)),
                response.getWriter());
    }

    private static int casesPage(HttpServletRequest request) {
        String value = request.getParameter(CASES_PAGE);
        if (value == null) {
            return 1;
        }
        try {
            int n = Integer.parseInt(value);
            if (n >= 1) {
                return n;
            }
        } catch (NumberFormatException e) {
            // said below
        }
        throw HttpErrorException.badRequest(
                CASES_PAGE + " must be a whole number from 1, not '" + value + "'", CASES_PAGE);
    }

    private boolean hasCasePage(String domain, int number) {
        return !queries.select(
                        "best-practice-cases-in-domain",
                        Map.of("domain", domain, "page", Integer.toString(number), "limit", "1"),
                        b -> b)
                .isEmpty();
    }

    private static String casesLink(String page, int number) {
        return number == 1 ? page + "#cases" : page + "?" + CASES_PAGE + "=" + number + "#cases";
    }

    private List<Domain> tree(HttpServletRequest request) {
        List<Binding> rows = queries.select("domain-counts", Map.of(), b -> b);
        Map<String, List<Binding>> children = new LinkedHashMap<>();
        List<Binding> tops = new ArrayList<>();
        for (Binding b : rows) {
            if (b.contains("broader")) {
                children.computeIfAbsent(b.get("broader").getURI(), k -> new ArrayList<>())
                        .add(b);
            } else {
                tops.add(b);
            }
        }
        return tops.stream().map(b -> domain(b, children, request)).toList();
    }

    private Domain domain(Binding b, Map<String, List<Binding>> children, HttpServletRequest request) {
        Node d = b.get("domain");
        List<Domain> narrower = children.getOrDefault(d.getURI(), List.of()).stream()
                .map(c -> domain(c, children, request))
                .toList();
        return new Domain(
                b.get("label").getLiteralLexicalForm(),
                Pages.href(d.getURI(), iris, request.getContextPath()),
                b.contains("notation") ? b.get("notation").getLiteralLexicalForm() : "",
                Long.parseLong(b.get("partnerships").getLiteralLexicalForm()),
                Long.parseLong(b.get("documents").getLiteralLexicalForm()),
                narrower);
    }
}
