package org.partnershipatlas.loaders.links;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.graph.Triple;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.core.Quad;
import org.apache.jena.sparql.vocabulary.FOAF;
import org.apache.jena.vocabulary.OWL;
import org.apache.jena.vocabulary.RDF;
import org.apache.jena.vocabulary.VOID;
import org.partnershipatlas.ontology.AtlasIris;
import org.partnershipatlas.ontology.DerivedGraphs;
import org.partnershipatlas.ontology.PA;

/**
 * Linkset graphs: writing one (replacing what it held) with its VoID description in the provenance graph, and the
 * linksets that follow from the data itself, rebuilt by every load:
 *
 * <pre>
 *   linkset-ons-geography   pa:Locality  owl:sameAs  http://statistics.data.gov.uk/id/statistical-geography/{GSS code}
 *   linkset-document-pages  guidance and resources  foaf:page  their page at the publisher
 * </pre>
 *
 * Call inside a write transaction.
 */
public final class Linksets {
    /** Linkset graphs are named {@code {base}graph/linkset-{name}}. */
    public static final String PREFIX = "linkset-";
    /** The ONS linked-data site's statistical geographies, the target of the locality links. */
    public static final String ONS_GEOGRAPHY = "http://statistics.data.gov.uk/id/statistical-geography/";

    private Linksets() {}

    /**
     * What a linkset is: its name (the graph is {@code linkset-{name}}), a title, the link predicate and, if the
     * links all go into one dataset, that dataset.
     */
    public record Description(String name, String title, Node linkPredicate, Node objectsTarget) {
        public Description {
            if (!AtlasIris.isSlug(name)) {
                throw new IllegalArgumentException("a linkset name must be a slug: " + name);
            }
        }
    }

    /** The graph of a linkset. */
    public static Node graph(AtlasIris iris, String name) {
        return iris.graph(PREFIX + name);
    }

    /** True if a graph name is a linkset's. */
    public static boolean isLinkset(AtlasIris iris, Node graph) {
        return graph.isURI() && graph.getURI().startsWith(iris.base() + "graph/" + PREFIX);
    }

    /** Replaces the linkset's graph with {@code links} and records its description; returns the number of links. */
    public static long write(DatasetGraph dsg, AtlasIris iris, Description d, Iterable<Triple> links, String activity) {
        Node graph = graph(iris, d.name());
        dsg.deleteAny(graph, Node.ANY, Node.ANY, Node.ANY);
        long n = 0;
        for (Triple t : links) {
            if (!dsg.contains(graph, t.getSubject(), t.getPredicate(), t.getObject())) {
                dsg.add(graph, t.getSubject(), t.getPredicate(), t.getObject());
                n++;
            }
        }
        describe(dsg, iris, d, graph, n, activity);
        return n;
    }

    /** The VoID and PROV description of a linkset graph, in the provenance graph, replacing any earlier one. */
    private static void describe(DatasetGraph dsg, AtlasIris iris, Description d, Node graph, long n, String activity) {
        DerivedGraphs.describe(dsg, iris, graph, VOID.Linkset.asNode(), d.title(), n, activity);
        Node prov = iris.provenanceGraph();
        dsg.add(prov, graph, VOID.linkPredicate.asNode(), d.linkPredicate());
        if (d.objectsTarget() != null) {
            dsg.add(prov, graph, VOID.objectsTarget.asNode(), d.objectsTarget());
        }
    }

    /** The graphs {@link #derive} rebuilds on every load. */
    public static List<Node> derivedGraphs(AtlasIris iris) {
        return List.of(graph(iris, "ons-geography"), graph(iris, "document-pages"));
    }

    /** Rebuilds the linksets that follow from the data. */
    public static void derive(DatasetGraph dsg, AtlasIris iris) {
        List<Triple> ons = new ArrayList<>();
        Node gss = PA.gssCode.asNode();
        for (Iterator<Quad> it = dsg.find(Node.ANY, Node.ANY, gss, Node.ANY); it.hasNext(); ) {
            Quad q = it.next();
            if (q.getSubject().isURI() && q.getObject().isLiteral() && isA(dsg, q.getSubject(), PA.Locality.asNode())) {
                String code = q.getObject().getLiteralLexicalForm().strip();
                ons.add(Triple.create(
                        q.getSubject(), OWL.sameAs.asNode(), NodeFactory.createURI(ONS_GEOGRAPHY + code)));
            }
        }
        write(
                dsg,
                iris,
                new Description(
                        "ons-geography",
                        "Localities to the ONS statistical geographies of their GSS codes",
                        OWL.sameAs.asNode(),
                        NodeFactory.createURI("http://statistics.data.gov.uk/")),
                ons,
                "Derived from the GSS codes of the localities at load");

        List<Triple> pages = new ArrayList<>();
        for (Iterator<Quad> it = dsg.find(Node.ANY, Node.ANY, FOAF.page.asNode(), Node.ANY); it.hasNext(); ) {
            Quad q = it.next();
            if (isLinkset(iris, q.getGraph()) || !q.getObject().isURI()) {
                continue;
            }
            Node s = q.getSubject();
            if (isA(dsg, s, PA.GuidanceDocument.asNode()) || isA(dsg, s, PA.ExternalResource.asNode())) {
                pages.add(Triple.create(s, FOAF.page.asNode(), q.getObject()));
            }
        }
        write(
                dsg,
                iris,
                new Description(
                        "document-pages",
                        "Guidance documents and external resources to their pages at their publishers",
                        FOAF.page.asNode(),
                        null),
                pages,
                "Derived from the addresses of the documents at load");
    }

    private static boolean isA(DatasetGraph dsg, Node s, Node type) {
        return dsg.find(Node.ANY, s, RDF.type.asNode(), type).hasNext();
    }
}
