package org.partnershipatlas.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.commons.io.FileUtils;
import org.apache.jena.query.Query;
import org.apache.jena.sparql.exec.QueryExec;
import org.partnershipatlas.loaders.dumps.DumpWriter;
import org.partnershipatlas.ontology.AtlasIris;
import org.partnershipatlas.queries.NamedQuery;
import org.partnershipatlas.queries.QueryBinder;
import org.partnershipatlas.queries.QueryCatalogue;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Can Virtuoso Open Source be the baseline of the library benchmark? The sample data is loaded into an Atlas (store
 * and server, {@link BenchServer}) and written out as the release's {@code atlas.nq.gz}; a Virtuoso
 * ({@link VirtuosoServer}) is started on loopback and bulk-loaded with that file; then every query of the library,
 * bound with its header's examples as the golden-results test binds it, runs on the Atlas in process (Jena) and on
 * Virtuoso over HTTP, and the answers are compared (rows as multisets, in an order the query's ORDER BY allows,
 * numbers by value; {@link Answers}). Virtuoso is asked three ways, because its default graph is not the Atlas's:
 *
 * <ul>
 *   <li>{@code plain}: {@code /sparql} with no dataset: every graph, Virtuoso's own ones included, as a bag;
 *   <li>{@code graphs}: {@code default-graph-uri} and {@code named-graph-uri} = each of the Atlas's graphs: only the
 *       Atlas's data, but a triple in two graphs still counts twice;
 *   <li>{@code union}: {@code default-graph-uri} = one more graph loaded from the release's union dump
 *       ({@code atlas.nt.gz}: each triple once), {@code named-graph-uri} = each of the Atlas's graphs: the Atlas's
 *       dataset exactly.
 * </ul>
 *
 * Then each query's latency (median of {@code --runs}): on the Atlas in process, the Atlas over HTTP and Virtuoso
 * ({@code union}) over HTTP. Prints Markdown for {@code BENCHMARKS.md}.
 */
@Command(
        name = "virtuoso-compat",
        mixinStandardHelpOptions = true,
        description = "The library queries on the Atlas and on Virtuoso: same answers? how fast?")
public final class VirtuosoCompat implements Callable<Integer> {
    /** The graph the union dump is loaded into, for the {@code union} dataset. */
    static final String UNION_GRAPH = "urn:x-partnership-atlas:union";

    /**
     * Why Virtuoso 7.2.5 (Debian 12) answers a library query differently from the Atlas, by query name, as found by
     * this benchmark on the sample data (each checked by hand with smaller queries); printed beside the query's row.
     * No query fails to parse or run: the differences are of datasets and of bugs, not of dialect.
     */
    static final Map<String, String> CAUSES = Map.ofEntries(
            Map.entry(
                    "best-practice-cases",
                    "graphs: Virtuoso bug: with several default graphs, a join through `skos:broader*` to a given"
                            + " domain loses rows (1 of 2 here; plan-dependent)"),
            Map.entry(
                    "domain-counts",
                    "Virtuoso bug: with two OPTIONALs that each hold `skos:broader*`, the first counts 0 partnerships"
                            + " for 36 of 48 domains (either OPTIONAL alone counts right)"),
            Map.entry("graph-sizes", "plain: Virtuoso's own 3 graphs (`virtrdf:` etc., 2,496 triples) are listed too"),
            Map.entry(
                    "guidance-catalogue",
                    "Atlas (Jena) bug apache/jena#4240: GROUP_CONCAT(DISTINCT) over no values is unbound; SPARQL 1.1"
                            + " and Virtuoso give \"\" (one resource without a publisher)"),
            Map.entry(
                    "guidance-for-domain",
                    "as guidance-catalogue (Jena's GROUP_CONCAT over no values); graphs: Virtuoso answers no rows"
                            + " (as best-practice-cases)"),
            Map.entry(
                    "guidance-newest-first",
                    "Virtuoso writes xsd:boolean `true` as `\"1\"^^xsd:boolean` (equal by value, not by term)"),
            Map.entry(
                    "outside-umbrella",
                    "graphs: Virtuoso bug: with several default graphs, `FILTER NOT EXISTS { ?p"
                            + " org:classification/skos:notation \"LSP\" }` lets the LSP through when two OPTIONALs"
                            + " and a second NOT EXISTS filter are present"),
            Map.entry("partnerships-by-domain", "graphs: Virtuoso answers no rows (as best-practice-cases)"),
            Map.entry("proliferation-by-domain", "graphs: Virtuoso answers no rows (as best-practice-cases)"),
            Map.entry(
                    "term-usage",
                    "plain: Virtuoso's own graphs are counted; graphs: the default graph is a bag, so the 23"
                            + " `foaf:page` triples held in two graphs count twice"),
            Map.entry("void-class-partitions", "plain: Virtuoso's own graphs are counted"),
            Map.entry("void-property-partitions", "as term-usage"));

    /**
     * Virtuoso-specific forms of library queries, by name, for queries whose standard form Virtuoso cannot run or
     * answers differently for a reason of dialect only. Empty: no query needs one (the table says how each fares).
     */
    static final Map<String, String> REWRITES = Map.of();

    @Option(names = "--data", defaultValue = "data", description = "The sources to load (default: ${DEFAULT-VALUE}).")
    Path data;

    @Option(names = "--runs", defaultValue = "20", description = "Timed runs per query (default: ${DEFAULT-VALUE}).")
    int runs;

    @Option(
            names = "--warmups",
            defaultValue = "3",
            description = "Untimed runs first per query (default: ${DEFAULT-VALUE}).")
    int warmups;

    @Option(
            names = "--buffers-mb",
            defaultValue = "3072",
            description = "Virtuoso's page buffers in MiB (default: ${DEFAULT-VALUE}).")
    long buffersMb;

    @Option(
            names = "--only",
            split = ",",
            description = "Only these library queries (names, comma-separated; default: all).")
    List<String> only;

    @Option(
            names = "--fresh-connections",
            description = "Time each HTTP request on a new connection (default: one kept-alive connection).")
    boolean freshConnections;

    @Option(names = "--no-latency", description = "Compare the answers only.")
    boolean noLatency;

    @Option(names = "--work", description = "Working folder (default: a new temporary one, deleted at the end).")
    Path work;

    @Option(names = "--keep", description = "Keep the working folder (the dump and Virtuoso's database).")
    boolean keep;

    public static void main(String[] args) {
        System.exit(new CommandLine(new VirtuosoCompat()).execute(args));
    }

    /** How a query fared on one Virtuoso dataset. */
    record Outcome(String verdict, String detail) {
        static final String SAME = "same";
        /** The same answer when numbers are compared by value and language tags without case. */
        static final String SAME_BY_VALUE = "same by value";

        static final String DIFFERENT = "different";
        static final String ERROR = "error";
    }

    @Override
    public Integer call() throws Exception {
        Path dir = work != null ? Files.createDirectories(work) : Files.createTempDirectory("atlas-virtuoso");
        try (BenchServer atlas = new BenchServer(data, Duration.ofSeconds(60), b -> {})) {
            Path dumps = dir.resolve("dumps");
            long t0 = System.nanoTime();
            new DumpWriter(atlas.store(), AtlasIris.DEFAULT).write(dumps);
            Duration dumpTime = Duration.ofNanos(System.nanoTime() - t0);
            Path quads = dumps.resolve(DumpWriter.ALL_QUADS);
            Path union = dumps.resolve(DumpWriter.UNION_NTRIPLES);
            List<String> graphs = StoreContents.graphs(atlas.store());
            long atlasQuads = StoreContents.quads(atlas.store());
            long atlasTriples = atlas.store()
                    .read(dsg -> dsg.getUnionGraph().find().toList().size());

            try (VirtuosoServer virtuoso = VirtuosoServer.builder(dir.resolve("virtuoso"))
                    .bufferBytes(buffersMb << 20)
                    .allow(dumps)
                    .start()) {
                String version = virtuoso.sql("SELECT sys_stat('st_dbms_ver');").strip();
                long own = virtuoso.quads();
                VirtuosoServer.Load load = virtuoso.load(List.of(quads), "urn:x-partnership-atlas:no-graph", 1);

                System.out.printf("%n### Virtuoso Open Source %s as a baseline: setup%n%n", version);
                System.out.printf(
                        "- Atlas: %d quads in %d graphs (%d distinct triples in the union); dump written in %d ms"
                                + " (%s, %d bytes)%n",
                        atlasQuads,
                        graphs.size(),
                        atlasTriples,
                        dumpTime.toMillis(),
                        quads.getFileName(),
                        Files.size(quads));
                System.out.printf(
                        "- Virtuoso started in %d ms (HTTP 127.0.0.1:%d, SQL 127.0.0.1:%d, %d MiB of buffers);"
                                + " a fresh database holds %d quads of its own%n",
                        virtuoso.startTime().toMillis(), virtuoso.httpPort(), virtuoso.sqlPort(), buffersMb, own);
                System.out.printf(
                        "- bulk load of %s: %d quads in %d ms (checkpoint %d ms): %.0f quads/s%n",
                        quads.getFileName(),
                        load.quads(),
                        load.time().toMillis(),
                        load.checkpoint().toMillis(),
                        load.quadsPerSecond());

                // plain and graphs first: the union graph, once loaded, is one more graph that plain would see.
                Map<String, SparqlEndpoint> datasets = new LinkedHashMap<>();
                datasets.put("plain", SparqlEndpoint.of("virtuoso-plain", virtuoso.sparqlUrl()));
                datasets.put("graphs", new SparqlEndpoint("virtuoso-graphs", virtuoso.sparqlUrl(), graphs, graphs));
                datasets.put(
                        "union",
                        new SparqlEndpoint("virtuoso-union", virtuoso.sparqlUrl(), List.of(UNION_GRAPH), graphs));
                Map<String, Map<String, Outcome>> outcomes = new LinkedHashMap<>();
                Map<String, Integer> atlasRows = new LinkedHashMap<>();
                run(atlas, "plain", datasets.get("plain"), outcomes, atlasRows);
                run(atlas, "graphs", datasets.get("graphs"), outcomes, atlasRows);
                VirtuosoServer.Load unionLoad = virtuoso.load(List.of(union), UNION_GRAPH, 1);
                System.out.printf(
                        "- bulk load of %s into <%s> (for the union dataset): %d triples in %d ms%n",
                        union.getFileName(),
                        UNION_GRAPH,
                        unionLoad.quads(),
                        unionLoad.time().toMillis());
                run(atlas, "union", datasets.get("union"), outcomes, atlasRows);
                print(outcomes, atlasRows);
                if (!noLatency) {
                    latency(atlas, datasets.get("graphs"), datasets.get("union"));
                }
            }
        } finally {
            if (!keep) {
                FileUtils.deleteDirectory(dir.toFile());
            } else {
                System.out.println("\nKept " + dir);
            }
        }
        return 0;
    }

    /** Runs every query on the Atlas and on one Virtuoso dataset; adds the outcomes by query, then dataset. */
    private void run(
            BenchServer atlas,
            String dataset,
            SparqlEndpoint endpoint,
            Map<String, Map<String, Outcome>> outcomes,
            Map<String, Integer> atlasRows) {
        QueryBinder binder = new QueryBinder(AtlasIris.DEFAULT);
        for (NamedQuery named : queries()) {
            Query query = binder.bind(named, named.examples());
            Answers expected = atlasAnswer(atlas, query);
            atlasRows.put(named.name(), expected.size());
            outcomes.computeIfAbsent(named.name(), k -> new LinkedHashMap<>())
                    .put(dataset, virtuosoOutcome(endpoint, named.name(), query, expected));
        }
    }

    private void print(Map<String, Map<String, Outcome>> outcomes, Map<String, Integer> atlasRows) {
        List<String> datasets = List.copyOf(outcomes.values().iterator().next().keySet());
        System.out.printf("%n### The library on Virtuoso: same answers as the Atlas?%n%n");
        System.out.println("| query | Atlas rows | " + String.join(" | ", datasets) + " | cause |");
        System.out.println("|---|---:|" + "---|".repeat(datasets.size()) + "---|");
        Map<String, Integer> same = new LinkedHashMap<>();
        datasets.forEach(k -> same.put(k, 0));
        List<String> details = new ArrayList<>();
        outcomes.forEach((name, byDataset) -> {
            List<String> cells = new ArrayList<>();
            byDataset.forEach((dataset, o) -> {
                if (o.verdict().startsWith(Outcome.SAME)) {
                    same.merge(dataset, 1, Integer::sum);
                }
                if (!o.verdict().equals(Outcome.SAME)) {
                    details.add("- `" + name + "`, " + dataset + ": " + o.verdict() + ": " + o.detail());
                }
                cells.add(o.verdict());
            });
            System.out.printf(
                    "| %s | %d | %s | %s |%n",
                    name, atlasRows.get(name), String.join(" | ", cells), CAUSES.getOrDefault(name, ""));
        });
        System.out.println();
        same.forEach((k, n) -> System.out.printf("- %s: %d of %d the same%n", k, n, outcomes.size()));
        if (!details.isEmpty()) {
            System.out.printf("%nDifferences and errors:%n%n");
            details.forEach(System.out::println);
        }
    }

    /** The library's queries, or those named by {@code --only}. */
    private List<NamedQuery> queries() {
        QueryCatalogue catalogue = QueryCatalogue.load();
        return only == null
                ? List.copyOf(catalogue.list())
                : only.stream().map(catalogue::require).toList();
    }

    private static Answers atlasAnswer(BenchServer atlas, Query query) {
        return atlas.store()
                .read(dsg -> query.isConstructType() || query.isDescribeType()
                        ? Answers.of(QueryExec.dataset(dsg).query(query).construct())
                        : Answers.of(
                                QueryExec.dataset(dsg).query(query).select(),
                                Long.MAX_VALUE,
                                Answers.groupConcats(query)));
    }

    private static Outcome virtuosoOutcome(SparqlEndpoint endpoint, String name, Query query, Answers expected) {
        try {
            Answers actual;
            var exec = endpoint.exec();
            if (REWRITES.containsKey(name)) {
                exec.queryString(REWRITES.get(name));
            } else {
                exec.query(query);
            }
            try (QueryExec qe = exec.build()) {
                actual = query.isConstructType() || query.isDescribeType()
                        ? Answers.of(qe.construct())
                        : Answers.of(qe.select(), 10L * expected.size() + 1000, Answers.groupConcats(query));
            }
            String diff = actual.differenceFrom(expected, query);
            if (!diff.isEmpty()) {
                return new Outcome(Outcome.DIFFERENT, diff);
            }
            return actual.sameTermsAs(expected)
                    ? new Outcome(Outcome.SAME, "")
                    : new Outcome(
                            Outcome.SAME_BY_VALUE,
                            "terms written differently: " + actual.firstTermDifference(expected));
        } catch (RuntimeException e) {
            String m = String.valueOf(e.getMessage()).replaceAll("\\s+", " ");
            return new Outcome(Outcome.ERROR, m.length() > 400 ? m.substring(0, 400) + "..." : m);
        }
    }

    private void latency(BenchServer atlas, SparqlEndpoint graphs, SparqlEndpoint union) {
        QueryBinder binder = new QueryBinder(AtlasIris.DEFAULT);
        SparqlEndpoint atlasHttp = SparqlEndpoint.of("atlas", atlas.sparqlUrl());
        System.out.printf(
                "%n### Latency of each library query on the sample data: median of %d runs after %d warm-ups, ms"
                        + " (HTTP: %s)%n%n",
                runs, warmups, freshConnections ? "a new connection for each request" : "one kept-alive connection");
        System.out.println("| query | Atlas in process | Atlas HTTP | Virtuoso HTTP (graphs) | Virtuoso HTTP (union)"
                + " | Atlas HTTP / Virtuoso (union) |");
        System.out.println("|---|---:|---:|---:|---:|---:|");
        List<Double> ratios = new ArrayList<>();
        for (NamedQuery named : queries()) {
            Query query = binder.bind(named, named.examples());
            String text = REWRITES.getOrDefault(named.name(), query.toString());
            double inProcess = Stats.of(inProcess(atlas, query)).p50();
            double http = median(atlasHttp, query.toString());
            double vg = median(graphs, text);
            double vu = median(union, text);
            if (!Double.isNaN(vu)) {
                ratios.add(http / vu);
            }
            System.out.printf(
                    "| %s | %.2f | %.2f | %s | %s | %s |%n",
                    named.name(),
                    inProcess,
                    http,
                    Double.isNaN(vg) ? "error" : String.format("%.2f", vg),
                    Double.isNaN(vu) ? "error" : String.format("%.2f", vu),
                    Double.isNaN(vu) ? "" : String.format("%.2f", http / vu));
        }
        double[] r = ratios.stream().mapToDouble(Double::doubleValue).toArray();
        System.out.printf(
                "%nRatio Atlas HTTP / Virtuoso HTTP (union) over %d queries: median %.2f, min %.2f, max %.2f%n",
                r.length,
                Stats.median(r),
                Arrays.stream(r).min().orElse(Double.NaN),
                Arrays.stream(r).max().orElse(Double.NaN));
    }

    /** The median latency in ms over HTTP, or NaN if the endpoint fails the query. */
    private double median(SparqlEndpoint endpoint, String query) {
        try {
            return Stats.of(SparqlTiming.latencies(endpoint, query, warmups, runs, freshConnections))
                    .p50();
        } catch (RuntimeException e) {
            return Double.NaN;
        }
    }

    /** Latencies of the query on the Atlas's store in this process, every answer read to its end. */
    private long[] inProcess(BenchServer atlas, Query query) {
        for (int i = 0; i < warmups; i++) {
            inProcessOnce(atlas, query);
        }
        long[] nanos = new long[runs];
        for (int i = 0; i < runs; i++) {
            long t0 = System.nanoTime();
            inProcessOnce(atlas, query);
            nanos[i] = System.nanoTime() - t0;
        }
        return nanos;
    }

    private static long inProcessOnce(BenchServer atlas, Query query) {
        return atlas.store().read(dsg -> {
            if (query.isConstructType() || query.isDescribeType()) {
                return (long) QueryExec.dataset(dsg).query(query).construct().size();
            }
            long[] n = {0};
            QueryExec.dataset(dsg).query(query).select().forEachRemaining(b -> n[0]++);
            return n[0];
        });
    }
}
