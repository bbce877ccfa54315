package org.partnershipatlas.endpoint;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.jena.query.Query;
import org.apache.jena.sparql.core.Var;
import org.apache.jena.sparql.exec.QueryExec;
import org.apache.jena.sparql.exec.RowSet;
import org.apache.jena.system.Txn;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.partnershipatlas.ontology.AtlasIris;
import org.partnershipatlas.queries.QueryBinder;
import org.partnershipatlas.queries.QueryCatalogue;

/**
 * Every SELECT query of the library, run with its example bindings on the real sample data (not the fixture the
 * golden answers use), binds every variable it projects in at least one row: a variable that no row binds is an
 * answer the code reading it never gets, as {@code resource-profile}'s {@code ?sector} once was (it read a
 * {@code skos:notation} the sectors scheme does not have). Variables that are empty on the sample data for a reason
 * are listed in {@link #EMPTY_BY_DESIGN} with the reason.
 */
class LibraryOnSampleDataIT {
    /** query name → variables legitimately unbound on the sample data. */
    static final Map<String, Set<String>> EMPTY_BY_DESIGN = Map.of(
            // No Newham partnership sits under another locality's LSP; the report reads ?umbrella only to say
            // "its umbrella is not this locality's LSP" rather than "it has no umbrella partnership".
            "outside-umbrella",
            Set.of("umbrella"),
            // The link-health graph exists once a link check has run (LinkHealthIT asks this query after one).
            "links-needing-review",
            Set.of(
                    "publisherName",
                    "resource",
                    "title",
                    "link",
                    "status",
                    "httpStatus",
                    "dead",
                    "failures",
                    "replacement",
                    "archivedAt",
                    "lastChecked",
                    "lastOk",
                    "replacedBy",
                    "suggestedReplacedBy"),
            // Current documents come first, and the examples' first 25 are all current (LinkedDataIT sees a
            // superseded document, with its replacement, on the neighbourhood renewal page).
            "guidance-for-domain",
            Set.of("replacedBy"),
            "guidance-for-organisation",
            Set.of("replacedBy"),
            "guidance-for-partnership",
            Set.of("replacedBy"),
            "link-health-of-resource",
            Set.of(
                    "link",
                    "status",
                    "slug",
                    "httpStatus",
                    "lastChecked",
                    "lastOk",
                    "failingSince",
                    "deadSince",
                    "replacement",
                    "archivedAt"));

    /** The queries only read, so the JVM's shared sample store will do. */
    @RegisterExtension
    static final AtlasFixture atlas = AtlasFixture.sharedSampleData();

    @TestFactory
    Stream<DynamicTest> everyProjectedVariableIsBoundOnTheSampleData() {
        QueryCatalogue catalogue = QueryCatalogue.load();
        QueryBinder binder = new QueryBinder(AtlasIris.DEFAULT);
        return catalogue.list().stream()
                .filter(named -> !named.returnsGraph())
                .map(named -> DynamicTest.dynamicTest(named.name(), () -> {
                    Query query = binder.bind(named, named.examples());
                    Set<String> bound = new HashSet<>();
                    List<String> projected =
                            query.getProjectVars().stream().map(Var::getVarName).toList();
                    Txn.executeRead(atlas.store().datasetGraph(), () -> {
                        try (QueryExec exec = QueryExec.dataset(atlas.store().datasetGraph())
                                .query(query)
                                .build()) {
                            RowSet rows = exec.select();
                            rows.forEachRemaining(b -> b.vars().forEachRemaining(v -> bound.add(v.getVarName())));
                        }
                    });
                    Set<String> allowed = EMPTY_BY_DESIGN.getOrDefault(named.name(), Set.of());
                    assertThat(projected.stream()
                                    .filter(v -> !bound.contains(v) && !allowed.contains(v))
                                    .toList())
                            .as("%s: projected variables no row binds on the sample data", named.name())
                            .isEmpty();
                }));
    }
}
