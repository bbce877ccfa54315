package org.partnershipatlas.endpoint.catalog;

import java.util.Iterator;
import java.util.List;
import org.apache.jena.datatypes.xsd.XSDDatatype;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.graph.Triple;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.graph.GraphFactory;
import org.apache.jena.system.Txn;
import org.apache.jena.vocabulary.RDF;
import org.apache.jena.vocabulary.VOID;
import org.partnershipatlas.ontology.AtlasOntology;
import org.partnershipatlas.ontology.Vocab;

/** The SPARQL 1.1 Service Description of the endpoint, returned for a GET on it with no query. */
final class ServiceDescription {
    static final String SD = Vocab.SD.NS;
    static final String FORMATS = "http://www.w3.org/ns/formats/";

    private ServiceDescription() {}

    static Graph build(DatasetGraph dsg, String endpointUrl, Node dataset) {
        Graph g = GraphFactory.createDefaultGraph();
        g.getPrefixMapping().setNsPrefixes(AtlasOntology.prefixes()).setNsPrefix("sd", SD);
        Node service = NodeFactory.createURI(endpointUrl);
        add(g, service, RDF.type.asNode(), sd("Service"));
        add(g, service, sd("endpoint"), service);
        add(g, service, sd("supportedLanguage"), sd("SPARQL11Query"));
        add(g, service, sd("feature"), sd("UnionDefaultGraph"));
        add(g, service, sd("feature"), sd("BasicFederatedQuery"));
        for (String format : List.of(
                "SPARQL_Results_JSON",
                "SPARQL_Results_XML",
                "SPARQL_Results_CSV",
                "SPARQL_Results_TSV",
                "Turtle",
                "JSON-LD",
                "N-Triples",
                "RDF_XML")) {
            add(g, service, sd("resultFormat"), NodeFactory.createURI(FORMATS + format));
        }
        add(g, service, sd("defaultDataset"), dataset);
        add(g, dataset, RDF.type.asNode(), sd("Dataset"));
        Node defaultGraph = NodeFactory.createBlankNode();
        add(g, dataset, sd("defaultGraph"), defaultGraph);
        add(g, defaultGraph, RDF.type.asNode(), sd("Graph"));
        Txn.executeRead(dsg, () -> {
            long total = 0;
            for (Iterator<Node> it = dsg.listGraphNodes(); it.hasNext(); ) {
                Node name = it.next();
                long n = dsg.getGraph(name).size();
                total += n;
                Node named = NodeFactory.createBlankNode();
                Node graph = NodeFactory.createBlankNode();
                add(g, dataset, sd("namedGraph"), named);
                add(g, named, RDF.type.asNode(), sd("NamedGraph"));
                add(g, named, sd("name"), name);
                add(g, named, sd("graph"), graph);
                add(g, graph, RDF.type.asNode(), sd("Graph"));
                add(g, graph, VOID.triples.asNode(), integer(n));
            }
            add(g, defaultGraph, VOID.triples.asNode(), integer(total));
        });
        return g;
    }

    private static Node sd(String local) {
        return NodeFactory.createURI(SD + local);
    }

    private static Node integer(long n) {
        return NodeFactory.createLiteralDT(Long.toString(n), XSDDatatype.XSDinteger);
    }

    private static void add(Graph g, Node s, Node p, Node o) {
        g.add(Triple.create(s, p, o));
    }
}
