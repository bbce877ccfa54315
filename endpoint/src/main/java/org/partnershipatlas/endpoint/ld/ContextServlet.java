package org.partnershipatlas.endpoint.ld;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.partnershipatlas.ontology.AtlasOntology;

/** The published JSON-LD context that the Atlas's JSON-LD documents refer to. */
public final class ContextServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;
    private final String context = AtlasOntology.jsonLdContext();

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.setContentType("application/ld+json");
        response.setHeader("Cache-Control", "public, max-age=86400");
        response.setHeader("Access-Control-Allow-Origin", "*");
        response.getWriter().write(context);
    }
}
