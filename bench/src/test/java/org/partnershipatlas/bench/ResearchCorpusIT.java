package org.partnershipatlas.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.apache.jena.graph.Graph;
import org.apache.jena.query.Query;
import org.apache.jena.query.QueryFactory;
import org.apache.jena.sparql.algebra.Algebra;
import org.apache.jena.sparql.algebra.Op;
import org.apache.jena.sparql.algebra.OpVisitorBase;
import org.apache.jena.sparql.algebra.OpWalker;
import org.apache.jena.sparql.algebra.op.OpBGP;
import org.apache.jena.sparql.core.BasicPattern;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.core.DatasetGraphFactory;
import org.apache.jena.sparql.exec.QueryExec;
import org.apache.jena.sparql.exec.RowSetRewindable;
import org.apache.jena.sparql.graph.GraphFactory;
import org.apache.jena.sparql.resultset.ResultsCompare;
import org.apache.jena.tdb2.sys.TDBInternal;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import org.partnershipatlas.loaders.BulkLoader;
import org.partnershipatlas.loaders.LoadReport;
import org.partnershipatlas.loaders.generate.Generator;
import org.partnershipatlas.loaders.store.AtlasReorder;
import org.partnershipatlas.loaders.store.AtlasStore;
import org.partnershipatlas.loaders.store.OptimizerStatistics;
import org.partnershipatlas.loaders.store.UnionScan;

/**
 * The research-question corpus on generated data: every question gives the same answer on the Atlas's TDB2 store
 * (its statistics, its reorder transformation, its plans) as plain in-memory evaluation of the same triples, so no plan change can change an
 * answer unseen; and the statistics the load writes lead TDB2 to start issue 22's question from the right end.
 */
class ResearchCorpusIT {
    /**
     * Natural questions whose answer is empty on generated data, and why: the generator's memberships never begin
     * before their partnership (32), no unit of the Home Office sits on a local partnership (38), every partnership
     * is an LSP or sits under one (41), and there is guidance on every problem domain (44). Checked to stay empty.
     */
    static final java.util.Set<String> EMPTY_ON_GENERATED_DATA = java.util.Set.of(
            "32-members-before-founding",
            "38-home-office-family-partnerships",
            "41-outside-the-umbrella",
            "44-partnerships-without-guidance");

    @TempDir
    static Path dir;

    static AtlasStore store;
    static DatasetGraph plain;

    @BeforeAll
    static void loadGeneratedData() {
        Path sources = dir.resolve("generated");
        Generator.to(sources)
                .localities(5)
                .partnershipsPerLocality(40)
                .seed(1)
                .schemes(
                        Path.of(System.getProperty("atlas.data.dir", "../data")).resolve("schemes"))
                .run();
        LoadReport report =
                BulkLoader.into(dir.resolve("tdb2")).sources(List.of(sources)).run();
        assertThat(report.committed()).as("%s", report.violations()).isTrue();
        store = AtlasStore.open(dir.resolve("tdb2"));
        Graph union = GraphFactory.createDefaultGraph();
        store.read(dsg -> {
            UnionScan.triples(dsg).forEachRemaining(union::add);
            return null;
        });
        plain = DatasetGraphFactory.wrap(union);
    }

    @AfterAll
    static void close() {
        if (store != null) {
            store.close();
        }
    }

    @TestFactory
    Stream<DynamicTest> everyQuestionAnswersAsPlainEvaluationDoes() {
        List<ResearchQuestion> corpus = ResearchQuestion.corpus();
        assertThat(corpus).hasSizeGreaterThanOrEqualTo(40);
        return corpus.stream().map(q -> DynamicTest.dynamicTest(q.name(), () -> sameAnswer(q)));
    }

    private static void sameAnswer(ResearchQuestion question) {
        Query query = QueryFactory.create(question.text());
        if (query.isSelectType()) {
            RowSetRewindable atlas = store.read(dsg -> select(dsg, query));
            RowSetRewindable expected = select(plain, query);
            boolean same = query.hasOrderBy()
                    ? ResultsCompare.equalsByTermAndOrder(expected, atlas)
                    : ResultsCompare.equalsByTerm(expected, atlas);
            assertThat(same)
                    .as("%s: the same rows as plain evaluation", question.name())
                    .isTrue();
            expected.reset();
            assertThat(expected.hasNext())
                    .as("%s has an answer on the generated data", question.name())
                    .isEqualTo(!EMPTY_ON_GENERATED_DATA.contains(question.name()));
        } else {
            Graph atlas = store.read(dsg -> graph(dsg, query));
            Graph expected = graph(plain, query);
            assertThat(atlas.isIsomorphicWith(expected))
                    .as(
                            "%s: the same graph as plain evaluation (%d vs %d triples)",
                            question.name(), atlas.size(), expected.size())
                    .isTrue();
            assertThat(expected.isEmpty())
                    .as("%s is empty on the generated data", question.name())
                    .isEqualTo(EMPTY_ON_GENERATED_DATA.contains(question.name()));
        }
    }

    private static RowSetRewindable select(DatasetGraph dsg, Query query) {
        try (QueryExec qe = QueryExec.dataset(dsg).query(query).build()) {
            return qe.select().rewindable();
        }
    }

    private static Graph graph(DatasetGraph dsg, Query query) {
        try (QueryExec qe = QueryExec.dataset(dsg).query(query).build()) {
            Graph g = GraphFactory.createDefaultGraph();
            if (query.isConstructType()) {
                qe.construct(g);
            } else {
                qe.describe(g);
            }
            return g;
        }
    }

    @Test
    void theIndexListsEveryQuestionFile() throws IOException {
        Path folder = Path.of(System.getProperty("atlas.root", ".."))
                .resolve("bench/src/main/resources/org/partnershipatlas/bench/research");
        List<String> files;
        try (Stream<Path> list = Files.list(folder)) {
            files = list.map(p -> p.getFileName().toString())
                    .filter(n -> n.endsWith(".rq"))
                    .map(n -> n.replaceFirst("\\.rq$", ""))
                    .sorted()
                    .toList();
        }
        assertThat(ResearchQuestion.corpus().stream()
                        .map(ResearchQuestion::name)
                        .toList())
                .containsExactlyElementsOf(files);
    }

    @Test
    void theLoadWritesCountsForFixedObjectsThatStartIssue22sQuestionFromTheLeadBodies() throws IOException {
        Path stats;
        try (Stream<Path> files = Files.walk(dir.resolve("tdb2"))) {
            stats = files.filter(p -> p.getFileName().toString().equals(OptimizerStatistics.FILE))
                    .findFirst()
                    .orElseThrow();
        }
        assertThat(Files.readString(stats))
                .contains(
                        "(VAR <http://www.w3.org/ns/org#role> <https://w3id.org/partnership-atlas/id/role/lead-body>)")
                .contains("(VAR <http://www.w3.org/ns/org#member> TERM)");
        Object installed = store.read(dsg -> TDBInternal.getDatasetGraphTDB(dsg).getReorderTransform());
        assertThat(installed)
                .as("the store runs with the Atlas's reorder transformation")
                .isInstanceOf(AtlasReorder.class);
        Query query = QueryFactory.create(
                ResearchQuestion.named("13-same-lead-body-and-domain").text());
        List<String> order = store.read(dsg -> {
            var reorder = TDBInternal.getDatasetGraphTDB(dsg).getReorderTransform();
            Op op = Algebra.optimize(Algebra.compile(query), dsg.getContext());
            List<String> first = new java.util.ArrayList<>();
            OpWalker.walk(op, new OpVisitorBase() {
                @Override
                public void visit(OpBGP bgp) {
                    if (first.isEmpty()) {
                        BasicPattern planned = reorder.reorder(bgp.getPattern());
                        planned.forEach(t -> first.add(t.getSubject().getName() + " "
                                + t.getPredicate().getLocalName()));
                    }
                }
            });
            return first;
        });
        // The second lead membership is found from the shared lead body (a few per body), not from every lead-body
        // membership (a cross product that timed out at national scale).
        assertThat(order).hasSize(6);
        assertThat(order.get(0)).isEqualTo("/leadA role");
        assertThat(order.indexOf("/leadB member")).isLessThan(order.indexOf("/leadB role"));
    }
}
