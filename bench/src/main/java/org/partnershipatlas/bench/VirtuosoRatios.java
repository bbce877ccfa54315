package org.partnershipatlas.bench;

import static org.partnershipatlas.bench.Figures.ms;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.apache.commons.io.FileUtils;
import org.partnershipatlas.endpoint.sparql.PublicQueryPolicy;
import org.partnershipatlas.loaders.dumps.DumpWriter;
import org.partnershipatlas.queries.NamedQuery;
import org.partnershipatlas.queries.QueryBinder;

/**
 * The {@code virtuoso} section of the national benchmark: the library on Virtuoso Open Source loaded with the store's
 * release dump (the union in one graph), against the Atlas's {@code /atlas/sparql} with a row cap a hundred times the
 * library's: median latency over HTTP and the ratio per query.
 */
final class VirtuosoRatios {
    private final NationalContext ctx;
    private final NationalSettings settings;

    VirtuosoRatios(NationalContext ctx) {
        this.ctx = ctx;
        this.settings = ctx.settings();
    }

    void run() throws IOException {
        StoreSession session = ctx.session();
        Path dir = settings.dir();
        Path dumps = dir.resolve("dumps");
        if (!Files.exists(dumps.resolve(DumpWriter.ALL_QUADS))) {
            new DumpWriter(session.store(), ctx.iris()).write(dumps);
        }
        PublicQueryPolicy policy = new PublicQueryPolicy(QueryBinder.MAX_LIMIT * 100, Set.of());
        session.reopen(true, policy);
        List<String> graphs = StoreContents.graphs(session.store());
        Path vdir = dir.resolve("virtuoso");
        FileUtils.deleteDirectory(vdir.toFile());
        try (VirtuosoServer virtuoso = VirtuosoServer.builder(vdir)
                .bufferBytes(settings.buffersMb() << 20)
                .allow(dumps)
                .maxQueryExecutionSeconds(settings.budgetSeconds())
                .start()) {
            VirtuosoServer.Load quads =
                    virtuoso.load(List.of(dumps.resolve(DumpWriter.ALL_QUADS)), "urn:x-partnership-atlas:no-graph", 1);
            VirtuosoServer.Load union =
                    virtuoso.load(List.of(dumps.resolve(DumpWriter.UNION_NTRIPLES)), VirtuosoCompat.UNION_GRAPH, 1);
            SparqlEndpoint v = new SparqlEndpoint(
                    "virtuoso-union", virtuoso.sparqlUrl(), List.of(VirtuosoCompat.UNION_GRAPH), graphs);
            SparqlEndpoint a = SparqlEndpoint.of("atlas", session.server().sparqlUrl());
            ctx.out()
                    .printf(
                            "%n### The library on Virtuoso Open Source (union dataset)%n%nVirtuoso bulk-loaded %,d"
                                    + " quads in %.1f s and the union's %,d triples in %.1f s. Median of %d runs after"
                                    + " %d warm-ups, ms, each request on a new connection; the Atlas's `/atlas/sparql`"
                                    + " with a row cap of %,d.%n%n| query | Atlas HTTP | Virtuoso HTTP | Atlas /"
                                    + " Virtuoso |%n|---|---:|---:|---:|%n",
                            quads.quads(),
                            quads.time().toMillis() / 1000.0,
                            union.quads(),
                            union.time().toMillis() / 1000.0,
                            settings.runs(),
                            settings.warmups(),
                            policy.maxRows());
            List<Double> ratios = new ArrayList<>();
            for (NamedQuery named : ctx.queries()) {
                String text = ctx.binder().bind(named, ctx.values(named)).toString();
                String at = median(a, text);
                String vt = median(v, text);
                String ratio = "";
                if (!at.startsWith(">") && !vt.startsWith(">") && !at.startsWith("e") && !vt.startsWith("e")) {
                    double r = Double.parseDouble(at) / Double.parseDouble(vt);
                    ratios.add(r);
                    ratio = String.format("%.2f", r);
                }
                ctx.out().printf("| %s | %s | %s | %s |%n", named.name(), at, vt, ratio);
                ctx.out().flush();
            }
            double[] r = ratios.stream().mapToDouble(Double::doubleValue).toArray();
            if (r.length > 0) {
                ctx.out()
                        .printf(
                                "%nRatio Atlas / Virtuoso over %d queries: median %.2f, min %.2f, max %.2f%n",
                                r.length,
                                Stats.median(r),
                                Arrays.stream(r).min().orElse(Double.NaN),
                                Arrays.stream(r).max().orElse(Double.NaN));
            }
        } finally {
            FileUtils.deleteDirectory(vdir.toFile());
        }
    }

    /** The median latency of the query, ms, each request on a new connection; or why there is none. */
    private String median(SparqlEndpoint endpoint, String query) {
        int budget = settings.budgetSeconds();
        Duration timeout = Duration.ofSeconds(budget);
        try {
            long first = SparqlTiming.once(
                    SparqlTiming.newClient(), endpoint, query, SparqlTiming.acceptFor(query), timeout);
            int n = (int) Math.max(
                    3, Math.min(settings.runs(), settings.secondsPerQuery() * 1_000_000_000L / Math.max(1, first)));
            int w = first > 2_000_000_000L ? 0 : Math.max(0, settings.warmups() - 1);
            return ms(Stats.of(SparqlTiming.latencies(
                            SparqlTiming::newClient, endpoint, query, SparqlTiming.acceptFor(query), w, n, timeout))
                    .p50());
        } catch (IllegalStateException e) {
            String m = String.valueOf(e.getMessage());
            if (m.contains("timed out") || m.contains("503") || m.contains("partial answer")) {
                return "> " + budget + " s";
            }
            return "error: " + m.replaceAll("\\s+", " ").substring(0, Math.min(80, m.length()));
        }
    }
}
