package org.partnershipatlas.bench;

import java.io.PrintStream;
import java.util.List;
import java.util.Map;
import org.partnershipatlas.gatekeeper.Proposal;
import org.partnershipatlas.ontology.AtlasIris;
import org.partnershipatlas.queries.NamedQuery;
import org.partnershipatlas.queries.QueryBinder;

/**
 * What the sections of the national benchmark share, fixed once the store is open and the values are chosen: the
 * settings, the store (the one part that is opened again, by its {@link StoreSession}), the queries and the values
 * they are run with, and where the tables and the progress go.
 *
 * @param settings the options
 * @param session the store, its gatekeeper and server
 * @param iris the Atlas's IRIs
 * @param binder binds the library's queries
 * @param queries the library's queries to run (all, or those of {@code --only})
 * @param params the locality and stand-ins chosen for the store
 * @param values each query's values by its name, adapted to the store
 * @param partnership the partnership the look-ups and documents are about
 * @param manyResources the resources whose documents the {@code resource-*-many} loops ask for
 * @param proposalJson the gatekeeper proposal, in JSON
 * @param proposal that proposal, read
 * @param proposalsJson proposals spread over the store's localities, in JSON, that the gatekeeper's timed runs check in
 *     turn
 * @param proposals those proposals, read
 * @param out where the Markdown tables go
 * @param progress where progress goes
 */
record NationalContext(
        NationalSettings settings,
        StoreSession session,
        AtlasIris iris,
        QueryBinder binder,
        List<NamedQuery> queries,
        NationalParams params,
        Map<String, Map<String, String>> values,
        String partnership,
        List<String> manyResources,
        String proposalJson,
        Proposal proposal,
        List<String> proposalsJson,
        List<Proposal> proposals,
        PrintStream out,
        PrintStream progress) {
    NationalContext {
        queries = List.copyOf(queries);
        values = Map.copyOf(values);
        manyResources = List.copyOf(manyResources);
        proposalsJson = List.copyOf(proposalsJson);
        proposals = List.copyOf(proposals);
    }

    /** The values a query is run with. */
    Map<String, String> values(NamedQuery query) {
        return values.get(query.name());
    }
}
