package org.partnershipatlas.queries;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.jena.graph.Graph;
import org.apache.jena.query.Query;
import org.apache.jena.query.ResultSet;
import org.apache.jena.riot.Lang;
import org.apache.jena.riot.RDFDataMgr;
import org.apache.jena.riot.RDFParser;
import org.apache.jena.riot.ResultSetMgr;
import org.apache.jena.riot.resultset.ResultSetLang;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.exec.QueryExec;
import org.apache.jena.sparql.graph.GraphFactory;
import org.apache.jena.sparql.util.IsoMatcher;
import org.apache.jena.system.Txn;
import org.apache.jena.tdb2.DatabaseMgr;
import org.apache.jena.tdb2.TDB2;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.partnershipatlas.ontology.AtlasIris;
import org.partnershipatlas.queries.precomputed.Precomputed;
import org.partnershipatlas.queries.precomputed.StoreStatistics;

/**
 * Every named query, run with its header's example bindings on {@code fixture.trig}, gives exactly the answer in
 * {@code expected/<name>.csv} (SELECT, rows in order when the query orders them) or {@code expected/<name>.ttl}
 * (CONSTRUCT, compared by isomorphism). To see a query's current answer, run with {@code -Datlas.showGolden=true}.
 */
class GoldenResultsTest {
    static final String FOLDER = "/org/partnershipatlas/queries/";
    static DatasetGraph dsg;

    @BeforeAll
    static void load() {
        dsg = DatabaseMgr.createDatasetGraph();
        dsg.getContext().set(TDB2.symUnionDefaultGraph, true);
        Txn.executeWrite(
                dsg,
                () -> RDFParser.source(GoldenResultsTest.class.getResourceAsStream(FOLDER + "fixture.trig"))
                        .lang(Lang.TRIG)
                        .parse(dsg));
        // As every load does: the queries that read precomputed graphs must give the answers of their plain forms.
        Txn.executeWrite(dsg, () -> Precomputed.rebuild(dsg, AtlasIris.DEFAULT));
        Txn.executeWrite(dsg, () -> {
            StoreStatistics.clear(dsg, AtlasIris.DEFAULT);
            StoreStatistics.write(dsg, AtlasIris.DEFAULT, StoreStatistics.Counts.scan(dsg, AtlasIris.DEFAULT));
        });
    }

    static String expected(String file) throws IOException {
        try (InputStream in = GoldenResultsTest.class.getResourceAsStream(FOLDER + "expected/" + file)) {
            return in == null ? null : new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @TestFactory
    Stream<DynamicTest> everyQueryGivesItsExpectedAnswerOnTheFixture() {
        QueryCatalogue catalogue = QueryCatalogue.load();
        QueryBinder binder = new QueryBinder(AtlasIris.DEFAULT);
        return catalogue.list().stream()
                .map(named -> DynamicTest.dynamicTest(named.name(), () -> {
                    Query query = binder.bind(named, named.examples());
                    if (named.returnsGraph()) {
                        Graph actual = Txn.calculateRead(
                                dsg, () -> QueryExec.dataset(dsg).query(query).construct());
                        show(named.name(), actual);
                        String text = expected(named.name() + ".ttl");
                        assertThat(text).as("expected/%s.ttl", named.name()).isNotNull();
                        Graph expected = GraphFactory.createDefaultGraph();
                        RDFParser.fromString(text, Lang.TURTLE).parse(expected);
                        assertThat(IsoMatcher.isomorphic(expected, actual))
                                .as("isomorphic to expected/%s.ttl", named.name())
                                .isTrue();
                    } else {
                        List<String> actual = csv(named.name(), query);
                        String text = expected(named.name() + ".csv");
                        assertThat(text)
                                .as("expected/%s.csv; the answer now is:%n%s", named.name(), String.join("\n", actual))
                                .isNotNull();
                        List<String> expected = text.lines().toList();
                        if (query.hasOrderBy()) {
                            assertThat(actual).isEqualTo(expected);
                        } else {
                            assertThat(actual.get(0)).isEqualTo(expected.get(0));
                            assertThat(actual).containsExactlyInAnyOrderElementsOf(expected);
                        }
                    }
                }));
    }

    static List<String> csv(String name, Query query) {
        return Txn.calculateRead(dsg, () -> {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ResultSetMgr.write(
                    out, ResultSet.adapt(QueryExec.dataset(dsg).query(query).select()), ResultSetLang.RS_CSV);
            List<String> lines =
                    new ArrayList<>(out.toString(StandardCharsets.UTF_8).lines().toList());
            if (Boolean.getBoolean("atlas.showGolden")) {
                System.out.println("=== " + name + "\n" + String.join("\n", lines) + "\n=== end");
            }
            return lines;
        });
    }

    static void show(String name, Graph graph) {
        if (Boolean.getBoolean("atlas.showGolden")) {
            System.out.println("=== " + name);
            RDFDataMgr.write(System.out, graph, Lang.TURTLE);
            System.out.println("=== end");
        }
    }
}
