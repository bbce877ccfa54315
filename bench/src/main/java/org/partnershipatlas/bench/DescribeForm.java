package org.partnershipatlas.bench;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.Set;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.query.Query;
import org.apache.jena.sparql.core.Var;
import org.apache.jena.sparql.engine.binding.Binding;
import org.apache.jena.sparql.exec.QueryExec;
import org.apache.jena.sparql.exec.RowSet;
import org.apache.jena.sparql.graph.GraphFactory;

/**
 * The form of a DESCRIBE answer, which SPARQL leaves to the service (SPARQL 1.1 Query, section 16.4). The Atlas
 * answers with Jena's default form: each described resource's own triples (those with it as subject) and, through
 * blank-node objects, the blank nodes' triples. Virtuoso 7 also gives the triples that point at the resource (with
 * it as object). Both are legitimate, so to compare the two engines honestly the other engine's graph is cut to the
 * Atlas's form first, and what was cut is counted and reported beside the verdict, not hidden.
 */
final class DescribeForm {
    private DescribeForm() {}

    /**
     * The resources a DESCRIBE names: its IRIs, and the values of its variables over its WHERE pattern as the
     * endpoint answers it (the same pattern as a SELECT DISTINCT).
     */
    static Set<Node> resources(Query describe, SparqlEndpoint endpoint) {
        Set<Node> out = new HashSet<>(describe.getResultURIs());
        if (describe.getQueryPattern() == null || describe.getResultVars().isEmpty()) {
            return out;
        }
        Query select = describe.cloneQuery();
        select.setQuerySelectType();
        select.setQueryResultStar(false);
        select.setDistinct(true);
        describe.getResultVars().forEach(select::addResultVar);
        try (QueryExec qe = endpoint.exec().query(select).build()) {
            RowSet rows = qe.select();
            while (rows.hasNext()) {
                Binding b = rows.next();
                for (String v : describe.getResultVars()) {
                    Node n = b.get(Var.alloc(v));
                    if (n != null) {
                        out.add(n);
                    }
                }
            }
        }
        return out;
    }

    /**
     * The part of a DESCRIBE answer that is the Atlas's form for these resources: the triples whose subject is one
     * of them, and the triples of the blank nodes they reach.
     */
    static Graph ownTriples(Graph graph, Set<Node> resources) {
        Graph out = GraphFactory.createDefaultGraph();
        Deque<Node> todo = new ArrayDeque<>(resources);
        Set<Node> seen = new HashSet<>(resources);
        while (!todo.isEmpty()) {
            Node s = todo.pop();
            graph.find(s, Node.ANY, Node.ANY).forEachRemaining(t -> {
                out.add(t);
                if (t.getObject().isBlank() && seen.add(t.getObject())) {
                    todo.push(t.getObject());
                }
            });
        }
        return out;
    }

    /** How many triples of {@code graph} outside {@code own} point at one of the resources (have it as object). */
    static long incoming(Graph graph, Graph own, Set<Node> resources) {
        return graph.find().toList().stream()
                .filter(t -> !own.contains(t))
                .filter(t -> resources.contains(t.getObject()))
                .count();
    }

    /** How many triples of {@code graph} are neither in {@code own} nor point at a resource: none is expected. */
    static long other(Graph graph, Graph own, Set<Node> resources) {
        return graph.find().toList().stream()
                .filter(t -> !own.contains(t))
                .filter(t -> !resources.contains(t.getObject()))
                .count();
    }
}
