package org.partnershipatlas.loaders.links;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.graph.Triple;
import org.apache.jena.riot.Lang;
import org.apache.jena.riot.RDFParser;
import org.apache.jena.sparql.exec.QueryExec;
import org.apache.jena.sparql.graph.GraphFactory;
import org.junit.jupiter.api.Test;

/** The query link discovery asks of a target endpoint fetches the spec's properties, of its class if it names one. */
class LinkTargetQueryTest {
    static final String EX = "https://example.org/";
    static final String TARGET = """
            @prefix ex: <https://example.org/> .
            ex:a a ex:Body ; ex:name "A" ; ex:code "1" ; ex:other "not fetched" .
            ex:b a ex:Place ; ex:name "B" ; ex:code "2" .
            ex:c ex:name "C" .
            """;

    static Node uri(String local) {
        return NodeFactory.createURI(EX + local);
    }

    static LinkSpec spec(Node targetClass) {
        return new LinkSpec(
                "test",
                "Test",
                uri("AtlasThing"),
                List.of(uri("label")),
                null,
                "http://localhost:9/sparql",
                uri("dataset"),
                targetClass,
                List.of(uri("name")),
                List.of(new LinkSpec.Identifier(uri("atlasCode"), uri("code"), "code")),
                uri("sameAs"),
                0.9,
                0.5,
                Path.of("review.csv"));
    }

    static Set<String> answer(LinkSpec spec) {
        Graph target = GraphFactory.createDefaultGraph();
        RDFParser.fromString(TARGET, Lang.TURTLE).parse(target);
        Graph result =
                QueryExec.graph(target).query(LinkDiscovery.targetQuery(spec)).construct();
        return result.find().toList().stream().map(Triple::toString).collect(Collectors.toSet());
    }

    static String triple(String s, String p, String o) {
        return Triple.create(uri(s), uri(p), NodeFactory.createLiteralString(o)).toString();
    }

    @Test
    void withAClassOnlyItsRecordsWithTheLabelAndIdentifierProperties() {
        assertThat(answer(spec(uri("Body"))))
                .containsExactlyInAnyOrder(triple("a", "name", "A"), triple("a", "code", "1"));
    }

    @Test
    void withoutAClassEveryRecordWithThoseProperties() {
        assertThat(answer(spec(null)))
                .containsExactlyInAnyOrder(
                        triple("a", "name", "A"),
                        triple("a", "code", "1"),
                        triple("b", "name", "B"),
                        triple("b", "code", "2"),
                        triple("c", "name", "C"));
    }
}
