package org.partnershipatlas.bench;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Do heavy queries starve light ones? Light look-ups (one resource's triples over SPARQL) are timed on an idle
 * server, then while two expensive queries run until the query timeout, in several rounds; the ratio of the loaded
 * to the idle latency is reported per round and as the median over rounds.
 */
@Command(name = "starvation", mixinStandardHelpOptions = true, description = "Light queries while heavy ones run.")
public final class Starvation implements Callable<Integer> {
    /** Three-way cartesian product over every triple: never finishes on the sample data before the timeout. */
    static final String HEAVY = "SELECT (COUNT(*) AS ?n) { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i FILTER(?c != ?i) }";

    @Option(names = "--rounds", defaultValue = "5", description = "Rounds (default: ${DEFAULT-VALUE}).")
    int rounds;

    @Option(
            names = "--timeout",
            defaultValue = "10",
            description = "Query timeout in seconds (default: ${DEFAULT-VALUE}).")
    int timeoutSeconds;

    @Option(
            names = "--heavy",
            defaultValue = "2",
            description = "Concurrent heavy queries (default: ${DEFAULT-VALUE}).")
    int heavy;

    @Option(names = "--data", defaultValue = "data", description = "The sources to load (default: ${DEFAULT-VALUE}).")
    Path data;

    public static void main(String[] args) {
        System.exit(new CommandLine(new Starvation()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        try (BenchServer atlas = new BenchServer(data, Duration.ofSeconds(timeoutSeconds), b -> {})) {
            List<String> partnerships = atlas.instances("Partnership");
            HttpClient http = HttpClient.newHttpClient();
            // Warm up.
            light(atlas, http, partnerships, Duration.ofSeconds(5), new ArrayList<>(), new int[1]);
            System.out.printf(
                    "%n### Heavy vs light queries: %d heavy queries until the %d s timeout, light look-ups from one"
                            + " client%n%n",
                    heavy, timeoutSeconds);
            System.out.println(
                    "| round | idle p50 ms | idle p95 ms | loaded p50 ms | loaded p95 ms | p50 ratio | p95 ratio |"
                            + " light answered while loaded | heavy answers |");
            System.out.println("|---:|---:|---:|---:|---:|---:|---:|---:|---|");
            double[] p50Ratios = new double[rounds];
            double[] p95Ratios = new double[rounds];
            int failures = 0;
            for (int round = 1; round <= rounds; round++) {
                List<Long> idle = new ArrayList<>();
                int[] idleErrors = new int[1];
                light(atlas, http, partnerships, Duration.ofSeconds(timeoutSeconds), idle, idleErrors);

                List<Long> loaded = new ArrayList<>();
                int[] loadedErrors = new int[1];
                List<Integer> heavyStatus = new java.util.concurrent.CopyOnWriteArrayList<>();
                List<Thread> heavyThreads = new ArrayList<>();
                for (int h = 0; h < heavy; h++) {
                    Thread t = new Thread(() -> {
                        try {
                            heavyStatus.add(http.send(
                                            sparql(atlas, HEAVY, Duration.ofSeconds(timeoutSeconds * 3L)),
                                            HttpResponse.BodyHandlers.discarding())
                                    .statusCode());
                        } catch (Exception e) {
                            heavyStatus.add(-1);
                        }
                    });
                    t.start();
                    heavyThreads.add(t);
                }
                Thread.sleep(500); // let them get going
                AtomicBoolean heavyRunning = new AtomicBoolean(true);
                Thread watcher = new Thread(() -> {
                    for (Thread t : heavyThreads) {
                        try {
                            t.join();
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                    }
                    heavyRunning.set(false);
                });
                watcher.start();
                while (heavyRunning.get()) {
                    light(atlas, http, partnerships, Duration.ofMillis(200), loaded, loadedErrors);
                }
                Stats i = Stats.of(idle.stream().mapToLong(Long::longValue).toArray());
                Stats l = Stats.of(loaded.stream().mapToLong(Long::longValue).toArray());
                p50Ratios[round - 1] = l.p50() / i.p50();
                p95Ratios[round - 1] = l.p95() / i.p95();
                failures += idleErrors[0] + loadedErrors[0];
                System.out.printf(
                        "| %d | %.2f | %.2f | %.2f | %.2f | %.2f | %.2f | %d (%d errors) | %s |%n",
                        round,
                        i.p50(),
                        i.p95(),
                        l.p50(),
                        l.p95(),
                        p50Ratios[round - 1],
                        p95Ratios[round - 1],
                        l.count(),
                        loadedErrors[0],
                        heavyStatus);
            }
            System.out.printf(
                    "%nMedian over %d rounds: p50 ratio %.2f, p95 ratio %.2f (loaded / idle); light-query errors: %d%n",
                    rounds, Stats.median(p50Ratios), Stats.median(p95Ratios), failures);
            return failures == 0 ? 0 : 1;
        }
    }

    /** Sends look-ups one after another for {@code d}, adding each latency (ns). */
    private static void light(
            BenchServer atlas, HttpClient http, List<String> partnerships, Duration d, List<Long> out, int[] errors) {
        long end = System.nanoTime() + d.toNanos();
        int i = 0;
        while (System.nanoTime() < end) {
            String p = partnerships.get(i++ % partnerships.size());
            long t0 = System.nanoTime();
            try {
                HttpResponse<byte[]> r = http.send(
                        sparql(atlas, "SELECT ?p ?o { <" + p + "> ?p ?o }", Duration.ofSeconds(60)),
                        HttpResponse.BodyHandlers.ofByteArray());
                if (r.statusCode() == 200) {
                    out.add(System.nanoTime() - t0);
                } else {
                    errors[0]++;
                }
            } catch (Exception e) {
                errors[0]++;
            }
        }
    }

    private static HttpRequest sparql(BenchServer atlas, String query, Duration timeout) {
        return HttpRequest.newBuilder(
                        URI.create(atlas.sparqlUrl() + "?query=" + URLEncoder.encode(query, StandardCharsets.UTF_8)))
                .header("Accept", "application/sparql-results+json")
                .timeout(timeout)
                .build();
    }
}
