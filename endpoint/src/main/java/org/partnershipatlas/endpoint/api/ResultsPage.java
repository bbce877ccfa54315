package org.partnershipatlas.endpoint.api;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.apache.jena.graph.Node;
import org.partnershipatlas.endpoint.Routes;
import org.partnershipatlas.endpoint.web.Templates;
import org.partnershipatlas.ontology.AtlasIris;
import org.partnershipatlas.queries.NamedQuery;

/** The HTML page of a named query's results, a table whichever kind they are; Atlas resources link to their pages. */
final class ResultsPage {
    private final Templates templates;
    private final AtlasIris iris;

    ResultsPage(Templates templates, AtlasIris iris) {
        this.templates = templates;
        this.iris = iris;
    }

    /** A cell showing {@code node}, linked to its document if it is an Atlas resource. */
    ExamplesPage.Cell cell(Node node, HttpServletRequest request) {
        UnaryOperator<String> href = iri -> Routes.docHref(iris, request.getContextPath(), iri);
        return ExamplesPage.cell(node, href);
    }

    void render(
            NamedQuery named,
            Map<String, String> values,
            List<String> columns,
            List<List<ExamplesPage.Cell>> rows,
            HttpServletRequest request,
            HttpServletResponse response)
            throws IOException {
        response.setContentType("text/html; charset=utf-8");
        templates.render(
                "results.ftlh",
                Map.of(
                        "query",
                        named,
                        "values",
                        values,
                        "vars",
                        columns,
                        "rows",
                        rows,
                        "links",
                        ExamplesPage.formatLinks(named, values),
                        "root",
                        request.getContextPath() + "/"),
                response.getWriter());
    }
}
