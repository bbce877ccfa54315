package org.partnershipatlas.endpoint.ld;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.vocabulary.ORG;
import org.apache.jena.vocabulary.RDF;
import org.partnershipatlas.endpoint.Routes;
import org.partnershipatlas.endpoint.api.QueryLinks;
import org.partnershipatlas.endpoint.http.ConNeg;
import org.partnershipatlas.endpoint.http.HttpErrors;
import org.partnershipatlas.endpoint.web.Templates;
import org.partnershipatlas.ontology.AtlasIris;
import org.partnershipatlas.ontology.PA;

/**
 * Serves {@code /doc/{type}/{slug}} (the document about {@code {base}id/{type}/{slug}}) in the negotiated or
 * suffixed format, {@code /doc/{type}} (a paged index of that type) and {@code /doc/} (the list of indexes).
 */
public final class DocServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;
    static final int PAGE_SIZE = 50;

    private final transient Describer describer;
    private final transient AtlasIris iris;
    private final transient Templates templates;
    private final transient Map<String, Function<HttpServletRequest, Graph>> generated = new HashMap<>();

    public DocServlet(Describer describer, AtlasIris iris, Templates templates) {
        this.describer = describer;
        this.iris = iris;
        this.templates = templates;
    }

    /** Serves a resource that is not in the store but generated per request (such as the dataset description). */
    public DocServlet generated(String iri, Function<HttpServletRequest, Graph> description) {
        generated.put(iri, description);
        return this;
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String path = request.getPathInfo() == null ? "/" : request.getPathInfo();
        String[] segments = path.substring(1).split("/", -1);
        if (path.equals("/")) {
            indexOfIndexes(request, response);
        } else if (segments.length == 1 || segments.length == 2 && segments[1].isEmpty()) {
            index(segments[0], request, response);
        } else if (segments.length == 2) {
            resource(segments[0], segments[1], request, response);
        } else {
            HttpErrors.send(request, response, 404, "No document at " + request.getRequestURI(), null);
        }
    }

    private void resource(String type, String last, HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        String slug = last;
        RdfFormat format = null;
        int dot = last.lastIndexOf('.');
        if (dot > 0) {
            Optional<RdfFormat> bySuffix = RdfFormat.bySuffix(last.substring(dot + 1));
            if (bySuffix.isPresent()) {
                format = bySuffix.get();
                slug = last.substring(0, dot);
            }
        }
        if (!AtlasIris.isSlug(type) || !AtlasIris.isSlug(slug)) {
            HttpErrors.send(request, response, 404, "No document at " + request.getRequestURI(), null);
            return;
        }
        String iri = iris.id(type, slug);
        Node resource = NodeFactory.createURI(iri);
        Function<HttpServletRequest, Graph> generator = generated.get(iri);
        if (generator == null && !describer.exists(resource)) {
            HttpErrors.send(request, response, 404, "The Atlas has nothing about " + iri, null);
            return;
        }
        String docPath = request.getContextPath() + Routes.DOC + "/" + type + "/" + slug;
        if (format == null) {
            String chosen = ConNeg.choose(request.getHeader("Accept"), RdfFormat.mediaTypes());
            if (chosen == null) {
                HttpErrors.send(request, response, 406, "Offered: " + String.join(", ", RdfFormat.mediaTypes()), null);
                return;
            }
            format = RdfFormat.byMediaType(chosen).orElseThrow();
            response.setHeader("Vary", "Accept");
            response.setHeader("Content-Location", docPath + "." + format.suffix());
        }
        response.setHeader("Link", alternates(docPath, format));
        Graph description = generator != null ? generator.apply(request) : describer.describe(iri);
        if (format == RdfFormat.HTML) {
            renderPage(resource, description, request, response);
            return;
        }
        response.setContentType(format.contentType());
        RdfOutput.write(description, format, Links.serverUrl(request) + Routes.CONTEXT, response.getOutputStream());
    }

    /** Renders the HTML page of a resource from its description. */
    public void renderPage(Node resource, Graph description, HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        Links links = new Links(iris, request);
        String docPath = links.href(resource.getURI());
        List<ResourcePage.Link> formats = new ArrayList<>();
        for (RdfFormat f : RdfFormat.values()) {
            if (f != RdfFormat.HTML) {
                formats.add(new ResourcePage.Link(f.label(), docPath + "." + f.suffix()));
            }
        }
        String sparql = request.getContextPath() + Routes.API_QUERIES + "/describe-resource"
                + QueryLinks.queryString(Map.of("resource", resource.getURI(), "format", "html"));
        ResourcePage page = ResourcePage.build(
                resource, description, links::href, guidance(description, resource, links), formats, sparql);
        response.setContentType(RdfFormat.HTML.contentType());
        templates.render(
                "resource.ftlh", Map.of("page", page, "root", request.getContextPath() + "/"), response.getWriter());
    }

    /** Guidance relevant to a partnership's domains, or to the domains of an organisation's partnerships. */
    private List<ResourcePage.Link> guidance(Graph description, Node resource, Links links) {
        String query;
        String param;
        if (description.contains(resource, RDF.type.asNode(), PA.Partnership.asNode())) {
            query = "guidance-for-partnership";
            param = "partnership";
        } else if (description.contains(resource, RDF.type.asNode(), ORG.FormalOrganization.asNode())) {
            query = "guidance-for-organisation";
            param = "organisation";
        } else {
            return List.of();
        }
        return describer.select(
                query,
                Map.of(param, resource.getURI()),
                b -> new ResourcePage.Link(
                        b.get("title").getLiteralLexicalForm() + " ("
                                + b.get("source").getLiteralLexicalForm()
                                + (b.contains("issued") ? ", " + b.get("issued").getLiteralLexicalForm() : "") + ")",
                        links.href(b.get("document").getURI())));
    }

    private static String alternates(String docPath, RdfFormat current) {
        List<String> links = new ArrayList<>();
        for (RdfFormat f : RdfFormat.values()) {
            if (f != current) {
                links.add("<" + docPath + "." + f.suffix() + ">; rel=\"alternate\"; type=\"" + f.mediaType() + "\"");
            }
        }
        return String.join(", ", links);
    }

    /** An item on an index page. */
    public record Item(String label, String href) {}

    private void index(String type, HttpServletRequest request, HttpServletResponse response) throws IOException {
        TypeIndex.Entry entry = TypeIndex.ENTRIES.get(type);
        if (entry == null) {
            HttpErrors.send(request, response, 404, "No index of '" + type + "'", null);
            return;
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
                HttpErrors.send(request, response, 400, "page must be a whole number from 1", "page");
                return;
            }
        }
        Links links = new Links(iris, request);
        List<Item> items = describer.select(
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
            HttpErrors.send(request, response, 404, "There is no page " + page + " of " + entry.heading(), null);
            return;
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

    private void indexOfIndexes(HttpServletRequest request, HttpServletResponse response) throws IOException {
        List<Item> items = TypeIndex.ENTRIES.values().stream()
                .map(e -> new Item(e.heading(), request.getContextPath() + Routes.DOC + "/" + e.type()))
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
