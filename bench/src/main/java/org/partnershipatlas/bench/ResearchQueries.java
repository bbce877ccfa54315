package org.partnershipatlas.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import org.apache.commons.io.FileUtils;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.query.Query;
import org.apache.jena.query.QueryFactory;
import org.apache.jena.sparql.exec.QueryExec;
import org.partnershipatlas.endpoint.AtlasServer;
import org.partnershipatlas.endpoint.sparql.PublicQueryPolicy;
import org.partnershipatlas.loaders.dumps.DumpWriter;
import org.partnershipatlas.loaders.store.AtlasStore;
import org.partnershipatlas.loaders.store.OptimizerStatistics;
import org.partnershipatlas.ontology.AtlasIris;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The research-question corpus ({@link ResearchQuestion}) on a generated national store, over HTTP, against Virtuoso
 * Open Source loaded with the same union in the same run: each question's answer compared, its time on a first
 * visit after a restart and its median on repeats, with TDB2's own statistics ({@code tdb2.tdbstats}) and with the
 * Atlas's ({@link OptimizerStatistics}), so the ratios before and after are measured side by side. Prints Markdown
 * for BENCHMARKS.md; run by {@code bench/run research}.
 */
@Command(
        name = "research",
        mixinStandardHelpOptions = true,
        description = "Times the research-question corpus on the Atlas (two sets of statistics) and on Virtuoso.")
final class ResearchQueries implements Callable<Integer> {
    @Option(names = "--store", required = true, description = "The TDB2 store (made by bench/research).")
    Path storeDir;

    @Option(names = "--work", required = true, description = "Folder for the dump and Virtuoso's database.")
    Path work;

    @Option(names = "--runs", defaultValue = "5", description = "Repeat runs per question (default: ${DEFAULT-VALUE}).")
    int runs;

    @Option(
            names = "--budget",
            defaultValue = "30",
            description = "Seconds a question may take (default: ${DEFAULT-VALUE}).")
    int budgetSeconds;

    @Option(
            names = "--buffers-mb",
            defaultValue = "3072",
            description = "Virtuoso's page buffers in MiB (default: ${DEFAULT-VALUE}).")
    int buffersMb;

    @Option(
            names = "--statistics",
            split = ",",
            defaultValue = "tdb2,atlas",
            description = "Which optimizer statistics to time the Atlas with: tdb2 (TDB2's own), atlas-greedy (the"
                    + " Atlas's, ordered by Jena's weighted reorder), atlas (the Atlas's, ordered by AtlasReorder)"
                    + " (default: ${DEFAULT-VALUE}).")
    List<String> statistics;

    @Option(names = "--only", split = ",", description = "Only these questions (file names without .rq).")
    Set<String> only;

    @Option(names = "--chart", description = "Write an SVG chart of the ratios to this file.")
    Path chart;

    /** One timed answer: first visit and repeat median in ms, row or triple count, or why there is none. */
    record Timing(double firstMs, double medianMs, int size, String failure) {
        static Timing failed(String why) {
            return new Timing(Double.NaN, Double.NaN, -1, why);
        }

        boolean ok() {
            return failure == null;
        }
    }

    public static void main(String[] args) {
        System.exit(new CommandLine(new ResearchQueries()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        List<ResearchQuestion> corpus = ResearchQuestion.corpus().stream()
                .filter(q -> only == null || only.contains(q.name()))
                .toList();
        Path dumps = work.resolve("dumps");
        List<String> graphs;
        long quads;
        try (AtlasStore store = AtlasStore.open(storeDir)) {
            if (!Files.exists(dumps.resolve(DumpWriter.UNION_NTRIPLES))) {
                new DumpWriter(store, AtlasIris.DEFAULT).write(dumps);
            }
            graphs = StoreContents.graphs(store);
            quads = StoreContents.quads(store);
        }
        Map<String, Answers> virtuosoAnswers = new LinkedHashMap<>();
        Map<String, Timing> virtuosoTimes = new LinkedHashMap<>();
        Map<String, String> describeNotes = new LinkedHashMap<>();
        Path vdir = work.resolve("virtuoso");
        FileUtils.deleteDirectory(vdir.toFile());
        try (VirtuosoServer virtuoso = VirtuosoServer.builder(vdir)
                .bufferBytes((long) buffersMb << 20)
                .allow(dumps)
                .maxQueryExecutionSeconds(budgetSeconds)
                .start()) {
            VirtuosoServer.Load union =
                    virtuoso.load(List.of(dumps.resolve(DumpWriter.UNION_NTRIPLES)), VirtuosoCompat.UNION_GRAPH, 1);
            System.err.printf(
                    "Virtuoso loaded %,d triples in %.0f s%n",
                    union.quads(), union.time().toSeconds() * 1.0);
            SparqlEndpoint v =
                    new SparqlEndpoint("virtuoso", virtuoso.sparqlUrl(), List.of(VirtuosoCompat.UNION_GRAPH), graphs);
            for (ResearchQuestion q : corpus) {
                virtuosoAnswers.put(
                        q.name(),
                        QueryFactory.create(q.text()).isDescribeType()
                                ? inAtlasDescribeForm(v, q, describeNotes)
                                : answer(v, q));
                virtuosoTimes.put(q.name(), time(v, q));
                System.err.printf("virtuoso %s: %s%n", q.name(), virtuosoTimes.get(q.name()));
            }
        } finally {
            FileUtils.deleteDirectory(vdir.toFile());
        }
        Map<String, Map<String, Timing>> atlasTimes = new LinkedHashMap<>();
        Map<String, Map<String, String>> verdicts = new LinkedHashMap<>();
        for (String kind : statistics) {
            writeStatistics(kind);
            Map<String, Timing> times = new LinkedHashMap<>();
            Map<String, String> same = new LinkedHashMap<>();
            for (ResearchQuestion q : corpus) {
                // A restart before each question: its first visit is a first visit, not warmed by the one before.
                try (AtlasStore store = AtlasStore.open(storeDir)) {
                    AtlasServer server = startServer(store);
                    try {
                        SparqlEndpoint a = SparqlEndpoint.of("atlas", server.sparqlUrl());
                        times.put(q.name(), time(a, q));
                        String verdict = verdict(answer(a, q), virtuosoAnswers.get(q.name()), q);
                        same.put(
                                q.name(),
                                verdict.endsWith("failed")
                                        ? verdict
                                        : verdict + describeNotes.getOrDefault(q.name(), ""));
                    } finally {
                        server.stop();
                    }
                }
                System.err.printf("atlas (%s statistics) %s: %s%n", kind, q.name(), times.get(q.name()));
            }
            atlasTimes.put(kind, times);
            verdicts.put(kind, same);
        }
        print(corpus, quads, virtuosoTimes, atlasTimes, verdicts);
        if (chart != null) {
            RatioChart.write(chart, corpus, virtuosoTimes, atlasTimes);
        }
        return 0;
    }

    private AtlasServer startServer(AtlasStore store) {
        return AtlasServer.builder(store)
                .port(0)
                .host("127.0.0.1")
                .queryTimeout(Duration.ofSeconds(budgetSeconds))
                .queryPolicy(new PublicQueryPolicy(VirtuosoServer.ENDPOINT_MAX_ROWS, Set.of()))
                .build()
                .start();
    }

    /** Writes the store's {@code stats.opt}: TDB2's own ({@code tdb2.tdbstats} of the union) or the Atlas's. */
    private void writeStatistics(String kind) throws IOException {
        try (AtlasStore store = AtlasStore.open(storeDir)) {
            if (kind.equals("atlas")) {
                OptimizerStatistics.write(store.datasetGraph());
                return;
            }
            if (kind.equals("atlas-greedy")) {
                OptimizerStatistics.writeForJenaReorder(store.datasetGraph());
                return;
            }
            if (!kind.equals("tdb2")) {
                throw new CommandLine.ParameterException(
                        new CommandLine(this), "unknown statistics " + kind + "; tdb2, atlas-greedy or atlas");
            }
            OptimizerStatistics.writeTdb2Baseline(store.datasetGraph());
        }
    }

    /**
     * The endpoint's answer to a question, or null if it gave none (the reason goes to stderr). A DESCRIBE is read
     * with {@code describe()}: Jena's client refuses to read it as a CONSTRUCT, which once made both engines'
     * DESCRIBE answers look like failures.
     */
    private Answers answer(SparqlEndpoint endpoint, ResearchQuestion q) {
        Query query = QueryFactory.create(q.text());
        try (QueryExec qe = endpoint.exec().query(query).build()) {
            if (query.isDescribeType()) {
                return Answers.of(qe.describe());
            }
            return query.isConstructType()
                    ? Answers.of(qe.construct())
                    : Answers.of(qe.select(), VirtuosoServer.ENDPOINT_MAX_ROWS, Answers.groupConcats(query));
        } catch (RuntimeException e) {
            System.err.printf("%s %s: no answer: %s%n", endpoint.label(), q.name(), e.getMessage());
            return null;
        }
    }

    /**
     * Virtuoso's answer to a DESCRIBE cut to the Atlas's form ({@link DescribeForm}): the described resources' own
     * triples. What was cut goes into {@code notes}, to be printed beside the verdict.
     */
    private Answers inAtlasDescribeForm(SparqlEndpoint endpoint, ResearchQuestion q, Map<String, String> notes) {
        Query query = QueryFactory.create(q.text());
        try (QueryExec qe = endpoint.exec().query(query).build()) {
            Graph graph = qe.describe();
            Set<Node> resources = DescribeForm.resources(query, endpoint);
            Graph own = DescribeForm.ownTriples(graph, resources);
            long incoming = DescribeForm.incoming(graph, own, resources);
            long other = DescribeForm.other(graph, own, resources);
            notes.put(
                    q.name(),
                    String.format(
                            " in the Atlas's DESCRIBE form (Virtuoso's form adds %,d triples pointing at the %,d"
                                    + " resources%s)",
                            incoming,
                            resources.size(),
                            other == 0 ? "" : String.format(" and %,d other triples", other)));
            return Answers.of(own);
        } catch (RuntimeException e) {
            System.err.printf("%s %s: no answer: %s%n", endpoint.label(), q.name(), e.getMessage());
            return null;
        }
    }

    private static String verdict(Answers atlas, Answers virtuoso, ResearchQuestion q) {
        if (atlas == null || virtuoso == null) {
            return atlas == null && virtuoso == null
                    ? "both failed"
                    : atlas == null ? "Atlas failed" : "Virtuoso failed";
        }
        String diff = atlas.differenceFrom(virtuoso, QueryFactory.create(q.text()));
        return diff.isEmpty() ? "same" : "different: " + diff;
    }

    /** The first run, then the median of the repeats (none if the first took longer than the budget allows). */
    private Timing time(SparqlEndpoint endpoint, ResearchQuestion q) {
        Duration timeout = Duration.ofSeconds(budgetSeconds);
        String accept = SparqlTiming.acceptFor(q.text());
        try {
            long first = SparqlTiming.once(SparqlTiming.newClient(), endpoint, q.text(), accept, timeout);
            long[] repeats =
                    SparqlTiming.latencies(SparqlTiming::newClient, endpoint, q.text(), accept, 0, runs, timeout);
            return new Timing(first / 1e6, Stats.of(repeats).p50(), 0, null);
        } catch (IllegalStateException e) {
            String m = String.valueOf(e.getMessage());
            return Timing.failed(
                    m.contains("timed out") || m.contains("503") || m.contains("partial answer")
                            ? "> " + budgetSeconds + " s"
                            : "error: " + m.replaceAll("\\s+", " ").substring(0, Math.min(80, m.length())));
        }
    }

    private void print(
            List<ResearchQuestion> corpus,
            long quads,
            Map<String, Timing> virtuoso,
            Map<String, Map<String, Timing>> atlas,
            Map<String, Map<String, String>> verdicts) {
        System.out.printf(
                "%n### The research-question corpus (%d questions, %,d quads)%n%nms over HTTP; first visit after a"
                        + " restart / median of %d repeats; ratio = Atlas repeat median / Virtuoso repeat median;"
                        + " budget %d s.%n%n",
                corpus.size(), quads, runs, budgetSeconds);
        StringBuilder head = new StringBuilder("| question | Virtuoso |");
        StringBuilder rule = new StringBuilder("|---|---:|");
        for (String kind : atlas.keySet()) {
            head.append(" Atlas, ").append(kind).append(" statistics | ratio |");
            rule.append("---:|---:|");
        }
        head.append(" answers |");
        rule.append("---|");
        System.out.println(head);
        System.out.println(rule);
        Map<String, List<Double>> ratios = new LinkedHashMap<>();
        Map<String, Integer> timeouts = new LinkedHashMap<>();
        for (ResearchQuestion q : corpus) {
            Timing vt = virtuoso.get(q.name());
            StringBuilder row = new StringBuilder("| " + q.name() + " | " + cell(vt) + " |");
            String answers = "";
            for (var e : atlas.entrySet()) {
                Timing at = e.getValue().get(q.name());
                row.append(' ').append(cell(at)).append(" | ");
                if (at.ok() && vt.ok()) {
                    double r = at.medianMs() / Math.max(0.01, vt.medianMs());
                    ratios.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(r);
                    row.append(String.format("%.2f", r));
                } else if (!at.ok() && vt.ok() && vt.medianMs() < 1000) {
                    timeouts.merge(e.getKey(), 1, Integer::sum);
                }
                row.append(" |");
                answers = verdicts.get(e.getKey()).get(q.name());
            }
            row.append(' ').append(answers).append(" |");
            System.out.println(row);
        }
        System.out.println();
        ratios.forEach((kind, r) -> {
            double[] values = r.stream().mapToDouble(Double::doubleValue).toArray();
            System.out.printf(
                    "- %s statistics: Atlas / Virtuoso median %.2f, worst %.2f over %d questions; %d failed or timed"
                            + " out where Virtuoso answered in under 1 s%n",
                    kind,
                    Stats.median(values),
                    r.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN),
                    values.length,
                    timeouts.getOrDefault(kind, 0));
        });
    }

    private static String cell(Timing t) {
        return t.ok() ? String.format("%.0f / %.1f", t.firstMs(), t.medianMs()) : t.failure();
    }
}
