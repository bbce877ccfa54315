package org.partnershipatlas.endpoint.home;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.jena.query.DatasetFactory;
import org.apache.jena.query.QueryExecution;
import org.apache.jena.query.QueryExecutionFactory;
import org.apache.jena.query.QuerySolution;
import org.apache.jena.query.ResultSet;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.system.Txn;
import org.partnershipatlas.endpoint.Routes;
import org.partnershipatlas.endpoint.api.QueryLinks;
import org.partnershipatlas.endpoint.http.HttpErrorException;
import org.partnershipatlas.endpoint.web.Templates;
import org.partnershipatlas.queries.NamedQuery;
import org.partnershipatlas.queries.QueryCatalogue;

/**
 * The home page at {@code /}: says what the service is, gives the SPARQL endpoint, counts what the store holds,
 * and lists the query library's examples with links that run them. Any other path not served elsewhere is 404.
 */
public final class HomeServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;

    private final transient DatasetGraph dsg;
    private final transient QueryCatalogue catalogue;
    private final transient Templates templates;

    public HomeServlet(DatasetGraph dsg, QueryCatalogue catalogue, Templates templates) {
        this.dsg = dsg;
        this.catalogue = catalogue;
        this.templates = templates;
    }

    /** A row of the "what is here" table. */
    public record Count(String label, long count) {}

    /** An example query with its links. */
    public record Example(String name, String summary, String description, String runUrl, String pageUrl) {}

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        if (!path.isEmpty() && !path.equals("/")) {
            throw HttpErrorException.notFound("No page at " + path);
        }
        String base = Routes.serverUrl(request);
        response.setContentType("text/html; charset=utf-8");
        response.setHeader(
                "Link",
                "<" + base + Routes.SPARQL + ">; rel=\"http://www.w3.org/ns/sparql-service-description#endpoint\"");
        templates.render(
                "home.ftlh",
                Map.of(
                        "sparqlUrl",
                        base + Routes.SPARQL,
                        "dataUrl",
                        base + Routes.DATA,
                        "counts",
                        counts(),
                        "examples",
                        examples(),
                        "root",
                        request.getContextPath() + "/"),
                response.getWriter());
    }

    private List<Count> counts() {
        NamedQuery q = catalogue.get("resource-counts").orElseThrow();
        return Txn.calculateRead(dsg, () -> {
            List<Count> counts = new ArrayList<>();
            try (QueryExecution qe = QueryExecutionFactory.create(q.query(), DatasetFactory.wrap(dsg))) {
                ResultSet rs = qe.execSelect();
                while (rs.hasNext()) {
                    QuerySolution row = rs.next();
                    counts.add(new Count(
                            row.getLiteral("label").getString(),
                            row.getLiteral("count").getLong()));
                }
            }
            return counts;
        });
    }

    private List<Example> examples() {
        return catalogue.list().stream()
                .map(q -> new Example(
                        q.name(),
                        q.summary(),
                        q.description(),
                        Routes.API_QUERIES.substring(1) + "/" + q.name() + QueryLinks.queryString(q.examples()),
                        Routes.API_QUERIES.substring(1) + "#" + q.name()))
                .toList();
    }
}
