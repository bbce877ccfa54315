package org.partnershipatlas.bench;

import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import org.partnershipatlas.endpoint.AtlasServer;
import org.partnershipatlas.gatekeeper.ProposalReader;
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
 * store, opened in this JVM ({@link StoreSession}) and served by an {@link AtlasServer} on loopback, the sections
 * asked for, each a class over the {@link NationalContext} they share:
 *
 * <ul>
 *   <li>{@code queries} ({@link LibraryLatency}): every query of the library, as the catalogue holds it, bound with
 *       its examples adapted to the store ({@link NationalParams}), and the gatekeeper check of a proposal: latency in
 *       process and over HTTP, cold and warm, with a time budget per execution;
 *   <li>{@code concurrency} ({@link HttpConcurrency}): closed loops of HTTP clients on SPARQL queries, the Atlas
 *       against a bare Fuseki on the same dataset, and on the resource pages, cached and uncached;
 *   <li>{@code dump} ({@link DumpRates}): the release files written by the Atlas's {@link DumpWriter} against {@code
 *       tdb2.tdbdump} (riot) writing N-Quads of the same store, in quads per second;
 *   <li>{@code virtuoso} ({@link VirtuosoRatios}): the library on Virtuoso Open Source loaded with the store's
 *       release dump, ratio per query.
 * </ul>
 *
 * and the heap this JVM needed ({@link HeapWatch}). Prints Markdown for {@code BENCHMARKS.md} on standard output and
 * progress on standard error.
 */
@Command(
        name = "national",
        mixinStandardHelpOptions = true,
        description = "The library, the gatekeeper, HTTP concurrency and dumps on a national-scale store.")
public final class NationalQueries implements Callable<Integer> {
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
            names = "--proposals",
            defaultValue = "200",
            description = "Gatekeeper proposals made from the store's partnerships, checked in turn by the timed runs"
                    + " (default: ${DEFAULT-VALUE}).")
    int proposals;

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

    public static void main(String[] args) {
        System.exit(new CommandLine(new NationalQueries()).execute(args));
    }

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
        NationalSettings settings = new NationalSettings(
                storeDir,
                dir,
                budgetSeconds,
                runs,
                warmups,
                coldRuns,
                secondsPerQuery,
                clients,
                durationSeconds,
                rounds,
                distinctResources,
                dumpRuns,
                atlasJar,
                buffersMb);
        PrintStream out = System.out;
        PrintStream progress = System.err;
        AtlasIris iris = AtlasIris.DEFAULT;
        QueryCatalogue catalogue = QueryCatalogue.load();
        try (HeapWatch heap = new HeapWatch();
                StoreSession session = new StoreSession(storeDir, catalogue, iris, budgetSeconds)) {
            out.printf("%n## National-scale queries%s%n%n", dataLabel.isEmpty() ? "" : " (" + dataLabel + ")");
            out.printf(
                    "- machine: %d cores, %.1f GiB of memory; Java %s, heap max %.1f GiB; load average at the start"
                            + " %.2f (other processes share the machine when it is over 0)%n",
                    Runtime.getRuntime().availableProcessors(),
                    ManagementFactory.getPlatformMXBean(com.sun.management.OperatingSystemMXBean.class)
                                    .getTotalMemorySize()
                            / 1073741824.0,
                    System.getProperty("java.version"),
                    Runtime.getRuntime().maxMemory() / 1073741824.0,
                    ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
            List<DumpRates.Row> tdbdump = new ArrayList<>();
            if (sections.contains("dump")) {
                tdbdump.addAll(DumpRates.tdbdump(settings, progress));
            }
            long t0 = System.nanoTime();
            session.open();
            out.printf("- store %s opened in %s ms%n", storeDir, Figures.ms((System.nanoTime() - t0) / 1e6));
            long storeQuads = StoreContents.quads(session.store());
            out.printf(
                    "- %,d quads in %d graphs%n",
                    storeQuads, StoreContents.graphs(session.store()).size());
            NationalContext ctx = context(settings, session, iris, catalogue, out, progress);
            out.printf(
                    "- locality: <%s>; look-up partnership: <%s>%n",
                    ctx.params().locality(), ctx.partnership());
            out.printf("- gatekeeper proposal: `%s`%n", ctx.proposalJson());
            out.printf(
                    "- the gatekeeper's timed runs check %d proposals in turn, made from partnerships across the"
                            + " store, the first: `%s`%n",
                    ctx.proposalsJson().size(),
                    ctx.proposalsJson().isEmpty() ? "" : ctx.proposalsJson().get(0));
            out.printf(
                    "- distinct resources for the `resource-*-many` loops: %,d (partnerships and organisations in"
                            + " turn)%n",
                    ctx.manyResources().size());
            if (sections.contains("dump")) {
                new DumpRates(ctx).run(tdbdump, storeQuads);
            }
            if (sections.contains("queries")) {
                new LibraryLatency(ctx).run();
            }
            if (sections.contains("concurrency")) {
                new HttpConcurrency(ctx).run();
            }
            if (sections.contains("virtuoso")) {
                new VirtuosoRatios(ctx).run();
            }
            out.printf("%n### Heap of the benchmark's JVM (store, Atlas server, bare Fuseki and clients)%n%n");
            heap.report().forEach(out::println);
            out.printf(
                    "- load average at the end: %.2f (1 min)%n",
                    ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        }
        return 0;
    }

    /** Chooses every value now, while the store first opened is open: the stand-ins are looked up in it. */
    private NationalContext context(
            NationalSettings settings,
            StoreSession session,
            AtlasIris iris,
            QueryCatalogue catalogue,
            PrintStream out,
            PrintStream progress) {
        List<NamedQuery> queries = only == null
                ? List.copyOf(catalogue.list())
                : only.stream().map(catalogue::require).toList();
        NationalParams params = NationalParams.choose(session.store(), iris, catalogue, localitySlug);
        Map<String, Map<String, String>> values = new LinkedHashMap<>();
        for (NamedQuery named : queries) {
            values.put(named.name(), Collections.unmodifiableMap(params.values(named)));
        }
        String partnership = params.partnership(catalogue);
        List<String> manyResources = params.resources(distinctResources);
        String proposalJson = params.proposalJson(partnership);
        List<String> proposalsJson = params.proposalsJson(proposals);
        ProposalReader reader = new ProposalReader(iris);
        return new NationalContext(
                settings,
                session,
                iris,
                new QueryBinder(iris),
                queries,
                params,
                values,
                partnership,
                manyResources,
                proposalJson,
                reader.fromJson(proposalJson),
                proposalsJson,
                proposalsJson.stream().map(reader::fromJson).toList(),
                out,
                progress);
    }
}
