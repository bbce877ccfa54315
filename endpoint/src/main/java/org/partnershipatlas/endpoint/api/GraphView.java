package org.partnershipatlas.endpoint.api;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.jena.graph.Graph;
import org.apache.jena.riot.Lang;
import org.apache.jena.riot.RDFDataMgr;
import org.apache.jena.riot.RDFLanguages;
import org.partnershipatlas.ontology.AtlasOntology;
import org.partnershipatlas.queries.NamedQuery;

/** The graph of a CONSTRUCT or DESCRIBE named query: an HTML table of its triples, or Turtle, JSON-LD, N-Triples. */
final class GraphView {
    /** What a graph is offered as, in order of preference when the client accepts anything. */
    static final List<String> TYPES =
            List.of("text/turtle", "application/ld+json", "application/n-triples", QueryApiServlet.HTML);

    private final ResultsPage page;

    GraphView(ResultsPage page) {
        this.page = page;
    }

    void write(
            NamedQuery named,
            Map<String, String> values,
            Graph graph,
            String type,
            HttpServletRequest request,
            HttpServletResponse response)
            throws IOException {
        if (type.equals(QueryApiServlet.HTML)) {
            List<List<ExamplesPage.Cell>> table = new ArrayList<>();
            graph.find()
                    .forEachRemaining(t -> table.add(List.of(
                            page.cell(t.getSubject(), request),
                            page.cell(t.getPredicate(), request),
                            page.cell(t.getObject(), request))));
            page.render(named, values, List.of("subject", "predicate", "object"), table, request, response);
            return;
        }
        Lang lang = RDFLanguages.contentTypeToLang(type);
        response.setContentType(type + (lang.equals(Lang.JSONLD) ? "" : "; charset=utf-8"));
        graph.getPrefixMapping().setNsPrefixes(AtlasOntology.prefixes());
        RDFDataMgr.write(response.getOutputStream(), graph, lang);
    }
}
