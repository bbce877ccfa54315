package org.partnershipatlas.bench;

import static org.partnershipatlas.bench.Figures.ms;

import java.net.http.HttpRequest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.apache.jena.query.Query;
import org.apache.jena.query.QueryCancelledException;
import org.apache.jena.query.QueryFactory;
import org.apache.jena.sparql.exec.QueryExec;
import org.apache.jena.sparql.exec.RowSet;
import org.partnershipatlas.gatekeeper.Gatekeeper;
import org.partnershipatlas.gatekeeper.Proposal;
import org.partnershipatlas.queries.NamedQuery;

/**
 * The {@code queries} section of the national benchmark: every query of the library and the gatekeeper check, in
 * process and over HTTP (the query API and {@code POST /api/proposals/check}), cold (the first execution after the
 * store is opened afresh, with a new server for HTTP) and warm (after warm-ups), each execution stopped at the budget;
 * then the targets (warm HTTP p95 at most 20 ms) of the overlap, national aggregate and gatekeeper kinds.
 */
final class LibraryLatency {
    static final String GATEKEEPER = "gatekeeper check";
    static final String GATEKEEPER_PLAIN = "gatekeeper check, candidates from the data (before)";
    static final String HTTP_FLOOR = "HTTP floor: `ASK {}` at the SPARQL endpoint";
    static final String OVERLAPS_BEFORE = "overlapping-partnerships, every pair sorted, first 100 (before)";

    private final NationalContext ctx;
    private final StoreSession session;
    private final NationalSettings settings;

    LibraryLatency(NationalContext ctx) {
        this.ctx = ctx;
        this.session = ctx.session();
        this.settings = ctx.settings();
    }

    /**
     * A library query or the gatekeeper check, in process and over HTTP (null: in process only), and the target it is
     * held to.
     */
    private record Item(String name, BudgetTimer.Op inProcess, Supplier<HttpRequest> http, String kind) {}

    /** The plain twin of the session's gatekeeper, made again when the session makes a new gatekeeper. */
    private Gatekeeper plainOf;

    private Gatekeeper plainTwin;

    private Gatekeeper plainGatekeeper() {
        Gatekeeper g = session.gatekeeper();
        if (plainOf != g) {
            plainTwin = g.readingThePlainData();
            plainOf = g;
        }
        return plainTwin;
    }

    void run() {
        try (BudgetTimer timer = new BudgetTimer(
                settings.budgetSeconds(), settings.warmups(), settings.runs(), settings.secondsPerQuery())) {
            run(timer);
        }
    }

    private List<Item> items() {
        Requests requests = settings.requests();
        List<Item> items = new ArrayList<>();
        for (NamedQuery named : ctx.queries()) {
            Map<String, String> bound = ctx.values(named);
            Query query = ctx.binder().bind(named, bound);
            String accept = named.returnsGraph() ? SparqlTiming.N_TRIPLES : SparqlTiming.RESULTS_JSON;
            items.add(new Item(
                    named.name(),
                    () -> runInProcess(query),
                    () -> requests.get(
                            session.server().url() + "api/queries/" + named.name() + Requests.queryString(bound),
                            accept),
                    kind(named)));
            if (named.name().equals("overlapping-partnerships")) {
                // As the question was answered before the stored pages: every pair of the locality sorted, the
                // first 100 kept.
                Map<String, String> before = new LinkedHashMap<>(bound);
                before.remove("page");
                before.put("limit", "100");
                Query all = ctx.binder().bind(named, before);
                items.add(new Item(
                        OVERLAPS_BEFORE,
                        () -> runInProcess(all),
                        () -> requests.get(
                                session.server().url() + "api/queries/" + named.name() + Requests.queryString(before),
                                accept),
                        "overlap"));
            }
        }
        // The proposals in turn, one per timed run, so that each run checks other candidates.
        AtomicInteger next = new AtomicInteger();
        AtomicInteger nextHttp = new AtomicInteger();
        AtomicInteger nextPlain = new AtomicInteger();
        List<Proposal> proposals = ctx.proposals();
        List<String> json = ctx.proposalsJson();
        items.add(new Item(
                GATEKEEPER,
                () -> session.gatekeeper()
                        .check(proposals.get(next.getAndIncrement() % proposals.size()))
                        .overlaps()
                        .size(),
                () -> requests.postJson(
                        session.server().url() + "api/proposals/check",
                        json.get(nextHttp.getAndIncrement() % json.size())),
                "gatekeeper"));
        items.add(new Item(
                GATEKEEPER_PLAIN,
                () -> plainGatekeeper()
                        .check(proposals.get(nextPlain.getAndIncrement() % proposals.size()))
                        .overlaps()
                        .size(),
                null,
                "gatekeeper"));
        // What any request costs on this machine and server: the HTTP figures above less this are the questions' own.
        Query ask = QueryFactory.create("ASK {}");
        items.add(new Item(
                HTTP_FLOOR,
                () -> runInProcess(ask),
                () -> requests.sparqlGet(session.server().sparqlUrl(), "ASK {}"),
                ""));
        return items;
    }

    /**
     * Which target a query is held to: {@code overlap} (pairs of partnerships in a locality), {@code aggregate} (a
     * national aggregate: it counts or sums, and takes no parameter naming one locality, organisation, partnership
     * or resource), or none.
     */
    private static String kind(NamedQuery named) {
        if (named.name().contains("overlap")) {
            return "overlap";
        }
        String text = named.text().toUpperCase(Locale.ROOT);
        boolean aggregates = text.contains("COUNT(") || text.contains("SUM(");
        boolean local = named.params().stream()
                .anyMatch(p -> p.required()
                        && List.of("locality", "organisation", "partnership", "resource")
                                .contains(p.name()));
        return aggregates && !local ? "aggregate" : "";
    }

    private void run(BudgetTimer timer) {
        List<Item> items = items();
        ctx.out()
                .printf("%n### The library and the gatekeeper: latency, ms%n%nBound with (examples adapted to this"
                        + " store):%n%n");
        for (NamedQuery named : ctx.queries()) {
            Map<String, String> bound = ctx.values(named);
            if (!bound.isEmpty()) {
                ctx.out().printf("- `%s`: %s%n", named.name(), bound);
            }
        }
        Map<String, double[]> coldIn = new LinkedHashMap<>();
        Map<String, double[]> coldHttp = new LinkedHashMap<>();
        Map<String, String> coldFailure = new LinkedHashMap<>();
        for (int r = 0; r < settings.coldRuns(); r++) {
            for (Item item : items) {
                String in = "skipped";
                String h = "skipped";
                if (!coldFailure.containsKey(item.name() + " in")) {
                    session.reopen(false);
                    BudgetTimer.Timing t = timer.once(item.inProcess());
                    record(coldIn, coldFailure, item.name() + " in", t);
                    in = t.p50();
                }
                if (item.http() != null && !coldFailure.containsKey(item.name() + " http")) {
                    session.reopen(true);
                    BudgetTimer.Timing t = timer.once(timer.http(item.http()));
                    record(coldHttp, coldFailure, item.name() + " http", t);
                    h = t.p50();
                }
                ctx.progress()
                        .printf(
                                "cold %d/%d %s: in process %s, HTTP %s%n",
                                r + 1, settings.coldRuns(), item.name(), in, h);
            }
        }
        session.reopen(true);
        // The lexicon is the cold cost (the server builds its own when it starts): built before the warm runs, so
        // that the first run does not count it and leave the gatekeeper the minimum of runs.
        session.gatekeeper().warmUp();
        timer.once(timer.http(() ->
                settings.requests().postJson(session.server().url() + "api/proposals/check", ctx.proposalJson())));
        ctx.out()
                .printf("%n| query | rows | cold in process | cold HTTP | warm in process p50 | p95 | warm HTTP p50 |"
                        + " p95 | warm runs |%n|---|---:|---:|---:|---:|---:|---:|---:|---:|%n");
        Map<String, BudgetTimer.Timing[]> warm = new LinkedHashMap<>();
        for (Item item : items) {
            BudgetTimer.Timing in = timer.measure(item.inProcess());
            BudgetTimer.Timing h = item.http() == null ? null : timer.measure(timer.http(item.http()));
            warm.put(item.name(), new BudgetTimer.Timing[] {in, h});
            ctx.out()
                    .printf(
                            "| %s | %s | %s | %s | %s | %s | %s | %s | %s |%n",
                            item.name().equals(GATEKEEPER) ? "**" + GATEKEEPER + "** (overlaps)" : item.name(),
                            in.failure() == null ? Long.toString(in.rows()) : "",
                            cold(coldIn, coldFailure, item.name() + " in"),
                            cold(coldHttp, coldFailure, item.name() + " http"),
                            in.p50(),
                            in.p95(),
                            h == null ? "" : h.p50(),
                            h == null ? "" : h.p95(),
                            in.failure() == null ? in.nanos().length + "" : "");
            ctx.out().flush();
        }
        ctx.out()
                .printf(
                        "%nCold: median of %d, each the first execution after the store was opened afresh in this"
                                + " JVM (new TDB2 caches; HTTP: a new server and connection too). Warm: median (p50)"
                                + " and p95 of the runs shown, after %d warm-ups. Over the budget: stopped at %d s.%n",
                        settings.coldRuns(), settings.warmups(), settings.budgetSeconds());
        ctx.out().printf("%nTargets (warm p95 <= 20 ms; met if the HTTP p95 is):%n%n");
        for (Item item : items) {
            String kind = item.kind();
            if (kind.isEmpty()) {
                continue;
            }
            BudgetTimer.Timing[] t = warm.get(item.name());
            String label = switch (kind) {
                case "gatekeeper" -> "gatekeeper check";
                case "overlap" -> "overlap in a locality";
                default -> "national aggregate";
            };
            if (t[1] == null) {
                ctx.out()
                        .printf(
                                "- %s, `%s` (in process only): p95 %s%n",
                                label, item.name(), t[0].failure() != null ? t[0].failure() : t[0].p95() + " ms");
                continue;
            }
            boolean met = t[1].failure() == null && t[1].stats().p95() <= 20;
            ctx.out()
                    .printf(
                            "- %s, `%s`: p95 %s in process, %s over HTTP: %s%n",
                            label,
                            item.name(),
                            t[0].failure() != null ? t[0].failure() : t[0].p95() + " ms",
                            t[1].failure() != null ? t[1].failure() : t[1].p95() + " ms",
                            met ? "**met**" : "**not met**");
        }
    }

    private static void record(
            Map<String, double[]> out, Map<String, String> failures, String key, BudgetTimer.Timing t) {
        if (t.failure() != null) {
            failures.put(key, t.failure());
            return;
        }
        double[] runs = out.computeIfAbsent(key, k -> new double[0]);
        runs = Arrays.copyOf(runs, runs.length + 1);
        runs[runs.length - 1] = t.nanos()[0] / 1e6;
        out.put(key, runs);
    }

    private static String cold(Map<String, double[]> times, Map<String, String> failures, String key) {
        if (failures.containsKey(key)) {
            return failures.get(key);
        }
        double[] t = times.get(key);
        return t == null ? "" : ms(Stats.median(t));
    }

    private long runInProcess(Query query) throws BudgetTimer.OverBudget {
        try {
            return session.store().read(dsg -> {
                try (QueryExec qe = QueryExec.dataset(dsg)
                        .query(query)
                        .timeout(settings.budgetSeconds(), TimeUnit.SECONDS)
                        .build()) {
                    if (query.isConstructType() || query.isDescribeType()) {
                        return (long) qe.construct().size();
                    }
                    if (query.isAskType()) {
                        qe.ask();
                        return 1L;
                    }
                    long n = 0;
                    RowSet rows = qe.select();
                    while (rows.hasNext()) {
                        rows.next();
                        n++;
                    }
                    return n;
                }
            });
        } catch (QueryCancelledException e) {
            throw new BudgetTimer.OverBudget();
        }
    }
}
