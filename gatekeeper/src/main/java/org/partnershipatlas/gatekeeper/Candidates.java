package org.partnershipatlas.gatekeeper;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BooleanSupplier;
import org.apache.jena.sparql.engine.binding.Binding;
import org.partnershipatlas.gatekeeper.CheckResult.Umbrella;
import org.partnershipatlas.queries.QueryRunner;

/**
 * The partnerships working in a locality, as the check and the report compare them ({@code gatekeeper-candidates}:
 * the library's form reads the summaries every load computes, the plain form asks the data), and the umbrella
 * partnerships to consult there ({@code umbrella-partnerships}).
 */
final class Candidates {
    private static final String SEPARATOR = "; ";

    private final QueryRunner queries;
    private final QueryRunner candidates;
    private final QueryRunner plain;
    private final BooleanSupplier summarised;

    /**
     * @param queries the library, for the umbrellas
     * @param candidates the catalogue {@code gatekeeper-candidates} is read from: the library's (summaries) or the
     *     plain one (the data itself)
     * @param plain the plain catalogue, read instead when {@code summarised} says the store has no summaries
     * @param summarised whether the store holds the summaries (a store loaded by an older version has none until its
     *     next load: without this the check would find no candidates at all)
     */
    Candidates(QueryRunner queries, QueryRunner candidates, QueryRunner plain, BooleanSupplier summarised) {
        this.queries = queries;
        this.candidates = candidates;
        this.plain = plain;
        this.summarised = summarised;
    }

    /** A partnership working in a locality, with what the overlap parts compare. */
    record Candidate(
            String partnership,
            String label,
            String type,
            String typeNotation,
            String purpose,
            Set<String> localities,
            Set<String> domains,
            Set<String> members) {

        /** A Local Strategic Partnership: the umbrella to consult, not a partnership to compare. */
        boolean isUmbrella() {
            return "LSP".equals(typeNotation);
        }

        /** Its name and purpose, the text {@link Lexicon} compares. */
        String text() {
            return label + ". " + (purpose == null ? "" : purpose);
        }
    }

    /** Every partnership working in the locality (ended ones aside), umbrellas included. */
    List<Candidate> in(String locality) {
        QueryRunner from = summarised.getAsBoolean() ? candidates : plain;
        return from.select("gatekeeper-candidates", Map.of("locality", locality), Candidates::candidate);
    }

    /** The umbrella partnerships of the locality. */
    List<Umbrella> umbrellas(String locality) {
        return queries.select(
                "umbrella-partnerships",
                Map.of("locality", locality),
                b -> new Umbrella(b.get("partnership").getURI(), b.get("label").getLiteralLexicalForm()));
    }

    static Candidate candidate(Binding b) {
        return new Candidate(
                b.get("partnership").getURI(),
                b.get("label").getLiteralLexicalForm(),
                b.contains("type") ? b.get("type").getURI() : null,
                b.contains("typeNotation") ? b.get("typeNotation").getLiteralLexicalForm() : null,
                b.contains("purpose") ? b.get("purpose").getLiteralLexicalForm() : null,
                split(b, "localities"),
                split(b, "domains"),
                split(b, "members"));
    }

    /** A list the query joined, as a sorted set (so that both forms of the query give the same candidate). */
    private static Set<String> split(Binding b, String var) {
        if (!b.contains(var) || b.get(var).getLiteralLexicalForm().isEmpty()) {
            return Set.of();
        }
        return new TreeSet<>(Arrays.asList(b.get(var).getLiteralLexicalForm().split(SEPARATOR)));
    }
}
