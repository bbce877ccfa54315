package org.partnershipatlas.loaders;

import java.util.ArrayList;
import java.util.List;
import org.apache.jena.query.QueryFactory;
import org.apache.jena.query.QuerySolution;
import org.apache.jena.query.ResultSet;
import org.partnershipatlas.loaders.store.AtlasStore;
import org.partnershipatlas.ontology.AtlasIris;
import org.partnershipatlas.ontology.AtlasOntology;
import org.partnershipatlas.queries.QueryCatalogue;
import org.partnershipatlas.queries.QueryRunner;

/**
 * Ad hoc SELECT queries of the tests on a loaded store, with the Atlas's prefixes, run by the library's {@link
 * QueryRunner} (one read transaction, the rows copied out of the store).
 */
public final class StoreQueries {
    private static final QueryCatalogue CATALOGUE = QueryCatalogue.load();

    private StoreQueries() {}

    /** The rows of {@code query} (without PREFIX lines: the Atlas's are added). */
    public static List<QuerySolution> select(AtlasStore store, String query) {
        QueryRunner runner = new QueryRunner(store.datasetGraph(), CATALOGUE, AtlasIris.DEFAULT);
        ResultSet rows = ResultSet.adapt(runner.select(QueryFactory.create(AtlasOntology.sparqlPrefixes() + query))
                .rowSet());
        List<QuerySolution> out = new ArrayList<>();
        rows.forEachRemaining(out::add);
        return out;
    }

    /** How many solutions the group graph pattern {@code body} has. */
    public static long count(AtlasStore store, String body) {
        return select(store, "SELECT (COUNT(*) AS ?n) WHERE { " + body + " }")
                .get(0)
                .getLiteral("n")
                .getLong();
    }
}
