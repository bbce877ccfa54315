package org.partnershipatlas.loaders.validate;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.riot.Lang;
import org.apache.jena.riot.RDFParser;
import org.apache.jena.shacl.ShaclValidator;
import org.apache.jena.shacl.Shapes;
import org.apache.jena.shacl.validation.ReportEntry;
import org.apache.jena.shacl.validation.Severity;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.core.Quad;
import org.apache.jena.system.Txn;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.partnershipatlas.loaders.FixtureSources;
import org.partnershipatlas.loaders.LoadReport;
import org.partnershipatlas.loaders.Loader;
import org.partnershipatlas.loaders.store.AtlasStore;
import org.partnershipatlas.ontology.AtlasIris;
import org.partnershipatlas.ontology.AtlasOntology;

/**
 * {@link Validation} must find exactly what the plain per-node call it replaces finds: for every distinct subject
 * of a graph, in index order, {@code ShaclValidator.get().validate(shapes, union, subject)}. Checked entry by entry
 * (focus node, path, value, severity, message, shape, constraint), in order, on a store holding the loader's
 * fixture and a graph that breaks the shapes in many ways, with one and with two threads, with a cache so small
 * that it evicts all the time, and where the violation limit cuts the findings short.
 */
class ValidationEquivalenceTest {
    static final AtlasIris IRIS = AtlasIris.DEFAULT;

    @TempDir
    static Path dir;

    static AtlasStore store;
    static Shapes shapes = AtlasOntology.shapes();

    @BeforeAll
    static void load() throws IOException {
        Path sources = FixtureSources.copy(dir);
        store = AtlasStore.open(dir.resolve("tdb2"));
        LoadReport report =
                Loader.into(store).iris(IRIS).sources(List.of(sources)).run();
        assertThat(report.committed()).isTrue();
        DatasetGraph dsg = store.datasetGraph();
        Txn.executeWrite(
                dsg,
                () -> RDFParser.source(ValidationEquivalenceTest.class
                                .getResource("broken.ttl")
                                .toString())
                        .lang(Lang.TTL)
                        .parse(dsg.getGraph(IRIS.graph("broken"))));
    }

    @AfterAll
    static void close() {
        store.close();
    }

    static Stream<Arguments> settings() {
        return Stream.of(
                Arguments.of(1, 10_000, 250_000L),
                Arguments.of(2, 10_000, 250_000L),
                Arguments.of(1, 2, 5L),
                Arguments.of(2, 3, 8L));
    }

    @ParameterizedTest(name = "threads {0}, cache {1}/{2}")
    @MethodSource("settings")
    void findsWhatThePerNodeValidatorFindsInEveryGraph(int threads, int maxPerEntry, long budget) {
        DatasetGraph dsg = store.datasetGraph();
        Txn.executeRead(dsg, () -> {
            List<Node> graphs = new ArrayList<>();
            dsg.listGraphNodes().forEachRemaining(graphs::add);
            assertThat(graphs).contains(IRIS.graph("broken"), IRIS.graph("partnerships"));
            for (Node graph : graphs) {
                Validation.Findings expected = perNode(dsg, graph, 1_000_000);
                Validation.Findings actual =
                        new Validation(shapes, 1_000_000, threads, maxPerEntry, budget).validateGraph(dsg, graph);
                assertThat(keys(actual.violations()))
                        .as("violations in %s", graph)
                        .containsExactlyElementsOf(keys(expected.violations()));
                assertThat(keys(actual.warnings()))
                        .as("warnings in %s", graph)
                        .containsExactlyElementsOf(keys(expected.warnings()));
                assertThat(actual.focusNodes()).isEqualTo(expected.focusNodes());
                assertThat(actual.truncated()).isFalse();
            }
        });
    }

    @ParameterizedTest(name = "limit {0}, threads {1}")
    @MethodSource("limits")
    void stopsWhereThePerNodeValidatorStops(int limit, int threads) {
        DatasetGraph dsg = store.datasetGraph();
        Txn.executeRead(dsg, () -> {
            Validation.Findings expected = perNode(dsg, IRIS.graph("broken"), limit);
            Validation.Findings actual =
                    new Validation(shapes, limit, threads).validateGraph(dsg, IRIS.graph("broken"));
            assertThat(keys(actual.violations())).containsExactlyElementsOf(keys(expected.violations()));
            assertThat(keys(actual.warnings())).containsExactlyElementsOf(keys(expected.warnings()));
            assertThat(actual.focusNodes()).isEqualTo(expected.focusNodes());
            assertThat(actual.truncated()).isEqualTo(expected.truncated());
        });
    }

    static Stream<Arguments> limits() {
        return Stream.of(1, 2, 5, 17, 40).flatMap(limit -> Stream.of(Arguments.of(limit, 1), Arguments.of(limit, 2)));
    }

    /** The test data must really break the shapes in many ways, or the equivalence above proves little. */
    @Test
    void theBrokenGraphBreaksManyKindsOfConstraint() {
        DatasetGraph dsg = store.datasetGraph();
        Validation.Findings findings = Txn.calculateRead(dsg, () -> perNode(dsg, IRIS.graph("broken"), 1_000_000));
        Set<String> components = new TreeSet<>();
        Stream.concat(findings.violations().stream(), findings.warnings().stream())
                .forEach(e -> components.add(e.sourceConstraintComponent().getLocalName()));
        assertThat(components)
                .contains(
                        "MinCountConstraintComponent",
                        "MaxCountConstraintComponent",
                        "ClassConstraintComponent",
                        "DatatypeConstraintComponent",
                        "NodeConstraintComponent",
                        "NodeKindConstraintComponent",
                        "PatternConstraintComponent",
                        "UniqueLangConstraintComponent",
                        "InConstraintComponent",
                        "OrConstraintComponent",
                        "DisjointConstraintComponent",
                        "MinInclusiveConstraintComponent",
                        "MaxInclusiveConstraintComponent",
                        "SPARQLConstraintComponent");
        assertThat(findings.violations()).hasSizeGreaterThan(60);
        assertThat(findings.warnings()).isNotEmpty();
        assertThat(findings.violations())
                .anySatisfy(e -> assertThat(e.focusNode().isBlank()).isTrue());
        // Targeted through this graph's own subclass of pa:Partnership, two levels down.
        assertThat(findings.violations())
                .anySatisfy(e -> assertThat(e.focusNode().getURI()).endsWith("/partnership/bad-2"));
    }

    /** What validation found before: the plain call for each distinct subject, in index order. */
    static Validation.Findings perNode(DatasetGraph dsg, Node graphName, int limit) {
        Graph union = dsg.getUnionGraph();
        List<ReportEntry> violations = new ArrayList<>();
        List<ReportEntry> warnings = new ArrayList<>();
        long focusNodes = 0;
        Node last = null;
        Iterator<Quad> quads = dsg.find(graphName, Node.ANY, Node.ANY, Node.ANY);
        while (quads.hasNext()) {
            Node subject = quads.next().getSubject();
            if (subject.equals(last)) {
                continue;
            }
            last = subject;
            focusNodes++;
            for (ReportEntry entry :
                    ShaclValidator.get().validate(shapes, union, subject).getEntries()) {
                if (Severity.Violation.equals(entry.severity())) {
                    violations.add(entry);
                } else if (warnings.size() < limit) {
                    warnings.add(entry);
                }
            }
            if (violations.size() >= limit) {
                return new Validation.Findings(violations, warnings, focusNodes, true);
            }
        }
        return new Validation.Findings(violations, warnings, focusNodes, false);
    }

    static List<String> keys(List<ReportEntry> entries) {
        return entries.stream()
                .map(e -> String.join(
                        " | ",
                        String.valueOf(e.focusNode()),
                        String.valueOf(e.resultPath()),
                        String.valueOf(e.value()),
                        String.valueOf(e.severity()),
                        String.valueOf(e.message()),
                        String.valueOf(e.source()),
                        String.valueOf(e.sourceConstraintComponent()),
                        String.valueOf(e.sourceConstraint())))
                .toList();
    }
}
