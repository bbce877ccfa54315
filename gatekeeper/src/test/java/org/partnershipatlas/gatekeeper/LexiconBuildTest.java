package org.partnershipatlas.gatekeeper;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.jena.sparql.core.DatasetGraph;
import org.junit.jupiter.api.Test;
import org.partnershipatlas.ontology.AtlasIris;
import org.partnershipatlas.queries.QueryCatalogue;

/**
 * The lexicon is built once per data version even when checks come together (as the first checks after a server
 * starts come while its warm-up builds it): the others wait for that build and use it.
 */
class LexiconBuildTest {
    static final AtlasIris IRIS = AtlasIris.DEFAULT;

    @Test
    void checksThatComeTogetherShareOneBuild() throws Exception {
        DatasetGraph dsg = FixtureStore.withOntology(IRIS);
        Gatekeeper gatekeeper =
                new Gatekeeper(dsg, QueryCatalogue.load(), IRIS, GatekeeperConfig.defaults(), d -> "load-1");
        Proposal proposal = new ProposalReader(IRIS).fromJson(CandidateCacheTest.PROPOSAL);
        int clients = 4;
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(clients + 1);
        try {
            List<Future<CheckResult>> checks = new ArrayList<>();
            pool.submit(() -> {
                start.await();
                gatekeeper.warmUp();
                return null;
            });
            for (int i = 0; i < clients; i++) {
                checks.add(pool.submit(() -> {
                    start.await();
                    return gatekeeper.check(proposal);
                }));
            }
            start.countDown();
            List<String> results = new ArrayList<>();
            for (Future<CheckResult> f : checks) {
                CheckResult r = f.get();
                results.add(r.recommendation() + " " + r.rule() + " " + r.overlaps());
            }
            assertThat(gatekeeper.lexiconBuilds()).isEqualTo(1);
            assertThat(results).hasSize(clients).allMatch(r -> r.equals(results.get(0)));
        } finally {
            pool.shutdownNow();
        }
    }
}
