package org.partnershipatlas.endpoint.portal;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.partnershipatlas.endpoint.Routes;
import org.partnershipatlas.endpoint.web.Templates;
import org.partnershipatlas.ontology.AtlasOntology;
import org.partnershipatlas.queries.NamedQuery;
import org.partnershipatlas.queries.QueryBinder;
import org.partnershipatlas.queries.QueryCatalogue;

/**
 * {@code /sparql}: a SPARQL editor (CodeMirror, served from its WebJar, with SPARQL highlighting), the Atlas
 * prefixes filled in, the query library's examples one click away, results as a table with links, and downloads.
 */
public final class SparqlPageServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;

    private final transient QueryCatalogue catalogue;
    private final transient QueryBinder binder;
    private final transient Templates templates;

    public SparqlPageServlet(QueryCatalogue catalogue, QueryBinder binder, Templates templates) {
        this.catalogue = catalogue;
        this.binder = binder;
        this.templates = templates;
    }

    /** An example: its name, summary and the query with its example values bound. */
    public record Example(String name, String summary, String sparql) {}

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        List<Example> examples = catalogue.list().stream()
                .filter(q -> q.query().isSelectType())
                .map(q -> new Example(q.name(), q.summary(), bound(q)))
                .toList();
        String start = request.getParameter("query") != null
                ? request.getParameter("query")
                : AtlasOntology.sparqlPrefixes()
                        + "\nSELECT ?partnership ?name WHERE {\n  ?partnership a pa:Partnership ;\n"
                        + "      skos:prefLabel ?name .\n}\nORDER BY ?name\nLIMIT 20\n";
        response.setContentType("text/html; charset=utf-8");
        templates.render(
                "sparql.ftlh",
                Map.of(
                        "examples",
                        examples,
                        "start",
                        start,
                        "endpoint",
                        request.getContextPath() + Routes.SPARQL,
                        "explain",
                        request.getContextPath() + Routes.EXPLAIN,
                        "root",
                        request.getContextPath() + "/"),
                response.getWriter());
    }

    private String bound(NamedQuery q) {
        return binder.bind(q, q.examples()).serialize();
    }
}
