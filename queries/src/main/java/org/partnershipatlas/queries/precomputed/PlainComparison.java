package org.partnershipatlas.queries.precomputed;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.jena.graph.Node;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.core.Var;
import org.apache.jena.sparql.engine.binding.Binding;
import org.partnershipatlas.ontology.AtlasIris;
import org.partnershipatlas.queries.NamedQuery;
import org.partnershipatlas.queries.QueryCatalogue;
import org.partnershipatlas.queries.QueryRunner;
import org.partnershipatlas.queries.Rows;

/**
 * Asks a question of the library and of its plain form ({@link QueryCatalogue#plain()}) and reports where the
 * answers differ: the check that the precomputed graphs are consistent with the data. Rows are compared as
 * multisets; lists of names joined with {@code "; "} are compared as sets of names, since SPARQL leaves the order
 * of {@code GROUP_CONCAT} open and the precomputed lists are sorted.
 */
public final class PlainComparison {
    private final QueryRunner library;
    private final QueryRunner plain;

    public PlainComparison(DatasetGraph dsg, AtlasIris iris) {
        this.library = new QueryRunner(dsg, QueryCatalogue.load(), iris);
        this.plain = new QueryRunner(dsg, QueryCatalogue.plain(), iris);
    }

    /** The names of the questions that have a plain form. */
    public List<String> names() {
        return plain.catalogue().list().stream().map(NamedQuery::name).toList();
    }

    /** The rows each form gave and the differences (empty when the answers agree). */
    public record Outcome(int libraryRows, int plainRows, List<String> differences) {}

    /** Runs both forms of {@code name} with {@code values} (parameter name to value, as the API takes them). */
    public Outcome compare(String name, Map<String, String> values) {
        return compare(name, values, values);
    }

    /**
     * Runs the library's form of {@code name} with {@code libraryValues} and the plain form with {@code plainValues}:
     * for a page the library reads from its stored pages ({@code page=2}) against the plain form's rows cut out by
     * {@code limit} and {@code offset}.
     */
    public Outcome compare(String name, Map<String, String> libraryValues, Map<String, String> plainValues) {
        return differences(rows(library.select(name, libraryValues)), rows(plain.select(name, plainValues)));
    }

    /**
     * Each page the library stores of {@code name} ({@code page=1, 2, ...} added to {@code values}) against the plain
     * form's ordered rows cut into pages of {@code pageSize}: one outcome per page, as many pages as the plain rows
     * fill. The plain form runs once, not once a page: cutting its ordered rows is what {@code limit} and {@code
     * offset} do (a slice of the solution sequence after ORDER BY), and the plain form of a big question is slow.
     */
    public List<Outcome> comparePages(String name, Map<String, String> values, int pageSize) {
        return comparePaged(name, values, pageSize).pages();
    }

    /** The whole answer (no page asked) and each page, against one run of the plain form. */
    public record Paged(Outcome whole, List<Outcome> pages) {}

    /** As {@link #comparePages}, and the library's whole answer against all the plain rows, from the same run. */
    public Paged comparePaged(String name, Map<String, String> values, int pageSize) {
        Rows plainAnswer = plain.select(name, values);
        List<Binding> plainRows = plainAnswer.bindings();
        Outcome whole = differences(rows(library.select(name, values)), rows(plainAnswer));
        List<Outcome> outcomes = new ArrayList<>();
        for (int from = 0, page = 1; from < plainRows.size(); from += pageSize, page++) {
            Map<String, String> pageValues = new HashMap<>(values);
            pageValues.put("page", Integer.toString(page));
            Rows slice =
                    new Rows(plainAnswer.vars(), plainRows.subList(from, Math.min(from + pageSize, plainRows.size())));
            outcomes.add(differences(rows(library.select(name, pageValues)), rows(slice)));
        }
        return new Paged(whole, outcomes);
    }

    private static Outcome differences(Map<List<String>, Integer> precomputed, Map<List<String>, Integer> fromData) {
        List<String> differences = new ArrayList<>();
        fromData.forEach((row, n) -> {
            int m = precomputed.getOrDefault(row, 0);
            if (m != n) {
                differences.add("plain " + n + " x, precomputed " + m + " x: " + row);
            }
        });
        precomputed.forEach((row, m) -> {
            if (!fromData.containsKey(row)) {
                differences.add("only precomputed, " + m + " x: " + row);
            }
        });
        return new Outcome(count(precomputed), count(fromData), differences);
    }

    private static Map<List<String>, Integer> rows(Rows answer) {
        Map<List<String>, Integer> rows = new HashMap<>();
        for (Binding b : answer.bindings()) {
            List<String> row = new ArrayList<>(answer.vars().size());
            for (Var v : answer.vars()) {
                row.add(v.getVarName() + "=" + normalise(b.get(v)));
            }
            rows.merge(row, 1, Integer::sum);
        }
        return rows;
    }

    private static String normalise(Node n) {
        if (n == null) {
            return "";
        }
        if (n.isLiteral() && n.getLiteralLexicalForm().contains("; ")) {
            String[] names = n.getLiteralLexicalForm().split("; ");
            Arrays.sort(names);
            return String.join("; ", names);
        }
        if (n.isLiteral()) {
            // Numbers by value: COUNT gives xsd:integer, as the precomputed counts are.
            return n.getLiteralLexicalForm() + "^^" + n.getLiteralDatatypeURI();
        }
        return n.toString();
    }

    private static int count(Map<List<String>, Integer> rows) {
        return rows.values().stream().mapToInt(Integer::intValue).sum();
    }
}
