package org.partnershipatlas.bench;

import static org.partnershipatlas.bench.Figures.ms;
import static org.partnershipatlas.bench.Figures.rate;

import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.apache.jena.fuseki.main.FusekiServer;
import org.partnershipatlas.endpoint.AtlasServer;
import org.partnershipatlas.endpoint.sparql.PublicQueryPolicy;

/**
 * The {@code concurrency} section of the national benchmark: a closed loop of K HTTP clients for a fixed time on a
 * look-up and a locality SPARQL query, the Atlas against a bare Fuseki (jena-fuseki-main, read-only, the same
 * dataset, another port; never both at once), and on the resource pages ({@code /doc/...} as Turtle and HTML): one
 * page again and again (cached), and many pages in turn from a server without the document cache (uncached).
 */
final class HttpConcurrency {
    static final String LOOKUP = "SELECT ?p ?o { <%s> ?p ?o }";
    static final String LOCALITY = "PREFIX pa: <https://w3id.org/partnership-atlas/def#>"
            + " PREFIX dcterms: <http://purl.org/dc/terms/> PREFIX skos: <http://www.w3.org/2004/02/skos/core#>"
            + " SELECT ?p ?label { ?p a pa:Partnership ; dcterms:spatial <%s> ; skos:prefLabel ?label }"
            + " ORDER BY ?label";

    private final NationalContext ctx;
    private final NationalSettings settings;
    private final Requests requests;

    HttpConcurrency(NationalContext ctx) {
        this.ctx = ctx;
        this.settings = ctx.settings();
        this.requests = settings.requests();
    }

    private record Target(String name, Supplier<HttpRequest> atlas, Supplier<HttpRequest> fuseki) {}

    void run() throws InterruptedException {
        StoreSession session = ctx.session();
        session.reopen(true);
        AtlasServer server = session.server();
        FusekiServer fuseki = FusekiServer.create()
                .port(0)
                .loopback(true)
                .add("/ds", session.store().datasetGraph(), false)
                .build()
                .start();
        AtlasServer uncached = session.newServer(PublicQueryPolicy.defaults(), false);
        try {
            if (ctx.manyResources().isEmpty()) {
                throw new IllegalStateException("the store has no partnerships or organisations");
            }
            String idBase = ctx.iris().base() + "id/";
            List<String> manyDocs = ctx.manyResources().stream()
                    .map(iri -> iri.replace(idBase, uncached.url() + "doc/"))
                    .toList();
            String fusekiSparql = "http://127.0.0.1:" + fuseki.getHttpPort() + "/ds/sparql";
            String lookup = String.format(LOOKUP, ctx.partnership());
            String locality = String.format(LOCALITY, ctx.params().locality());
            String doc = ctx.partnership().replace(idBase, server.url() + "doc/");
            List<Target> targets = List.of(
                    new Target(
                            "sparql-lookup",
                            () -> requests.sparqlGet(server.sparqlUrl(), lookup),
                            () -> requests.sparqlGet(fusekiSparql, lookup)),
                    new Target(
                            "sparql-locality",
                            () -> requests.sparqlGet(server.sparqlUrl(), locality),
                            () -> requests.sparqlGet(fusekiSparql, locality)),
                    new Target("resource-turtle", () -> requests.get(doc, "text/turtle"), null),
                    new Target("resource-html", () -> requests.get(doc, "text/html"), null),
                    new Target("resource-turtle-many", inTurn(manyDocs, "text/turtle"), null),
                    new Target("resource-html-many", inTurn(manyDocs, "text/html"), null));
            Duration length = Duration.ofSeconds(settings.durationSeconds());
            Duration warm = Duration.ofMillis(Math.min(2000, length.toMillis() / 2));
            Map<String, List<ClosedLoop.Result>> results = measure(targets, length, warm);
            ctx.out()
                    .printf(
                            "%n### HTTP concurrency: the Atlas and a bare Fuseki on the same store%n%nClosed loop of"
                                    + " K clients (java.net.http, one kept-alive connection each) for %d s after %.1f"
                                    + " s of warm-up; median of %d rounds (the servers' order alternating), latency"
                                    + " in ms. Bare Fuseki: jena-fuseki-main, read-only `/ds/sparql` over the same"
                                    + " DatasetGraph, in the same JVM, never measured at the same time as the Atlas."
                                    + " `sparql-lookup`: `%s`; `sparql-locality`: the partnerships of <%s> with their"
                                    + " labels, ordered; `resource-turtle`, `resource-html`: GET `%s` (the document"
                                    + " `/id/...` redirects to) with Accept `text/turtle` or `text/html`, the same"
                                    + " resource again and again, so after the first request the server's document"
                                    + " cache answers (cached). `resource-*-many`: the documents of %,d distinct"
                                    + " partnerships and organisations in turn, each once per pass (the clients share"
                                    + " the turn), from a second Atlas server on the same store with its document"
                                    + " cache off, so every request renders its document (uncached).%n%n",
                            settings.durationSeconds(),
                            warm.toMillis() / 1000.0,
                            settings.rounds(),
                            lookup,
                            ctx.params().locality(),
                            doc.replace(server.url(), "/"),
                            manyDocs.size());
            print(targets, results);
        } finally {
            uncached.stop();
            fuseki.stop();
        }
    }

    /** The closed loops, by {@code name|clients|atlas} and {@code name|clients|fuseki}: one result a round. */
    private Map<String, List<ClosedLoop.Result>> measure(List<Target> targets, Duration length, Duration warm)
            throws InterruptedException {
        Map<String, List<ClosedLoop.Result>> results = new LinkedHashMap<>();
        for (int round = 0; round < settings.rounds(); round++) {
            for (int k : settings.clients()) {
                for (Target t : targets) {
                    List<String> order = t.fuseki() == null
                            ? List.of("atlas")
                            : round % 2 == 0 ? List.of("atlas", "fuseki") : List.of("fuseki", "atlas");
                    for (String who : order) {
                        Supplier<HttpRequest> req = who.equals("atlas") ? t.atlas() : t.fuseki();
                        ClosedLoop.run(k, warm, req);
                        ClosedLoop.Result r = ClosedLoop.run(k, length, req);
                        results.computeIfAbsent(t.name() + "|" + k + "|" + who, x -> new ArrayList<>())
                                .add(r);
                        ctx.progress()
                                .printf(
                                        "round %d, %s, %d clients, %s: %.0f req/s, p50 %s ms, %d errors%s%n",
                                        round + 1,
                                        t.name(),
                                        k,
                                        who,
                                        r.perSecond(),
                                        ms(r.stats().p50()),
                                        r.errors(),
                                        r.firstError() == null ? "" : " (" + r.firstError() + ")");
                    }
                }
            }
        }
        return results;
    }

    /** The table, then the targets: raw SPARQL within 5% of bare Fuseki; documents at 4 clients. */
    private void print(List<Target> targets, Map<String, List<ClosedLoop.Result>> results) {
        ctx.out()
                .println("| request | clients | Atlas req/s | p50 | p95 | p99 | Fuseki req/s | p50 | p95 | p99 |"
                        + " Atlas / Fuseki req/s | Atlas / Fuseki p50 | errors |");
        ctx.out().println("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        List<String> verdicts = new ArrayList<>();
        for (Target t : targets) {
            for (int k : settings.clients()) {
                Summary a = Summary.of(results.get(t.name() + "|" + k + "|atlas"));
                Summary f = t.fuseki() == null ? null : Summary.of(results.get(t.name() + "|" + k + "|fuseki"));
                ctx.out()
                        .printf(
                                "| %s | %d | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %d |%n",
                                t.name(),
                                k,
                                rate(a.perSecond()),
                                ms(a.p50()),
                                ms(a.p95()),
                                ms(a.p99()),
                                f == null ? "" : rate(f.perSecond()),
                                f == null ? "" : ms(f.p50()),
                                f == null ? "" : ms(f.p95()),
                                f == null ? "" : ms(f.p99()),
                                f == null ? "" : String.format("%.2f", a.perSecond() / f.perSecond()),
                                f == null ? "" : String.format("%.2f", a.p50() / f.p50()),
                                a.errors() + (f == null ? 0 : f.errors()));
                if (f != null) {
                    boolean met = a.perSecond() >= 0.95 * f.perSecond() && a.p50() <= 1.05 * f.p50();
                    verdicts.add(String.format(
                            "- raw SPARQL within 5%% of bare Fuseki, %s at %d clients: req/s %.2f x, p50 %.2f x: %s",
                            t.name(),
                            k,
                            a.perSecond() / f.perSecond(),
                            a.p50() / f.p50(),
                            met ? "**met**" : "**not met**"));
                } else if (k == 4) {
                    boolean met = a.p50() <= 1.0 && a.perSecond() >= 2400;
                    verdicts.add(String.format(
                            "- resource description, %s%s at 4 clients: p50 %s ms (<= 1), %.0f req/s (>= 2,400): %s",
                            t.name(),
                            t.name().endsWith("-many") ? " (uncached)" : " (cached)",
                            ms(a.p50()),
                            a.perSecond(),
                            met ? "**met**" : "**not met**"));
                }
            }
        }
        ctx.out().printf("%nTargets:%n%n");
        verdicts.forEach(ctx.out()::println);
    }

    /** Requests for the documents in turn, each once per pass, whichever client asks next. */
    private Supplier<HttpRequest> inTurn(List<String> urls, String accept) {
        AtomicLong next = new AtomicLong();
        return () -> requests.get(urls.get((int) (next.getAndIncrement() % urls.size())), accept);
    }

    /** Medians over rounds. */
    private record Summary(double perSecond, double p50, double p95, double p99, long errors) {
        static Summary of(List<ClosedLoop.Result> rs) {
            return new Summary(
                    Stats.median(rs.stream()
                            .mapToDouble(ClosedLoop.Result::perSecond)
                            .toArray()),
                    Stats.median(rs.stream().mapToDouble(r -> r.stats().p50()).toArray()),
                    Stats.median(rs.stream().mapToDouble(r -> r.stats().p95()).toArray()),
                    Stats.median(rs.stream().mapToDouble(r -> r.stats().p99()).toArray()),
                    rs.stream().mapToLong(ClosedLoop.Result::errors).sum());
        }
    }
}
