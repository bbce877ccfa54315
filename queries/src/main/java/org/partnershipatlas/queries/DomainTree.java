package org.partnershipatlas.queries;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.graph.Triple;
import org.apache.jena.sparql.engine.binding.Binding;
import org.apache.jena.vocabulary.SKOS;

/**
 * The problem-domain hierarchy ({@code skos:broader}): a concept's ancestors-or-self as the library's queries see
 * them ({@code skos:broader*}, the zero-length step included, whatever the node), remembered so that each concept is
 * walked once; and, for the gatekeeper, whether one domain is broader than another or a sibling, with the domains'
 * labels.
 *
 * <pre>
 *   DomainTree tree = DomainTree.over(unionGraph);                                  // the precomputed graphs
 *   DomainTree tree = DomainTree.of(runner.select("problem-domain-tree", Map.of()).bindings());   // the gatekeeper
 * </pre>
 *
 * Safe to share between threads.
 */
public final class DomainTree {
    private final Function<Node, List<Node>> broaderOf;
    private final Map<String, String> labels;
    private final Map<Node, Set<Node>> ancestorsOrSelf = new ConcurrentHashMap<>();

    private DomainTree(Function<Node, List<Node>> broaderOf, Map<String, String> labels) {
        this.broaderOf = broaderOf;
        this.labels = Map.copyOf(labels);
    }

    /** The hierarchy of a graph, read as it is asked for (the graph must stay readable while the tree is used). */
    public static DomainTree over(Graph graph) {
        return new DomainTree(
                concept -> {
                    List<Node> up = new ArrayList<>();
                    for (Iterator<Triple> it = graph.find(concept, SKOS.broader.asNode(), Node.ANY); it.hasNext(); ) {
                        up.add(it.next().getObject());
                    }
                    return up;
                },
                Map.of());
    }

    /** The hierarchy from the rows of {@code problem-domain-tree} ({@code ?domain ?label ?broader}), held in memory. */
    public static DomainTree of(List<Binding> rows) {
        Map<Node, List<Node>> broader = new HashMap<>();
        Map<String, String> labels = new HashMap<>();
        for (Binding b : rows) {
            Node domain = b.get("domain");
            labels.put(domain.getURI(), b.get("label").getLiteralLexicalForm());
            if (b.contains("broader")) {
                broader.computeIfAbsent(domain, d -> new ArrayList<>()).add(b.get("broader"));
            }
        }
        return new DomainTree(concept -> broader.getOrDefault(concept, List.of()), labels);
    }

    /** The node and every node reachable from it by one or more {@code skos:broader} steps. */
    public Set<Node> ancestorsOrSelf(Node concept) {
        Set<Node> known = ancestorsOrSelf.get(concept);
        if (known != null) {
            return known;
        }
        Set<Node> found = new LinkedHashSet<>();
        walk(concept, found);
        Set<Node> kept = java.util.Collections.unmodifiableSet(found);
        ancestorsOrSelf.put(concept, kept);
        return kept;
    }

    /** True if {@code higher} is {@code lower} or one of its ancestors. */
    public boolean isAncestorOrSelf(Node higher, Node lower) {
        return ancestorsOrSelf(lower).contains(higher);
    }

    /** True if {@code a} is a (transitively) broader domain of {@code b}. */
    public boolean isBroader(String a, String b) {
        return !a.equals(b) && isAncestorOrSelf(NodeFactory.createURI(a), NodeFactory.createURI(b));
    }

    /** The directly broader domain (the first, if the data gives more than one), or null for a top domain. */
    public String broader(String domain) {
        List<Node> up = broaderOf.apply(NodeFactory.createURI(domain));
        return up.isEmpty() ? null : up.get(0).getURI();
    }

    /** True if the two are different domains under the same directly broader domain. */
    public boolean siblings(String a, String b) {
        String up = broader(a);
        return up != null && !a.equals(b) && up.equals(broader(b));
    }

    /** The domains' labels by IRI (from {@link #of(List)}; empty for {@link #over(Graph)}). */
    public Map<String, String> labels() {
        return labels;
    }

    private void walk(Node concept, Set<Node> found) {
        if (!found.add(concept)) {
            return; // a cycle in skos:broader: property paths stop there too
        }
        for (Node up : broaderOf.apply(concept)) {
            walk(up, found);
        }
    }
}
