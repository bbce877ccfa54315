package org.partnershipatlas.queries.precomputed;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.Triple;
import org.apache.jena.vocabulary.DCTerms;
import org.apache.jena.vocabulary.RDF;
import org.apache.jena.vocabulary.SKOS;
import org.partnershipatlas.ontology.PA;
import org.partnershipatlas.ontology.Vocab.ORG;

/**
 * The partnerships of one locality with their problem domains and members, read from the union graph: what the
 * overlaps and the per-locality counts of that locality are computed from. Holds one locality, never the store.
 */
final class LocalityPartnerships {
    /**
     * One partnership: its IRI, the domains it addresses ({@code org:purpose}), its members and localities, and
     * whether it is an umbrella (a Local Strategic Partnership: no umbrella itself, the umbrella of others).
     */
    record Partnership(Node iri, Set<Node> domains, Set<Node> members, Set<Node> localities, boolean umbrella) {}

    /** Nodes in the order of their {@code STR()}, as the plain queries pair and sort them. */
    static final Comparator<Node> BY_IRI = Comparator.comparing(LocalityPartnerships::str);

    private LocalityPartnerships() {}

    /** The localities partnerships work in: the objects of {@code dcterms:spatial} of every pa:Partnership. */
    static Set<Node> localities(Graph union) {
        Set<Node> localities = new TreeSet<>(BY_IRI);
        for (Iterator<Triple> it = union.find(Node.ANY, DCTerms.spatial.asNode(), Node.ANY); it.hasNext(); ) {
            Triple t = it.next();
            if (!localities.contains(t.getObject()) && isPartnership(union, t.getSubject())) {
                localities.add(t.getObject());
            }
        }
        return localities;
    }

    /** The partnerships working in {@code locality}, in the order of their IRIs as strings (as the queries pair them). */
    static List<Partnership> of(Graph union, Node locality) {
        Set<Node> iris = new TreeSet<>(BY_IRI);
        for (Iterator<Triple> it = union.find(Node.ANY, DCTerms.spatial.asNode(), locality); it.hasNext(); ) {
            Node p = it.next().getSubject();
            if (isPartnership(union, p)) {
                iris.add(p);
            }
        }
        List<Partnership> partnerships = new ArrayList<>(iris.size());
        for (Node p : iris) {
            partnerships.add(new Partnership(
                    p,
                    objects(union, p, ORG.purpose.asNode()),
                    members(union, p),
                    objects(union, p, DCTerms.spatial.asNode()),
                    isUmbrella(union, p)));
        }
        return partnerships;
    }

    private static boolean isUmbrella(Graph union, Node p) {
        Node umbrella = PA.umbrellaPartnership.asNode();
        return !union.find(p, umbrella, Node.ANY).hasNext()
                && union.find(Node.ANY, umbrella, p).hasNext();
    }

    static boolean isPartnership(Graph union, Node node) {
        return union.contains(node, RDF.type.asNode(), PA.Partnership.asNode());
    }

    static Set<Node> objects(Graph union, Node s, Node p) {
        Set<Node> objects = new LinkedHashSet<>();
        union.find(s, p, Node.ANY).forEachRemaining(t -> objects.add(t.getObject()));
        return objects;
    }

    /** The organisations with a membership of the partnership ({@code org:organization} / {@code org:member}). */
    private static Set<Node> members(Graph union, Node partnership) {
        Set<Node> members = new LinkedHashSet<>();
        for (Iterator<Triple> it = union.find(Node.ANY, ORG.organization.asNode(), partnership); it.hasNext(); ) {
            members.addAll(objects(union, it.next().getSubject(), ORG.member.asNode()));
        }
        return members;
    }

    /** The distinct lexical forms of a node's {@code skos:prefLabel}s, sorted, remembered in {@code cache}. */
    static List<String> labels(Graph union, Node node, Map<Node, List<String>> cache) {
        return cache.computeIfAbsent(node, n -> {
            Set<String> labels = new TreeSet<>();
            union.find(n, SKOS.prefLabel.asNode(), Node.ANY)
                    .forEachRemaining(t -> labels.add(
                            t.getObject().isLiteral() ? t.getObject().getLiteralLexicalForm() : str(t.getObject())));
            return List.copyOf(labels);
        });
    }

    /** A cache for {@link #labels}, for the nodes of one locality. */
    static Map<Node, List<String>> labelCache() {
        return new HashMap<>();
    }

    /** {@code STR()} of a node as SPARQL gives it. */
    static String str(Node n) {
        if (n.isURI()) {
            return n.getURI();
        }
        if (n.isLiteral()) {
            return n.getLiteralLexicalForm();
        }
        return n.toString();
    }
}
