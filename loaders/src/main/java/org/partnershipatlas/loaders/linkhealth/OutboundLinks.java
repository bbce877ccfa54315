package org.partnershipatlas.loaders.linkhealth;

import java.net.URI;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.apache.jena.graph.Node;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.core.Quad;
import org.apache.jena.vocabulary.DCTerms;
import org.apache.jena.vocabulary.RDFS;
import org.partnershipatlas.ontology.AtlasIris;

/**
 * The outbound web addresses in the data: the pages of guidance and resources, homepages, sources and see-also
 * links, normalised and de-duplicated. Derived graphs (provenance, link health, linksets) are not read: their
 * objects are identifiers or the checker's own findings, not links people follow.
 */
public final class OutboundLinks {
    /** The predicates whose http(s) objects are web pages people follow from the Atlas. */
    public static final List<Node> PREDICATES = List.of(
            org.apache.jena.sparql.vocabulary.FOAF.page.asNode(),
            org.apache.jena.sparql.vocabulary.FOAF.homepage.asNode(),
            DCTerms.source.asNode(),
            RDFS.seeAlso.asNode());

    private OutboundLinks() {}

    /** Every outbound URL, sorted; call in a read transaction. */
    public static Set<URI> find(DatasetGraph dsg, AtlasIris iris) {
        Set<URI> urls = new TreeSet<>();
        String derived = iris.base() + "graph/";
        for (Node p : PREDICATES) {
            dsg.find(Node.ANY, Node.ANY, p, Node.ANY).forEachRemaining(q -> {
                if (isSourceData(q, derived) && q.getObject().isURI()) {
                    LinkUrls.normalise(q.getObject().getURI()).ifPresent(urls::add);
                }
            });
        }
        return urls;
    }

    private static boolean isSourceData(Quad q, String derived) {
        String g = q.getGraph().isURI() ? q.getGraph().getURI() : "";
        return !(g.equals(derived + "provenance")
                || g.equals(derived + "link-health")
                || g.startsWith(derived + "linkset-"));
    }
}
