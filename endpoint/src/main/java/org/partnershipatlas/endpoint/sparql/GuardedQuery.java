package org.partnershipatlas.endpoint.sparql;

import java.util.List;
import org.apache.jena.atlas.lib.Pair;
import org.apache.jena.atlas.web.HttpException;
import org.apache.jena.fuseki.servlets.HttpAction;
import org.apache.jena.fuseki.servlets.SPARQL_QueryDataset;
import org.apache.jena.fuseki.servlets.ServletOps;
import org.apache.jena.query.Query;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.core.Var;
import org.apache.jena.sparql.engine.binding.Binding;
import org.apache.jena.sparql.engine.http.QueryExceptionHTTP;
import org.apache.jena.sparql.exec.QueryExec;
import org.apache.jena.sparql.exec.QueryExecResult;
import org.apache.jena.sparql.exec.RowSet;
import org.partnershipatlas.endpoint.http.HttpErrors;

/**
 * Fuseki's SPARQL query operation under the {@link PublicQueryPolicy}: a query asking for more rows than the cap,
 * or calling a SERVICE that is not allowed, is refused with 400 or 403 before it runs (403 too for a SERVICE whose
 * endpoint, chosen by the data, is refused as it runs; 502 when a remote endpoint fails); a query without LIMIT gets
 * the cap as its LIMIT and the response says so in {@value #ROW_CAP_HEADER}. A query that fails after its results
 * began to stream (its timeout, most often) has its connection cut, so the client cannot take the part it got for
 * the whole answer: Fuseki itself would end the body cleanly.
 */
public final class GuardedQuery extends SPARQL_QueryDataset {
    /** Present when the endpoint applied its row cap to a query that had no LIMIT. */
    public static final String ROW_CAP_HEADER = "X-Atlas-Row-Cap";

    private final PublicQueryPolicy policy;

    public GuardedQuery(PublicQueryPolicy policy) {
        this.policy = policy;
    }

    @Override
    protected void validateQuery(HttpAction action, Query query) {
        super.validateQuery(action, query);
        policy.refusal(query).ifPresent(refusal -> ServletOps.error(refusal.status(), refusal.reason()));
    }

    @Override
    protected Pair<DatasetGraph, Query> decideDataset(HttpAction action, Query query, String queryStringLog) {
        Pair<DatasetGraph, Query> decided = super.decideDataset(action, query, queryStringLog);
        if (policy.capRows(decided.getRight())) {
            action.getResponse().setHeader(ROW_CAP_HEADER, Long.toString(policy.maxRows()));
        }
        return decided;
    }

    @Override
    protected QueryExecResult executeQuery(HttpAction action, QueryExec exec, Query query, String queryStringLog) {
        QueryExecResult result;
        try {
            // SELECT's first row, and the whole of ASK, CONSTRUCT and DESCRIBE, are computed here, before the
            // response begins, so a refusal or a failed remote endpoint can still be given its own status.
            result = super.executeQuery(action, exec, query, queryStringLog);
        } catch (RuntimeException e) {
            for (Throwable cause = e; cause != null; cause = cause.getCause()) {
                if (cause instanceof ServiceAllowList.ServiceRefusedException refused) {
                    ServletOps.errorForbidden(refused.getMessage());
                }
                if (cause instanceof QueryExceptionHTTP || cause instanceof HttpException) {
                    ServletOps.error(502, "A remote SERVICE endpoint failed: " + cause.getMessage());
                }
            }
            throw e;
        }
        return result.isRowSet() ? new QueryExecResult(new CutOnFailure(result.rowSet(), action)) : result;
    }

    /**
     * Rows that, when the query fails after the response has begun, cut the connection before the failure goes on
     * to Fuseki, which would otherwise end the body cleanly after a note that the results are incomplete.
     */
    private record CutOnFailure(RowSet rows, HttpAction action) implements RowSet {
        @Override
        public boolean hasNext() {
            try {
                return rows.hasNext();
            } catch (RuntimeException | Error e) {
                cut(e);
                throw e;
            }
        }

        @Override
        public Binding next() {
            try {
                return rows.next();
            } catch (RuntimeException | Error e) {
                cut(e);
                throw e;
            }
        }

        private void cut(Throwable failure) {
            if (action.getResponse().isCommitted()) {
                HttpErrors.abort(action.getRequest(), failure);
            }
        }

        @Override
        public List<Var> getResultVars() {
            return rows.getResultVars();
        }

        @Override
        public long getRowNumber() {
            return rows.getRowNumber();
        }

        @Override
        public void close() {
            rows.close();
        }
    }
}
