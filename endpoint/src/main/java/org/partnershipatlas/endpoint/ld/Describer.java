package org.partnershipatlas.endpoint.ld;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.query.Query;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.engine.binding.Binding;
import org.apache.jena.sparql.engine.binding.BindingFactory;
import org.apache.jena.sparql.exec.QueryExec;
import org.apache.jena.sparql.exec.RowSet;
import org.apache.jena.system.Txn;
import org.partnershipatlas.ontology.AtlasIris;
import org.partnershipatlas.queries.NamedQuery;
import org.partnershipatlas.queries.QueryBinder;
import org.partnershipatlas.queries.QueryCatalogue;

/** Runs the library queries the Linked Data pages are made of, in read transactions on the store. */
public final class Describer {
    private final DatasetGraph dsg;
    private final QueryCatalogue catalogue;
    private final QueryBinder binder;

    public Describer(DatasetGraph dsg, QueryCatalogue catalogue, AtlasIris iris) {
        this.dsg = dsg;
        this.catalogue = catalogue;
        this.binder = new QueryBinder(iris);
    }

    /** Runs {@code action} in one read transaction, which the calls of this class inside it share. */
    public <T> T read(Supplier<T> action) {
        return Txn.calculateRead(dsg, action);
    }

    DatasetGraph datasetGraph() {
        return dsg;
    }

    /** The description of a resource ({@code describe-resource}); empty if the store has no triple about it. */
    public Graph describe(String iri) {
        Query query = binder.bind(catalogue.require("describe-resource"), Map.of("resource", iri));
        return Txn.calculateRead(dsg, () -> {
            try (QueryExec exec = QueryExec.dataset(dsg).query(query).build()) {
                return exec.construct();
            }
        });
    }

    /** True if the store has a triple with this subject. */
    public boolean exists(Node subject) {
        return Txn.calculateRead(dsg, () -> dsg.getUnionGraph().contains(subject, Node.ANY, Node.ANY));
    }

    /**
     * Runs a SELECT named query and maps each row. Rows are copied first: TDB2's bindings read their values from
     * the store when asked, which fails once the read transaction has ended, so a mapper may keep them.
     */
    public <T> List<T> select(String name, Map<String, String> values, Function<Binding, T> row) {
        NamedQuery named = catalogue.require(name);
        Query query = binder.bind(named, values);
        return Txn.calculateRead(dsg, () -> {
            List<T> out = new ArrayList<>();
            try (QueryExec exec = QueryExec.dataset(dsg).query(query).build()) {
                RowSet rows = exec.select();
                rows.forEachRemaining(b -> out.add(row.apply(BindingFactory.copy(b))));
            }
            return out;
        });
    }
}
