package org.partnershipatlas.gatekeeper;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.system.Txn;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.partnershipatlas.gatekeeper.Candidates.Candidate;
import org.partnershipatlas.ontology.AtlasIris;
import org.partnershipatlas.queries.DataStamp;
import org.partnershipatlas.queries.QueryCatalogue;
import org.partnershipatlas.queries.QueryRunner;
import org.partnershipatlas.queries.precomputed.Precomputed;

/**
 * The per-locality candidate cache on the gatekeeper's fixture, in an in-memory TDB2 store: a locality is read once
 * per data version, and a commit (a change with its summaries refreshed, as a load makes; a decision) is seen by the
 * next check; a gatekeeper given the loaded data's version (as a server's is) keeps the lists across a commit that
 * does not change it (a decision) and reads them again when it does.
 */
class CandidateCacheTest {
    static final AtlasIris IRIS = AtlasIris.DEFAULT;
    static final String TESTBOROUGH = IRIS.id("locality", "testborough");
    static final String OLD_SRB = IRIS.id("partnership", "tb-old-srb");
    static final String PROPOSAL = """
            {"title": "Testborough Burglary Task Force", "purpose": "Reduce burglary on Testborough's estates.",
             "localities": ["testborough"], "domains": ["volume-crime"],
             "members": ["tb-council", "tb-police", "tb-pct"]}
            """;

    DatasetGraph dsg;

    @BeforeEach
    void load() {
        dsg = FixtureStore.withOntology(IRIS);
    }

    /** Brings the ended SRB back (its end date removed) and refreshes Testborough's summaries, in one commit. */
    void reviveTheOldSrb() {
        Txn.executeWrite(dsg, () -> {
            dsg.deleteAny(
                    Node.ANY,
                    NodeFactory.createURI(OLD_SRB),
                    NodeFactory.createURI("https://schema.org/dissolutionDate"),
                    Node.ANY);
            Precomputed.refreshCandidates(dsg, IRIS, List.of(NodeFactory.createURI(TESTBOROUGH)));
        });
    }

    @Test
    void aLocalityIsReadOncePerDataVersion() {
        CandidateCache cache = new CandidateCache();
        Candidates candidates = new Candidates(
                dsg, Precomputed.candidatesGraph(IRIS), new QueryRunner(dsg, QueryCatalogue.plain(), IRIS), false);
        AtomicInteger reads = new AtomicInteger();
        Function<String, List<Candidate>> counted = l -> {
            reads.incrementAndGet();
            return candidates.in(l);
        };
        List<Candidate> first = Txn.calculateRead(dsg, () -> {
            CandidateCache.Key v = CandidateCache.Key.ofCommit(DataStamp.of(dsg));
            List<Candidate> a = cache.in(v, TESTBOROUGH, counted);
            assertThat(cache.in(v, TESTBOROUGH, counted)).isSameAs(a);
            return a;
        });
        // Another read transaction on the same data: still kept.
        Txn.executeRead(
                dsg,
                () -> assertThat(cache.in(CandidateCache.Key.ofCommit(DataStamp.of(dsg)), TESTBOROUGH, counted))
                        .isSameAs(first));
        assertThat(reads).hasValue(1);
        assertThat(first).extracting(Candidate::partnership).doesNotContain(OLD_SRB);

        reviveTheOldSrb();
        List<Candidate> after = Txn.calculateRead(
                dsg, () -> cache.in(CandidateCache.Key.ofCommit(DataStamp.of(dsg)), TESTBOROUGH, counted));
        assertThat(reads).hasValue(2);
        assertThat(after).extracting(Candidate::partnership).contains(OLD_SRB);
    }

    @Test
    void aCheckSeesAChangeCommittedAfterTheLastCheck() {
        Gatekeeper gatekeeper = new Gatekeeper(dsg, QueryCatalogue.load(), IRIS, GatekeeperConfig.defaults());
        ProposalReader reader = new ProposalReader(IRIS);
        CheckResult before = gatekeeper.check(reader.fromJson(PROPOSAL));
        assertThat(before.overlaps())
                .extracting(CheckResult.Overlap::partnership)
                .doesNotContain(OLD_SRB);

        reviveTheOldSrb();
        CheckResult after = gatekeeper.check(reader.fromJson(PROPOSAL));
        assertThat(after.overlaps())
                .extracting(CheckResult.Overlap::partnership)
                .contains(OLD_SRB);
    }

    @Test
    void aDecisionAdvancesTheVersionTheCacheIsKeyedBy() {
        Gatekeeper gatekeeper = new Gatekeeper(dsg, QueryCatalogue.load(), IRIS, GatekeeperConfig.defaults());
        CheckResult check = gatekeeper.check(new ProposalReader(IRIS).fromJson(PROPOSAL));
        DataStamp before = Txn.calculateRead(dsg, () -> DataStamp.of(dsg));
        new Decisions(dsg, IRIS)
                .record(check, "merged", List.of(IRIS.id("partnership", "tb-csp")), "gatekeeper", "The CSP does this.");
        DataStamp after = Txn.calculateRead(dsg, () -> DataStamp.of(dsg));
        assertThat(before).isNotNull();
        assertThat(after.storage()).isEqualTo(before.storage());
        assertThat(after.version()).isGreaterThan(before.version());
    }

    @Test
    void aGatekeeperGivenTheLoadedVersionKeepsCandidatesAcrossADecision() {
        AtomicReference<String> loaded = new AtomicReference<>("load-1");
        Gatekeeper gatekeeper =
                new Gatekeeper(dsg, QueryCatalogue.load(), IRIS, GatekeeperConfig.defaults(), d -> loaded.get());
        ProposalReader reader = new ProposalReader(IRIS);
        CheckResult first = gatekeeper.check(reader.fromJson(PROPOSAL));
        assertThat(gatekeeper.candidateReads()).isEqualTo(1);

        new Decisions(dsg, IRIS)
                .record(first, "merged", List.of(IRIS.id("partnership", "tb-csp")), "gatekeeper", "The CSP does this.");
        CheckResult afterDecision = gatekeeper.check(reader.fromJson(PROPOSAL));
        assertThat(gatekeeper.candidateReads()).isEqualTo(1);
        assertThat(afterDecision.overlaps()).isEqualTo(first.overlaps());

        // A load: new data under a new version; the next check reads the locality again and sees the change.
        reviveTheOldSrb();
        loaded.set("load-2");
        CheckResult afterLoad = gatekeeper.check(reader.fromJson(PROPOSAL));
        assertThat(gatekeeper.candidateReads()).isEqualTo(2);
        assertThat(afterLoad.overlaps())
                .extracting(CheckResult.Overlap::partnership)
                .contains(OLD_SRB);
    }

    @Test
    void aTransactionOlderThanTheKeptOneKeepsNothing() {
        CandidateCache cache = new CandidateCache();
        AtomicInteger reads = new AtomicInteger();
        Function<String, List<Candidate>> read = l -> {
            reads.incrementAndGet();
            return List.of();
        };
        DataStamp older = new DataStamp(7, 10);
        DataStamp newer = new DataStamp(7, 12);
        cache.in(new CandidateCache.Key("load-2", newer), TESTBOROUGH, read);
        // Same loaded data seen by an older commit: kept.
        cache.in(new CandidateCache.Key("load-2", new DataStamp(7, 11)), TESTBOROUGH, read);
        assertThat(reads).hasValue(1);
        // Other data seen by an older transaction: read, and the newer lists stay kept.
        cache.in(new CandidateCache.Key("load-1", older), TESTBOROUGH, read);
        cache.in(new CandidateCache.Key("load-2", newer), TESTBOROUGH, read);
        assertThat(reads).hasValue(2);
        // Another storage (a compaction or a restore): read afresh.
        cache.in(new CandidateCache.Key("load-2", new DataStamp(8, 1)), TESTBOROUGH, read);
        assertThat(reads).hasValue(3);
        assertThat(cache.reads()).isEqualTo(3);
    }
}
