package org.partnershipatlas.queries;

import java.util.List;
import java.util.function.Function;
import org.apache.jena.sparql.core.Var;
import org.apache.jena.sparql.engine.binding.Binding;
import org.apache.jena.sparql.exec.RowSet;
import org.apache.jena.sparql.exec.RowSetStream;

/**
 * The answer of a SELECT query, copied out of the store: its variables and its rows, each row a binding that holds
 * its values (not TDB2's, which read them from the store when asked), so it outlives the read transaction.
 *
 * @param vars the result variables, in the query's order
 * @param bindings the rows, in the order the query gave them
 */
public record Rows(List<Var> vars, List<Binding> bindings) {
    public Rows {
        vars = List.copyOf(vars);
        bindings = List.copyOf(bindings);
    }

    /** Each row mapped, in order. */
    public <T> List<T> map(Function<Binding, T> row) {
        return bindings.stream().map(row).toList();
    }

    /** A fresh row set over the copied rows, for Jena's result writers. */
    public RowSet rowSet() {
        return RowSetStream.create(vars, bindings.iterator());
    }

    public int size() {
        return bindings.size();
    }
}
