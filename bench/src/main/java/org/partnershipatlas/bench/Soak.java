package org.partnershipatlas.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The soak test: several clients send a mix of SPARQL queries, library queries, pages, searches and gatekeeper checks
 * for many minutes while an admin reloads the sources half-way through. It reports requests served, errors (any
 * answer other than the expected one, or a failed connection), latency percentiles per kind, and the heap after a full
 * GC sampled every 30 s, with the trend.
 */
@Command(name = "soak", mixinStandardHelpOptions = true, description = "Soak test of a real Atlas server.")
public final class Soak implements Callable<Integer> {
    @Option(names = "--minutes", defaultValue = "10", description = "How long to run (default: ${DEFAULT-VALUE}).")
    double minutes;

    @Option(names = "--clients", defaultValue = "6", description = "Concurrent clients (default: ${DEFAULT-VALUE}).")
    int clients;

    @Option(names = "--data", defaultValue = "data", description = "The sources to load (default: ${DEFAULT-VALUE}).")
    Path data;

    public static void main(String[] args) {
        System.exit(new CommandLine(new Soak()).execute(args));
    }

    /** One kind of request: a path (or a POST) and the status it should get. */
    private record Kind(String name, int weight) {}

    private static final List<Kind> KINDS = List.of(
            new Kind("sparql-lookup", 20),
            new Kind("sparql-locality", 10),
            new Kind("library-partnership-map", 10),
            new Kind("library-overlaps", 5),
            new Kind("resource-html", 15),
            new Kind("resource-turtle", 10),
            new Kind("search", 10),
            new Kind("locality-page", 5),
            new Kind("home", 5),
            new Kind("proposal-check", 5),
            new Kind("report", 5));

    @Override
    public Integer call() throws Exception {
        try (BenchServer atlas = new BenchServer(data, Duration.ofSeconds(30), b -> {})) {
            List<String> partnerships = atlas.instances("Partnership");
            List<String> localities = atlas.instances("Locality");
            Duration length = Duration.ofMillis((long) (minutes * 60_000));
            HttpClient http = HttpClient.newBuilder()
                    .connectTimeout(Duration.ofSeconds(10))
                    .build();
            Map<String, ConcurrentLinkedQueue<Long>> latencies = new ConcurrentHashMap<>();
            Map<String, AtomicLong> errors = new ConcurrentHashMap<>();
            List<String> errorSamples = new java.util.concurrent.CopyOnWriteArrayList<>();
            AtomicBoolean running = new AtomicBoolean(true);
            MemoryMXBean memory = ManagementFactory.getMemoryMXBean();

            // Warm up, then the first heap sample.
            runFor(
                    Duration.ofSeconds(20),
                    atlas,
                    http,
                    partnerships,
                    localities,
                    new ConcurrentHashMap<>(),
                    new ConcurrentHashMap<>(),
                    new ArrayList<>());
            List<long[]> heap = new ArrayList<>();
            Instant start = Instant.now();
            heap.add(new long[] {0, usedAfterGc(memory)});

            List<Thread> threads = new ArrayList<>();
            for (int c = 0; c < clients; c++) {
                long seed = c;
                Thread t = new Thread(() ->
                        client(seed, running, atlas, http, partnerships, localities, latencies, errors, errorSamples));
                t.start();
                threads.add(t);
            }
            String reload = "not run";
            boolean reloaded = false;
            while (Duration.between(start, Instant.now()).compareTo(length) < 0) {
                Thread.sleep(Math.min(
                        30_000,
                        Math.max(
                                1,
                                length.minus(Duration.between(start, Instant.now()))
                                        .toMillis())));
                long elapsed = Duration.between(start, Instant.now()).toSeconds();
                heap.add(new long[] {elapsed, usedAfterGc(memory)});
                if (!reloaded && Duration.between(start, Instant.now()).compareTo(length.dividedBy(2)) >= 0) {
                    reloaded = true;
                    long t0 = System.nanoTime();
                    HttpResponse<String> r = http.send(
                            HttpRequest.newBuilder(URI.create(atlas.url() + "admin/reload"))
                                    .header(
                                            "Authorization",
                                            "Basic "
                                                    + Base64.getEncoder()
                                                            .encodeToString((BenchServer.ADMIN + ":" + atlas.password())
                                                                    .getBytes(StandardCharsets.UTF_8)))
                                    .POST(HttpRequest.BodyPublishers.noBody())
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
                    reload = "at " + elapsed + " s: " + r.statusCode() + " in " + (System.nanoTime() - t0) / 1_000_000
                            + " ms";
                    if (r.statusCode() != 200) {
                        errors.computeIfAbsent("admin-reload", k -> new AtomicLong())
                                .incrementAndGet();
                        errorSamples.add("reload: " + r.statusCode() + " " + r.body());
                    }
                }
            }
            running.set(false);
            for (Thread t : threads) {
                t.join();
            }
            long seconds = Duration.between(start, Instant.now()).toSeconds();
            heap.add(new long[] {seconds, usedAfterGc(memory)});
            report(seconds, latencies, errors, errorSamples, heap, reload);
            return errors.values().stream().mapToLong(AtomicLong::get).sum() == 0 ? 0 : 1;
        }
    }

    private void runFor(
            Duration d,
            BenchServer atlas,
            HttpClient http,
            List<String> partnerships,
            List<String> localities,
            Map<String, ConcurrentLinkedQueue<Long>> latencies,
            Map<String, AtomicLong> errors,
            List<String> samples)
            throws InterruptedException {
        AtomicBoolean running = new AtomicBoolean(true);
        List<Thread> threads = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            long seed = 1000 + c;
            Thread t = new Thread(
                    () -> client(seed, running, atlas, http, partnerships, localities, latencies, errors, samples));
            t.start();
            threads.add(t);
        }
        Thread.sleep(d.toMillis());
        running.set(false);
        for (Thread t : threads) {
            t.join();
        }
    }

    private static void client(
            long seed,
            AtomicBoolean running,
            BenchServer atlas,
            HttpClient http,
            List<String> partnerships,
            List<String> localities,
            Map<String, ConcurrentLinkedQueue<Long>> latencies,
            Map<String, AtomicLong> errors,
            List<String> samples) {
        Random random = new Random(seed);
        int total = KINDS.stream().mapToInt(Kind::weight).sum();
        while (running.get()) {
            int pick = random.nextInt(total);
            Kind kind = KINDS.get(0);
            for (Kind k : KINDS) {
                if (pick < k.weight()) {
                    kind = k;
                    break;
                }
                pick -= k.weight();
            }
            String partnership = partnerships.get(random.nextInt(partnerships.size()));
            String locality = localities.get(random.nextInt(localities.size()));
            HttpRequest request = request(kind.name(), atlas, partnership, locality, random);
            long t0 = System.nanoTime();
            try {
                HttpResponse<byte[]> r = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
                long took = System.nanoTime() - t0;
                if (r.statusCode() != 200 || r.body().length == 0) {
                    errors.computeIfAbsent(kind.name(), k -> new AtomicLong()).incrementAndGet();
                    if (samples.size() < 20) {
                        samples.add(kind.name() + " " + request.uri() + ": " + r.statusCode() + " "
                                + new String(r.body(), StandardCharsets.UTF_8)
                                        .lines()
                                        .findFirst()
                                        .orElse(""));
                    }
                } else {
                    latencies
                            .computeIfAbsent(kind.name(), k -> new ConcurrentLinkedQueue<>())
                            .add(took);
                }
            } catch (Exception e) {
                errors.computeIfAbsent(kind.name(), k -> new AtomicLong()).incrementAndGet();
                if (samples.size() < 20) {
                    samples.add(kind.name() + " " + request.uri() + ": " + e);
                }
            }
        }
    }

    private static HttpRequest request(
            String kind, BenchServer atlas, String partnership, String locality, Random random) {
        String base = "https://w3id.org/partnership-atlas/";
        String slug = locality.substring(locality.lastIndexOf('/') + 1);
        String doc = partnership.replace(base + "id/", atlas.url() + "doc/");
        return switch (kind) {
            case "sparql-lookup" -> sparql(atlas, "SELECT ?p ?o { <" + partnership + "> ?p ?o }");
            case "sparql-locality" ->
                sparql(
                        atlas,
                        "PREFIX pa: <https://w3id.org/partnership-atlas/def#> PREFIX skos: <http://www.w3.org/2004/02/skos/core#>"
                                + " SELECT ?p ?label { ?p a pa:Partnership ; pa:locality <" + locality
                                + "> ; skos:prefLabel ?label } ORDER BY ?label");
            case "library-partnership-map" ->
                get(
                        atlas.url() + "api/queries/partnership-map?locality=id/locality/" + slug,
                        "application/sparql-results+json");
            case "library-overlaps" ->
                get(
                        atlas.url() + "api/queries/overlapping-partnerships?locality=id/locality/" + slug,
                        "application/sparql-results+json");
            case "resource-html" -> get(doc, "text/html");
            case "resource-turtle" -> get(doc, "text/turtle");
            case "search" ->
                get(
                        atlas.url() + "search?q="
                                + List.of("crime", "health", "regeneration", "youth", "employment", "drugs")
                                        .get(random.nextInt(6)),
                        "text/html");
            case "locality-page" -> get(atlas.url() + "localities/" + slug, "text/html");
            case "home" -> get(atlas.url(), "text/html");
            case "proposal-check" ->
                HttpRequest.newBuilder(URI.create(atlas.url() + "api/proposals/check"))
                        .header("Content-Type", "application/json")
                        .header("Accept", "application/json")
                        .timeout(Duration.ofSeconds(60))
                        .POST(HttpRequest.BodyPublishers.ofString(
                                "{\"title\": \"Community safety partnership\", \"purpose\":"
                                        + " \"Reduce burglary and anti-social behaviour\", \"localities\": [\"" + slug
                                        + "\"], \"domains\": [\"volume-crime\"], \"members\": []}"))
                        .build();
            case "report" -> get(atlas.url() + "reports/" + slug, "text/html");
            default -> throw new IllegalArgumentException(kind);
        };
    }

    private static HttpRequest sparql(BenchServer atlas, String query) {
        return get(
                atlas.sparqlUrl() + "?query=" + URLEncoder.encode(query, StandardCharsets.UTF_8),
                "application/sparql-results+json");
    }

    private static HttpRequest get(String url, String accept) {
        return HttpRequest.newBuilder(URI.create(url))
                .header("Accept", accept)
                .timeout(Duration.ofSeconds(60))
                .build();
    }

    private static long usedAfterGc(MemoryMXBean memory) {
        System.gc();
        System.gc();
        return memory.getHeapMemoryUsage().getUsed();
    }

    private void report(
            long seconds,
            Map<String, ConcurrentLinkedQueue<Long>> latencies,
            Map<String, AtomicLong> errors,
            List<String> errorSamples,
            List<long[]> heap,
            String reload) {
        long served = latencies.values().stream()
                .mapToLong(ConcurrentLinkedQueue::size)
                .sum();
        long failed = errors.values().stream().mapToLong(AtomicLong::get).sum();
        List<Long> all = new ArrayList<>();
        latencies.values().forEach(all::addAll);
        Stats overall = Stats.of(all.stream().mapToLong(Long::longValue).toArray());
        System.out.printf("%n### Soak: %d clients for %d s (%s)%n%n", clients, seconds, Instant.now());
        System.out.printf("- requests served: %d (%.0f/s); errors: %d%n", served, served / (double) seconds, failed);
        System.out.printf("- admin reload in the middle: %s%n", reload);
        System.out.printf(
                "- latency, all requests: p50 %.1f ms, p95 %.1f ms, p99 %.1f ms, max %.1f ms%n%n",
                overall.p50(), overall.p95(), overall.p99(), overall.max());
        System.out.println("| request | served | errors | p50 ms | p95 ms | p99 ms | max ms |");
        System.out.println("|---|---:|---:|---:|---:|---:|---:|");
        Map<String, Stats> byKind = new LinkedHashMap<>();
        for (Kind k : KINDS) {
            ConcurrentLinkedQueue<Long> q = latencies.getOrDefault(k.name(), new ConcurrentLinkedQueue<>());
            byKind.put(k.name(), Stats.of(q.stream().mapToLong(Long::longValue).toArray()));
        }
        byKind.forEach((name, s) -> System.out.printf(
                "| %s | %d | %d | %.1f | %.1f | %.1f | %.1f |%n",
                name,
                s.count(),
                errors.getOrDefault(name, new AtomicLong()).get(),
                s.p50(),
                s.p95(),
                s.p99(),
                s.max()));
        System.out.println();
        StringBuilder samples = new StringBuilder();
        for (long[] h : heap) {
            samples.append(String.format("%d s: %.1f MB; ", h[0], h[1] / 1048576.0));
        }
        System.out.printf("- heap used after full GC: %s%n", samples);
        System.out.printf(
                "- heap trend (least-squares slope over the run): %.3f MB per minute; first %.1f MB, last %.1f MB%n",
                slope(heap) * 60 / 1048576.0, heap.get(0)[1] / 1048576.0, heap.get(heap.size() - 1)[1] / 1048576.0);
        if (!errorSamples.isEmpty()) {
            System.out.println("- error samples: " + errorSamples);
        }
    }

    /** Bytes per second. */
    private static double slope(List<long[]> points) {
        double n = points.size();
        double sx = 0, sy = 0, sxx = 0, sxy = 0;
        for (long[] p : points) {
            sx += p[0];
            sy += p[1];
            sxx += (double) p[0] * p[0];
            sxy += (double) p[0] * p[1];
        }
        double d = n * sxx - sx * sx;
        return d == 0 ? 0 : (n * sxy - sx * sy) / d;
    }
}
