package org.partnershipatlas.endpoint.api;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.jena.atlas.json.JSON;
import org.apache.jena.query.Query;
import org.apache.jena.query.QueryCancelledException;
import org.apache.jena.sparql.core.DatasetGraph;
import org.partnershipatlas.endpoint.Routes;
import org.partnershipatlas.endpoint.http.ConNeg;
import org.partnershipatlas.endpoint.http.HttpErrorException;
import org.partnershipatlas.endpoint.web.Templates;
import org.partnershipatlas.ontology.AtlasIris;
import org.partnershipatlas.queries.BadParameterException;
import org.partnershipatlas.queries.NamedQuery;
import org.partnershipatlas.queries.QueryBinder;
import org.partnershipatlas.queries.QueryCatalogue;
import org.partnershipatlas.queries.QueryRunner;

/**
 * Serves {@code /api/*}: the query library ({@link LibraryView}), one named query's results in the format the client
 * accepts (a {@link TableView} for rows, a {@link GraphView} for a graph), and the OpenAPI description.
 */
public final class QueryApiServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;

    static final String HTML = "text/html";
    /** {@code format=} shortcuts, for links and for clients that cannot set headers. */
    static final Map<String, String> FORMATS = Map.of(
            "json", "application/sparql-results+json",
            "xml", "application/sparql-results+xml",
            "csv", "text/csv",
            "tsv", "text/tab-separated-values",
            "html", HTML,
            "ttl", "text/turtle",
            "jsonld", "application/ld+json",
            "nt", "application/n-triples");

    private final transient DatasetGraph dsg;
    private final transient QueryCatalogue catalogue;
    private final transient QueryBinder binder;
    private final transient LibraryView library;
    private final transient TableView table;
    private final transient GraphView graph;
    private final transient QueryRunner queries;
    private final Duration timeout;

    public QueryApiServlet(
            DatasetGraph dsg, QueryCatalogue catalogue, AtlasIris iris, Templates templates, Duration timeout) {
        this.dsg = dsg;
        this.catalogue = catalogue;
        this.binder = new QueryBinder(iris);
        this.library = new LibraryView(catalogue, binder, dsg, iris, templates);
        ResultsPage page = new ResultsPage(templates, iris);
        this.table = new TableView(page);
        this.graph = new GraphView(page);
        this.queries = new QueryRunner(dsg, catalogue, iris).withTimeout(timeout);
        this.timeout = timeout;
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String path = request.getPathInfo() == null ? "" : request.getPathInfo();
        try {
            if (path.equals("/openapi.json")) {
                response.setContentType("application/json; charset=utf-8");
                response.getWriter().println(JSON.toString(OpenApi.describe(catalogue, Routes.serverUrl(request))));
            } else if (path.equals("/queries") || path.equals("/queries/")) {
                library.write(request, response);
            } else if (path.startsWith("/queries/")) {
                run(catalogue.require(path.substring("/queries/".length())), request, response);
            } else {
                throw HttpErrorException.notFound("No API resource at " + request.getRequestURI());
            }
        } catch (QueryCancelledException e) {
            throw new HttpErrorException(
                    503, "The query ran past the time limit of " + timeout.toSeconds() + " s", null);
        }
    }

    private void run(NamedQuery named, HttpServletRequest request, HttpServletResponse response) throws IOException {
        Map<String, String> values = new LinkedHashMap<>();
        String format = null;
        for (Map.Entry<String, String[]> e : request.getParameterMap().entrySet()) {
            if (e.getValue().length != 1) {
                throw new BadParameterException(e.getKey(), "given " + e.getValue().length + " times; give it once");
            }
            if (e.getKey().equals("format")) {
                format = e.getValue()[0];
            } else {
                values.put(e.getKey(), e.getValue()[0]);
            }
        }
        List<String> offered = named.returnsGraph() ? GraphView.TYPES : TableView.TYPES;
        String type;
        if (format != null) {
            type = FORMATS.get(format);
            if (type == null || !offered.contains(type)) {
                throw new BadParameterException("format", "'" + format + "' is not offered for this query");
            }
        } else {
            type = ConNeg.choose(request.getHeader("Accept"), offered);
        }
        if (type == null) {
            throw HttpErrorException.notAcceptable(offered);
        }
        Query query = binder.bind(named, values);
        String chosen = type;
        response.setHeader("Vary", "Accept");
        if (named.returnsGraph()) {
            graph.write(named, values, queries.construct(query), chosen, request, response);
        } else {
            // Rows are written as they come: a timeout after the first ones cuts the connection (StreamFailureIT).
            queries.stream(query, rows -> {
                table.write(named, values, rows, chosen, request, response);
                return null;
            });
        }
    }
}
