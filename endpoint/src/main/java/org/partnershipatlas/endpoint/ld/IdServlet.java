package org.partnershipatlas.endpoint.ld;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.partnershipatlas.endpoint.Routes;
import org.partnershipatlas.endpoint.http.HttpErrors;

/**
 * {@code /id/{type}/{slug}}: the identifier of a thing, not a document about it, so it answers 303 See Other to
 * {@code /doc/{type}/{slug}} (Cool URIs for the Semantic Web; UK URI-set guidance).
 */
public final class IdServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String path = request.getPathInfo();
        if (path == null || path.length() < 2) {
            HttpErrors.send(request, response, 404, "No resource at " + request.getRequestURI(), null);
            return;
        }
        response.setStatus(HttpServletResponse.SC_SEE_OTHER);
        response.setHeader("Location", request.getContextPath() + Routes.DOC + path);
        response.setHeader("Vary", "Accept");
    }

    @Override
    protected void doHead(HttpServletRequest request, HttpServletResponse response) throws IOException {
        doGet(request, response);
    }
}
