package org.partnershipatlas.endpoint.ld;

import java.util.Map;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.partnershipatlas.queries.QueryRunner;

/** What the store says about one resource, for its document: whether it has it, and its description. */
final class ResourceDescriptions {
    private final QueryRunner queries;

    ResourceDescriptions(QueryRunner queries) {
        this.queries = queries;
    }

    /** The description of a resource ({@code describe-resource}); empty if the store has no triple about it. */
    Graph describe(String iri) {
        return queries.construct("describe-resource", Map.of("resource", iri));
    }

    /** True if the store has a triple with this subject. */
    boolean exists(Node subject) {
        return queries.read(() -> queries.datasetGraph().getUnionGraph().contains(subject, Node.ANY, Node.ANY));
    }
}
