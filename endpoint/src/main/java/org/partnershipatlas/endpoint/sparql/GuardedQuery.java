package org.partnershipatlas.endpoint.sparql;

import org.apache.jena.atlas.lib.Pair;
import org.apache.jena.fuseki.servlets.HttpAction;
import org.apache.jena.fuseki.servlets.SPARQL_QueryDataset;
import org.apache.jena.fuseki.servlets.ServletOps;
import org.apache.jena.query.Query;
import org.apache.jena.sparql.core.DatasetGraph;

/**
 * Fuseki's SPARQL query operation under the {@link PublicQueryPolicy}: a query asking for more rows than the cap,
 * or calling a SERVICE that is not allowed, is refused with 400 or 403 before it runs; a query without LIMIT gets
 * the cap as its LIMIT and the response says so in {@value #ROW_CAP_HEADER}.
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
        policy.refusal(query).ifPresent(reason -> {
            if (reason.startsWith("LIMIT")) {
                ServletOps.errorBadRequest(reason);
            } else {
                ServletOps.errorForbidden(reason);
            }
        });
    }

    @Override
    protected Pair<DatasetGraph, Query> decideDataset(HttpAction action, Query query, String queryStringLog) {
        Pair<DatasetGraph, Query> decided = super.decideDataset(action, query, queryStringLog);
        if (policy.capRows(decided.getRight())) {
            action.getResponse().setHeader(ROW_CAP_HEADER, Long.toString(policy.maxRows()));
        }
        return decided;
    }
}
