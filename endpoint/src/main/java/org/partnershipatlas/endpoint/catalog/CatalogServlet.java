package org.partnershipatlas.endpoint.catalog;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import org.apache.jena.graph.Graph;
import org.partnershipatlas.endpoint.Routes;
import org.partnershipatlas.endpoint.http.ConNeg;
import org.partnershipatlas.endpoint.http.HttpErrorException;
import org.partnershipatlas.endpoint.ld.DocServlet;
import org.partnershipatlas.endpoint.ld.RdfFormat;
import org.partnershipatlas.endpoint.ld.RdfOutput;
import org.partnershipatlas.loaders.dumps.DumpManifest;

/**
 * The dataset's VoID and DCAT description at {@code /.well-known/void} and {@code /catalog}, generated from the live
 * store and the dumps, and negotiated like any document (HTML, Turtle, JSON-LD, N-Triples, RDF/XML).
 */
public final class CatalogServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;

    private final transient DatasetDescription description;
    private final transient Path dumps;
    private final transient DocServlet pages;

    public CatalogServlet(DatasetDescription description, Path dumps, DocServlet pages) {
        this.description = description;
        this.dumps = dumps;
        this.pages = pages;
    }

    /** The description for a request: links use the server's own URL. */
    public Graph describe(HttpServletRequest request) {
        return description.build(
                Routes.serverUrl(request) + "/", dumps == null ? Optional.empty() : DumpManifest.read(dumps));
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String chosen = ConNeg.choose(request.getHeader("Accept"), RdfFormat.mediaTypes());
        if (chosen == null) {
            throw HttpErrorException.notAcceptable(RdfFormat.mediaTypes());
        }
        RdfFormat format = RdfFormat.byMediaType(chosen).orElseThrow();
        response.setHeader("Vary", "Accept");
        response.setHeader("Access-Control-Allow-Origin", "*");
        Graph graph = describe(request);
        if (format == RdfFormat.HTML) {
            pages.renderPage(description.dataset(), graph, request, response);
            return;
        }
        response.setContentType(format.contentType());
        RdfOutput.write(graph, format, Routes.contextUrl(request), response.getOutputStream());
    }
}
