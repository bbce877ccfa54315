package org.partnershipatlas.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.apache.commons.io.output.WriterOutputStream;
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
import org.apache.jena.system.Txn;
import org.partnershipatlas.loaders.store.AtlasStore;
import org.partnershipatlas.queries.NamedQuery;
import org.partnershipatlas.queries.QueryCatalogue;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code atlas query}: run a named query of the library, or any SPARQL, against the store (no server needed). */
@Command(
        name = "query",
        mixinStandardHelpOptions = true,
        description = {
            "Run a named query from the library, or a SPARQL query, against the store.",
            "With no arguments, lists the named queries."
        })
final class QueryCommand implements Callable<Integer> {
    enum Format {
        text,
        csv,
        tsv,
        json,
        xml
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
            names = "--format",
            defaultValue = "text",
            description =
                    "Result format: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}; CONSTRUCT results are Turtle).")
    Format format;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        QueryCatalogue catalogue = QueryCatalogue.load();
        if (source == null) {
            out.println("Named queries (run one with 'atlas query NAME'):");
            for (NamedQuery q : catalogue.list()) {
                out.printf("  %-36s %s%n", q.name(), q.summary());
            }
            return ExitCodes.OK;
        }
        Query query;
        try {
            if (source.name != null) {
                var named = catalogue.get(source.name);
                if (named.isEmpty()) {
                    err.println("error: no named query '" + source.name + "'; 'atlas query' lists them.");
                    return ExitCodes.USAGE;
                }
                query = named.get().query();
            } else {
                String text =
                        source.sparql != null ? source.sparql : Files.readString(source.file, StandardCharsets.UTF_8);
                query = QueryFactory.create(text, Syntax.syntaxSPARQL_11);
            }
        } catch (QueryParseException e) {
            err.println("error: the query does not parse: " + e.getMessage());
            return ExitCodes.INPUT_ERROR;
        }
        if (!AtlasStore.exists(storeOptions.store)) {
            err.println(
                    "error: there is no store at " + storeOptions.store + "; load sources first with 'atlas load'.");
            return ExitCodes.INPUT_ERROR;
        }
        try (AtlasStore store = AtlasStore.open(storeOptions.store)) {
            Txn.executeRead(store.datasetGraph(), () -> run(query, store, out));
        }
        return ExitCodes.OK;
    }

    private void run(Query query, AtlasStore store, PrintWriter out) {
        try (QueryExec exec =
                QueryExec.dataset(store.datasetGraph()).query(query).build()) {
            OutputStream stream = WriterOutputStream.builder()
                    .setWriter(out)
                    .setCharset(StandardCharsets.UTF_8)
                    .get();
            if (query.isSelectType()) {
                ResultSet rows = ResultSet.adapt(exec.select());
                switch (format) {
                    case text -> ResultSetMgr.write(stream, rows, ResultSetLang.RS_Text);
                    case csv -> ResultSetMgr.write(stream, rows, ResultSetLang.RS_CSV);
                    case tsv -> ResultSetMgr.write(stream, rows, ResultSetLang.RS_TSV);
                    case json -> ResultSetMgr.write(stream, rows, ResultSetLang.RS_JSON);
                    case xml -> ResultSetMgr.write(stream, rows, ResultSetLang.RS_XML);
                }
            } else if (query.isAskType()) {
                out.println(exec.ask());
            } else {
                RDFDataMgr.write(stream, exec.construct(), Lang.TURTLE);
            }
            stream.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
