package org.partnershipatlas.queries;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.query.Query;
import org.apache.jena.query.QueryFactory;
import org.apache.jena.riot.Lang;
import org.apache.jena.riot.RDFParser;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.core.Var;
import org.apache.jena.sparql.engine.binding.Binding;
import org.apache.jena.system.Txn;
import org.apache.jena.tdb2.DatabaseMgr;
import org.apache.jena.tdb2.TDB2;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.partnershipatlas.ontology.AtlasIris;
import org.partnershipatlas.queries.precomputed.StoreStatistics;

/** The runner's answers are copies that outlive the read transaction, on a TDB2 store on disk. */
class QueryRunnerTest {
    static final String NEWHAM_COUNCIL = AtlasIris.DEFAULT.id("organisation", "newham-council");

    @TempDir
    static Path dir;

    static DatasetGraph dsg;
    static QueryRunner runner;

    @BeforeAll
    static void load() {
        dsg = DatabaseMgr.connectDatasetGraph(dir.toString());
        dsg.getContext().set(TDB2.symUnionDefaultGraph, true);
        Txn.executeWrite(
                dsg,
                () -> RDFParser.source(
                                QueryRunnerTest.class.getResourceAsStream(GoldenResultsTest.FOLDER + "fixture.trig"))
                        .lang(Lang.TRIG)
                        .parse(dsg));
        // As every load does: resource-counts reads the whole-store statistics.
        Txn.executeWrite(dsg, () -> {
            StoreStatistics.clear(dsg, AtlasIris.DEFAULT);
            StoreStatistics.write(dsg, AtlasIris.DEFAULT, StoreStatistics.Counts.scan(dsg, AtlasIris.DEFAULT));
        });
        runner = new QueryRunner(dsg, QueryCatalogue.load(), AtlasIris.DEFAULT);
    }

    @AfterAll
    static void close() {
        dsg.close();
    }

    @Test
    void selectRowsAreReadableAfterTheTransaction() {
        Rows rows = runner.select("resource-profile", Map.of("resource", "id/organisation/newham-council"));
        assertThat(dsg.isInTransaction()).isFalse();
        assertThat(rows.vars()).extracting(Var::getVarName).containsExactly("type", "label", "sector", "sectorLabel");
        assertThat(rows.size()).isEqualTo(1);
        Binding row = rows.bindings().get(0);
        assertThat(row.get("label").getLiteralLexicalForm()).isEqualTo("London Borough of Newham");
        assertThat(row.get("type").getURI()).isEqualTo("http://www.w3.org/ns/org#FormalOrganization");
        assertThat(ResultSetCount.of(rows)).isEqualTo(1);
    }

    @Test
    void mappedSelectKeepsTheQueryOrder() {
        List<String> classes =
                runner.select("resource-counts", Map.of(), b -> b.get("class").getURI());
        assertThat(classes).hasSizeGreaterThan(3);
        assertThat(classes.get(0)).isEqualTo("http://www.w3.org/ns/org#Membership");
    }

    @Test
    void queriesShareTheCallersReadTransaction() {
        int n = runner.read(() -> {
            assertThat(dsg.isInTransaction()).isTrue();
            return runner.select("resource-counts", Map.of()).size()
                    + runner.select("resource-counts", Map.of()).size();
        });
        assertThat(n).isEqualTo(2 * runner.select("resource-counts", Map.of()).size());
        assertThat(dsg.isInTransaction()).isFalse();
    }

    @Test
    void streamHandsTheRowsToTheReaderInsideTheTransactionAndPassesItsIoErrorsOn() throws Exception {
        Query query = runner.bind("resource-counts", Map.of());
        long streamed = runner.stream(query, rows -> {
            assertThat(dsg.isInTransaction()).isTrue();
            long n = 0;
            for (; rows.hasNext(); rows.next()) {
                n++;
            }
            return n;
        });
        assertThat(streamed).isEqualTo(runner.select(query).size());
        assertThatThrownBy(() -> runner.stream(query, rows -> {
                    throw new java.io.IOException("client went away");
                }))
                .isInstanceOf(java.io.IOException.class)
                .hasMessage("client went away");
        assertThat(dsg.isInTransaction()).isFalse();
    }

    @Test
    void askAnswersTrueAndFalse() {
        assertThat(runner.ask(QueryFactory.create("ASK { <" + NEWHAM_COUNCIL + "> ?p ?o }")))
                .isTrue();
        assertThat(runner.ask(QueryFactory.create("ASK { <" + NEWHAM_COUNCIL + "-nowhere> ?p ?o }")))
                .isFalse();
    }

    @Test
    void constructGivesAGraphThatOutlivesTheTransaction() {
        Graph graph = runner.construct("describe-resource", Map.of("resource", NEWHAM_COUNCIL));
        Node council = NodeFactory.createURI(NEWHAM_COUNCIL);
        assertThat(graph.contains(council, Node.ANY, Node.ANY)).isTrue();
        assertThat(graph.find(council, Node.ANY, Node.ANY).toList()).isNotEmpty();
    }

    @Test
    void describeQueriesGiveAGraphToo() {
        Query describe = QueryFactory.create("DESCRIBE <" + NEWHAM_COUNCIL + ">");
        assertThat(runner.construct(describe).isEmpty()).isFalse();
    }

    @Test
    void aTimedRunnerStillAnswers() {
        assertThat(runner.withTimeout(Duration.ofMinutes(1))
                        .select("resource-counts", Map.of())
                        .size())
                .isEqualTo(runner.select("resource-counts", Map.of()).size());
    }

    @Test
    void unknownNamesAndBadValuesAreRefusedBeforeRunning() {
        assertThatThrownBy(() -> runner.select("no-such-query", Map.of())).isInstanceOf(UnknownQueryException.class);
        assertThatThrownBy(() -> runner.select("resource-profile", Map.of()))
                .isInstanceOf(BadParameterException.class)
                .hasMessageContaining("resource");
    }

    /** Counts the rows of a fresh row set, so the test sees that {@link Rows#rowSet()} replays the copy. */
    private static final class ResultSetCount {
        static long of(Rows rows) {
            long n = 0;
            for (var it = rows.rowSet(); it.hasNext(); it.next()) {
                n++;
            }
            return n;
        }
    }
}
