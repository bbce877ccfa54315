package org.partnershipatlas.endpoint.ld;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.graph.Triple;
import org.apache.jena.vocabulary.DCTerms;
import org.apache.jena.vocabulary.ORG;
import org.apache.jena.vocabulary.RDF;
import org.partnershipatlas.endpoint.Routes;
import org.partnershipatlas.endpoint.api.QueryLinks;
import org.partnershipatlas.endpoint.http.ConNeg;
import org.partnershipatlas.endpoint.http.HttpErrors;
import org.partnershipatlas.endpoint.web.Templates;
import org.partnershipatlas.ontology.AtlasIris;
import org.partnershipatlas.ontology.PA;
import org.partnershipatlas.ontology.Vocab;
import org.partnershipatlas.queries.QueryRunner;

/**
 * Serves {@code /doc/{type}/{slug}} (the document about {@code {base}id/{type}/{slug}}) in the negotiated or
 * suffixed format, {@code /doc/{type}} (a paged index of that type) and {@code /doc/} (the list of indexes).
 */
public final class DocServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;
    static final int PAGE_SIZE = 50;
    /** The most overlaps a partnership's page lists; the rationalisation report of its locality has them all. */
    static final int MAX_OVERLAPS = 100;

    private final transient QueryRunner queries;
    private final transient ResourceDescriptions descriptions;
    private final transient AtlasIris iris;
    private final transient Templates templates;
    private final transient DocCache cache;
    private final transient Map<String, Function<HttpServletRequest, Graph>> generated = new HashMap<>();

    /** Serves documents, keeping up to {@code cacheBytes} of rendered ones (0: none) until the data changes. */
    public DocServlet(QueryRunner queries, AtlasIris iris, Templates templates, long cacheBytes) {
        this.queries = queries;
        this.descriptions = new ResourceDescriptions(queries);
        this.iris = iris;
        this.templates = templates;
        this.cache = new DocCache(queries.datasetGraph(), cacheBytes);
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
        String docPath = request.getContextPath() + Routes.DOC + "/" + type + "/" + slug;
        boolean negotiated = format == null;
        RdfFormat chosen = negotiated ? negotiate(request) : format;
        Function<HttpServletRequest, Graph> generator = generated.get(iri);
        if (generator != null) {
            // A generated document (such as the dataset description): made for each request, never cached.
            if (chosen == null) {
                notAcceptable(request, response);
                return;
            }
            formatHeaders(response, docPath, chosen, negotiated);
            send(response, render(resource, generator.apply(request), chosen, request));
            return;
        }
        Answer answer;
        try {
            answer = queries.read(() -> answer(resource, chosen, request));
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        if (answer.status() == 404) {
            HttpErrors.send(request, response, 404, "The Atlas has nothing about " + iri, null);
            return;
        }
        if (answer.status() == 406) {
            notAcceptable(request, response);
            return;
        }
        formatHeaders(response, docPath, chosen, negotiated);
        if (answer.etag() != null) {
            response.setHeader("ETag", answer.etag());
            // The data changes only when a load (or a gatekeeper decision) commits, but then it should show at
            // once: an admin checking a load, or a crawler following it, must not be served the old document for
            // a max-age. So caches may store documents but must ask again each time (max-age=0, must-revalidate);
            // asking costs a 304 without a body, answered from the ETag without rendering anything.
            response.setHeader("Cache-Control", "public, max-age=0, must-revalidate");
        }
        if (answer.status() == 304) {
            response.setStatus(304);
            return;
        }
        send(response, answer.doc());
    }

    /** The headers of a document in {@code format}: what negotiation chose, if it did, and the other formats. */
    private static void formatHeaders(
            HttpServletResponse response, String docPath, RdfFormat format, boolean negotiated) {
        if (negotiated) {
            response.setHeader("Vary", "Accept");
            response.setHeader("Content-Location", docPath + "." + format.suffix());
        }
        response.setHeader("Link", alternates(docPath, format));
    }

    private static void notAcceptable(HttpServletRequest request, HttpServletResponse response) throws IOException {
        HttpErrors.send(request, response, 406, "Offered: " + String.join(", ", RdfFormat.mediaTypes()), null);
    }

    private static void send(HttpServletResponse response, DocCache.Doc doc) throws IOException {
        response.setContentType(doc.contentType());
        response.setContentLength(doc.body().length);
        response.getOutputStream().write(doc.body());
    }

    /** What to answer for a stored resource: a status, and for 200 and 304 the ETag (if any), for 200 the doc. */
    private record Answer(int status, String etag, DocCache.Doc doc) {}

    /**
     * Decides the answer in one read transaction, so that the stamp, the existence check and the rendering see the
     * same data; {@code format} is null if negotiation found nothing acceptable.
     */
    private Answer answer(Node resource, RdfFormat format, HttpServletRequest request) {
        if (format == null) {
            return new Answer(descriptions.exists(resource) ? 406 : 404, null, null);
        }
        DataStamp stamp = cache.stamp();
        String ifNoneMatch = request.getHeader("If-None-Match");
        DocCache.Key key = null;
        String etag = null;
        if (stamp != null) {
            String base = switch (format) {
                case JSONLD -> contextUrl(request);
                case HTML -> request.getContextPath();
                default -> "";
            };
            key = new DocCache.Key(stamp, resource.getURI(), format, base);
            etag = cache.etag(key);
            // The ETag names this data, so it can only match a document that exists in it.
            if (ifNoneMatch != null && listsTag(ifNoneMatch, etag)) {
                return new Answer(304, etag, null);
            }
        }
        DocCache.Doc doc = key == null ? null : cache.get(key);
        if (doc == null) {
            if (!descriptions.exists(resource)) {
                return new Answer(404, null, null);
            }
            doc = render(resource, descriptions.describe(resource.getURI()), format, request);
            if (key != null) {
                cache.put(key, doc);
            }
        }
        if (ifNoneMatch != null && ifNoneMatch.trim().equals("*")) {
            return new Answer(304, etag, null);
        }
        return new Answer(200, etag, doc);
    }

    /** True if an If-None-Match value lists the tag (weak comparison, as RFC 9110 asks for If-None-Match). */
    private static boolean listsTag(String ifNoneMatch, String etag) {
        for (String candidate : ifNoneMatch.split(",")) {
            String tag = candidate.trim();
            if (tag.startsWith("W/")) {
                tag = tag.substring(2);
            }
            if (tag.equals(etag)) {
                return true;
            }
        }
        return false;
    }

    private static RdfFormat negotiate(HttpServletRequest request) {
        String chosen = ConNeg.choose(request.getHeader("Accept"), RdfFormat.mediaTypes());
        return chosen == null ? null : RdfFormat.byMediaType(chosen).orElseThrow();
    }

    private static String contextUrl(HttpServletRequest request) {
        return Links.serverUrl(request) + Routes.CONTEXT;
    }

    private DocCache.Doc render(Node resource, Graph description, RdfFormat format, HttpServletRequest request) {
        try {
            if (format == RdfFormat.HTML) {
                return new DocCache.Doc(page(resource, description, request), format.contentType());
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream(8192);
            RdfOutput.write(description, format, contextUrl(request), out);
            return new DocCache.Doc(out.toByteArray(), format.contentType());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Renders the HTML page of a resource from its description. */
    public void renderPage(Node resource, Graph description, HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        send(response, render(resource, description, RdfFormat.HTML, request));
    }

    private byte[] page(Node resource, Graph description, HttpServletRequest request) {
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
                resource,
                description,
                links::href,
                related(description, resource, links, request.getContextPath()),
                shownElsewhere(description, resource),
                formats,
                sparql);
        ByteArrayOutputStream out = new ByteArrayOutputStream(16384);
        Writer writer = new OutputStreamWriter(out, StandardCharsets.UTF_8);
        templates.render("resource.ftlh", Map.of("page", page, "root", request.getContextPath() + "/"), writer);
        try {
            writer.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /**
     * What a page shows from the library besides the description: guidance; the partnership map and rationalisation
     * report of a locality, or of the localities a resource works in; a partnership's overlaps by name (the strongest
     * {@link #MAX_OVERLAPS}); a locality's partnerships per problem domain, from the precomputed statistics, so that
     * the page costs the same however many partnerships the locality has.
     */
    private ResourcePage.Related related(Graph description, Node resource, Links links, String contextPath) {
        List<ResourcePage.Place> places = places(description, resource, contextPath);
        List<ResourcePage.Overlap> overlaps = List.of();
        boolean moreOverlaps = false;
        if (isA(description, resource, PA.Partnership.asNode())) {
            overlaps = queries.select(
                    "overlaps-of-partnership",
                    Map.of("partnership", resource.getURI(), "limit", Integer.toString(MAX_OVERLAPS + 1)),
                    b -> new ResourcePage.Overlap(
                            new ResourcePage.Link(
                                    b.get("otherName").getLiteralLexicalForm(),
                                    links.href(b.get("other").getURI())),
                            b.get("domains").getLiteralLexicalForm(),
                            b.contains("members") ? b.get("members").getLiteralLexicalForm() : ""));
            moreOverlaps = overlaps.size() > MAX_OVERLAPS;
            if (moreOverlaps) {
                overlaps = overlaps.subList(0, MAX_OVERLAPS);
            }
        }
        List<ResourcePage.Count> statistics = List.of();
        if (isA(description, resource, PA.Locality.asNode())) {
            statistics = queries.select(
                    "domains-in-locality",
                    Map.of("locality", resource.getURI()),
                    b -> new ResourcePage.Count(
                            new ResourcePage.Link(
                                    b.get("domainName").getLiteralLexicalForm(),
                                    links.href(b.get("domain").getURI())),
                            b.get("partnerships").getLiteralLexicalForm()));
        }
        return new ResourcePage.Related(
                guidance(description, resource, links), places, overlaps, moreOverlaps, statistics);
    }

    /** The localities whose map and report a page links to: itself if it is one, else those it works in. */
    private List<ResourcePage.Place> places(Graph description, Node resource, String contextPath) {
        List<Node> localities = isA(description, resource, PA.Locality.asNode())
                ? List.of(resource)
                : description
                        .find(resource, DCTerms.spatial.asNode(), Node.ANY)
                        .mapWith(Triple::getObject)
                        .filterKeep(o -> isA(description, o, PA.Locality.asNode()))
                        .toList();
        String prefix = iris.idSpace() + "locality/";
        List<ResourcePage.Place> places = new ArrayList<>();
        for (Node locality : localities) {
            String slug = locality.isURI() && locality.getURI().startsWith(prefix)
                    ? locality.getURI().substring(prefix.length())
                    : null;
            if (slug != null && AtlasIris.isSlug(slug)) {
                places.add(new ResourcePage.Place(
                        Labels.display(description, locality),
                        contextPath + Routes.LOCALITIES + "/" + slug,
                        contextPath + Routes.REPORTS + "/" + slug));
            }
        }
        places.sort(Comparator.comparing(ResourcePage.Place::locality));
        return places;
    }

    /** Resources linking here that the page shows in its own way, so not again as bare links. */
    private static Set<Node> shownElsewhere(Graph description, Node resource) {
        if (isA(description, resource, PA.Locality.asNode())) {
            // The statistics table replaces the observations; the report lists the overlaps.
            return Set.of(PA.PartnershipOverlap.asNode(), Vocab.QB.Observation.asNode());
        }
        if (isA(description, resource, PA.Partnership.asNode())) {
            return Set.of(PA.PartnershipOverlap.asNode());
        }
        return Set.of();
    }

    private static boolean isA(Graph description, Node node, Node type) {
        return description.contains(node, RDF.type.asNode(), type);
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
        return queries.select(
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
