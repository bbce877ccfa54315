package org.partnershipatlas.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.apache.commons.io.FileUtils;
import org.apache.jena.dboe.transaction.txn.TransactionCoordinator;
import org.apache.jena.fuseki.main.FusekiServer;
import org.apache.jena.graph.Node;
import org.apache.jena.query.Query;
import org.apache.jena.query.QueryCancelledException;
import org.apache.jena.riot.RDFFormat;
import org.apache.jena.riot.system.StreamRDF;
import org.apache.jena.riot.system.StreamRDFWriter;
import org.apache.jena.sparql.core.Quad;
import org.apache.jena.sparql.exec.QueryExec;
import org.apache.jena.sparql.exec.RowSet;
import org.apache.jena.system.Txn;
import org.apache.jena.tdb2.sys.TDBInternal;
import org.partnershipatlas.endpoint.AtlasServer;
import org.partnershipatlas.endpoint.sparql.PublicQueryPolicy;
import org.partnershipatlas.gatekeeper.Gatekeeper;
import org.partnershipatlas.gatekeeper.GatekeeperConfig;
import org.partnershipatlas.gatekeeper.Proposal;
import org.partnershipatlas.gatekeeper.ProposalReader;
import org.partnershipatlas.loaders.dumps.DumpFile;
import org.partnershipatlas.loaders.dumps.DumpManifest;
import org.partnershipatlas.loaders.dumps.DumpWriter;
import org.partnershipatlas.loaders.store.AtlasStore;
import org.partnershipatlas.ontology.AtlasIris;
import org.partnershipatlas.queries.NamedQuery;
import org.partnershipatlas.queries.QueryBinder;
import org.partnershipatlas.queries.QueryCatalogue;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The national-scale query benchmark ({@code bench/run national}, which makes the store): on an existing Atlas
 * store, opened in this JVM and served by an {@link AtlasServer} on loopback,
 *
 * <ul>
 *   <li>{@code queries}: every query of the library, as the catalogue holds it, bound with its examples adapted to
 *       the store ({@link NationalParams}), and the gatekeeper check of a proposal: latency in process and over HTTP
 *       (the query API and {@code POST /api/proposals/check}), cold (the first execution after the store is opened
 *       afresh, with a new server for HTTP) and warm (after warm-ups), with a time budget per execution;
 *   <li>{@code concurrency}: a closed loop of 1, 4 and 8 HTTP clients for a fixed time on a look-up and a locality
 *       SPARQL query, the Atlas against a bare Fuseki (jena-fuseki-main, read-only, the same dataset, another port;
 *       never both at once), and on the resource pages ({@code /doc/...} as Turtle and HTML): one page again and
 *       again (cached), and many pages in turn from a server without the document cache (uncached);
 *   <li>{@code dump}: the release files written by the Atlas's {@link DumpWriter} against {@code tdb2.tdbdump}
 *       (riot) writing N-Quads of the same store, in quads per second;
 *   <li>{@code virtuoso}: the library on Virtuoso Open Source loaded with the store's release dump, ratio per query.
 * </ul>
 *
 * and the heap this JVM needed ({@link HeapWatch}). Prints Markdown for {@code BENCHMARKS.md}.
 */
@Command(
        name = "national",
        mixinStandardHelpOptions = true,
        description = "The library, the gatekeeper, HTTP concurrency and dumps on a national-scale store.")
public final class NationalQueries implements Callable<Integer> {
    static final String LOOKUP = "SELECT ?p ?o { <%s> ?p ?o }";
    static final String LOCALITY = "PREFIX pa: <https://w3id.org/partnership-atlas/def#>"
            + " PREFIX dcterms: <http://purl.org/dc/terms/> PREFIX skos: <http://www.w3.org/2004/02/skos/core#>"
            + " SELECT ?p ?label { ?p a pa:Partnership ; dcterms:spatial <%s> ; skos:prefLabel ?label }"
            + " ORDER BY ?label";
    static final String GATEKEEPER = "gatekeeper check";
    static final Set<String> SECTIONS = Set.of("dump", "queries", "concurrency", "virtuoso");

    @Option(names = "--store", required = true, description = "The TDB2 store (as made by atlas load).")
    Path storeDir;

    @Option(names = "--work", description = "Folder for dumps and Virtuoso (default: beside the store).")
    Path work;

    @Option(
            names = "--sections",
            split = ",",
            defaultValue = "dump,queries,concurrency",
            description = "Which parts to run: dump, queries, concurrency, virtuoso (default: ${DEFAULT-VALUE}).")
    List<String> sections;

    @Option(names = "--data-label", defaultValue = "", description = "What the store holds, for the headings.")
    String dataLabel;

    @Option(names = "--locality", description = "The locality slug to query (default: the store's first).")
    String localitySlug;

    @Option(names = "--only", split = ",", description = "Only these library queries (default: all).")
    List<String> only;

    @Option(
            names = "--runs",
            defaultValue = "20",
            description = "Warm timed runs per query (default: ${DEFAULT-VALUE}).")
    int runs;

    @Option(
            names = "--warmups",
            defaultValue = "3",
            description = "Warm-up runs per query (default: ${DEFAULT-VALUE}).")
    int warmups;

    @Option(
            names = "--cold-runs",
            defaultValue = "3",
            description = "Cold runs per query, each on a store opened afresh (default: ${DEFAULT-VALUE}).")
    int coldRuns;

    @Option(
            names = "--budget",
            defaultValue = "60",
            description = "Seconds one execution may take before it is stopped and reported as over (default:"
                    + " ${DEFAULT-VALUE}).")
    int budgetSeconds;

    @Option(
            names = "--seconds-per-query",
            defaultValue = "30",
            description = "Fewer warm runs (at least 3) for a query whose runs would take longer than this (default:"
                    + " ${DEFAULT-VALUE}).")
    int secondsPerQuery;

    @Option(
            names = "--clients",
            split = ",",
            defaultValue = "1,4,8",
            description = "Concurrent clients (default: ${DEFAULT-VALUE}).")
    List<Integer> clients;

    @Option(
            names = "--duration",
            defaultValue = "10",
            description = "Seconds of each closed-loop run (default: ${DEFAULT-VALUE}).")
    int durationSeconds;

    @Option(
            names = "--rounds",
            defaultValue = "3",
            description = "Closed-loop rounds, the servers' order alternating (default: ${DEFAULT-VALUE}).")
    int rounds;

    @Option(
            names = "--distinct-resources",
            defaultValue = "2000",
            description = "Resources (partnerships and organisations, half each) whose documents the `resource-*-many`"
                    + " loops ask for in turn (default: ${DEFAULT-VALUE}).")
    int distinctResources;

    @Option(
            names = "--dump-runs",
            defaultValue = "3",
            description = "Runs of each dump writer (default: ${DEFAULT-VALUE}).")
    int dumpRuns;

    @Option(
            names = "--atlas-jar",
            defaultValue = "cli/target/atlas.jar",
            description = "The jar with tdb2.tdbdump (default: ${DEFAULT-VALUE}).")
    Path atlasJar;

    @Option(
            names = "--buffers-mb",
            defaultValue = "3072",
            description = "Virtuoso's page buffers in MiB (default: ${DEFAULT-VALUE}).")
    long buffersMb;

    private final AtlasIris iris = AtlasIris.DEFAULT;
    private final QueryCatalogue catalogue = QueryCatalogue.load();
    private final QueryBinder binder = new QueryBinder(AtlasIris.DEFAULT);
    private final ExecutorService inProcess = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "in-process-query");
        t.setDaemon(true);
        return t;
    });
    private final HttpClient http = SparqlTiming.newClient();
    private AtlasStore store;
    private AtlasServer server;
    private Gatekeeper gatekeeper;
    private NationalParams params;
    private final Map<String, Map<String, String>> values = new LinkedHashMap<>();
    private List<String> manyResources = List.of();
    private Proposal proposal;
    private String proposalJson;
    private PublicQueryPolicy policy = PublicQueryPolicy.defaults();

    public static void main(String[] args) {
        System.exit(new CommandLine(new NationalQueries()).execute(args));
    }

    /** An execution went past the budget. */
    static final class OverBudget extends Exception {
        private static final long serialVersionUID = 1L;
    }

    /** One timed operation; returns the rows (or triples, or overlaps) it produced. */
    interface Op {
        long run() throws Exception;
    }

    /**
     * The timings of one operation.
     *
     * @param rows what the last run produced
     * @param nanos the timed runs' latencies
     * @param failure null, {@code > N s} when over the budget, or the error
     */
    record Timing(long rows, long[] nanos, String failure) {
        Stats stats() {
            return Stats.of(nanos);
        }

        String p50() {
            return failure != null ? failure : ms(stats().p50());
        }

        String p95() {
            return failure != null ? "" : ms(stats().p95());
        }
    }

    /** A library query or the gatekeeper check, in process and over HTTP. */
    private record Item(String name, Op inProcess, Supplier<HttpRequest> http, String kind) {}

    @Override
    public Integer call() throws Exception {
        for (String s : sections) {
            if (!SECTIONS.contains(s)) {
                throw new CommandLine.ParameterException(
                        new CommandLine(this), "unknown section " + s + "; one of " + SECTIONS);
            }
        }
        if (!AtlasStore.exists(storeDir)) {
            throw new IllegalArgumentException("no TDB2 store at " + storeDir);
        }
        Path dir = work != null ? work : storeDir.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        try (HeapWatch heap = new HeapWatch()) {
            System.out.printf("%n## National-scale queries%s%n%n", dataLabel.isEmpty() ? "" : " (" + dataLabel + ")");
            System.out.printf(
                    "- machine: %d cores, %.1f GiB of memory; Java %s, heap max %.1f GiB; load average at the start"
                            + " %.2f (other processes share the machine when it is over 0)%n",
                    Runtime.getRuntime().availableProcessors(),
                    ManagementFactory.getPlatformMXBean(com.sun.management.OperatingSystemMXBean.class)
                                    .getTotalMemorySize()
                            / 1073741824.0,
                    System.getProperty("java.version"),
                    Runtime.getRuntime().maxMemory() / 1073741824.0,
                    ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
            List<DumpRow> dumpRows = new ArrayList<>();
            long storeQuads = -1;
            if (sections.contains("dump")) {
                dumpRows.addAll(tdbdump(dir));
            }
            long t0 = System.nanoTime();
            store = AtlasStore.open(storeDir);
            System.out.printf("- store %s opened in %s ms%n", storeDir, ms((System.nanoTime() - t0) / 1e6));
            storeQuads = store.read(dsg -> dsg.stream().count());
            long graphs = store.read(dsg -> {
                long n = 0;
                for (var it = dsg.listGraphNodes(); it.hasNext(); it.next()) {
                    n++;
                }
                return n;
            });
            System.out.printf("- %,d quads in %d graphs%n", storeQuads, graphs);
            params = NationalParams.choose(store, iris, catalogue, localitySlug);
            // Every value now, while this store is open: the stand-ins are looked up in it.
            for (NamedQuery named : queries()) {
                values.put(named.name(), params.values(named));
            }
            String partnership = params.partnership(catalogue);
            manyResources = params.resources(distinctResources);
            proposalJson = params.proposalJson(partnership);
            proposal = new ProposalReader(iris).fromJson(proposalJson);
            System.out.printf("- locality: <%s>; look-up partnership: <%s>%n", params.locality(), partnership);
            System.out.printf("- gatekeeper proposal: `%s`%n", proposalJson);
            System.out.printf(
                    "- distinct resources for the `resource-*-many` loops: %,d (partnerships and organisations in"
                            + " turn)%n",
                    manyResources.size());
            if (sections.contains("dump")) {
                dumpRows.addAll(atlasDumps(dir, storeQuads));
                printDumps(dumpRows, storeQuads);
            }
            if (sections.contains("queries")) {
                libraryLatency();
            }
            if (sections.contains("concurrency")) {
                concurrency(partnership);
            }
            if (sections.contains("virtuoso")) {
                virtuoso(dir);
            }
            System.out.printf("%n### Heap of the benchmark's JVM (store, Atlas server, bare Fuseki and clients)%n%n");
            heap.report().forEach(System.out::println);
            System.out.printf(
                    "- load average at the end: %.2f (1 min)%n",
                    ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        } finally {
            stopServer();
            closeStore();
            inProcess.shutdownNow();
        }
        return 0;
    }

    // ---------------------------------------------------------------------------------------------------------------
    // The library and the gatekeeper, cold and warm

    private List<Item> items() {
        List<Item> items = new ArrayList<>();
        for (NamedQuery named : queries()) {
            Map<String, String> bound = this.values.get(named.name());
            Query query = binder.bind(named, bound);
            String accept = named.returnsGraph() ? SparqlTiming.N_TRIPLES : SparqlTiming.RESULTS_JSON;
            items.add(new Item(
                    named.name(),
                    () -> runInProcess(query),
                    () -> get(server.url() + "api/queries/" + named.name() + queryString(bound), accept),
                    kind(named)));
        }
        items.add(new Item(
                GATEKEEPER,
                () -> gatekeeper.check(proposal).overlaps().size(),
                () -> HttpRequest.newBuilder(URI.create(server.url() + "api/proposals/check"))
                        .header("Content-Type", "application/json")
                        .header("Accept", "application/json")
                        .timeout(clientTimeout())
                        .POST(HttpRequest.BodyPublishers.ofString(proposalJson))
                        .build(),
                "gatekeeper"));
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
        String text = named.text().toUpperCase(java.util.Locale.ROOT);
        boolean aggregates = text.contains("COUNT(") || text.contains("SUM(");
        boolean local = named.params().stream()
                .anyMatch(p -> p.required()
                        && List.of("locality", "organisation", "partnership", "resource")
                                .contains(p.name()));
        return aggregates && !local ? "aggregate" : "";
    }

    private void libraryLatency() throws Exception {
        List<Item> items = items();
        System.out.printf(
                "%n### The library and the gatekeeper: latency, ms%n%nBound with (examples adapted to this store):"
                        + "%n%n");
        for (NamedQuery named : queries()) {
            Map<String, String> bound = this.values.get(named.name());
            if (!bound.isEmpty()) {
                System.out.printf("- `%s`: %s%n", named.name(), bound);
            }
        }
        Map<String, double[]> coldIn = new LinkedHashMap<>();
        Map<String, double[]> coldHttp = new LinkedHashMap<>();
        Map<String, String> coldFailure = new LinkedHashMap<>();
        for (int r = 0; r < coldRuns; r++) {
            for (Item item : items) {
                String in = "skipped";
                String h = "skipped";
                if (!coldFailure.containsKey(item.name() + " in")) {
                    reopen(false);
                    Timing t = once(item.inProcess());
                    record(coldIn, coldFailure, item.name() + " in", t);
                    in = t.p50();
                }
                if (!coldFailure.containsKey(item.name() + " http")) {
                    reopen(true);
                    Timing t = once(httpOp(item.http()));
                    record(coldHttp, coldFailure, item.name() + " http", t);
                    h = t.p50();
                }
                System.err.printf("cold %d/%d %s: in process %s, HTTP %s%n", r + 1, coldRuns, item.name(), in, h);
            }
        }
        reopen(true);
        System.out.printf(
                "%n| query | rows | cold in process | cold HTTP | warm in process p50 | p95 | warm HTTP p50 | p95 |"
                        + " warm runs |%n|---|---:|---:|---:|---:|---:|---:|---:|---:|%n");
        Map<String, Timing[]> warm = new LinkedHashMap<>();
        for (Item item : items) {
            Timing in = measure(item.inProcess());
            Timing h = measure(httpOp(item.http()));
            warm.put(item.name(), new Timing[] {in, h});
            System.out.printf(
                    "| %s | %s | %s | %s | %s | %s | %s | %s | %s |%n",
                    item.name().equals(GATEKEEPER) ? "**" + GATEKEEPER + "** (overlaps)" : item.name(),
                    in.failure() == null ? Long.toString(in.rows()) : "",
                    cold(coldIn, coldFailure, item.name() + " in"),
                    cold(coldHttp, coldFailure, item.name() + " http"),
                    in.p50(),
                    in.p95(),
                    h.p50(),
                    h.p95(),
                    in.failure() == null ? in.nanos().length + "" : "");
            System.out.flush();
        }
        System.out.printf(
                "%nCold: median of %d, each the first execution after the store was opened afresh in this JVM (new"
                        + " TDB2 caches; HTTP: a new server and connection too). Warm: median (p50) and p95 of the"
                        + " runs shown, after %d warm-ups. Over the budget: stopped at %d s.%n",
                coldRuns, warmups, budgetSeconds);
        System.out.printf("%nTargets (warm p95 <= 20 ms; met if the HTTP p95 is):%n%n");
        for (Item item : items) {
            String kind = item.kind();
            if (kind.isEmpty()) {
                continue;
            }
            Timing[] t = warm.get(item.name());
            String label = switch (kind) {
                case "gatekeeper" -> "gatekeeper check";
                case "overlap" -> "overlap in a locality";
                default -> "national aggregate";
            };
            boolean met = t[1].failure() == null && t[1].stats().p95() <= 20;
            System.out.printf(
                    "- %s, `%s`: p95 %s in process, %s over HTTP: %s%n",
                    label,
                    item.name(),
                    t[0].failure() != null ? t[0].failure() : t[0].p95() + " ms",
                    t[1].failure() != null ? t[1].failure() : t[1].p95() + " ms",
                    met ? "**met**" : "**not met**");
        }
    }

    private static void record(Map<String, double[]> out, Map<String, String> failures, String key, Timing t) {
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

    /** The library's queries, or those named by {@code --only}. */
    private List<NamedQuery> queries() {
        return only == null
                ? List.copyOf(catalogue.list())
                : only.stream().map(catalogue::require).toList();
    }

    private long runInProcess(Query query) throws OverBudget {
        try {
            return store.read(dsg -> {
                try (QueryExec qe = QueryExec.dataset(dsg)
                        .query(query)
                        .timeout(budgetSeconds, TimeUnit.SECONDS)
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
            throw new OverBudget();
        }
    }

    /**
     * Sends a request and reads the answer. Over the budget: 503 (the server's query timeout), a client time-out, or
     * an answer that took the budget or longer: the query API may have sent 200 and the first rows when the timeout
     * stops the query, and then ends the body early.
     */
    private Op httpOp(Supplier<HttpRequest> request) {
        return () -> {
            try {
                long t0 = System.nanoTime();
                HttpResponse<byte[]> r = http.send(request.get(), HttpResponse.BodyHandlers.ofByteArray());
                if (r.statusCode() == 503 || System.nanoTime() - t0 >= TimeUnit.SECONDS.toNanos(budgetSeconds)) {
                    throw new OverBudget();
                }
                if (r.statusCode() != 200) {
                    String body = new String(r.body(), StandardCharsets.UTF_8);
                    throw new IllegalStateException("HTTP " + r.statusCode() + ": "
                            + body.substring(0, Math.min(200, body.length())).strip());
                }
                return r.body().length;
            } catch (HttpTimeoutException e) {
                throw new OverBudget();
            }
        };
    }

    /** Runs the operation once, in this class's query thread, stopped at the budget. */
    private Timing once(Op op) {
        Future<long[]> f = inProcess.submit(() -> {
            long t0 = System.nanoTime();
            long rows = op.run();
            return new long[] {rows, System.nanoTime() - t0};
        });
        try {
            long[] done = f.get(budgetSeconds + 15L, TimeUnit.SECONDS);
            return new Timing(done[0], new long[] {done[1]}, null);
        } catch (TimeoutException e) {
            f.cancel(true);
            return new Timing(0, new long[0], "> " + budgetSeconds + " s");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof OverBudget) {
                return new Timing(0, new long[0], "> " + budgetSeconds + " s");
            }
            String m = String.valueOf(e.getCause()).replaceAll("\\s+", " ");
            return new Timing(0, new long[0], "error: " + m.substring(0, Math.min(120, m.length())));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * Warm timing: the first run, then warm-ups (none if the first took over 2 s), then the timed runs: {@code
     * --runs}, fewer (at least 3) if they would take more than {@code --seconds-per-query}.
     */
    private Timing measure(Op op) {
        Timing first = once(op);
        if (first.failure() != null) {
            return first;
        }
        long firstNanos = first.nanos()[0];
        int w = firstNanos > 2_000_000_000L ? 0 : Math.max(0, warmups - 1);
        for (int i = 0; i < w; i++) {
            Timing t = once(op);
            if (t.failure() != null) {
                return t;
            }
        }
        int n = (int) Math.max(3, Math.min(runs, secondsPerQuery * 1_000_000_000L / Math.max(1, firstNanos)));
        long[] nanos = new long[n];
        long rows = first.rows();
        for (int i = 0; i < n; i++) {
            Timing t = once(op);
            if (t.failure() != null) {
                return t;
            }
            nanos[i] = t.nanos()[0];
            rows = t.rows();
        }
        return new Timing(rows, nanos, null);
    }

    // ---------------------------------------------------------------------------------------------------------------
    // HTTP concurrency: the Atlas against a bare Fuseki

    private record Target(String name, Supplier<HttpRequest> atlas, Supplier<HttpRequest> fuseki) {}

    private void concurrency(String partnership) throws Exception {
        reopen(true);
        FusekiServer fuseki = FusekiServer.create()
                .port(0)
                .loopback(true)
                .add("/ds", store.datasetGraph(), false)
                .build()
                .start();
        // The same server but without the document cache: every document it serves is rendered for the request.
        AtlasServer uncached = AtlasServer.builder(store)
                .port(0)
                .host("127.0.0.1")
                .queryTimeout(Duration.ofSeconds(budgetSeconds))
                .queryPolicy(policy)
                .docCacheBytes(0)
                .build()
                .start();
        try {
            if (manyResources.isEmpty()) {
                throw new IllegalStateException("the store has no partnerships or organisations");
            }
            List<String> manyDocs = manyResources.stream()
                    .map(iri -> iri.replace(iris.base() + "id/", uncached.url() + "doc/"))
                    .toList();
            String fusekiSparql = "http://127.0.0.1:" + fuseki.getHttpPort() + "/ds/sparql";
            String lookup = String.format(LOOKUP, partnership);
            String locality = String.format(LOCALITY, params.locality());
            String doc = partnership.replace(iris.base() + "id/", server.url() + "doc/");
            List<Target> targets = List.of(
                    new Target(
                            "sparql-lookup",
                            () -> sparqlGet(server.sparqlUrl(), lookup),
                            () -> sparqlGet(fusekiSparql, lookup)),
                    new Target(
                            "sparql-locality",
                            () -> sparqlGet(server.sparqlUrl(), locality),
                            () -> sparqlGet(fusekiSparql, locality)),
                    new Target("resource-turtle", () -> get(doc, "text/turtle"), null),
                    new Target("resource-html", () -> get(doc, "text/html"), null),
                    new Target("resource-turtle-many", inTurn(manyDocs, "text/turtle"), null),
                    new Target("resource-html-many", inTurn(manyDocs, "text/html"), null));
            Duration length = Duration.ofSeconds(durationSeconds);
            Duration warm = Duration.ofMillis(Math.min(2000, length.toMillis() / 2));
            Map<String, List<ClosedLoop.Result>> results = new LinkedHashMap<>();
            for (int round = 0; round < rounds; round++) {
                for (int k : clients) {
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
                            System.err.printf(
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
            System.out.printf(
                    "%n### HTTP concurrency: the Atlas and a bare Fuseki on the same store%n%nClosed loop of K clients"
                            + " (java.net.http, one kept-alive connection each) for %d s after %.1f s of warm-up;"
                            + " median of %d rounds (the servers' order alternating), latency in ms. Bare Fuseki:"
                            + " jena-fuseki-main, read-only `/ds/sparql` over the same DatasetGraph, in the same"
                            + " JVM, never measured at the same time as the Atlas. `sparql-lookup`: `%s`;"
                            + " `sparql-locality`: the partnerships of <%s> with their labels, ordered;"
                            + " `resource-turtle`, `resource-html`: GET `%s` (the document `/id/...` redirects to)"
                            + " with Accept `text/turtle` or `text/html`, the same resource again and again, so after"
                            + " the first request the server's document cache answers (cached). `resource-*-many`:"
                            + " the documents of %,d distinct partnerships and organisations in turn, each once per"
                            + " pass (the clients share the turn), from a second Atlas server on the same store with"
                            + " its document cache off, so every request renders its document (uncached).%n%n",
                    durationSeconds,
                    warm.toMillis() / 1000.0,
                    rounds,
                    lookup,
                    params.locality(),
                    doc.replace(server.url(), "/"),
                    manyDocs.size());
            System.out.println("| request | clients | Atlas req/s | p50 | p95 | p99 | Fuseki req/s | p50 | p95 | p99 |"
                    + " Atlas / Fuseki req/s | Atlas / Fuseki p50 | errors |");
            System.out.println("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
            List<String> verdicts = new ArrayList<>();
            for (Target t : targets) {
                for (int k : clients) {
                    Summary a = Summary.of(results.get(t.name() + "|" + k + "|atlas"));
                    Summary f = t.fuseki() == null ? null : Summary.of(results.get(t.name() + "|" + k + "|fuseki"));
                    System.out.printf(
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
                                "- raw SPARQL within 5%% of bare Fuseki, %s at %d clients: req/s %.2f x, p50 %.2f x:"
                                        + " %s",
                                t.name(),
                                k,
                                a.perSecond() / f.perSecond(),
                                a.p50() / f.p50(),
                                met ? "**met**" : "**not met**"));
                    } else if (k == 4) {
                        boolean met = a.p50() <= 1.0 && a.perSecond() >= 2400;
                        verdicts.add(String.format(
                                "- resource description, %s%s at 4 clients: p50 %s ms (<= 1), %.0f req/s (>= 2,400):"
                                        + " %s",
                                t.name(),
                                t.name().endsWith("-many") ? " (uncached)" : " (cached)",
                                ms(a.p50()),
                                a.perSecond(),
                                met ? "**met**" : "**not met**"));
                    }
                }
            }
            System.out.printf("%nTargets:%n%n");
            verdicts.forEach(System.out::println);
        } finally {
            uncached.stop();
            fuseki.stop();
        }
    }

    /** Requests for the documents in turn, each once per pass, whichever client asks next. */
    private Supplier<HttpRequest> inTurn(List<String> urls, String accept) {
        AtomicLong next = new AtomicLong();
        return () -> get(urls.get((int) (next.getAndIncrement() % urls.size())), accept);
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

    // ---------------------------------------------------------------------------------------------------------------
    // Dumps

    /** {@code tdb2.tdbdump} of the store (closed), to N-Quads and piped through gzip: rows for the table. */
    private List<DumpRow> tdbdump(Path dir) throws IOException, InterruptedException {
        if (store != null) {
            throw new IllegalStateException("tdbdump needs the store closed");
        }
        Path out = dir.resolve("tdbdump.nq");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String cmd = "'" + java + "' -Xmx1g -cp '" + atlasJar.toAbsolutePath() + "' tdb2.tdbdump --loc '"
                + storeDir.toAbsolutePath() + "'";
        double[] plain = new double[dumpRuns];
        double[] gzip = new double[dumpRuns];
        long quads = 0;
        for (int i = 0; i < dumpRuns; i++) {
            plain[i] = shell(cmd + " > '" + out + "'");
            quads = lines(out);
            Files.delete(out);
            gzip[i] = shell(cmd + " | gzip > '" + out + ".gz'");
            Files.delete(Path.of(out + ".gz"));
            System.err.printf("tdbdump run %d: %.1f s, | gzip %.1f s%n", i + 1, plain[i], gzip[i]);
        }
        return List.of(
                row("`tdb2.tdbdump` (riot) to N-Quads, in its own JVM", quads, plain),
                row("`tdb2.tdbdump \\| gzip` (gzip on the other core)", quads, gzip));
    }

    private static long lines(Path file) throws IOException {
        try (var s = Files.lines(file)) {
            return s.count();
        }
    }

    private static double shell(String command) throws IOException, InterruptedException {
        long t0 = System.nanoTime();
        Process p = new ProcessBuilder("bash", "-c", "set -o pipefail; " + command)
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        if (p.waitFor() != 0) {
            throw new IllegalStateException("failed: " + command);
        }
        return (System.nanoTime() - t0) / 1e9;
    }

    private List<DumpRow> atlasDumps(Path dir, long quads) throws IOException {
        Path dumps = dir.resolve("dumps");
        Path nq = dir.resolve("stream.nq.gz");
        double[] release = new double[dumpRuns];
        double[] stream = new double[dumpRuns];
        long statements = 0;
        for (int i = 0; i < dumpRuns; i++) {
            long t0 = System.nanoTime();
            DumpManifest m = new DumpWriter(store, iris).write(dumps);
            release[i] = (System.nanoTime() - t0) / 1e9;
            statements = m.files().stream()
                    .mapToLong(DumpFile::statements)
                    .filter(n -> n > 0)
                    .sum();
            t0 = System.nanoTime();
            Txn.executeRead(store.datasetGraph(), () -> {
                try (var os = new java.util.zip.GZIPOutputStream(
                        new java.io.BufferedOutputStream(Files.newOutputStream(nq), 1 << 16), 1 << 16)) {
                    StreamRDF w = StreamRDFWriter.getWriterStream(os, RDFFormat.NQUADS);
                    w.start();
                    for (var it = store.datasetGraph().find(Node.ANY, Node.ANY, Node.ANY, Node.ANY); it.hasNext(); ) {
                        Quad q = it.next();
                        w.quad(q);
                    }
                    w.finish();
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
            stream[i] = (System.nanoTime() - t0) / 1e9;
            Files.delete(nq);
            System.err.printf("DumpWriter run %d: %.1f s; N-Quads stream %.1f s%n", i + 1, release[i], stream[i]);
        }
        long written = statements;
        return List.of(
                row(
                        "Atlas `DumpWriter`: the whole release (" + String.format("%,d", written)
                                + " statements in all its files, SHA-256)",
                        quads,
                        release),
                row(
                        "the same JVM streaming every quad to gzipped N-Quads (the release's first file alone)",
                        quads,
                        stream));
    }

    /** One dump writer's runs. */
    private record DumpRow(String what, long quads, double[] seconds) {
        double median() {
            return Stats.median(seconds);
        }
    }

    private static DumpRow row(String what, long quads, double[] seconds) {
        return new DumpRow(what, quads, seconds);
    }

    /** The table; the ratio is the writer's rate over that of {@code tdb2.tdbdump | gzip}, when that ran. */
    private static void printDumps(List<DumpRow> rows, long quads) {
        System.out.printf(
                "%n### Dumps of the store: %,d quads%n%n| writer | runs (s) | median s | store quads/s |"
                        + " rate / `tdbdump \\| gzip` |%n|---|---|---:|---:|---:|%n",
                quads);
        double baseline = rows.size() > 1 && rows.get(1).what().contains("gzip")
                ? rows.get(1).median()
                : Double.NaN;
        for (DumpRow r : rows) {
            System.out.printf(
                    "| %s | %s | %.1f | %,.0f | %s |%n",
                    r.what(),
                    Arrays.stream(r.seconds())
                            .mapToObj(x -> String.format("%.1f", x))
                            .collect(Collectors.joining(", ")),
                    r.median(),
                    r.quads() / r.median(),
                    Double.isNaN(baseline) ? "" : String.format("%.2f", baseline / r.median()));
        }
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Virtuoso

    private void virtuoso(Path dir) throws Exception {
        Path dumps = dir.resolve("dumps");
        if (!Files.exists(dumps.resolve(DumpWriter.ALL_QUADS))) {
            new DumpWriter(store, iris).write(dumps);
        }
        policy = new PublicQueryPolicy(QueryBinder.MAX_LIMIT * 100, Set.of());
        reopen(true);
        List<String> graphs = store.read(dsg -> {
            List<String> out = new ArrayList<>();
            dsg.listGraphNodes().forEachRemaining((Node g) -> out.add(g.getURI()));
            out.sort(null);
            return out;
        });
        Path vdir = dir.resolve("virtuoso");
        FileUtils.deleteDirectory(vdir.toFile());
        try (VirtuosoServer virtuoso = VirtuosoServer.builder(vdir)
                .bufferBytes(buffersMb << 20)
                .allow(dumps)
                .maxQueryExecutionSeconds(budgetSeconds)
                .start()) {
            VirtuosoServer.Load quads =
                    virtuoso.load(List.of(dumps.resolve(DumpWriter.ALL_QUADS)), "urn:x-partnership-atlas:no-graph", 1);
            VirtuosoServer.Load union =
                    virtuoso.load(List.of(dumps.resolve(DumpWriter.UNION_NTRIPLES)), VirtuosoCompat.UNION_GRAPH, 1);
            SparqlEndpoint v = new SparqlEndpoint(
                    "virtuoso-union", virtuoso.sparqlUrl(), List.of(VirtuosoCompat.UNION_GRAPH), graphs);
            SparqlEndpoint a = SparqlEndpoint.of("atlas", server.sparqlUrl());
            System.out.printf(
                    "%n### The library on Virtuoso Open Source (union dataset)%n%nVirtuoso bulk-loaded %,d quads in"
                            + " %.1f s and the union's %,d triples in %.1f s. Median of %d runs after %d warm-ups, ms,"
                            + " each request on a new connection; the Atlas's `/atlas/sparql` with a row cap of"
                            + " %,d.%n%n| query | Atlas HTTP | Virtuoso HTTP | Atlas / Virtuoso |%n|---|---:|---:|---:|%n",
                    quads.quads(),
                    quads.time().toMillis() / 1000.0,
                    union.quads(),
                    union.time().toMillis() / 1000.0,
                    runs,
                    warmups,
                    policy.maxRows());
            List<Double> ratios = new ArrayList<>();
            for (NamedQuery named : queries()) {
                String text = binder.bind(named, values.get(named.name())).toString();
                String at = sparqlMedian(a, text);
                String vt = sparqlMedian(v, text);
                String ratio = "";
                if (!at.startsWith(">") && !vt.startsWith(">") && !at.startsWith("e") && !vt.startsWith("e")) {
                    double r = Double.parseDouble(at) / Double.parseDouble(vt);
                    ratios.add(r);
                    ratio = String.format("%.2f", r);
                }
                System.out.printf("| %s | %s | %s | %s |%n", named.name(), at, vt, ratio);
                System.out.flush();
            }
            double[] r = ratios.stream().mapToDouble(Double::doubleValue).toArray();
            if (r.length > 0) {
                System.out.printf(
                        "%nRatio Atlas / Virtuoso over %d queries: median %.2f, min %.2f, max %.2f%n",
                        r.length,
                        Stats.median(r),
                        Arrays.stream(r).min().orElse(Double.NaN),
                        Arrays.stream(r).max().orElse(Double.NaN));
            }
        } finally {
            FileUtils.deleteDirectory(vdir.toFile());
            policy = PublicQueryPolicy.defaults();
        }
    }

    private String sparqlMedian(SparqlEndpoint endpoint, String query) {
        Duration timeout = Duration.ofSeconds(budgetSeconds);
        try {
            long first = SparqlTiming.once(
                    SparqlTiming.newClient(), endpoint, query, SparqlTiming.acceptFor(query), timeout);
            int n = (int) Math.max(3, Math.min(runs, secondsPerQuery * 1_000_000_000L / Math.max(1, first)));
            int w = first > 2_000_000_000L ? 0 : Math.max(0, warmups - 1);
            return ms(Stats.of(SparqlTiming.latencies(
                            SparqlTiming::newClient, endpoint, query, SparqlTiming.acceptFor(query), w, n, timeout))
                    .p50());
        } catch (IllegalStateException e) {
            String m = String.valueOf(e.getMessage());
            if (m.contains("timed out") || m.contains("503") || m.contains("partial answer")) {
                return "> " + budgetSeconds + " s";
            }
            return "error: " + m.replaceAll("\\s+", " ").substring(0, Math.min(80, m.length()));
        }
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Servers and requests

    /** Closes the server and the store and opens them again: a fresh TDB2 connection, empty caches. */
    private void reopen(boolean withServer) {
        stopServer();
        closeStore();
        store = AtlasStore.open(storeDir);
        gatekeeper = new Gatekeeper(store.datasetGraph(), catalogue, iris, GatekeeperConfig.defaults());
        if (withServer) {
            server = AtlasServer.builder(store)
                    .port(0)
                    .host("127.0.0.1")
                    .queryTimeout(Duration.ofSeconds(budgetSeconds))
                    .queryPolicy(policy)
                    .build()
                    .start();
        }
    }

    /**
     * Closes the store once no transaction is active on it: the server may still be ending the transaction of a
     * request whose answer the client has read, and TDB2 refuses to release a store in use.
     */
    private void closeStore() {
        if (store == null) {
            return;
        }
        TransactionCoordinator txns = TDBInternal.getTransactionCoordinator(store.datasetGraph());
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(budgetSeconds + 30L);
        while (txns.countActive() > 0 && System.nanoTime() < deadline) {
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        store.close();
        store = null;
    }

    private void stopServer() {
        if (server != null) {
            server.stop();
            server = null;
        }
    }

    private Duration clientTimeout() {
        return Duration.ofSeconds(budgetSeconds + 10L);
    }

    private HttpRequest get(String url, String accept) {
        return HttpRequest.newBuilder(URI.create(url))
                .header("Accept", accept)
                .timeout(clientTimeout())
                .build();
    }

    private HttpRequest sparqlGet(String endpoint, String query) {
        return get(endpoint + "?query=" + encode(query), SparqlTiming.RESULTS_JSON);
    }

    private static String queryString(Map<String, String> values) {
        return values.isEmpty()
                ? ""
                : "?"
                        + values.entrySet().stream()
                                .map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
                                .collect(Collectors.joining("&"));
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    static String rate(double perSecond) {
        return perSecond >= 10 ? String.format("%.0f", perSecond) : String.format("%.2f", perSecond);
    }

    static String ms(double millis) {
        if (Double.isNaN(millis)) {
            return "";
        }
        return millis >= 100
                ? String.format("%.0f", millis)
                : millis >= 10 ? String.format("%.1f", millis) : String.format("%.2f", millis);
    }
}
