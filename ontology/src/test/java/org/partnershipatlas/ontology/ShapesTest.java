package org.partnershipatlas.ontology;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.riot.RDFParser;
import org.apache.jena.shacl.ShaclValidator;
import org.apache.jena.shacl.ValidationReport;
import org.apache.jena.shacl.validation.ReportEntry;
import org.apache.jena.shacl.vocabulary.SHACL;
import org.apache.jena.sparql.graph.GraphFactory;
import org.apache.jena.sparql.path.P_Link;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Runs every fixture in {@code shape-tests/}: {@code good-*.ttl} must conform; {@code bad-<Shape>-<what>.ttl} must
 * be rejected with the constraint component (and path) named on its {@code # expect:} line, at a node of the
 * fixture itself. Each fixture is validated together with {@code context.ttl} and the ontology. A new fixture
 * needs no code.
 */
class ShapesTest {
    static final String BASE = AtlasIris.DEFAULT_BASE;

    static Path fixtures() throws URISyntaxException {
        return Path.of(ShapesTest.class
                        .getResource("/org/partnershipatlas/ontology/shape-tests/context.ttl")
                        .toURI())
                .getParent();
    }

    static List<Path> fixtureFiles(String prefix) throws IOException, URISyntaxException {
        try (Stream<Path> files = Files.list(fixtures())) {
            return files.filter(p -> p.getFileName().toString().startsWith(prefix))
                    .sorted()
                    .toList();
        }
    }

    static Graph read(Path file) {
        Graph g = GraphFactory.createDefaultGraph();
        RDFParser.source(file).base(BASE).parse(g);
        return g;
    }

    static ValidationReport validateWithContext(Graph fixture) throws URISyntaxException {
        Graph data = GraphFactory.createDefaultGraph();
        AtlasOntology.graph().find().forEach(data::add);
        read(fixtures().resolve("context.ttl")).find().forEach(data::add);
        fixture.find().forEach(data::add);
        return ShaclValidator.get().validate(AtlasOntology.shapes(), data);
    }

    @Test
    void contextConformsWithoutWarnings() throws URISyntaxException {
        ValidationReport report = validateWithContext(GraphFactory.createDefaultGraph());
        assertThat(report.getEntries()).isEmpty();
    }

    @TestFactory
    Stream<DynamicTest> goodFixturesConform() throws IOException, URISyntaxException {
        List<Path> files = fixtureFiles("good-");
        assertThat(files).isNotEmpty();
        return files.stream()
                .map(file -> DynamicTest.dynamicTest(file.getFileName().toString(), () -> {
                    ValidationReport report = validateWithContext(read(file));
                    assertThat(report.getEntries()).as("results for %s", file).isEmpty();
                }));
    }

    @TestFactory
    Stream<DynamicTest> badFixturesAreRejectedForTheExpectedReason() throws IOException, URISyntaxException {
        List<Path> files = fixtureFiles("bad-");
        assertThat(files).isNotEmpty();
        return files.stream()
                .map(file -> DynamicTest.dynamicTest(file.getFileName().toString(), () -> {
                    Expectation expect = Expectation.of(file);
                    Graph fixture = read(file);
                    ValidationReport report = validateWithContext(fixture);
                    List<ReportEntry> matching = report.getEntries().stream()
                            .filter(e -> e.sourceConstraintComponent().equals(expect.component()))
                            .filter(e -> expect.path() == null
                                    || (e.resultPath() instanceof P_Link link
                                            && link.getNode().equals(expect.path())))
                            .filter(e -> fixture.contains(e.focusNode(), Node.ANY, Node.ANY))
                            .toList();
                    assertThat(matching)
                            .as("%s: expected %s; got %s", file.getFileName(), expect, report.getEntries())
                            .isNotEmpty();
                }));
    }

    /** The {@code # expect: sh:Component [prefix:path]} line of a fixture. */
    record Expectation(Node component, Node path) {
        static Expectation of(Path file) throws IOException {
            String line = Files.readAllLines(file).get(0);
            assertThat(line).as("first line of %s", file).startsWith("# expect: ");
            String[] words = line.substring("# expect: ".length()).trim().split("\\s+");
            Node component = NodeFactory.createURI(SHACL.NS + words[0].substring("sh:".length()));
            Node path = words.length > 1
                    ? NodeFactory.createURI(AtlasOntology.prefixes().expandPrefix(words[1]))
                    : null;
            return new Expectation(component, path);
        }
    }
}
