package org.partnershipatlas.loaders.validate;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.Triple;
import org.apache.jena.query.Query;
import org.apache.jena.shacl.engine.constraint.SparqlConstraint;
import org.apache.jena.sparql.core.TriplePath;
import org.apache.jena.sparql.core.Var;
import org.apache.jena.sparql.engine.binding.Binding;
import org.apache.jena.sparql.engine.binding.BindingBuilder;
import org.apache.jena.sparql.engine.binding.BindingFactory;
import org.apache.jena.sparql.expr.E_BNode;
import org.apache.jena.sparql.expr.E_Call;
import org.apache.jena.sparql.expr.E_Function;
import org.apache.jena.sparql.expr.E_Now;
import org.apache.jena.sparql.expr.E_Random;
import org.apache.jena.sparql.expr.E_StrUUID;
import org.apache.jena.sparql.expr.E_UUID;
import org.apache.jena.sparql.expr.Expr;
import org.apache.jena.sparql.expr.ExprEvalException;
import org.apache.jena.sparql.expr.ExprFunction;
import org.apache.jena.sparql.expr.ExprFunctionOp;
import org.apache.jena.sparql.expr.ExprVar;
import org.apache.jena.sparql.expr.NodeValue;
import org.apache.jena.sparql.function.FunctionEnv;
import org.apache.jena.sparql.function.FunctionEnvBase;
import org.apache.jena.sparql.syntax.Element;
import org.apache.jena.sparql.syntax.ElementFilter;
import org.apache.jena.sparql.syntax.ElementGroup;
import org.apache.jena.sparql.syntax.ElementPathBlock;
import org.apache.jena.sparql.syntax.ElementTriplesBlock;
import org.apache.jena.util.iterator.ExtendedIterator;

/**
 * A cheap test that a node-shape {@code sh:sparql} constraint cannot report anything for a focus node, so that
 * running its query (parsing the pre-binding, planning, executing: most of the cost of validating a resource) can
 * be skipped without changing the result.
 *
 * <p>Every solution of a SELECT query without aggregation, grouping or VALUES matches each plain triple pattern
 * of the blocks at the top level of its WHERE group (the group joins them; OPTIONAL, MINUS, BIND and FILTER only
 * extend or remove solutions), and passes each of the group's FILTERs. So if those patterns, with {@code $this}
 * bound to the focus node and every other variable free, have no match in the data that passes the filters, the
 * query has no solutions and the constraint reports nothing. A filter is used only if it mentions no variable but
 * those of the patterns and calls only built-in functions whose value depends on their arguments alone (not
 * EXISTS, NOW, RAND, BNODE, UUID or an extension function); other filters are left out, which only makes the
 * test weaker. The patterns are matched by a small backtracking join over {@link Graph#find}, as ARQ matches a
 * basic graph pattern; when that would take long the guard gives up and says "may match", and the query is run.
 */
final class SparqlGuard {
    private static final Var THIS = Var.alloc("this");
    private static final int MAX_FINDS = 64;

    private final List<Triple> patterns;
    private final List<Expr> filters;

    private SparqlGuard(List<Triple> patterns, List<Expr> filters) {
        this.patterns = patterns;
        this.filters = filters;
    }

    /** The guard of a constraint, if its query has the form this test is sound for. */
    static Optional<SparqlGuard> of(SparqlConstraint constraint) {
        Query query = constraint.getQuery();
        if (!query.isSelectType()
                || query.hasAggregators()
                || query.hasGroupBy()
                || query.hasHaving()
                || query.hasValues()
                || !(query.getQueryPattern() instanceof ElementGroup group)) {
            return Optional.empty();
        }
        List<Triple> patterns = new ArrayList<>();
        for (Element element : group.getElements()) {
            if (element instanceof ElementPathBlock block) {
                for (TriplePath path : block.getPattern()) {
                    if (path.isTriple()) {
                        patterns.add(path.asTriple());
                    }
                }
            } else if (element instanceof ElementTriplesBlock block) {
                patterns.addAll(block.getPattern().getList());
            }
        }
        if (patterns.isEmpty()) {
            return Optional.empty();
        }
        Set<Var> vars = new HashSet<>();
        vars.add(THIS);
        for (Triple t : patterns) {
            Stream.of(t.getSubject(), t.getPredicate(), t.getObject())
                    .filter(Var::isVar)
                    .forEach(n -> vars.add(Var.alloc(n)));
        }
        List<Expr> filters = new ArrayList<>();
        for (Element element : group.getElements()) {
            if (element instanceof ElementFilter filter
                    && vars.containsAll(filter.getExpr().getVarsMentioned())
                    && deterministic(filter.getExpr())) {
                filters.add(filter.getExpr());
            }
        }
        return Optional.of(new SparqlGuard(List.copyOf(patterns), List.copyOf(filters)));
    }

    /** Built-in functions of their arguments only, all the way down. */
    private static boolean deterministic(Expr expr) {
        if (expr instanceof ExprVar || expr instanceof NodeValue) {
            return true;
        }
        if (!(expr instanceof ExprFunction function)
                || expr instanceof ExprFunctionOp
                || expr instanceof E_Function
                || expr instanceof E_Call
                || expr instanceof E_Now
                || expr instanceof E_Random
                || expr instanceof E_UUID
                || expr instanceof E_StrUUID
                || expr instanceof E_BNode) {
            return false;
        }
        return function.getArgs().stream().allMatch(SparqlGuard::deterministic);
    }

    /** False only if the query certainly has no solution for this focus node. */
    boolean mayMatch(Graph data, Node focusNode) {
        Map<Var, Node> binding = new HashMap<>();
        binding.put(THIS, focusNode);
        int[] finds = {0};
        return match(data, 0, binding, finds);
    }

    private boolean match(Graph data, int i, Map<Var, Node> binding, int[] finds) {
        if (i == patterns.size()) {
            return passes(binding);
        }
        if (++finds[0] > MAX_FINDS) {
            return true;
        }
        Triple pattern = patterns.get(i);
        Node s = bound(pattern.getSubject(), binding);
        Node p = bound(pattern.getPredicate(), binding);
        Node o = bound(pattern.getObject(), binding);
        ExtendedIterator<Triple> it = data.find(s, p, o);
        try {
            while (it.hasNext()) {
                Triple t = it.next();
                Map<Var, Node> next = new HashMap<>(binding);
                if (bind(pattern.getSubject(), t.getSubject(), binding, next)
                        && bind(pattern.getPredicate(), t.getPredicate(), binding, next)
                        && bind(pattern.getObject(), t.getObject(), binding, next)
                        && match(data, i + 1, next, finds)) {
                    return true;
                }
                if (finds[0] > MAX_FINDS) {
                    return true;
                }
            }
            return false;
        } finally {
            it.close();
        }
    }

    private boolean passes(Map<Var, Node> binding) {
        if (filters.isEmpty()) {
            return true;
        }
        BindingBuilder builder = BindingFactory.builder();
        binding.forEach(builder::add);
        Binding row = builder.build();
        FunctionEnv env = new FunctionEnvBase();
        for (Expr filter : filters) {
            try {
                if (!filter.isSatisfied(row, env)) {
                    return false;
                }
            } catch (ExprEvalException e) {
                return false;
            }
        }
        return true;
    }

    /** The node to find with: a variable's value if it has one, else any. */
    private static Node bound(Node node, Map<Var, Node> binding) {
        if (!Var.isVar(node)) {
            return node;
        }
        return binding.getOrDefault(Var.alloc(node), Node.ANY);
    }

    /**
     * Binds a variable to what it matched. A variable bound before this pattern was part of the find, so it
     * matches whatever the store returned for it; one that occurs twice in this pattern must match the same term.
     */
    private static boolean bind(Node node, Node value, Map<Var, Node> before, Map<Var, Node> binding) {
        if (!Var.isVar(node)) {
            return true;
        }
        Var var = Var.alloc(node);
        if (before.containsKey(var)) {
            return true;
        }
        Node old = binding.putIfAbsent(var, value);
        return old == null || old.equals(value);
    }
}
