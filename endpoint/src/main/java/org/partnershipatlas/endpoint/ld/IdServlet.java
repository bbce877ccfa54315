package org.partnershipatlas.endpoint.ld;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Arrays;
import org.partnershipatlas.endpoint.Routes;
import org.partnershipatlas.endpoint.http.HttpErrorException;
import org.partnershipatlas.ontology.AtlasIris;

/**
 * {@code /id/{type}/{slug}}: the identifier of a thing, not a document about it, so it answers 303 See Other to
 * {@code /doc/{type}/{slug}} (Cool URIs for the Semantic Web; UK URI-set guidance). {@code /id/{type}} goes to the
 * type's index. A path whose segments are not slugs ({@link AtlasIris#isSlug}) names nothing the Atlas could mint:
 * it is a 404, never a redirect, so no {@code Location} carries what the client sent.
 */
public final class IdServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String path = request.getPathInfo();
        String[] segments = path == null ? new String[0] : path.substring(1).split("/", -1);
        if (segments.length == 2 && segments[1].isEmpty()) {
            segments = new String[] {segments[0]};
        }
        if (segments.length < 1
                || segments.length > 2
                || !Arrays.stream(segments).allMatch(AtlasIris::isSlug)) {
            throw HttpErrorException.notFound("No resource at this identifier");
        }
        response.setStatus(HttpServletResponse.SC_SEE_OTHER);
        response.setHeader("Location", Routes.docPath(request.getContextPath(), String.join("/", segments)));
        response.setHeader("Vary", "Accept");
    }

    @Override
    protected void doHead(HttpServletRequest request, HttpServletResponse response) throws IOException {
        doGet(request, response);
    }
}
