package org.partnershipatlas.endpoint.catalog;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Supplier;
import org.apache.jena.graph.Graph;
import org.partnershipatlas.endpoint.Routes;
import org.partnershipatlas.endpoint.ld.DocumentWriter;
import org.partnershipatlas.endpoint.ld.RdfFormat;
import org.partnershipatlas.loaders.dumps.DumpManifest;
import org.partnershipatlas.loaders.releases.Release;

/**
 * The dataset's VoID and DCAT description at {@code /.well-known/void} and {@code /catalog}, generated from the live
 * store, the dumps and the release the live data is (if any), and negotiated like any document (HTML, Turtle, JSON-LD, N-Triples, RDF/XML).
 */
public final class CatalogServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;

    private final transient DatasetDescription description;
    private final transient Path dumps;
    private final transient DocumentWriter writer;
    private final transient Supplier<Optional<Release>> servedRelease;

    /** @param servedRelease the published release whose data the live store holds, if any */
    public CatalogServlet(
            DatasetDescription description,
            Path dumps,
            DocumentWriter writer,
            Supplier<Optional<Release>> servedRelease) {
        this.description = description;
        this.dumps = dumps;
        this.writer = writer;
        this.servedRelease = servedRelease;
    }

    /** The description for a request: links use the server's own URL. */
    public Graph describe(HttpServletRequest request) {
        String serverUrl = Routes.serverUrl(request) + "/";
        Graph g = description.build(serverUrl, dumps == null ? Optional.empty() : DumpManifest.read(dumps));
        description.servedRelease(g, serverUrl, servedRelease.get());
        return g;
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        RdfFormat format = writer.negotiate(request);
        response.setHeader("Vary", "Accept");
        response.setHeader("Access-Control-Allow-Origin", "*");
        writer.write(description.dataset(), describe(request), format, request, response);
    }
}
