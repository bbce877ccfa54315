package org.partnershipatlas.loaders.generate;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;
import org.apache.jena.sparql.engine.binding.Binding;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.partnershipatlas.loaders.Loader;
import org.partnershipatlas.loaders.store.AtlasStore;
import org.partnershipatlas.loaders.text.GuidanceCatalogue;
import org.partnershipatlas.ontology.AtlasIris;
import org.partnershipatlas.queries.QueryCatalogue;
import org.partnershipatlas.queries.QueryRunner;

/**
 * The guidance catalogue of the text index gives the facet counts and pages of its plain-SPARQL twin, the library
 * query {@code guidance-catalogue} (each facet counted over the rows the other chosen facets leave, as the portal has
 * always counted them), for no facet, each facet alone and combinations of two, three and four, walked page by page
 * forwards and back, and still does after a reload that changes the guidance.
 */
class GuidanceCatalogueIT {
    static final int PAGE = 17;

    @TempDir
    Path dir;

    /** A row of the twin: the entry and its facet values. */
    record Row(GuidanceCatalogue.Entry entry, Map<String, Set<String>> values) {}

    @Test
    void theCatalogueGivesTheTwinsCountsAndPagesBeforeAndAfterAReload() throws IOException {
        Path sources = dir.resolve("generated");
        GeneratorIT.generate(sources, 3, 15, 5);
        markSomeSupersededOrWithdrawn(sources.resolve("guidance.csv"));
        try (AtlasStore store = AtlasStore.open(dir.resolve("tdb2"))) {
            assertThat(Loader.into(store).sources(List.of(sources)).run().committed())
                    .isTrue();
            long before = assertSameAnswers(store);

            Path guidance = sources.resolve("guidance.csv");
            List<String> lines = Files.readAllLines(guidance);
            List<String> kept = new ArrayList<>();
            for (int i = 0; i < lines.size(); i++) {
                if (i == 0 || i % 3 != 0) {
                    kept.add(lines.get(i));
                }
            }
            Path changed = dir.resolve("changed");
            Files.createDirectories(changed);
            Files.write(changed.resolve("guidance.csv"), kept);
            assertThat(Loader.into(store).sources(List.of(changed)).run().committed())
                    .isTrue();
            assertThat(assertSameAnswers(store)).isLessThan(before);
        }
    }

    /**
     * Marks every seventh document superseded by the first (which the reload below keeps) and every eleventh
     * withdrawn, as a curator would: the catalogue must list current documents first, both ways.
     */
    static void markSomeSupersededOrWithdrawn(Path guidance) throws IOException {
        List<CSVRecord> records;
        List<String> header;
        try (Reader in = Files.newBufferedReader(guidance, StandardCharsets.UTF_8);
                CSVParser parser = CSVFormat.RFC4180.builder().setHeader().get().parse(in)) {
            header = parser.getHeaderNames();
            records = parser.getRecords();
        }
        StringBuilder out = new StringBuilder();
        try (CSVPrinter printer = new CSVPrinter(out, CSVFormat.RFC4180)) {
            printer.printRecord(header);
            String first = records.get(0).get("id");
            for (int i = 0; i < records.size(); i++) {
                Map<String, String> row = new LinkedHashMap<>(records.get(i).toMap());
                if (i % 7 == 3) {
                    row.put("status", "superseded");
                    row.put("replaced_by", first);
                } else if (i % 11 == 5) {
                    row.put("status", "withdrawn");
                }
                printer.printRecord(header.stream().map(row::get).toList());
            }
        }
        Files.writeString(guidance, out, StandardCharsets.UTF_8);
    }

    /** Compares counts and pages for several combinations of facets; returns the size of the whole catalogue. */
    static long assertSameAnswers(AtlasStore store) {
        QueryRunner queries = new QueryRunner(store.datasetGraph(), QueryCatalogue.load(), AtlasIris.DEFAULT);
        List<Row> rows = queries.select("guidance-catalogue", Map.of(), GuidanceCatalogueIT::row);
        assertThat(rows).hasSizeGreaterThan(100);
        assertThat(rows.stream().map(r -> r.entry().status()).distinct())
                .containsExactlyInAnyOrder("current", "superseded", "withdrawn");
        GuidanceCatalogue catalogue = store.textIndex().guidance();
        List<Map<String, String>> combinations = new ArrayList<>();
        combinations.add(Map.of());
        Map<String, String> commonest = new LinkedHashMap<>();
        for (String f : GuidanceCatalogue.FACETS) {
            String value = sortedCounts(counts(rows, Map.of(), f)).get(0).getKey();
            commonest.put(f, value);
            combinations.add(Map.of(f, value));
        }
        combinations.add(Map.of("domain", commonest.get("domain"), "source", "non-government"));
        combinations.add(Map.of("publisher", commonest.get("publisher"), "year", commonest.get("year")));
        combinations.add(Map.of(
                "domain", commonest.get("domain"), "source", commonest.get("source"), "year", commonest.get("year")));
        combinations.add(commonest);
        int compared = 0;
        for (Map<String, String> chosen : combinations) {
            List<GuidanceCatalogue.Entry> expected = rows.stream()
                    .filter(r -> matches(r, chosen, null))
                    .map(Row::entry)
                    .toList();
            // Facet counts: every value (a page holding them all), and the commonest five in order.
            GuidanceCatalogue.Result all = catalogue.page(chosen, null, false, PAGE, 1_000_000);
            GuidanceCatalogue.Result five = catalogue.page(chosen, null, false, PAGE, 5);
            for (String f : GuidanceCatalogue.FACETS) {
                Map<String, Long> counts = counts(rows, chosen, f);
                Map<String, Long> indexed = new TreeMap<>();
                all.facets().get(f).forEach(v -> indexed.put(v.value(), v.count()));
                assertThat(indexed).as("%s counts with %s", f, chosen).isEqualTo(counts);
                assertThat(five.facets().get(f).stream()
                                .map(v -> Map.entry(v.value(), v.count()))
                                .toList())
                        .as("commonest %s with %s", f, chosen)
                        .isEqualTo(sortedCounts(counts).stream().limit(5).toList());
                assertThat(five.valueCounts().get(f)).isEqualTo(counts.size());
            }
            assertThat(all.matching()).isEqualTo(expected.size());
            assertThat(all.total()).isEqualTo(rows.size());

            // Forwards page by page, then back from the end.
            List<GuidanceCatalogue.Result> pages = new ArrayList<>();
            GuidanceCatalogue.Entry after = null;
            List<GuidanceCatalogue.Entry> walked = new ArrayList<>();
            while (true) {
                GuidanceCatalogue.Result page = catalogue.page(chosen, after, false, PAGE, 3);
                pages.add(page);
                page.entries().forEach(e -> walked.add(keyAndStatus(e)));
                if (!page.more()) {
                    break;
                }
                assertThat(page.entries()).hasSize(PAGE);
                after = page.last();
            }
            assertThat(walked).as("pages with %s", chosen).isEqualTo(expected);
            for (int i = pages.size() - 1; i > 0; i--) {
                GuidanceCatalogue.Result back =
                        catalogue.page(chosen, pages.get(i).first(), true, PAGE, 3);
                assertThat(back.entries()).isEqualTo(pages.get(i - 1).entries());
                assertThat(back.more()).isEqualTo(i > 1);
            }
            compared += walked.size();
        }
        assertThat(compared).isGreaterThan(rows.size());
        String domain = commonest.get("domain");
        assertThat(catalogue.label("domain", domain)).isNotEqualTo(domain).isNotBlank();
        return rows.size();
    }

    static Row row(Binding b) {
        String year = b.contains("year") ? b.get("year").getLiteralLexicalForm() : "";
        String source = "true".equals(b.get("government").getLiteralLexicalForm())
                ? GuidanceCatalogue.GOVERNMENT
                : GuidanceCatalogue.NON_GOVERNMENT;
        Map<String, Set<String>> values = new HashMap<>();
        values.put("domain", split(b, "domains"));
        values.put("publisher", split(b, "publishers"));
        values.put("source", Set.of(source));
        values.put("year", year.isEmpty() ? Set.of() : Set.of(year));
        return new Row(
                new GuidanceCatalogue.Entry(
                        b.get("document").getURI(),
                        b.get("title").getLiteralLexicalForm(),
                        year,
                        "",
                        "",
                        b.get("status").getLiteralLexicalForm(),
                        b.contains("replacedBy") ? b.get("replacedBy").getURI() : ""),
                values);
    }

    /** An entry's key, status and replacement: what the query's row gives to compare with. */
    static GuidanceCatalogue.Entry keyAndStatus(GuidanceCatalogue.Entry e) {
        return new GuidanceCatalogue.Entry(e.document(), e.title(), e.year(), "", "", e.status(), e.replacedBy());
    }

    static Set<String> split(Binding b, String var) {
        if (!b.contains(var) || b.get(var).getLiteralLexicalForm().isBlank()) {
            return Set.of();
        }
        return Set.copyOf(Arrays.asList(b.get(var).getLiteralLexicalForm().split(" ")));
    }

    static boolean matches(Row r, Map<String, String> chosen, String except) {
        return chosen.entrySet().stream()
                .allMatch(e ->
                        e.getKey().equals(except) || r.values().get(e.getKey()).contains(e.getValue()));
    }

    static Map<String, Long> counts(List<Row> rows, Map<String, String> chosen, String facet) {
        Map<String, Long> counts = new TreeMap<>();
        rows.stream()
                .filter(r -> matches(r, chosen, facet))
                .forEach(r -> r.values().get(facet).forEach(v -> counts.merge(v, 1L, Long::sum)));
        return counts;
    }

    /** Most first, then by value (Lucene's order of equal counts). */
    static List<Map.Entry<String, Long>> sortedCounts(Map<String, Long> counts) {
        return counts.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder())
                        .thenComparing(Map.Entry.comparingByKey()))
                .map(e -> Map.entry(e.getKey(), e.getValue()))
                .toList();
    }
}
