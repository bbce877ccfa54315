package org.partnershipatlas.gatekeeper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.riot.Lang;
import org.apache.jena.riot.RDFParser;
import org.apache.jena.shacl.ShaclValidator;
import org.apache.jena.shacl.ValidationReport;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.graph.GraphFactory;
import org.apache.jena.system.Txn;
import org.apache.jena.tdb2.DatabaseMgr;
import org.apache.jena.tdb2.TDB2;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.partnershipatlas.gatekeeper.CheckResult.Overlap;
import org.partnershipatlas.ontology.AtlasIris;
import org.partnershipatlas.ontology.AtlasOntology;
import org.partnershipatlas.queries.QueryCatalogue;
import org.partnershipatlas.queries.QueryRunner;
import org.partnershipatlas.queries.precomputed.Precomputed;

/** The gatekeeper on a hand-written dataset with known answers: rankings and recommendations, not just output. */
class GatekeeperTest {
    static final AtlasIris IRIS = AtlasIris.DEFAULT;
    static DatasetGraph dsg;
    static Gatekeeper gatekeeper;
    static ProposalReader reader = new ProposalReader(IRIS);

    @BeforeAll
    static void load() {
        dsg = DatabaseMgr.createDatasetGraph();
        dsg.getContext().set(TDB2.symUnionDefaultGraph, true);
        Txn.executeWrite(
                dsg,
                () -> RDFParser.source(GatekeeperTest.class.getResourceAsStream(
                                "/org/partnershipatlas/gatekeeper/gatekeeper-fixture.trig"))
                        .lang(Lang.TRIG)
                        .parse(dsg));
        // As every load does: the candidate summaries the check reads.
        Txn.executeWrite(dsg, () -> Precomputed.rebuild(dsg, IRIS));
        gatekeeper = new Gatekeeper(dsg, QueryCatalogue.load(), IRIS, GatekeeperConfig.defaults());
    }

    static String p(String slug) {
        return IRIS.id("partnership", slug);
    }

    static List<String> ranking(CheckResult r) {
        return r.overlaps().stream().map(Overlap::partnership).toList();
    }

    @Test
    void findsTheDuplicatesAndRecommendsJoining() {
        CheckResult r = gatekeeper.check(reader.fromJson("""
                {"title": "Testborough Burglary Task Force", "purpose": "Reduce burglary on Testborough's estates.",
                 "localities": ["testborough"], "domains": ["volume-crime"],
                 "members": ["tb-council", "tb-police", "tb-pct"], "newMembers": ["Testborough Neighbourhood Watch"]}
                """));
        assertThat(ranking(r).subList(0, 2)).containsExactlyInAnyOrder(p("tb-csp"), p("tb-safer-streets"));
        // The topical gate: the drug action team shares the locality and members but no domain and no purpose.
        assertThat(ranking(r)).doesNotContain(p("tb-dat"), p("tb-old-srb"), p("nv-csp"), p("tb-lsp"));
        Overlap top = r.overlaps().get(0);
        assertThat(top.score()).isGreaterThanOrEqualTo(0.5);
        assertThat(r.recommendation()).isEqualTo("join");
        assertThat(r.target()).isEqualTo(top.partnership());
        assertThat(r.rule()).contains("threshold.join");
        assertThat(r.umbrellas()).extracting(CheckResult.Umbrella::partnership).containsExactly(p("tb-lsp"));
        assertThat(top.reasons())
                .anySatisfy(s -> assertThat(s).contains("Volume crime"))
                .anySatisfy(s -> assertThat(s).contains("3 of 4 proposed members"))
                .anySatisfy(s -> assertThat(s).contains("burglary"));
    }

    @Test
    void theAnalysedTextsKeptGiveTheSimilaritiesOfTextsAnalysedAfresh() {
        Txn.executeRead(dsg, () -> {
            Lexicon lexicon = gatekeeper.lexicon();
            QueryRunner runner = new QueryRunner(dsg, QueryCatalogue.load(), IRIS);
            List<Candidates.Candidate> candidates = new ArrayList<>();
            for (String locality : List.of("testborough", "neighbourville")) {
                candidates.addAll(runner.select(
                        "gatekeeper-candidates",
                        Map.of("locality", IRIS.id("locality", locality)),
                        Candidates::candidate));
            }
            assertThat(candidates).hasSizeGreaterThan(5);
            Lexicon.Text proposal = lexicon.analyse(
                    "Reduce burglary and car crime on the estates, and get young offenders into drug treatment.");
            // Every candidate's text was analysed as the lexicon was made: the check finds it kept, adds none.
            int kept = lexicon.vectorsKept();
            int similar = 0;
            for (Candidates.Candidate c : candidates) {
                Lexicon.Text afresh = lexicon.partnership(c.text(), c.domains());
                Lexicon.Vector vector = lexicon.vector(c.partnership(), c.text(), c.domains());
                assertThat(lexicon.vector(c.partnership(), c.text(), c.domains()))
                        .isSameAs(vector);
                // The same double, not merely close: a last-bit difference could reorder overlaps of equal score.
                assertThat(lexicon.similarity(proposal, vector))
                        .as(c.partnership())
                        .isEqualTo(lexicon.similarity(proposal, afresh));
                assertThat(lexicon.similarity(proposal, lexicon.vectorAfresh(c.text(), c.domains())))
                        .isEqualTo(lexicon.similarity(proposal, afresh));
                assertThat(lexicon.shared(proposal, vector, 6)).isEqualTo(lexicon.shared(proposal, afresh, 6));
                similar += lexicon.similarity(proposal, afresh) > 0 ? 1 : 0;
            }
            assertThat(similar).as("candidates with some similarity").isGreaterThan(2);
            assertThat(lexicon.vectorsKept()).isEqualTo(kept);

            // A vector is only used for the text and domains it was made from.
            Candidates.Candidate first = candidates.get(0);
            Lexicon.Vector changed = lexicon.vector(first.partnership(), "Cut burglary.", first.domains());
            assertThat(changed.madeFrom("Cut burglary.", first.domains())).isTrue();
            assertThat(changed.madeFrom(first.text(), first.domains())).isFalse();
            assertThat(lexicon.similarity(proposal, changed))
                    .isEqualTo(lexicon.similarity(proposal, lexicon.partnership("Cut burglary.", first.domains())));
            Lexicon.Vector noDomains = lexicon.vector(first.partnership(), first.text(), List.of());
            assertThat(noDomains.madeFrom(first.text(), List.of())).isTrue();
            assertThat(noDomains.madeFrom(first.text(), first.domains())).isFalse();
        });
    }

    @Test
    void theLookUpsReadTheCandidatesTheLibraryQueryAnswers() {
        Txn.executeRead(dsg, () -> {
            QueryRunner library = new QueryRunner(dsg, QueryCatalogue.load(), IRIS);
            QueryRunner plain = new QueryRunner(dsg, QueryCatalogue.plain(), IRIS);
            Candidates lookUps = new Candidates(dsg, Precomputed.candidatesGraph(IRIS), plain, false);
            Candidates fromData = new Candidates(dsg, Precomputed.candidatesGraph(IRIS), plain, true);
            for (String slug : List.of("testborough", "neighbourville")) {
                String locality = IRIS.id("locality", slug);
                List<Candidates.Candidate> queried =
                        library.select("gatekeeper-candidates", Map.of("locality", locality), Candidates::candidate);
                assertThat(queried).as(slug).isNotEmpty();
                // Same candidates in the same order: the order breaks ties between overlaps of equal score.
                assertThat(lookUps.in(locality)).as(slug).isEqualTo(queried);
                assertThat(fromData.in(locality)).as(slug).isEqualTo(queried);
                // The umbrellas are the LSPs among them, as the umbrella-partnerships query names them.
                assertThat(Candidates.umbrellas(lookUps.in(locality)))
                        .as(slug)
                        .isEqualTo(library.select(
                                "umbrella-partnerships",
                                Map.of("locality", locality),
                                b -> new CheckResult.Umbrella(
                                        b.get("partnership").getURI(),
                                        b.get("label").getLiteralLexicalForm())));
            }
            assertThat(Candidates.umbrellas(lookUps.in(IRIS.id("locality", "testborough"))))
                    .extracting(CheckResult.Umbrella::partnership)
                    .containsExactly(p("tb-lsp"));
        });
    }

    @Test
    void aStoreWithoutTheCandidateSummariesIsCheckedFromTheDataItself() {
        String json = """
                {"title": "Testborough Burglary Task Force", "purpose": "Reduce burglary on Testborough's estates.",
                 "localities": ["testborough"], "domains": ["volume-crime"],
                 "members": ["tb-council", "tb-police", "tb-pct"]}
                """;
        CheckResult withSummaries = gatekeeper.check(reader.fromJson(json));
        assertThat(withSummaries.overlaps()).isNotEmpty();
        // A store loaded by a version before the summaries: the graph is missing until the next load.
        DatasetGraph old = DatabaseMgr.createDatasetGraph();
        old.getContext().set(TDB2.symUnionDefaultGraph, true);
        Node summaries = Precomputed.candidatesGraph(IRIS);
        Txn.executeWrite(
                old,
                () -> Txn.executeRead(
                        dsg,
                        () -> dsg.find().forEachRemaining(q -> {
                            if (!q.getGraph().equals(summaries)) {
                                old.add(q);
                            }
                        })));
        CheckResult without = new Gatekeeper(old, QueryCatalogue.load(), IRIS, GatekeeperConfig.defaults())
                .check(reader.fromJson(json));
        assertThat(ranking(without)).isEqualTo(ranking(withSummaries));
        assertThat(without.recommendation()).isEqualTo(withSummaries.recommendation());
    }

    @Test
    void aPartnershipOfFewerThanThreeOrganisationsGoesToASingleOrganisation() {
        CheckResult r = gatekeeper.check(reader.fromJson("""
                {"title": "Testborough Youth Bus", "purpose": "Run a bus to take young people to activities.",
                 "localities": ["testborough"], "domains": ["road-safety"], "members": ["tb-council"],
                 "newMembers": ["Testborough Youth Club"]}
                """));
        assertThat(r.recommendation()).isEqualTo("single-organisation");
        assertThat(r.rule()).contains("fewer than 3");
    }

    @Test
    void oneSectorOnlyGoesToASingleOrganisation() {
        CheckResult r = gatekeeper.check(reader.fromJson("""
                {"title": "Testborough Road Safety Group", "purpose": "Cut road casualties near schools.",
                 "localities": ["testborough"], "domains": ["road-safety"], "members": ["tb-council", "tb-police", "tb-pct"]}
                """));
        assertThat(r.recommendation()).isEqualTo("single-organisation");
        assertThat(r.rule()).contains("one sector").contains("Public sector");
    }

    @Test
    void noOverlapProceeds() {
        CheckResult r = gatekeeper.check(reader.fromJson("""
                {"title": "Testborough Road Safety Forum", "purpose": "Cut child road casualties near schools.",
                 "localities": ["testborough"], "domains": ["road-safety"], "members": ["tb-chamber", "tb-tenants"],
                 "newMembers": ["Testborough Schools Road Safety Group"]}
                """));
        assertThat(r.recommendation()).isEqualTo("proceed");
        assertThat(r.overlaps()).allSatisfy(o -> assertThat(o.score()).isLessThan(0.25));
        assertThat(r.recommendationText()).contains("Testborough Together");
    }

    @Test
    void partialOverlapMeansConsultTheUmbrellaFirstAndRelatedDomainsCountLess() {
        CheckResult r = gatekeeper.check(reader.fromJson("""
                {"title": "Testborough Anti-Social Behaviour Panel",
                 "purpose": "Tackle anti-social behaviour on the estates.",
                 "localities": ["testborough"], "domains": ["crime-and-community-safety"],
                 "members": ["tb-tenants", "tb-chamber"], "newMembers": ["Testborough Community & Voluntary Service"]}
                """));
        assertThat(r.recommendation()).isEqualTo("consult");
        Overlap top = r.overlaps().get(0);
        assertThat(List.of(p("tb-csp"), p("tb-safer-streets"))).contains(top.partnership());
        assertThat(top.parts().domain()).isEqualTo(0.5);
        assertThat(top.reasons())
                .anySatisfy(s -> assertThat(s).contains("narrower than the proposed Crime and community safety"));
        // "Community & Voluntary Service" is the CVS the partnership already has, by another spelling: the Atlas
        // knows it, so it counts as that member, and the check says so.
        assertThat(top.sharedMembers()).contains(IRIS.id("organisation", "tb-cvs"));
        assertThat(r.resolved()).anySatisfy(s -> assertThat(s).contains("Testborough Community and Voluntary Service"));
    }

    @Test
    void badProposalsSayWhatToFix() {
        assertThatThrownBy(() -> gatekeeper.check(reader.fromJson("""
                {"title": "X", "purpose": "Y", "localities": ["atlantis"], "domains": ["volume-crime"]}
                """)))
                .isInstanceOf(ProposalException.class)
                .hasMessageContaining("localities")
                .hasMessageContaining("atlantis");
        assertThatThrownBy(() -> gatekeeper.check(reader.fromJson("""
                {"title": "X", "purpose": "Y", "localities": ["testborough"]}
                """))).hasMessageContaining("domains");
        assertThatThrownBy(() -> reader.fromJson("{\"title\": \"X\", ")).hasMessageContaining("not valid JSON");
        assertThatThrownBy(() -> reader.fromJson("{\"title\": \"X\", \"colour\": \"red\"}"))
                .hasMessageContaining("colour");
        // Every problem at once, each naming its field.
        assertThatThrownBy(() -> gatekeeper.check(reader.fromJson("{\"localities\": [\"a b\"]}")))
                .isInstanceOfSatisfying(
                        ProposalException.class,
                        e -> assertThat(e.problems())
                                .extracting(ProposalException.Problem::field)
                                .containsExactly("title", "domains", "localities"));
        assertThatThrownBy(() -> gatekeeper.check(reader.fromJson("""
                {"title": "X", "purpose": "Y", "localities": ["testborough"], "domains": ["tb-council"]}
                """))).hasMessageContaining("not a problem domain");
    }

    @Test
    void readsAProposalInTurtle() {
        Proposal p = reader.fromRdf("""
                @prefix pa: <https://w3id.org/partnership-atlas/def#> .
                @prefix dcterms: <http://purl.org/dc/terms/> .
                <id/proposal/x> a pa:PartnershipProposal ; dcterms:title "T" ; dcterms:description "D" ;
                    pa:proposedLocality <id/locality/testborough> ; pa:proposedDomain <id/problem-domain/volume-crime> ;
                    pa:proposedMember <id/organisation/tb-council> ; pa:proposedMemberName "New Body" .
                """, Lang.TURTLE);
        assertThat(p.localities()).containsExactly(IRIS.id("locality", "testborough"));
        assertThat(p.newMembers()).containsExactly("New Body");
    }

    @Test
    void theCheckAsRdfConformsToTheShapesAndAsJsonNamesTheRule() {
        CheckResult r = gatekeeper.check(reader.fromJson("""
                {"title": "Testborough Burglary Task Force", "purpose": "Reduce burglary.",
                 "localities": ["testborough"], "domains": ["volume-crime"], "members": ["tb-council", "tb-police", "tb-pct"]}
                """));
        Graph g = CheckDocuments.rdf(r, CheckDocuments.Iris.mint(IRIS));
        Graph data = GraphFactory.createDefaultGraph();
        AtlasOntology.graph().find().forEach(data::add);
        Txn.executeRead(dsg, () -> dsg.getUnionGraph().find().forEach(data::add));
        g.find().forEach(data::add);
        ValidationReport report = ShaclValidator.get().validate(AtlasOntology.shapes(), data);
        assertThat(report.getEntries().stream()
                        .filter(e -> e.focusNode().getURI() != null
                                && (e.focusNode().getURI().contains("/id/check/")
                                        || e.focusNode().getURI().contains("/id/proposal/"))))
                .isEmpty();
        String json = CheckDocuments.json(r).toString();
        assertThat(json).contains("\"recommendation\" : \"join\"").contains("threshold.join");
    }

    @Test
    void namesAreResolvedAndTheCheckSaysWhich() {
        CheckResult r = gatekeeper.check(reader.fromJson("""
                {"title": "Testborough Burglary Task Force", "purpose": "Reduce burglary on the estates.",
                 "localities": ["Testborough"], "domains": ["Volume Crime"],
                 "members": ["Testborough Borough Council", "testshire police", "tb-pct"]}
                """));
        assertThat(r.proposal().localities()).containsExactly(IRIS.id("locality", "testborough"));
        assertThat(r.proposal().domains()).containsExactly(IRIS.id("problem-domain", "volume-crime"));
        assertThat(r.proposal().members())
                .containsExactly(
                        IRIS.id("organisation", "tb-council"),
                        IRIS.id("organisation", "tb-police"),
                        IRIS.id("organisation", "tb-pct"));
        assertThat(r.resolved()).hasSize(4).anySatisfy(s -> assertThat(s).startsWith("members: 'testshire police'"));
    }

    @Test
    void aShortenedNameIsTheOneResourceWhoseNameBeginsSo() {
        CheckResult r = gatekeeper.check(reader.fromJson("""
                {"title": "Testborough Business Watch", "purpose": "Reduce burglary from shops.",
                 "localities": ["testborough"], "domains": ["volume-crime"],
                 "members": ["tb-council", "Testborough Chamber", "testshire police"]}
                """));
        assertThat(r.proposal().members()).contains(IRIS.id("organisation", "tb-chamber"));
        assertThat(r.resolved())
                .anySatisfy(s -> assertThat(s)
                        .startsWith("members: 'Testborough Chamber' is Testborough Chamber of Commerce")
                        .contains("that begins so"));
        // One word is never taken as the beginning of a longer name.
        assertThatThrownBy(() -> gatekeeper.check(reader.fromJson("""
                {"title": "X", "localities": ["testborough"], "domains": ["volume-crime"],
                 "members": ["Testshire", "tb-council", "tb-pct"]}
                """)))
                .isInstanceOf(ProposalException.class)
                .hasMessageContaining("members:");
    }

    @Test
    void theDomainPartIsTheMeanOfBothWays() {
        // The Community Safety Partnership has Volume crime and Anti-social behaviour. A proposal on Volume crime
        // alone is covered by it (1) but covers only part of its work: Volume crime 1, Anti-social behaviour a
        // sibling 0.25, so (1 + 0.25) / 2 = 0.625; the domain part is (1 + 0.625) / 2 = 0.8125.
        CheckResult one = gatekeeper.check(reader.fromJson("""
                {"title": "Testborough Burglary Group", "localities": ["testborough"], "domains": ["volume-crime"],
                 "members": ["tb-council", "tb-police", "tb-pct"]}
                """));
        CheckResult both = gatekeeper.check(reader.fromJson("""
                {"title": "Testborough Burglary Group", "localities": ["testborough"],
                 "domains": ["volume-crime", "anti-social-behaviour"], "members": ["tb-council", "tb-police", "tb-pct"]}
                """));
        Overlap partial = one.overlaps().stream()
                .filter(o -> o.partnership().equals(p("tb-csp")))
                .findFirst()
                .orElseThrow();
        Overlap whole = both.overlaps().stream()
                .filter(o -> o.partnership().equals(p("tb-csp")))
                .findFirst()
                .orElseThrow();
        assertThat(partial.parts().domain()).isEqualTo(0.813);
        assertThat(whole.parts().domain()).isEqualTo(1.0);
        assertThat(partial.reasons()).anySatisfy(s -> assertThat(s).contains("domain part 0.813 (the mean)"));
    }

    @Test
    void unknownNamesAreRefusedNamingTheFieldWithTheClosestNames() {
        assertThatThrownBy(() -> gatekeeper.check(reader.fromJson("""
                {"title": "X", "localities": ["Testburgh"], "domains": ["volume-crime"],
                 "members": ["Testshire Polise", "tb-council"]}
                """)))
                .isInstanceOfSatisfying(ProposalException.class, e -> {
                    assertThat(e.problems())
                            .extracting(ProposalException.Problem::field)
                            .containsExactly("localities", "members");
                    assertThat(e.getMessage())
                            .contains("did you mean 'Testborough' (testborough)")
                            .contains("did you mean 'Testshire Police' (tb-police)")
                            .contains("newMembers");
                });
    }

    @Test
    void aFormBodyIsReadStrictlyAsUtf8NamingEachBadField() {
        var fields =
                ProposalReader.formFields("title=Caf%C3%A9+Forum&locality=newham&domain=volume-crime&domain=Nuisance"
                        .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        assertThat(fields.get("title")).containsExactly("Caf\u00e9 Forum");
        assertThat(fields.get("domain")).containsExactly("volume-crime", "Nuisance");
        assertThatThrownBy(() -> ProposalReader.formFields("title=Caf%E9&purpose=ok&member=%zz&locality=x"
                        .getBytes(java.nio.charset.StandardCharsets.US_ASCII)))
                .isInstanceOfSatisfying(
                        ProposalException.class,
                        e -> assertThat(e.problems())
                                .extracting(ProposalException.Problem::field)
                                .containsExactly("title", "member"));
    }

    @Test
    void onlyUtf8IsReadAndTheOffsetOfTheFirstBadByteIsGiven() {
        byte[] cp1252 = "{\"title\": \"Caf\u00e9 Forum\"}".getBytes(java.nio.charset.Charset.forName("windows-1252"));
        assertThatThrownBy(() -> ProposalReader.decode(cp1252))
                .isInstanceOf(ProposalException.class)
                .hasMessageContaining("not UTF-8")
                .hasMessageContaining("offset 14");
        assertThat(ProposalReader.decode("\uFEFF{}".getBytes(java.nio.charset.StandardCharsets.UTF_8)))
                .isEqualTo("{}");
        assertThatThrownBy(() -> reader.fromForm(java.util.Map.of("title", List.of("Caf\uFFFD"))))
                .isInstanceOfSatisfying(
                        ProposalException.class, e -> assertThat(e.field()).isEqualTo("title"));
    }
}
