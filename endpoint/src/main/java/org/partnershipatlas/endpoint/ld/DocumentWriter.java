package org.partnershipatlas.endpoint.ld;

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
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.Triple;
import org.apache.jena.vocabulary.DCTerms;
import org.apache.jena.vocabulary.ORG;
import org.apache.jena.vocabulary.RDF;
import org.partnershipatlas.endpoint.Routes;
import org.partnershipatlas.endpoint.api.QueryLinks;
import org.partnershipatlas.endpoint.http.ConNeg;
import org.partnershipatlas.endpoint.http.HttpErrorException;
import org.partnershipatlas.endpoint.web.ListedDocument;
import org.partnershipatlas.endpoint.web.RenderedCache;
import org.partnershipatlas.endpoint.web.Templates;
import org.partnershipatlas.ontology.AtlasIris;
import org.partnershipatlas.ontology.PA;
import org.partnershipatlas.ontology.Vocab;
import org.partnershipatlas.queries.QueryRunner;

/**
 * Writes documents about resources, for {@code /doc/} and for the catalogue: negotiates the format (406 when none
 * is acceptable), the {@code Link} and {@code Content-Location} headers of a document, and the body, an HTML page
 * (with what the library says about the resource besides its description) or RDF.
 *
 * <pre>
 *   RdfFormat format = writer.negotiate(request);          // throws 406
 *   writer.write(resource, description, format, request, response);
 * </pre>
 */
public final class DocumentWriter {
    /** The most overlaps a partnership's page lists; the rationalisation report of its locality has them all. */
    static final int MAX_OVERLAPS = 100;

    private final QueryRunner queries;
    private final AtlasIris iris;
    private final Templates templates;

    public DocumentWriter(QueryRunner queries, AtlasIris iris, Templates templates) {
        this.queries = queries;
        this.iris = iris;
        this.templates = templates;
    }

    /** The format the request's {@code Accept} header asks for; 406 if none is offered. */
    public RdfFormat negotiate(HttpServletRequest request) {
        RdfFormat chosen = negotiateOrNull(request);
        if (chosen == null) {
            throw notAcceptable();
        }
        return chosen;
    }

    /** The format the request's {@code Accept} header asks for, or null if none is offered. */
    static RdfFormat negotiateOrNull(HttpServletRequest request) {
        String chosen = ConNeg.choose(request.getHeader("Accept"), RdfFormat.mediaTypes());
        return chosen == null ? null : RdfFormat.byMediaType(chosen).orElseThrow();
    }

    /** The 406 answer: what is offered. */
    static HttpErrorException notAcceptable() {
        return HttpErrorException.notAcceptable(RdfFormat.mediaTypes());
    }

    /**
     * The headers of the document at {@code docPath} in {@code format}: what negotiation chose, if it did
     * ({@code Vary}, {@code Content-Location}), and the other formats ({@code Link: rel="alternate"}).
     */
    static void formatHeaders(HttpServletResponse response, String docPath, RdfFormat format, boolean negotiated) {
        if (negotiated) {
            response.setHeader("Vary", "Accept");
            response.setHeader("Content-Location", docPath + "." + format.suffix());
        }
        response.setHeader("Link", alternates(docPath, format));
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

    /** A description rendered in a format: the resource's HTML page, or the RDF of the description. */
    RenderedCache.Rendered render(Node resource, Graph description, RdfFormat format, HttpServletRequest request) {
        try {
            if (format == RdfFormat.HTML) {
                return new RenderedCache.Rendered(page(resource, description, request), format.contentType());
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream(8192);
            RdfOutput.write(description, format, Routes.contextUrl(request), out);
            return new RenderedCache.Rendered(out.toByteArray(), format.contentType());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes a resource's description in {@code format} (content type, length and body). */
    public void write(
            Node resource,
            Graph description,
            RdfFormat format,
            HttpServletRequest request,
            HttpServletResponse response)
            throws IOException {
        send(response, render(resource, description, format, request));
    }

    /** Writes a rendered document (content type, length and body). */
    static void send(HttpServletResponse response, RenderedCache.Rendered doc) throws IOException {
        response.setContentType(doc.contentType());
        response.setContentLength(doc.body().length);
        response.getOutputStream().write(doc.body());
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
                LinkMarks.of(queries, resource),
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
            // The statistics table replaces the observations; the report lists the overlaps (and their pages); the
            // candidate summaries are the gatekeeper's copy of the partnerships listed.
            return Set.of(
                    PA.PartnershipOverlap.asNode(),
                    PA.OverlapPage.asNode(),
                    PA.CandidateSummary.asNode(),
                    Vocab.QB.Observation.asNode());
        }
        if (isA(description, resource, PA.Partnership.asNode())) {
            return Set.of(PA.PartnershipOverlap.asNode(), PA.CandidateSummary.asNode());
        }
        if (isA(description, resource, PA.GuidanceDocument.asNode())
                || isA(description, resource, PA.ExternalResource.asNode())) {
            // The pages of the guidance lists name every document: a place in a list is not a link worth showing.
            return Set.of(PA.GuidancePage.asNode(), PA.GuidanceRow.asNode());
        }
        if (isA(description, resource, PA.BestPracticeCase.asNode())
                || isA(description, resource, PA.ProblemDomain.asNode())) {
            // Nor is a case's place in its domains' pages, nor a domain's pages (its portal page lists its cases).
            return Set.of(PA.CasePage.asNode(), PA.CaseRow.asNode());
        }
        return Set.of();
    }

    private static boolean isA(Graph description, Node node, Node type) {
        return description.contains(node, RDF.type.asNode(), type);
    }

    /** Guidance relevant to a partnership's domains, or to the domains of an organisation's partnerships. */
    private List<ListedDocument> guidance(Graph description, Node resource, Links links) {
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
                b -> new ListedDocument(
                        b.get("title").getLiteralLexicalForm(),
                        links.href(b.get("document").getURI()),
                        b.get("source").getLiteralLexicalForm()
                                + (b.contains("issued") ? ", " + b.get("issued").getLiteralLexicalForm() : ""),
                        ListedDocument.statusWords(b),
                        b.contains("replacedBy")
                                ? links.href(b.get("replacedBy").getURI())
                                : ""));
    }
}
