package org.partnershipatlas.endpoint.sparql;

import org.apache.jena.fuseki.servlets.GSP_R;
import org.apache.jena.fuseki.servlets.HttpAction;
import org.apache.jena.graph.Graph;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.core.DatasetGraphWrapper;

/**
 * The read-only Graph Store Protocol, with the same default graph as SPARQL queries: the union of the named
 * graphs. (TDB2's union-default-graph setting applies to queries only; Fuseki's GSP would otherwise serve the
 * store's real default graph, which the Atlas leaves empty.)
 */
public final class UnionDefaultGraphGSP extends GSP_R {
    @Override
    protected DatasetGraph decideDataset(HttpAction action) {
        DatasetGraph dsg = super.decideDataset(action);
        return new DatasetGraphWrapper(dsg) {
            @Override
            public Graph getDefaultGraph() {
                return dsg.getUnionGraph();
            }
        };
    }
}
