package org.partnershipatlas.endpoint.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.graph.Triple;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.system.Txn;
import org.apache.jena.tdb2.DatabaseMgr;
import org.apache.jena.tdb2.TDB2;
import org.apache.jena.vocabulary.RDF;
import org.apache.jena.vocabulary.VOID;
import org.junit.jupiter.api.Test;
import org.partnershipatlas.ontology.AtlasIris;
import org.partnershipatlas.queries.QueryCatalogue;

/** The statistics of the dataset description are counted once per commit and kept while the data is unchanged. */
class DatasetDescriptionTest {
    static Node uri(String s) {
        return NodeFactory.createURI("https://example.org/" + s);
    }

    static long triples(Graph g, Node ds) {
        return Long.parseLong(
                g.find(ds, VOID.triples.asNode(), Node.ANY).next().getObject().getLiteralLexicalForm());
    }

    static Set<Node> partitions(Graph g, Node ds) {
        return g.find(ds, VOID.classPartition.asNode(), Node.ANY).mapWith(Triple::getObject).toSet().stream()
                .collect(Collectors.toSet());
    }

    @Test
    void statisticsAreKeptUntilACommitChangesTheData() {
        DatasetGraph dsg = DatabaseMgr.createDatasetGraph();
        dsg.getContext().set(TDB2.symUnionDefaultGraph, true);
        Txn.executeWrite(dsg, () -> {
            dsg.add(uri("g"), uri("a"), RDF.type.asNode(), uri("C"));
            dsg.add(uri("g"), uri("b"), RDF.type.asNode(), uri("D"));
        });
        DatasetDescription description = new DatasetDescription(dsg, QueryCatalogue.load(), AtlasIris.DEFAULT);
        Node ds = description.dataset();

        Graph first = description.build("http://localhost/", Optional.empty());
        Graph second = description.build("http://example.net/", Optional.empty());
        assertThat(triples(first, ds)).isEqualTo(2);
        assertThat(partitions(first, ds)).hasSize(2);
        // The same blank nodes: the partitions were not counted again.
        assertThat(partitions(second, ds)).isEqualTo(partitions(first, ds));

        Txn.executeWrite(dsg, () -> dsg.add(uri("g"), uri("c"), RDF.type.asNode(), uri("E")));
        Graph third = description.build("http://localhost/", Optional.empty());
        assertThat(triples(third, ds)).isEqualTo(3);
        assertThat(partitions(third, ds)).hasSize(3).doesNotContainAnyElementsOf(partitions(first, ds));
    }
}
