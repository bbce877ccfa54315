package org.partnershipatlas.queries.precomputed;

import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.Triple;
import org.apache.jena.vocabulary.SKOS;

/**
 * {@code skos:broader*} over a graph, remembered: a concept's ancestors-or-self as the library's queries see them
 * (the zero-length step included, whatever the node), so that each concept scheme is walked once per rebuild.
 */
final class DomainTree {
    private final Graph graph;
    private final Map<Node, Set<Node>> ancestorsOrSelf = new HashMap<>();

    DomainTree(Graph graph) {
        this.graph = graph;
    }

    /** The node and every node reachable from it by one or more {@code skos:broader} steps. */
    Set<Node> ancestorsOrSelf(Node concept) {
        Set<Node> known = ancestorsOrSelf.get(concept);
        if (known != null) {
            return known;
        }
        Set<Node> found = new LinkedHashSet<>();
        walk(concept, found);
        ancestorsOrSelf.put(concept, found);
        return found;
    }

    /** True if {@code higher} is {@code lower} or one of its ancestors. */
    boolean isAncestorOrSelf(Node higher, Node lower) {
        return ancestorsOrSelf(lower).contains(higher);
    }

    private void walk(Node concept, Set<Node> found) {
        if (!found.add(concept)) {
            return; // a cycle in skos:broader: property paths stop there too
        }
        for (Iterator<Triple> it = graph.find(concept, SKOS.broader.asNode(), Node.ANY); it.hasNext(); ) {
            walk(it.next().getObject(), found);
        }
    }
}
