package org.partnershipatlas.ontology;

import java.time.Instant;
import org.apache.jena.datatypes.xsd.XSDDatatype;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.vocabulary.DCTerms;
import org.apache.jena.vocabulary.RDF;
import org.apache.jena.vocabulary.RDFS;
import org.apache.jena.vocabulary.VOID;
import org.partnershipatlas.ontology.Vocab.PROV;

/**
 * The description, in the provenance graph, of a graph that every load computes from the data (a linkset, a
 * precomputed graph): its VoID type, title and size, and the PROV activity that made it, named by a digest of the
 * graph ({@link GraphDigest}) so that an unchanged graph keeps its description.
 */
public final class DerivedGraphs {
    private DerivedGraphs() {}

    /**
     * Replaces the provenance graph's triples about {@code graph} with its description; call in a write
     * transaction.
     */
    public static void describe(
            DatasetGraph dsg, AtlasIris iris, Node graph, Node voidType, String title, long triples, String activity) {
        // Named by what it computed: recomputing the same graph leaves its description, and the releases, as they
        // were.
        Node run = NodeFactory.createURI(iris.id("load", GraphDigest.of(dsg, graph)));
        if (dsg.contains(iris.provenanceGraph(), graph, PROV.wasGeneratedBy.asNode(), run)) {
            return;
        }
        describe(dsg, iris, graph, voidType, title, triples, run, Instant.now(), activity);
    }

    /**
     * As {@link #describe(DatasetGraph, AtlasIris, Node, Node, String, long, String)}, for a writer that names its
     * own activity {@code run} and time {@code at} (the link checker, whose clock tests set); the caller may add
     * more about {@code run}.
     */
    public static void describe(
            DatasetGraph dsg,
            AtlasIris iris,
            Node graph,
            Node voidType,
            String title,
            long triples,
            Node run,
            Instant at,
            String activity) {
        Node prov = iris.provenanceGraph();
        dsg.deleteAny(prov, graph, Node.ANY, Node.ANY);
        Node now = NodeFactory.createLiteralDT(at.toString(), XSDDatatype.XSDdateTime);
        dsg.add(prov, graph, RDF.type.asNode(), voidType);
        dsg.add(prov, graph, RDF.type.asNode(), PROV.Entity.asNode());
        dsg.add(prov, graph, DCTerms.title.asNode(), NodeFactory.createLiteralLang(title, "en"));
        dsg.add(
                prov,
                graph,
                VOID.triples.asNode(),
                NodeFactory.createLiteralDT(Long.toString(triples), XSDDatatype.XSDinteger));
        dsg.add(prov, graph, PROV.wasGeneratedBy.asNode(), run);
        dsg.add(prov, graph, PROV.generatedAtTime.asNode(), now);
        if (!dsg.contains(prov, run, RDF.type.asNode(), PROV.Activity.asNode())) {
            dsg.add(prov, run, RDF.type.asNode(), PROV.Activity.asNode());
            dsg.add(prov, run, RDFS.label.asNode(), NodeFactory.createLiteralLang(activity, "en"));
            dsg.add(prov, run, PROV.endedAtTime.asNode(), now);
        }
    }
}
