package org.partnershipatlas.endpoint.ld;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Optional;
import java.util.function.Function;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.partnershipatlas.endpoint.Routes;
import org.partnershipatlas.endpoint.http.HttpErrorException;
import org.partnershipatlas.endpoint.web.CachedPages;
import org.partnershipatlas.endpoint.web.RenderedCache;
import org.partnershipatlas.endpoint.web.Templates;
import org.partnershipatlas.loaders.text.AtlasTextIndex;
import org.partnershipatlas.ontology.AtlasIris;
import org.partnershipatlas.queries.DataStamp;
import org.partnershipatlas.queries.QueryRunner;

/**
 * Serves {@code /doc/{type}/{slug}} (the document about {@code {base}id/{type}/{slug}}) in the negotiated or
 * suffixed format, with ETags and a cache of rendered documents; {@code /doc/{type}} and {@code /doc/} are the
 * {@link TypeIndexPages}.
 */
public final class DocServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;

    private final transient QueryRunner queries;
    private final transient ResourceDescriptions descriptions;
    private final transient AtlasIris iris;
    private final transient DocumentWriter writer;
    private final transient TypeIndexPages indexes;
    private final transient GeneratedDocuments generated;
    private final transient RenderedCache cache;
    private final transient AtlasTextIndex textIndex;

    /**
     * Serves documents, keeping rendered ones in {@code cache} (the server's {@link RenderedCache}) until the data
     * changes, and the {@code generated} ones.
     */
    DocServlet(
            QueryRunner queries,
            AtlasIris iris,
            Templates templates,
            DocumentWriter writer,
            GeneratedDocuments generated,
            AtlasTextIndex textIndex,
            RenderedCache cache) {
        this.queries = queries;
        this.descriptions = new ResourceDescriptions(queries);
        this.iris = iris;
        this.writer = writer;
        this.indexes = new TypeIndexPages(textIndex, iris, templates);
        this.generated = generated;
        this.cache = cache;
        this.textIndex = textIndex;
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response)
            throws ServletException, IOException {
        String path = request.getPathInfo() == null ? "/" : request.getPathInfo();
        String[] segments = path.substring(1).split("/", -1);
        if (path.equals("/")) {
            indexes.indexOfIndexes(request, response);
        } else if (segments.length == 1 || segments.length == 2 && segments[1].isEmpty()) {
            // Read from the text index's listing: kept until the data or the index changes.
            CachedPages.serve(
                    cache, textIndex::generation, request, response, (rq, rs) -> indexes.index(segments[0], rq, rs));
        } else if (segments.length == 2) {
            resource(segments[0], segments[1], request, response);
        } else {
            throw HttpErrorException.notFound("No document at " + request.getRequestURI());
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
            throw HttpErrorException.notFound("No document at " + request.getRequestURI());
        }
        String iri = iris.id(type, slug);
        Node resource = NodeFactory.createURI(iri);
        String docPath = Routes.docPath(request.getContextPath(), type + "/" + slug);
        boolean negotiated = format == null;
        RdfFormat chosen = negotiated ? DocumentWriter.negotiateOrNull(request) : format;
        Function<HttpServletRequest, Graph> generator = generated.get(iri);
        if (generator != null) {
            // A generated document (such as the dataset description): made for each request, never cached.
            if (chosen == null) {
                throw DocumentWriter.notAcceptable();
            }
            DocumentWriter.formatHeaders(response, docPath, chosen, negotiated);
            writer.write(resource, generator.apply(request), chosen, request, response);
            return;
        }
        Answer answer;
        try {
            answer = queries.read(() -> answer(resource, chosen, request));
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        if (answer instanceof Answer.NotFound) {
            throw HttpErrorException.notFound("The Atlas has nothing about " + iri);
        }
        if (answer instanceof Answer.NotAcceptable) {
            throw DocumentWriter.notAcceptable();
        }
        DocumentWriter.formatHeaders(response, docPath, chosen, negotiated);
        if (answer.etag() != null) {
            response.setHeader("ETag", answer.etag());
            // The data changes only when a load (or a gatekeeper decision) commits, but then it should show at
            // once: an admin checking a load, or a crawler following it, must not be served the old document for
            // a max-age. So caches may store documents but must ask again each time (max-age=0, must-revalidate);
            // asking costs a 304 without a body, answered from the ETag without rendering anything.
            response.setHeader("Cache-Control", "public, max-age=0, must-revalidate");
        }
        if (answer instanceof Answer.Ok ok) {
            DocumentWriter.send(response, ok.doc());
        } else {
            response.setStatus(304);
        }
    }

    /** What to answer for a stored resource: not found, not acceptable, not modified (304), or the document. */
    private sealed interface Answer {
        /** The ETag of the document answered, if any. */
        default String etag() {
            return null;
        }

        /** 404: the store has nothing about the resource. */
        record NotFound() implements Answer {}

        /** 406: the resource exists, but in no format the client accepts. */
        record NotAcceptable() implements Answer {}

        /** 304: the client's copy, tagged {@code etag}, is current. */
        record NotModified(String etag) implements Answer {}

        /** 200: the document, tagged {@code etag} (null when the data has no stamp). */
        record Ok(String etag, RenderedCache.Rendered doc) implements Answer {}
    }

    /**
     * Decides the answer in one read transaction, so that the stamp, the existence check and the rendering see the
     * same data; {@code format} is null if negotiation found nothing acceptable.
     */
    private Answer answer(Node resource, RdfFormat format, HttpServletRequest request) {
        if (format == null) {
            return descriptions.exists(resource) ? new Answer.NotAcceptable() : new Answer.NotFound();
        }
        DataStamp stamp = cache.stamp();
        String ifNoneMatch = request.getHeader("If-None-Match");
        DocKey key = null;
        String etag = null;
        if (stamp != null) {
            String base = switch (format) {
                case JSONLD -> Routes.contextUrl(request);
                case HTML -> request.getContextPath();
                default -> "";
            };
            key = new DocKey(stamp, resource.getURI(), format, base);
            etag = cache.etag(key);
            // The ETag names this data, so it can only match a document that exists in it.
            if (ifNoneMatch != null && RenderedCache.listsTag(ifNoneMatch, etag)) {
                return new Answer.NotModified(etag);
            }
        }
        RenderedCache.Rendered doc = key == null ? null : cache.get(key);
        if (doc == null) {
            if (!descriptions.exists(resource)) {
                return new Answer.NotFound();
            }
            doc = writer.render(resource, descriptions.describe(resource.getURI()), format, request);
            if (key != null) {
                cache.put(key, doc);
            }
        }
        if (ifNoneMatch != null && ifNoneMatch.trim().equals("*")) {
            return new Answer.NotModified(etag);
        }
        return new Answer.Ok(etag, doc);
    }
}
