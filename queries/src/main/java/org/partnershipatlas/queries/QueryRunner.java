package org.partnershipatlas.queries;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Supplier;
import org.apache.jena.graph.Graph;
import org.apache.jena.query.Query;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.core.Var;
import org.apache.jena.sparql.engine.binding.Binding;
import org.apache.jena.sparql.engine.binding.BindingFactory;
import org.apache.jena.sparql.exec.QueryExec;
import org.apache.jena.sparql.exec.QueryExecBuilder;
import org.apache.jena.sparql.exec.RowSet;
import org.apache.jena.system.Txn;
import org.partnershipatlas.ontology.AtlasIris;

/**
 * Runs queries of the library (or any parsed query) on a store: binds the parameters ({@link QueryBinder}), runs
 * the query in a read transaction (or in the caller's, when one is open: see {@link #read(Supplier)}) and returns
 * an answer copied out of the store, which the caller may keep after the transaction ends ({@link Rows}, a
 * graph, a boolean), or hands the rows as they come to a writer ({@link #stream(Query, RowsReader)}).
 *
 * <pre>
 *   QueryRunner runner = new QueryRunner(dsg, QueryCatalogue.load(), AtlasIris.DEFAULT);
 *   Rows rows = runner.select("partnership-map", Map.of("locality", "id/locality/newham"));
 *   Graph description = runner.construct("describe-resource", Map.of("resource", iri));
 * </pre>
 */
public final class QueryRunner {
    private final DatasetGraph dsg;
    private final QueryCatalogue catalogue;
    private final QueryBinder binder;
    private final Duration timeout;

    /** A runner without a time limit. */
    public QueryRunner(DatasetGraph dsg, QueryCatalogue catalogue, AtlasIris iris) {
        this(dsg, catalogue, new QueryBinder(iris), null);
    }

    private QueryRunner(DatasetGraph dsg, QueryCatalogue catalogue, QueryBinder binder, Duration timeout) {
        this.dsg = Objects.requireNonNull(dsg, "dsg");
        this.catalogue = Objects.requireNonNull(catalogue, "catalogue");
        this.binder = binder;
        this.timeout = timeout;
    }

    /** The same runner, stopping each query after {@code limit} (Jena's overall query timeout). */
    public QueryRunner withTimeout(Duration limit) {
        return new QueryRunner(dsg, catalogue, binder, Objects.requireNonNull(limit, "limit"));
    }

    public DatasetGraph datasetGraph() {
        return dsg;
    }

    public QueryCatalogue catalogue() {
        return catalogue;
    }

    /** The named query with the values bound; throws {@link QueryException} for an unknown name or a bad value. */
    public Query bind(String name, Map<String, String> values) {
        return binder.bind(catalogue.require(name), values);
    }

    /** Runs {@code action} in one read transaction, which the queries run inside it share. */
    public <T> T read(Supplier<T> action) {
        return Txn.calculateRead(dsg, action);
    }

    /** The rows of a named SELECT query. */
    public Rows select(String name, Map<String, String> values) {
        return select(bind(name, values));
    }

    /** The rows of a named SELECT query, each mapped (the mapper may keep the binding: it is a copy). */
    public <T> List<T> select(String name, Map<String, String> values, Function<Binding, T> row) {
        return select(name, values).map(row);
    }

    /** The rows of a SELECT query. */
    public Rows select(Query query) {
        return read(() -> {
            try (QueryExec exec = exec(query)) {
                RowSet rows = exec.select();
                List<Var> vars = rows.getResultVars();
                List<Binding> copied = new ArrayList<>();
                // TDB2's bindings read their values from the store when asked: copy them while it is open.
                rows.forEachRemaining(b -> copied.add(BindingFactory.copy(b)));
                return new Rows(vars, copied);
            }
        });
    }

    /**
     * Runs a SELECT query and hands its rows to {@code reader} as the store gives them, inside the read transaction:
     * for answers to be written out as they come (a large answer, a client that may go away) rather than copied.
     * The rows are valid only inside {@code reader}; a timeout stops them where they have got to.
     */
    public <T> T stream(Query query, RowsReader<T> reader) throws IOException {
        try {
            return read(() -> {
                try (QueryExec exec = exec(query)) {
                    return reader.read(exec.select());
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    /** What {@link #stream(Query, RowsReader)} hands the rows to: typically a writer to a response. */
    @FunctionalInterface
    public interface RowsReader<T> {
        T read(RowSet rows) throws IOException;
    }

    /** The answer of a named ASK query. */
    public boolean ask(String name, Map<String, String> values) {
        return ask(bind(name, values));
    }

    /** The answer of an ASK query. */
    public boolean ask(Query query) {
        return read(() -> {
            try (QueryExec exec = exec(query)) {
                return exec.ask();
            }
        });
    }

    /** The graph a named CONSTRUCT or DESCRIBE query builds. */
    public Graph construct(String name, Map<String, String> values) {
        return construct(bind(name, values));
    }

    /** The graph a CONSTRUCT or DESCRIBE query builds (an in-memory graph: it holds its triples). */
    public Graph construct(Query query) {
        return read(() -> {
            try (QueryExec exec = exec(query)) {
                return query.isDescribeType() ? exec.describe() : exec.construct();
            }
        });
    }

    private QueryExec exec(Query query) {
        QueryExecBuilder builder = QueryExec.dataset(dsg).query(query);
        if (timeout != null) {
            builder.timeout(timeout.toMillis(), TimeUnit.MILLISECONDS);
        }
        return builder.build();
    }
}
