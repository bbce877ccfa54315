package org.partnershipatlas.endpoint.sparql;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.Semaphore;
import org.apache.jena.atlas.json.JSON;
import org.apache.jena.atlas.json.JsonObject;
import org.apache.jena.query.Query;
import org.apache.jena.query.QueryFactory;
import org.apache.jena.query.QueryParseException;
import org.apache.jena.query.Syntax;
import org.partnershipatlas.endpoint.http.HttpErrorException;
import org.partnershipatlas.loaders.explain.QueryExplainer;
import org.partnershipatlas.loaders.store.AtlasStore;

/**
 * {@code /sparql/explain?query=...} (GET, or a POSTed form): how the store would run a query, without running it —
 * the optimized algebra, each pattern's steps with estimated and actual rows, and why it is slow in words, which the
 * SPARQL page shows when a query hits the timeout. JSON ({@code words}, {@code plan}) when asked for, else plain
 * text. Its own cost is bounded: counting stops after {@link #ROW_CAP} rows a step and {@link #BUDGET} in all, and
 * one explanation runs at a time (others are told to retry: 503).
 */
public final class ExplainServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;
    /** Rows counted per step before counting stops. */
    static final long ROW_CAP = 1_000_000;
    /** Time spent counting rows, in all. */
    static final Duration BUDGET = Duration.ofSeconds(5);

    private final transient AtlasStore store;
    private final transient Semaphore oneAtATime = new Semaphore(1);

    public ExplainServlet(AtlasStore store) {
        this.store = store;
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        explain(request, response);
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        explain(request, response);
    }

    private void explain(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String text = request.getParameter("query");
        if (text == null || text.isBlank()) {
            throw HttpErrorException.badRequest("no query: give one as ?query=", "query");
        }
        Query query;
        try {
            query = QueryFactory.create(text, Syntax.syntaxSPARQL_11);
        } catch (QueryParseException e) {
            throw HttpErrorException.badRequest("the query does not parse: " + e.getMessage(), "query");
        }
        if (!oneAtATime.tryAcquire()) {
            response.setHeader("Retry-After", Long.toString(BUDGET.toSeconds()));
            throw new HttpErrorException(
                    HttpServletResponse.SC_SERVICE_UNAVAILABLE,
                    "another query is being explained; try again shortly",
                    null);
        }
        QueryExplainer.Explanation explanation;
        try {
            explanation = new QueryExplainer(ROW_CAP, BUDGET).explain(store.datasetGraph(), query);
        } finally {
            oneAtATime.release();
        }
        response.setHeader("Cache-Control", "no-store");
        String accept = request.getHeader("Accept");
        if (accept != null && accept.contains("json")) {
            JsonObject body = new JsonObject();
            body.put("words", explanation.inWords());
            body.put("plan", explanation.asText());
            response.setContentType("application/json; charset=utf-8");
            response.getWriter().write(JSON.toString(body));
        } else {
            response.setContentType("text/plain; charset=utf-8");
            response.getWriter().write(explanation.asText());
        }
    }
}
