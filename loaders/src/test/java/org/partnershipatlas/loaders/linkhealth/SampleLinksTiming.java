package org.partnershipatlas.loaders.linkhealth;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.partnershipatlas.loaders.Loader;
import org.partnershipatlas.loaders.store.AtlasStore;
import org.partnershipatlas.ontology.AtlasIris;

/**
 * Not a test (no *Test or *IT suffix, so never in mvn verify): the figure in BENCHMARKS.md. Loads the sample data,
 * finds its outbound links, and checks them at the default politeness against local servers, one loopback address
 * per real host (every page 200, robots.txt and the soft-404 probe 404), so the run has the real spread of links over hosts.
 *
 * <pre>
 * mvn -B -o -q -pl loaders -am test -Dtest=SampleLinksTiming -Dsurefire.failIfNoSpecifiedTests=false
 * </pre>
 */
class SampleLinksTiming {
    @TempDir
    Path dir;

    @Test
    void checkTheSampleDatasLinksAgainstLocalHosts() throws Exception {
        Path data = Path.of(System.getProperty("atlas.data.dir", "../data")); // surefire runs in loaders/
        try (AtlasStore store = AtlasStore.open(dir.resolve("tdb2"))) {
            Loader.into(store).sources(List.of(data)).run();
            Set<URI> found = store.read(dsg -> OutboundLinks.find(dsg, AtlasIris.DEFAULT));
            Map<String, FixtureHost> hosts = new HashMap<>();
            Map<String, Integer> perHost = new TreeMap<>();
            List<URI> local = new ArrayList<>();
            try {
                for (URI u : found) {
                    FixtureHost h = hosts.get(u.getHost());
                    if (h == null) {
                        h = new FixtureHost("127.0.1." + (hosts.size() + 1));
                        // A real 404 for the soft-404 probe's random path, as a well-behaved host gives.
                        h.otherwise(ex -> FixtureHost.text(
                                                ex.getRequestURI().getPath().contains("atlas-link-check-probe")
                                                        ? 404
                                                        : 200,
                                                "<html><title>Page</title>A page.</html>")
                                        .answer(ex))
                                .on("/robots.txt", FixtureHost.status(404));
                        hosts.put(u.getHost(), h);
                    }
                    perHost.merge(u.getHost(), 1, Integer::sum);
                    String pathAndQuery = LinkUrls.pathAndQuery(u);
                    local.add(URI.create(h.url("/").toString().replaceFirst("/$", "") + pathAndQuery));
                }
                long start = System.nanoTime();
                CheckRun run = new LinkChecker(CheckSettings.builder()
                                .guard(AddressGuard.anyAddress())
                                .build())
                        .run(local, Map.of());
                Duration took = Duration.ofNanos(System.nanoTime() - start);
                int requests =
                        hosts.values().stream().mapToInt(h -> h.seen().size()).sum();
                int busiest = hosts.values().stream()
                        .mapToInt(h -> h.seen().size())
                        .max()
                        .orElse(0);
                System.out.printf(
                        "LINKS %d urls, %d hosts, %d requests, busiest host %d requests, %d checked, %.1f s%n",
                        found.size(),
                        hosts.size(),
                        requests,
                        busiest,
                        run.checks().size(),
                        took.toMillis() / 1000.0);
                System.out.println("LINKS per host " + perHost);
                assertThat(run.checks()).hasSize(found.size());
            } finally {
                hosts.values().forEach(FixtureHost::close);
            }
        }
    }
}
