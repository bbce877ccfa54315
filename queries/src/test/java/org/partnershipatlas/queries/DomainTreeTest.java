package org.partnershipatlas.queries;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.sparql.core.Var;
import org.apache.jena.sparql.engine.binding.Binding;
import org.apache.jena.sparql.engine.binding.BindingBuilder;
import org.apache.jena.sparql.graph.GraphFactory;
import org.apache.jena.vocabulary.SKOS;
import org.junit.jupiter.api.Test;

/** One hierarchy, from the gatekeeper's query rows or over a graph, answering alike. */
class DomainTreeTest {
    static final String CRIME = "https://example.org/crime";
    static final String VOLUME = "https://example.org/volume-crime";
    static final String DRUGS = "https://example.org/drugs";
    static final String BURGLARY = "https://example.org/burglary";

    static Binding row(String domain, String label, String broader) {
        BindingBuilder b = BindingBuilder.create()
                .add(Var.alloc("domain"), NodeFactory.createURI(domain))
                .add(Var.alloc("label"), NodeFactory.createLiteralString(label));
        if (broader != null) {
            b.add(Var.alloc("broader"), NodeFactory.createURI(broader));
        }
        return b.build();
    }

    static final List<Binding> ROWS = List.of(
            row(CRIME, "Crime", null),
            row(VOLUME, "Volume crime", CRIME),
            row(DRUGS, "Drugs", CRIME),
            row(BURGLARY, "Burglary", VOLUME));

    static Graph graph() {
        Graph g = GraphFactory.createDefaultGraph();
        for (Binding b : ROWS) {
            if (b.contains("broader")) {
                g.add(b.get("domain"), SKOS.broader.asNode(), b.get("broader"));
            }
        }
        return g;
    }

    @Test
    void fromRowsItTellsBroaderSiblingsAndLabels() {
        DomainTree tree = DomainTree.of(ROWS);
        assertThat(tree.isBroader(CRIME, BURGLARY)).isTrue();
        assertThat(tree.isBroader(BURGLARY, CRIME)).isFalse();
        assertThat(tree.isBroader(CRIME, CRIME)).isFalse();
        assertThat(tree.siblings(VOLUME, DRUGS)).isTrue();
        assertThat(tree.siblings(VOLUME, VOLUME)).isFalse();
        assertThat(tree.siblings(BURGLARY, DRUGS)).isFalse();
        assertThat(tree.broader(BURGLARY)).isEqualTo(VOLUME);
        assertThat(tree.broader(CRIME)).isNull();
        assertThat(tree.labels()).containsEntry(VOLUME, "Volume crime").hasSize(4);
    }

    @Test
    void overAGraphItGivesTheSameAncestorsAsFromRows() {
        DomainTree fromRows = DomainTree.of(ROWS);
        DomainTree overGraph = DomainTree.over(graph());
        for (String d : List.of(CRIME, VOLUME, DRUGS, BURGLARY)) {
            Node n = NodeFactory.createURI(d);
            assertThat(new ArrayList<>(overGraph.ancestorsOrSelf(n)))
                    .isEqualTo(new ArrayList<>(fromRows.ancestorsOrSelf(n)));
        }
        assertThat(overGraph.ancestorsOrSelf(NodeFactory.createURI(BURGLARY)))
                .extracting(Node::getURI)
                .containsExactly(BURGLARY, VOLUME, CRIME);
        assertThat(overGraph.isAncestorOrSelf(NodeFactory.createURI(DRUGS), NodeFactory.createURI(DRUGS)))
                .isTrue();
    }

    @Test
    void aCycleStopsTheWalk() {
        Graph g = GraphFactory.createDefaultGraph();
        Node a = NodeFactory.createURI("https://example.org/a");
        Node b = NodeFactory.createURI("https://example.org/b");
        g.add(a, SKOS.broader.asNode(), b);
        g.add(b, SKOS.broader.asNode(), a);
        assertThat(DomainTree.over(g).ancestorsOrSelf(a)).containsExactly(a, b);
    }
}
