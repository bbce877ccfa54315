package org.partnershipatlas.endpoint.catalog;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.apache.jena.sparql.core.DatasetGraph;
import org.partnershipatlas.endpoint.Routes;
import org.partnershipatlas.endpoint.http.ConNeg;
import org.partnershipatlas.endpoint.http.HttpErrorException;
import org.partnershipatlas.endpoint.ld.RdfFormat;
import org.partnershipatlas.endpoint.ld.RdfOutput;

/**
 * Answers a GET on the SPARQL endpoint that carries no query with the endpoint's Service Description, as SPARQL
 * 1.1 Service Description asks; every other request passes on to Fuseki.
 */
public final class ServiceDescriptionFilter implements Filter {
    private final DatasetGraph dsg;
    private final DatasetDescription description;

    public ServiceDescriptionFilter(DatasetGraph dsg, DatasetDescription description) {
        this.dsg = dsg;
        this.description = description;
    }

    @Override
    public void doFilter(ServletRequest req, ServletResponse resp, FilterChain chain)
            throws IOException, ServletException {
        HttpServletRequest request = (HttpServletRequest) req;
        HttpServletResponse response = (HttpServletResponse) resp;
        String path = request.getRequestURI().substring(request.getContextPath().length());
        boolean endpoint = path.equals(Routes.SPARQL) || path.equals(Routes.QUERY);
        if (!endpoint
                || !("GET".equals(request.getMethod()) || "HEAD".equals(request.getMethod()))
                || request.getQueryString() != null) {
            chain.doFilter(req, resp);
            return;
        }
        String chosen = ConNeg.choose(
                request.getHeader("Accept"),
                java.util.List.of(
                        "text/turtle",
                        "application/ld+json",
                        "application/n-triples",
                        "application/rdf+xml",
                        "text/html"));
        if (chosen == null) {
            throw new HttpErrorException(406, "Offered: Turtle, JSON-LD, N-Triples, RDF/XML", null);
        }
        // Browsers asking for HTML get Turtle too: a service description is for programs.
        RdfFormat format = chosen.equals("text/html")
                ? RdfFormat.TURTLE
                : RdfFormat.byMediaType(chosen).orElseThrow();
        String server = Routes.serverUrl(request);
        response.setHeader("Vary", "Accept");
        response.setContentType(format.contentType());
        RdfOutput.write(
                ServiceDescription.build(dsg, server + path, description.dataset()),
                format,
                Routes.contextUrl(request),
                response.getOutputStream());
    }
}
