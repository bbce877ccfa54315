package org.partnershipatlas.loaders.generate;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.jena.graph.Node;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.exec.QueryExec;
import org.apache.jena.system.Txn;
import org.apache.jena.tdb2.TDB2;
import org.apache.jena.vocabulary.RDF;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.partnershipatlas.loaders.BulkLoader;
import org.partnershipatlas.loaders.LoadReport;
import org.partnershipatlas.loaders.Loader;
import org.partnershipatlas.loaders.store.AtlasStore;
import org.partnershipatlas.loaders.validate.Validation;
import org.partnershipatlas.ontology.AtlasIris;
import org.partnershipatlas.ontology.AtlasOntology;
import org.partnershipatlas.ontology.PA;
import org.partnershipatlas.queries.precomputed.CasePages;
import org.partnershipatlas.queries.precomputed.GuidancePages;
import org.partnershipatlas.queries.precomputed.PlainComparison;
import org.partnershipatlas.queries.precomputed.Precomputed;

/**
 * Correctness at scale: on generated data, loaded by the bulk path and by the transactional one, every question
 * the library answers from precomputed graphs gives the answer of its plain form, for every locality and problem
 * domain, and still does after a reload that changes the data. The precomputed graphs conform to the shapes.
 *
 * <p>The bulk-loaded store is compared for every parameter value; the transactional store, before and after the
 * reload, for every third (a different third each time, and every locality), since the plain forms are slow and the
 * two loaders are shown elsewhere to give the same store ({@code BulkLoaderIT}).
 */
class PrecomputedIT {
    static final AtlasIris IRIS = AtlasIris.DEFAULT;

    @TempDir
    Path dir;

    Path generate() {
        Path out = dir.resolve("generated");
        GeneratorIT.generate(out, 4, 20, 7);
        moreCases(out, 130);
        welshTitles(out);
        return out;
    }

    /**
     * {@code n} more cases on volume crime (a source of its own), so that the domains above it have more cases than
     * a page: the generated data at this size has a few on each domain.
     */
    static void moreCases(Path sources, int n) {
        try {
            String locality = Files.readAllLines(sources.resolve("localities.csv"))
                    .get(1)
                    .replace("\uFEFF", "")
                    .split(",", 2)[0];
            StringBuilder csv = new StringBuilder(Files.readAllLines(sources.resolve("cases.csv"))
                            .get(0)
                            .replace("\uFEFF", ""))
                    .append('\n');
            for (int i = 1; i <= n; i++) {
                csv.append(String.format(
                        "more-case-%03d,Case %03d on volume crime,,cdrp,%s,volume-crime,,What was done.,What came of it.,2003,,true%n",
                        (i * 37) % n, i, locality));
            }
            Files.writeString(sources.resolve("more.cases.csv"), csv);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /**
     * A Welsh title for every seventh guidance document and case (a source of its own), sorting after the English
     * ones: each such document or case has two rows in the guidance lists or its domains' cases, often on different
     * pages.
     */
    static void welshTitles(Path sources) {
        try {
            StringBuilder ttl = new StringBuilder("@prefix dcterms: <http://purl.org/dc/terms/> .\n");
            welshTitles(sources.resolve("guidance.csv"), "guidance", "Zzz canllaw ", ttl);
            welshTitles(sources.resolve("cases.csv"), "case", "Zzz astudiaeth ", ttl);
            Files.writeString(sources.resolve("welsh-titles.ttl"), ttl);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static void welshTitles(Path csv, String type, String words, StringBuilder ttl) throws IOException {
        List<String> lines = Files.readAllLines(csv);
        for (int i = 1; i < lines.size(); i += 7) {
            String id = lines.get(i).replace("\uFEFF", "").split(",", 2)[0];
            ttl.append("<")
                    .append(IRIS.id(type, id))
                    .append("> dcterms:title \"")
                    .append(words)
                    .append(id)
                    .append("\"@cy .\n");
        }
    }

    @Test
    void bulkLoadPrecomputedAnswersEqualThePlainQueries() {
        Path sources = generate();
        LoadReport report = BulkLoader.into(dir.resolve("bulk/tdb2"))
                .sources(List.of(sources))
                .strategy(BulkLoader.Strategy.PARALLEL)
                .run();
        assertThat(report.committed()).as("%s", report.violations()).isTrue();
        try (AtlasStore store = AtlasStore.open(dir.resolve("bulk/tdb2"))) {
            assertSameAnswers(store.datasetGraph(), 1, 0);
        }
    }

    @Test
    void aReloadThatChangesTheDataKeepsThePrecomputedAnswersInStep() throws IOException {
        Path sources = generate();
        try (AtlasStore store = AtlasStore.open(dir.resolve("tx/tdb2"))) {
            assertThat(Loader.into(store).sources(List.of(sources)).run().committed())
                    .isTrue();
            DatasetGraph dsg = store.datasetGraph();
            long before = overlaps(dsg);
            assertSameAnswers(dsg, 3, 0);

            // Drop every other membership and reload that source alone: shared members change, pairs may go.
            Path memberships = sources.resolve("memberships.csv");
            List<String> lines = Files.readAllLines(memberships);
            List<String> kept = new ArrayList<>();
            for (int i = 0; i < lines.size(); i++) {
                if (i == 0 || i % 2 == 1) {
                    kept.add(lines.get(i));
                }
            }
            Path changed = dir.resolve("changed");
            Files.createDirectories(changed);
            Files.write(changed.resolve("memberships.csv"), kept);
            assertThat(Loader.into(store).sources(List.of(changed)).run().committed())
                    .isTrue();
            assertSameAnswers(dsg, 3, 1);
            assertThat(sharedMembers(dsg)).isLessThan(sharedMembersBefore);
            assertThat(overlaps(dsg)).isEqualTo(before); // domains did not change, so neither did the pairs
        }
    }

    /** The question whose answers are also stored in pages. */
    static final String PAGED = "overlapping-partnerships";

    /** The question of a domain's cases, stored in pages per domain. */
    static final String CASES = "best-practice-cases-in-domain";

    long sharedMembersBefore = Long.MAX_VALUE;

    /** Compares the values at {@code first}, {@code first + stride}, ... of each parameter (every locality always). */
    void assertSameAnswers(DatasetGraph dsg, int stride, int first) {
        PlainComparison comparison = new PlainComparison(dsg, IRIS);
        List<String> localities = column(dsg, "SELECT ?x { ?x a pa:Locality }");
        List<String> domains = column(dsg, "SELECT ?x { ?x a pa:ProblemDomain ; skos:topConceptOf ?s }");
        List<String> allDomains = column(dsg, "SELECT ?x { ?x a pa:ProblemDomain }");
        List<String> partnerships = column(dsg, "SELECT ?x { ?x a pa:Partnership }");
        List<String> organisations = column(dsg, "SELECT DISTINCT ?x { ?m org:member ?x }");
        assertThat(localities).hasSizeGreaterThanOrEqualTo(4);
        assertThat(domains).hasSizeGreaterThan(3);
        assertThat(allDomains).hasSizeGreaterThan(domains.size());
        assertThat(partnerships).hasSizeGreaterThanOrEqualTo(80);
        assertThat(organisations).hasSizeGreaterThan(50);
        int rows = 0;
        for (String name : comparison.names()) {
            if (name.equals(PAGED) || name.equals(CASES) || GuidancePages.LISTS.contains(name)) {
                continue; // below, with its pages, from one run of its plain form
            }
            List<Map<String, String>> all = values(name, localities, domains, allDomains, partnerships, organisations);
            boolean few = all.size() <= localities.size(); // per locality, or no parameter: all of them
            for (int i = few ? 0 : first; i < all.size(); i += few ? 1 : stride) {
                Map<String, String> values = all.get(i);
                PlainComparison.Outcome outcome = comparison.compare(name, values);
                assertThat(outcome.differences()).as("%s %s", name, values).isEmpty();
                rows += outcome.libraryRows();
            }
        }
        // A locality's overlaps, whole, and each stored page as the plain answer's rows cut out by limit and offset.
        int pages = 0;
        for (String locality : localities) {
            PlainComparison.Paged paged =
                    comparison.comparePaged(PAGED, Map.of("locality", locality), Precomputed.PAGE);
            assertThat(paged.whole().differences()).as("%s %s", PAGED, locality).isEmpty();
            rows += paged.whole().libraryRows();
            List<PlainComparison.Outcome> outcomes = paged.pages();
            for (int page = 1; page <= outcomes.size(); page++) {
                PlainComparison.Outcome outcome = outcomes.get(page - 1);
                assertThat(outcome.differences())
                        .as("%s page %d", locality, page)
                        .isEmpty();
                assertThat(outcome.libraryRows()).isPositive();
                pages++;
            }
        }
        assertThat(pages).as("pages compared").isGreaterThanOrEqualTo(localities.size());
        // The guidance lists, whole and each stored page, as the plain answer's rows cut into pages.
        for (String list : GuidancePages.LISTS) {
            PlainComparison.Paged paged = comparison.comparePaged(list, Map.of(), GuidancePages.PAGE);
            assertThat(paged.whole().differences()).as(list).isEmpty();
            assertThat(paged.pages()).as("%s pages", list).hasSizeGreaterThan(2);
            for (int page = 1; page <= paged.pages().size(); page++) {
                PlainComparison.Outcome outcome = paged.pages().get(page - 1);
                assertThat(outcome.differences()).as("%s page %d", list, page).isEmpty();
                assertThat(outcome.libraryRows()).isPositive();
                rows += outcome.libraryRows();
            }
        }
        // Each problem domain's cases, whole and each stored page, as the plain answer's rows cut into pages.
        int casePages = 0;
        int mostPages = 0;
        for (String domain : allDomains) {
            PlainComparison.Paged paged = comparison.comparePaged(CASES, Map.of("domain", domain), CasePages.PAGE);
            assertThat(paged.whole().differences()).as("%s %s", CASES, domain).isEmpty();
            for (int page = 1; page <= paged.pages().size(); page++) {
                PlainComparison.Outcome outcome = paged.pages().get(page - 1);
                assertThat(outcome.differences()).as("%s page %d", domain, page).isEmpty();
                assertThat(outcome.libraryRows()).isPositive();
                rows += outcome.libraryRows();
                casePages++;
            }
            mostPages = Math.max(mostPages, paged.pages().size());
        }
        assertThat(casePages).as("pages of cases").isGreaterThan(20);
        assertThat(mostPages).as("pages of the domain with most cases").isGreaterThanOrEqualTo(3);
        for (String rowClass : List.of("pa:GuidanceRow", "pa:CaseRow")) {
            assertThat(column(
                            dsg,
                            "SELECT DISTINCT ?x { ?a a " + rowClass + " ; pa:rowOf ?x . ?p pa:pageItem ?a ."
                                    + " ?b pa:rowOf ?x . ?q pa:pageItem ?b FILTER(?p != ?q) }"))
                    .as("documents or cases with rows on two pages (%s)", rowClass)
                    .isNotEmpty();
        }
        assertThat(rows).as("rows compared").isGreaterThan(2000 / stride);
        Validation.Findings findings = Txn.calculateRead(
                dsg,
                () -> new Validation(AtlasOntology.shapes(), 10).validateGraph(dsg, Precomputed.overlapsGraph(IRIS)));
        assertThat(findings.violations())
                .as("the overlaps conform to their shape")
                .isEmpty();
        assertThat(findings.focusNodes()).isGreaterThan(50);
        Validation.Findings pageFindings = Txn.calculateRead(
                dsg,
                () -> new Validation(AtlasOntology.shapes(), 10)
                        .validateGraph(dsg, Precomputed.guidancePagesGraph(IRIS)));
        assertThat(pageFindings.violations())
                .as("the guidance pages conform to their shape")
                .isEmpty();
        assertThat(pageFindings.focusNodes()).isGreaterThan(10);
        Validation.Findings caseFindings = Txn.calculateRead(
                dsg,
                () -> new Validation(AtlasOntology.shapes(), 10).validateGraph(dsg, Precomputed.casePagesGraph(IRIS)));
        assertThat(caseFindings.violations())
                .as("the pages of cases conform to their shape")
                .isEmpty();
        assertThat(caseFindings.focusNodes()).isGreaterThan(10);
        if (sharedMembersBefore == Long.MAX_VALUE) {
            sharedMembersBefore = sharedMembers(dsg);
        }
    }

    static List<Map<String, String>> values(
            String name,
            List<String> localities,
            List<String> domains,
            List<String> allDomains,
            List<String> partnerships,
            List<String> organisations) {
        List<Map<String, String>> all = new ArrayList<>();
        switch (name) {
            case "overlapping-partnerships", "domains-in-locality", "gatekeeper-candidates" ->
                localities.forEach(l -> all.add(Map.of("locality", l)));
            case "guidance-for-domain", "localities-for-domain" ->
                allDomains.forEach(d -> all.add(Map.of("domain", d)));
            case "guidance-for-partnership", "overlaps-of-partnership" ->
                partnerships.forEach(p -> all.add(Map.of("partnership", p)));
            case "guidance-for-organisation" -> organisations.forEach(o -> all.add(Map.of("organisation", o)));
            case "proliferation-by-domain" -> {
                all.add(Map.of());
                domains.forEach(d -> all.add(Map.of("domain", d)));
            }
            default -> all.add(new HashMap<>());
        }
        return all;
    }

    static List<String> column(DatasetGraph dsg, String select) {
        String q = AtlasOntology.sparqlPrefixes() + select;
        return Txn.calculateRead(dsg, () -> {
            List<String> values = new ArrayList<>();
            try (QueryExec qe = QueryExec.dataset(dsg)
                    .query(q)
                    .set(TDB2.symUnionDefaultGraph, true)
                    .build()) {
                qe.select().forEachRemaining(b -> values.add(b.get("x").getURI()));
            }
            return values;
        });
    }

    static long overlaps(DatasetGraph dsg) {
        Node graph = Precomputed.overlapsGraph(IRIS);
        return Txn.calculateRead(
                dsg,
                () -> dsg.stream(graph, Node.ANY, RDF.type.asNode(), PA.PartnershipOverlap.asNode())
                        .count());
    }

    static long sharedMembers(DatasetGraph dsg) {
        Node graph = Precomputed.overlapsGraph(IRIS);
        return Txn.calculateRead(
                dsg,
                () -> dsg.stream(graph, Node.ANY, PA.sharedMemberCount.asNode(), Node.ANY)
                        .mapToLong(q -> Long.parseLong(q.getObject().getLiteralLexicalForm()))
                        .sum());
    }
}
