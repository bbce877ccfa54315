package org.partnershipatlas.endpoint;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.engine.binding.Binding;
import org.apache.jena.system.Txn;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.partnershipatlas.gatekeeper.CheckResult;
import org.partnershipatlas.gatekeeper.Decisions;
import org.partnershipatlas.gatekeeper.Gatekeeper;
import org.partnershipatlas.gatekeeper.GatekeeperConfig;
import org.partnershipatlas.gatekeeper.Proposal;
import org.partnershipatlas.loaders.Loader;
import org.partnershipatlas.loaders.generate.Generator;
import org.partnershipatlas.loaders.store.AtlasStore;
import org.partnershipatlas.loaders.store.StoreVersion;
import org.partnershipatlas.ontology.AtlasIris;
import org.partnershipatlas.queries.QueryCatalogue;
import org.partnershipatlas.queries.QueryRunner;
import org.partnershipatlas.queries.precomputed.PlainComparison;
import org.partnershipatlas.queries.precomputed.Precomputed;

/**
 * The gatekeeper's candidate summaries and the stored pages of overlaps against their plain twins, on generated data
 * dense enough for several pages of overlaps per locality: the check of proposals made from the data gives the same
 * result (recommendation, rule, overlaps with their scores, parts and reasons) whether it reads the summaries or the
 * data itself, and {@code gatekeeper-candidates} and each page of {@code overlapping-partnerships} give the plain
 * forms' answers, after the load, after a reload that changes the memberships and after a gatekeeper decision; and a
 * gatekeeper kept across those states, as a server keeps one, answers as the fresh ones do.
 */
class CandidateSummariesIT {
    static final AtlasIris IRIS = AtlasIris.DEFAULT;

    @TempDir
    Path dir;

    @Test
    void theCheckGivesTheSameAnswersFromTheSummariesAsFromTheData() throws IOException {
        Path sources = dir.resolve("generated");
        Generator.to(sources)
                .localities(3)
                .partnershipsPerLocality(40)
                .seed(5)
                .schemes(SampleData.directory().resolve("schemes"))
                .run();
        try (AtlasStore store = AtlasStore.open(dir.resolve("tdb2"))) {
            DatasetGraph dsg = store.datasetGraph();
            assertThat(Loader.into(store).sources(List.of(sources)).run().committed())
                    .isTrue();
            // As a server's: kept across the states below, its lexicon and candidates keyed by the loaded data's
            // version.
            Gatekeeper serving =
                    new Gatekeeper(dsg, QueryCatalogue.load(), IRIS, GatekeeperConfig.defaults(), StoreVersion::of);
            CheckResult sample = assertSameAnswers(dsg, serving, "after the load");

            // Drop every other membership and reload that source alone: members and their rarity change.
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
            assertSameAnswers(dsg, serving, "after a reload");

            String decision = new Decisions(dsg, IRIS)
                    .record(sample, "approved", List.of(), "gatekeeper", "Approved after the check.");
            assertThat(decision).startsWith(IRIS.idSpace() + "decision/");
            assertSameAnswers(dsg, serving, "after a decision");
        }
    }

    /**
     * Compares both ways for every locality, and {@code serving} (a gatekeeper that has seen the earlier states) with
     * both; returns a check that found overlaps (to decide on).
     */
    static CheckResult assertSameAnswers(DatasetGraph dsg, Gatekeeper serving, String when) {
        PlainComparison comparison = new PlainComparison(dsg, IRIS);
        QueryRunner plain = new QueryRunner(dsg, QueryCatalogue.plain(), IRIS);
        // New gatekeepers for each state of the data: each computes its lexicon once.
        Gatekeeper summaries = new Gatekeeper(dsg, QueryCatalogue.load(), IRIS, GatekeeperConfig.defaults());
        Gatekeeper data = summaries.readingThePlainData();
        List<String> localities = Txn.calculateRead(
                dsg,
                () -> plain.select("partnerships-per-locality", Map.of()).bindings().stream()
                        .map(b -> b.get("locality").getURI())
                        .toList());
        assertThat(localities).as(when).hasSize(3);
        int checks = 0;
        int withOverlaps = 0;
        int pages = 0;
        CheckResult sample = null;
        for (String locality : localities) {
            PlainComparison.Outcome candidates =
                    comparison.compare("gatekeeper-candidates", Map.of("locality", locality));
            assertThat(candidates.differences())
                    .as("%s: candidates in %s", when, locality)
                    .isEmpty();
            assertThat(candidates.libraryRows()).as(when).isGreaterThan(30);

            List<PlainComparison.Outcome> outcomes =
                    comparison.comparePages("overlapping-partnerships", Map.of("locality", locality), Precomputed.PAGE);
            for (int page = 1; page <= outcomes.size(); page++, pages++) {
                assertThat(outcomes.get(page - 1).differences())
                        .as("%s: page %d of %s", when, page, locality)
                        .isEmpty();
            }

            List<Binding> rows = Txn.calculateRead(
                    dsg,
                    () -> plain.select("gatekeeper-candidates", Map.of("locality", locality))
                            .bindings());
            for (int i = 0; i < rows.size(); i += 4) {
                for (Proposal p : proposals(rows.get(i), locality)) {
                    CheckResult fromSummaries = summaries.check(p);
                    CheckResult fromData = data.check(p);
                    assertThat(essentials(fromSummaries)).as("%s: %s", when, p).isEqualTo(essentials(fromData));
                    assertThat(essentials(serving.check(p)))
                            .as("%s, kept gatekeeper: %s", when, p)
                            .isEqualTo(essentials(fromData));
                    checks++;
                    if (!fromSummaries.overlaps().isEmpty()) {
                        withOverlaps++;
                        sample = sample == null ? fromSummaries : sample;
                    }
                }
            }
        }
        assertThat(pages)
                .as("%s: pages compared (more than one in a locality)", when)
                .isGreaterThan(localities.size());
        assertThat(checks).as(when).isGreaterThan(40);
        assertThat(withOverlaps).as(when).isGreaterThan(checks / 2);
        return sample;
    }

    /** Proposals made from a partnership of the data: as it is, with a newcomer, and on one of its domains. */
    static List<Proposal> proposals(Binding row, String locality) {
        List<String> domains = split(row, "domains");
        List<String> members = split(row, "members");
        if (domains.isEmpty()) {
            return List.of();
        }
        String label = row.get("label").getLiteralLexicalForm();
        String purpose = row.contains("purpose") ? row.get("purpose").getLiteralLexicalForm() : "";
        String type = row.contains("type") ? row.get("type").getURI() : null;
        return List.of(
                new Proposal(label + " (again)", purpose, List.of(locality), domains, members, List.of(), type),
                new Proposal(
                        "A new " + label,
                        "Working together on " + purpose,
                        List.of(locality),
                        domains.subList(0, 1),
                        members.subList(0, Math.min(2, members.size())),
                        List.of("A new residents' group"),
                        null));
    }

    static List<String> split(Binding row, String var) {
        String joined = row.get(var).getLiteralLexicalForm();
        return joined.isEmpty() ? List.of() : List.of(joined.split("; "));
    }

    /** All of a result but the time it was made. */
    static String essentials(CheckResult r) {
        return String.join(
                "\n",
                r.recommendation(),
                r.recommendationText(),
                r.rule(),
                String.valueOf(r.target()),
                r.overlaps().toString(),
                r.umbrellas().toString(),
                r.resolved().toString(),
                r.proposal().toString());
    }
}
