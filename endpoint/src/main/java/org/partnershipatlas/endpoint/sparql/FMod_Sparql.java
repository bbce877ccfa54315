package org.partnershipatlas.endpoint.sparql;

import java.util.Set;
import org.apache.jena.fuseki.main.FusekiServer;
import org.apache.jena.fuseki.main.sys.FusekiModule;
import org.apache.jena.fuseki.server.DataService;
import org.apache.jena.fuseki.server.Operation;
import org.apache.jena.query.ARQ;
import org.apache.jena.rdf.model.Model;
import org.apache.jena.riot.WebContent;
import org.apache.jena.sparql.core.DatasetGraph;
import org.partnershipatlas.endpoint.AtlasContext;
import org.partnershipatlas.endpoint.Routes;

/**
 * The SPARQL endpoint: the store read-only as dataset {@code /atlas}, with query (GET and POST) at
 * {@code /atlas/sparql}, {@code /atlas/query} and on the dataset itself, and the Graph Store Protocol read-only at
 * {@code /atlas/data} and {@code /atlas/get}; the public query policy (row cap, SERVICE allow-list, timeout) and the
 * result-format names of common clients; and {@code /sparql/explain}, how a query would run and why it is slow.
 */
public final class FMod_Sparql implements FusekiModule {
    private final AtlasContext atlas;

    public FMod_Sparql(AtlasContext atlas) {
        this.atlas = atlas;
    }

    @Override
    public String name() {
        return "Atlas SPARQL endpoint";
    }

    @Override
    public void prepare(FusekiServer.Builder builder, Set<String> datasetNames, Model configModel) {
        DatasetGraph dsg = atlas.dsg();
        PublicQueryPolicy policy = atlas.settings().queryPolicy();
        // Fuseki applies the timeout it finds in the dataset's context to every query on it.
        dsg.getContext()
                .set(
                        ARQ.queryTimeout,
                        Long.toString(atlas.settings().queryTimeout().toMillis()));
        ServiceAllowList.install(dsg.getContext(), policy);
        DataService readOnly = DataService.newBuilder(dsg)
                .addEndpoint(Operation.Query)
                .addEndpoint(Operation.Query, "sparql")
                .addEndpoint(Operation.Query, "query")
                .addEndpoint(Operation.GSP_R)
                .addEndpoint(Operation.GSP_R, "data")
                .addEndpoint(Operation.GSP_R, "get")
                .build();
        builder.registerOperation(Operation.Query, WebContent.contentTypeSPARQLQuery, new GuardedQuery(policy))
                .registerOperation(Operation.GSP_R, new UnionDefaultGraphGSP())
                .add(Routes.DATASET, readOnly)
                .addFilter(Routes.DATASET + "/*", new ClientFormatFilter());
        if (atlas.settings().explain() && atlas.store().location() != null) {
            builder.addServlet(Routes.EXPLAIN, new ExplainServlet(atlas.store()));
        }
    }
}
