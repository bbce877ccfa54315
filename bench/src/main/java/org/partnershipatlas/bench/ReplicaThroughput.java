package org.partnershipatlas.bench;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * Read throughput of replicas (issue 20), run by {@code bench/replicas --throughput}: a closed loop of K clients
 * ({@link ClosedLoop}) on a mix of reads a portal gets (a SPARQL look-up of a partnership, the partnerships of a
 * locality, a partnership's HTML page, its Turtle), against each target in turn, round after round (so that a slow
 * moment of the machine falls on every target alike): one replica directly, the load balancer with that replica
 * only, and the load balancer with two. Prints a Markdown table: answered requests per second (median of the
 * rounds), p50 and p95 latency, errors.
 *
 * <p>Arguments: {@code NAME=URL...} targets (base URLs ending in {@code /}), then {@code --clients 1,4,8},
 * {@code --seconds 10}, {@code --rounds 3}.
 */
public final class ReplicaThroughput {
    private static final String PARTNERSHIP = "https://w3id.org/partnership-atlas/id/partnership/";
    private static final String LOCALITY = "https://w3id.org/partnership-atlas/id/locality/";
    private static final List<String> PARTNERSHIPS =
            List.of("hackney-lsp", "newham-cdrp", "tower-hamlets-dat", "southwark-yot", "brent-lsp");
    private static final List<String> LOCALITIES = List.of("hackney", "newham", "manchester");

    private ReplicaThroughput() {}

    public static void main(String[] args) throws Exception {
        Map<String, URI> targets = new LinkedHashMap<>();
        List<Integer> clients = List.of(1, 4, 8);
        int seconds = 10;
        int rounds = 3;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--clients" -> clients = parseInts(args[++i]);
                case "--seconds" -> seconds = Integer.parseInt(args[++i]);
                case "--rounds" -> rounds = Integer.parseInt(args[++i]);
                default -> {
                    String[] kv = args[i].split("=", 2);
                    targets.put(kv[0], URI.create(kv[1]));
                }
            }
        }
        if (targets.isEmpty()) {
            throw new IllegalArgumentException("no targets: give NAME=URL ...");
        }
        // Warm every target's caches and code paths first, untimed.
        for (URI base : targets.values()) {
            ClosedLoop.run(2, Duration.ofSeconds(5), mix(base));
        }
        System.out.println(
                "| clients | target | answered/s (median) | rounds (answered/s) | p50 ms | p95 ms | errors |");
        System.out.println("|---:|---|---:|---|---:|---:|---:|");
        for (int k : clients) {
            Map<String, List<ClosedLoop.Result>> results = new LinkedHashMap<>();
            for (int r = 0; r < rounds; r++) {
                for (Map.Entry<String, URI> t : targets.entrySet()) {
                    results.computeIfAbsent(t.getKey(), x -> new ArrayList<>())
                            .add(ClosedLoop.run(k, Duration.ofSeconds(seconds), mix(t.getValue())));
                }
            }
            for (Map.Entry<String, List<ClosedLoop.Result>> e : results.entrySet()) {
                List<ClosedLoop.Result> rs = e.getValue();
                double[] rates =
                        rs.stream().mapToDouble(ClosedLoop.Result::perSecond).toArray();
                ClosedLoop.Result mid = rs.stream()
                        .sorted((a, b) -> Double.compare(a.perSecond(), b.perSecond()))
                        .toList()
                        .get(rs.size() / 2);
                long errors = rs.stream().mapToLong(ClosedLoop.Result::errors).sum();
                System.out.printf(
                        Locale.ROOT,
                        "| %d | %s | %.1f | %s | %.1f | %.1f | %d%s |%n",
                        k,
                        e.getKey(),
                        Stats.median(rates),
                        String.join(
                                ", ",
                                rs.stream()
                                        .map(x -> String.format(Locale.ROOT, "%.1f", x.perSecond()))
                                        .toList()),
                        mid.stats().p50(),
                        mid.stats().p95(),
                        errors,
                        errors > 0
                                ? " ("
                                        + rs.stream()
                                                .map(ClosedLoop.Result::firstError)
                                                .filter(x -> x != null)
                                                .findFirst()
                                                .orElse("")
                                        + ")"
                                : "");
            }
        }
    }

    /** The reads in turn: a look-up, a locality's partnerships, an HTML page, a Turtle document. */
    static Supplier<HttpRequest> mix(URI base) {
        AtomicLong next = new AtomicLong();
        return () -> {
            long n = next.getAndIncrement();
            String partnership = PARTNERSHIPS.get((int) (n / 4 % PARTNERSHIPS.size()));
            String locality = LOCALITIES.get((int) (n / 4 % LOCALITIES.size()));
            return switch ((int) (n % 4)) {
                case 0 -> sparql(base, "SELECT ?p ?o { <" + PARTNERSHIP + partnership + "> ?p ?o }");
                case 1 ->
                    sparql(
                            base,
                            "PREFIX dcterms: <http://purl.org/dc/terms/> PREFIX skos: <http://www.w3.org/2004/02/skos/core#>"
                                    + " SELECT ?p ?label { ?p dcterms:spatial <" + LOCALITY + locality
                                    + "> ; skos:prefLabel ?label } ORDER BY ?label");
                case 2 -> get(base.resolve("doc/partnership/" + partnership), "text/html");
                default -> get(base.resolve("doc/partnership/" + partnership), "text/turtle");
            };
        };
    }

    private static HttpRequest sparql(URI base, String query) {
        return get(
                base.resolve("atlas/sparql?query=" + URLEncoder.encode(query, StandardCharsets.UTF_8)),
                "application/sparql-results+json");
    }

    private static HttpRequest get(URI uri, String accept) {
        return HttpRequest.newBuilder(uri)
                .timeout(Duration.ofSeconds(30))
                .header("Accept", accept)
                .GET()
                .build();
    }

    private static List<Integer> parseInts(String s) {
        List<Integer> out = new ArrayList<>();
        for (String part : s.split(",")) {
            out.add(Integer.parseInt(part.trim()));
        }
        return out;
    }
}
