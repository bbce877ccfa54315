package org.partnershipatlas.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.commons.io.output.WriterOutputStream;
import org.apache.jena.graph.Graph;
import org.apache.jena.query.Query;
import org.apache.jena.query.QueryFactory;
import org.apache.jena.query.QueryParseException;
import org.apache.jena.query.ResultSet;
import org.apache.jena.query.Syntax;
import org.apache.jena.riot.Lang;
import org.apache.jena.riot.RDFDataMgr;
import org.apache.jena.riot.ResultSetMgr;
import org.apache.jena.riot.resultset.ResultSetLang;
import org.apache.jena.sparql.exec.QueryExec;
import org.apache.jena.sparql.exec.RowSet;
import org.apache.jena.sparql.exec.http.QueryExecHTTP;
import org.partnershipatlas.loaders.explain.QueryExplainer;
import org.partnershipatlas.loaders.store.AtlasStore;
import org.partnershipatlas.ontology.AtlasOntology;
import org.partnershipatlas.queries.NamedQuery;
import org.partnershipatlas.queries.Param;
import org.partnershipatlas.queries.QueryBinder;
import org.partnershipatlas.queries.QueryCatalogue;
import org.partnershipatlas.queries.QueryException;
import org.partnershipatlas.queries.QueryRunner;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code atlas query}: run a named query of the library (with {@code --param name=value}), or any SPARQL, against
 * the local store or, with {@code --endpoint}, against a running Atlas or any SPARQL endpoint.
 */
@Command(
        name = "query",
        mixinStandardHelpOptions = true,
        description = {
            "Run a named query from the library, or a SPARQL query, against the store or a SPARQL endpoint.",
            "With no query, lists the named queries and their parameters."
        })
final class QueryCommand implements Callable<Integer> {
    enum Format {
        table,
        csv,
        tsv,
        json,
        xml,
        turtle,
        jsonld,
        ntriples
    }

    @Spec
    CommandSpec spec;

    @Mixin
    StoreOptions storeOptions;

    static final class Source {
        @Parameters(
                paramLabel = "NAME",
                arity = "0..1",
                description = "A named query (see 'atlas query' for the list).")
        String name;

        @Option(names = "--sparql", paramLabel = "QUERY", description = "A SPARQL query given on the command line.")
        String sparql;

        @Option(names = "--file", paramLabel = "FILE", description = "A file holding a SPARQL query.")
        Path file;
    }

    @ArgGroup(exclusive = true, multiplicity = "0..1")
    Source source;

    @Option(
            names = {"-p", "--param"},
            paramLabel = "NAME=VALUE",
            description = "A parameter of the named query; IRIs may be relative to the base (id/locality/newham).")
    Map<String, String> params = new LinkedHashMap<>();

    @Option(
            names = "--endpoint",
            paramLabel = "URL",
            description =
                    "Run against this SPARQL endpoint (e.g. http://localhost:3030/atlas/sparql) instead of the store.")
    String endpoint;

    @Option(
            names = "--format",
            description = "Output: ${COMPLETION-CANDIDATES} (default: table for tables, turtle for graphs).")
    Format format;

    @Option(
            names = "--explain",
            description = "Do not run the query: show how the store runs it (the optimized algebra, each pattern's"
                    + " order with estimated and actual rows, and why it may be slow).")
    boolean explain;

    @Option(
            names = "--explain-seconds",
            defaultValue = "10",
            description =
                    "With --explain, stop counting actual rows after this many seconds (default: ${DEFAULT-VALUE}).")
    int explainSeconds;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        QueryCatalogue catalogue = QueryCatalogue.load();
        if (source == null) {
            list(catalogue, out);
            return ExitCodes.OK;
        }
        Query query;
        try {
            if (source.name != null) {
                NamedQuery named = catalogue.require(source.name);
                query = new QueryBinder(storeOptions.iris()).bind(named, params);
            } else {
                if (!params.isEmpty()) {
                    err.println("error: --param applies to named queries only");
                    return ExitCodes.USAGE;
                }
                String text =
                        source.sparql != null ? source.sparql : Files.readString(source.file, StandardCharsets.UTF_8);
                query = QueryFactory.create(AtlasOntology.sparqlPrefixes() + text, Syntax.syntaxSPARQL_11);
            }
        } catch (QueryException e) {
            err.println("error: " + e.getMessage());
            return ExitCodes.USAGE;
        } catch (QueryParseException e) {
            err.println("error: the query does not parse: " + e.getMessage());
            return ExitCodes.INPUT_ERROR;
        } catch (IOException e) {
            err.println("error: cannot read " + source.file + ": " + e.getMessage());
            return ExitCodes.INPUT_ERROR;
        }
        boolean graph = query.isConstructType() || query.isDescribeType();
        Format chosen = format != null ? format : graph ? Format.turtle : Format.table;
        boolean graphFormat = chosen == Format.turtle || chosen == Format.jsonld || chosen == Format.ntriples;
        if (!query.isAskType() && graph != graphFormat) {
            err.println("error: --format " + chosen + " does not fit a "
                    + (graph ? "graph (CONSTRUCT)" : "table (SELECT)") + " query");
            return ExitCodes.USAGE;
        }
        if (explain && endpoint != null) {
            err.println("error: --explain explains a query on the store; it cannot be used with --endpoint");
            return ExitCodes.USAGE;
        }
        if (endpoint != null) {
            try (QueryExec exec = QueryExecHTTP.service(endpoint).query(query).build()) {
                write(Answer.of(exec, query), chosen, out);
            }
            return ExitCodes.OK;
        }
        if (!AtlasStore.exists(storeOptions.store)) {
            err.println(
                    "error: there is no store at " + storeOptions.store + "; load sources first with 'atlas load'.");
            return ExitCodes.INPUT_ERROR;
        }
        try (AtlasStore store = storeOptions.open()) {
            if (explain) {
                out.print(new QueryExplainer(EXPLAIN_ROW_CAP, Duration.ofSeconds(explainSeconds))
                        .explain(store.datasetGraph(), query)
                        .asText());
                out.flush();
                return ExitCodes.OK;
            }
            QueryRunner runner = new QueryRunner(store.datasetGraph(), catalogue, storeOptions.iris());
            if (query.isSelectType()) {
                // Rows are written as they come, not copied first: an answer may be large.
                try {
                    runner.stream(query, rows -> {
                        write(new Answer(null, rows, null), chosen, out);
                        return null;
                    });
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            } else {
                write(Answer.of(runner, query), chosen, out);
            }
        }
        return ExitCodes.OK;
    }

    /** Rows counted per step of an explained pattern before counting stops. */
    static final long EXPLAIN_ROW_CAP = 10_000_000;

    private static void list(QueryCatalogue catalogue, PrintWriter out) {
        out.println("Named queries (run one with 'atlas query NAME --param name=value'):");
        for (NamedQuery q : catalogue.list()) {
            out.printf("  %-34s %s%n", q.name(), q.summary());
            for (Param p : q.params()) {
                out.printf(
                        "  %-34s   --param %s=%s   (%s%s)%n",
                        "",
                        p.name(),
                        p.example() == null ? "..." : p.example(),
                        p.typeName(),
                        p.required() ? "" : ", optional");
            }
        }
    }

    /** A query's answer: true or false, rows, or a graph (the others null). */
    private record Answer(Boolean yes, RowSet rows, Graph graph) {
        /** From an endpoint: rows are read while the caller writes them, so it keeps {@code exec} open. */
        static Answer of(QueryExec exec, Query query) {
            if (query.isAskType()) {
                return new Answer(exec.ask(), null, null);
            }
            if (query.isSelectType()) {
                return new Answer(null, exec.select(), null);
            }
            return new Answer(null, null, query.isConstructType() ? exec.construct() : exec.describe());
        }

        /** From the store, for ASK, CONSTRUCT and DESCRIBE (SELECT rows are streamed: see the caller). */
        static Answer of(QueryRunner runner, Query query) {
            return query.isAskType()
                    ? new Answer(runner.ask(query), null, null)
                    : new Answer(null, null, runner.construct(query));
        }
    }

    private static void write(Answer answer, Format format, PrintWriter writer) {
        try {
            OutputStream out = WriterOutputStream.builder()
                    .setWriter(writer)
                    .setCharset(StandardCharsets.UTF_8)
                    .get();
            if (answer.yes() != null) {
                writer.println(answer.yes());
            } else if (answer.rows() != null) {
                ResultSet rows = ResultSet.adapt(answer.rows());
                switch (format) {
                    case csv -> ResultSetMgr.write(out, rows, ResultSetLang.RS_CSV);
                    case tsv -> ResultSetMgr.write(out, rows, ResultSetLang.RS_TSV);
                    case json -> ResultSetMgr.write(out, rows, ResultSetLang.RS_JSON);
                    case xml -> ResultSetMgr.write(out, rows, ResultSetLang.RS_XML);
                    default -> ResultSetMgr.write(out, rows, ResultSetLang.RS_Text);
                }
            } else {
                Graph graph = answer.graph();
                graph.getPrefixMapping().setNsPrefixes(AtlasOntology.prefixes());
                Lang lang = switch (format) {
                    case jsonld -> Lang.JSONLD;
                    case ntriples -> Lang.NTRIPLES;
                    default -> Lang.TURTLE;
                };
                RDFDataMgr.write(out, graph, lang);
            }
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
