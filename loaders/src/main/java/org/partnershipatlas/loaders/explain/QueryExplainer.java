package org.partnershipatlas.loaders.explain;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.Triple;
import org.apache.jena.query.Query;
import org.apache.jena.shared.PrefixMapping;
import org.apache.jena.sparql.algebra.Algebra;
import org.apache.jena.sparql.algebra.Op;
import org.apache.jena.sparql.algebra.op.Op1;
import org.apache.jena.sparql.algebra.op.Op2;
import org.apache.jena.sparql.algebra.op.OpBGP;
import org.apache.jena.sparql.algebra.op.OpConditional;
import org.apache.jena.sparql.algebra.op.OpDisjunction;
import org.apache.jena.sparql.algebra.op.OpN;
import org.apache.jena.sparql.algebra.op.OpQuadPattern;
import org.apache.jena.sparql.algebra.op.OpSequence;
import org.apache.jena.sparql.algebra.op.OpUnion;
import org.apache.jena.sparql.core.BasicPattern;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.core.Quad;
import org.apache.jena.sparql.engine.ExecutionContext;
import org.apache.jena.sparql.engine.QueryIterator;
import org.apache.jena.sparql.engine.iterator.QueryIterRoot;
import org.apache.jena.sparql.engine.optimizer.StatsMatcher;
import org.apache.jena.sparql.engine.optimizer.reorder.PatternElements;
import org.apache.jena.sparql.engine.optimizer.reorder.PatternTriple;
import org.apache.jena.sparql.engine.optimizer.reorder.ReorderTransformation;
import org.apache.jena.sparql.sse.Item;
import org.apache.jena.sparql.util.FmtUtils;
import org.apache.jena.system.Txn;
import org.apache.jena.tdb2.TDB2;
import org.apache.jena.tdb2.solver.PatternMatchTDB2;
import org.apache.jena.tdb2.store.DatasetGraphTDB;
import org.apache.jena.tdb2.sys.TDBInternal;
import org.partnershipatlas.loaders.store.OptimizerStatistics;

/**
 * Explains how TDB2 runs a query on a store: the algebra after Jena's optimizer, and for each basic graph pattern the
 * order TDB2's reorder transformation chooses (from {@code stats.opt}), with each step's estimated matches and the
 * actual rows up to that step, until a row cap or the time budget stops the count. A query that times out usually
 * does so because one step multiplies the rows; the explanation names it ({@link Explanation#inWords()}).
 *
 * <p>A pattern that the engine runs once for each row of patterns before it (the later parts of a sequence, the
 * right side of an OPTIONAL run as a conditional) is counted as it runs: fed by those patterns' rows, with their
 * variables bound, so its rows are the rows that really flow there (before any FILTER between them). Counted alone, a
 * pattern that runs with bindings looks far larger than it is and gets the blame for another's cost.
 */
public final class QueryExplainer {
    private final long rowCap;
    private final Duration budget;

    /**
     * @param rowCap stop counting a step's rows after this many
     * @param budget stop counting altogether after this long (the rest is reported as not counted)
     */
    public QueryExplainer(long rowCap, Duration budget) {
        this.rowCap = rowCap;
        this.budget = budget;
    }

    /** One step of a basic graph pattern in run order. */
    public record Step(String pattern, double estimate, long actual, boolean capped, boolean counted) {}

    /**
     * A basic graph pattern as TDB2 runs it: where, its steps, and the numbers (from 1) of the patterns whose rows
     * feed it (it runs once for each of their rows; its actual counts include them), empty if it runs alone.
     */
    public record PatternPlan(String graph, List<Step> steps, List<Integer> fedBy) {
        /** The step with the most rows counted (the later of equals: a capped count is a lower bound), or -1. */
        int largest() {
            int best = -1;
            for (int i = 0; i < steps.size(); i++) {
                if (steps.get(i).counted()
                        && (best < 0 || steps.get(i).actual() >= steps.get(best).actual())) {
                    best = i;
                }
            }
            return best;
        }
    }

    /** What {@link #explain} found. */
    public record Explanation(String algebra, List<PatternPlan> patterns, boolean statistics, long rowCap) {
        /** The algebra, then each pattern's steps as a table. */
        public String asText() {
            StringBuilder out = new StringBuilder("Optimized algebra (as TDB2 runs it):\n").append(algebra);
            if (!statistics) {
                out.append("\nThe store has no optimizer statistics (stats.opt): TDB2 orders patterns by shape.\n");
            }
            int n = 1;
            for (PatternPlan p : patterns) {
                out.append(String.format(
                        "%nBasic graph pattern %d (%s), in run order; actual = rows of the steps so far, %s:%n",
                        n++,
                        p.graph(),
                        p.fedBy().isEmpty()
                                ? "alone"
                                : "run once for each row of pattern " + numbers(p.fedBy()) + " (their rows included)"));
                out.append(String.format("  %-4s %12s %14s  %s%n", "step", "estimated", "actual", "pattern"));
                for (int i = 0; i < p.steps().size(); i++) {
                    Step s = p.steps().get(i);
                    out.append(String.format(
                            "  %-4d %12s %14s  %s%n", i + 1, estimate(s.estimate()), actual(s), s.pattern()));
                }
            }
            return out.append('\n').append(inWords()).append('\n').toString();
        }

        /** Why a query is slow, in words: where each pattern starts and which step multiplies the rows. */
        public String inWords() {
            if (patterns.isEmpty()) {
                return "The query has no basic graph pattern to explain: its cost is in what it computes over them.";
            }
            StringBuilder out = new StringBuilder();
            int n = 1;
            for (PatternPlan p : patterns) {
                if (patterns.size() > 1) {
                    out.append("Pattern ").append(n).append(": ");
                }
                n++;
                Step first = p.steps().get(0);
                if (!p.fedBy().isEmpty()) {
                    out.append("runs once for each row of pattern ")
                            .append(numbers(p.fedBy()))
                            .append(", with their variables bound; its first step ");
                }
                out.append(p.fedBy().isEmpty() ? "starts from " : "")
                        .append(first.pattern())
                        .append(" (")
                        .append(describe(first))
                        .append(")");
                int largest = p.largest();
                if (largest > 0) {
                    Step s = p.steps().get(largest);
                    out.append("; the most rows come after step ")
                            .append(largest + 1)
                            .append(", ")
                            .append(s.pattern())
                            .append(": ")
                            .append(describe(s));
                }
                if (p.steps().stream().anyMatch(s -> !s.counted())) {
                    out.append("; the time budget ran out before every step was counted");
                }
                out.append(".\n");
            }
            return out.toString().strip();
        }

        private String describe(Step s) {
            if (!s.counted()) {
                return "not counted";
            }
            return s.capped()
                    ? String.format("more than %,d rows; counting stopped", rowCap)
                    : String.format("%,d rows", s.actual());
        }

        private static String numbers(List<Integer> patterns) {
            return String.join(" and ", patterns.stream().map(String::valueOf).toList());
        }

        private static String estimate(double e) {
            return e < 0 ? "unknown" : String.format("%,.0f", e);
        }

        private static String actual(Step s) {
            if (!s.counted()) {
                return "not counted";
            }
            return (s.capped() ? ">" : "") + String.format("%,d", s.actual());
        }
    }

    /** Explains a query on a TDB2 store (union default graph as the Atlas serves it); starts a read transaction. */
    public Explanation explain(DatasetGraph dsg, Query query) {
        DatasetGraphTDB tdb = TDBInternal.getDatasetGraphTDB(dsg);
        if (tdb == null) {
            throw new IllegalArgumentException("only a TDB2 store can be explained");
        }
        return Txn.calculateRead(dsg, () -> explain(dsg, tdb, query));
    }

    private Explanation explain(DatasetGraph dsg, DatasetGraphTDB tdb, Query query) {
        Op op = Algebra.toQuadForm(Algebra.optimize(Algebra.compile(query), dsg.getContext()));
        List<Pattern> bgps = new ArrayList<>();
        collect(op, List.of(), bgps);
        Path statsFile = Path.of(tdb.getLocation().getDirectoryPath()).resolve(OptimizerStatistics.FILE);
        StatsMatcher matcher = Files.exists(statsFile) ? new StatsMatcher(statsFile.toString()) : null;
        ReorderTransformation reorder = tdb.getReorderTransform();
        boolean union = dsg.getContext().isTrue(TDB2.symUnionDefaultGraph);
        PrefixMapping prefixes = query.getPrefixMapping();
        long deadline = System.nanoTime() + budget.toNanos();
        List<PatternPlan> plans = new ArrayList<>();
        List<BasicPattern> orders = new ArrayList<>();
        List<Node> searchedGraphs = new ArrayList<>();
        for (Pattern b : bgps) {
            BasicPattern ordered =
                    reorder == null || b.pattern().size() < 2 ? b.pattern() : reorder.reorder(b.pattern());
            Node graph = b.graph();
            Node searched = union && (Quad.isDefaultGraph(graph) || Quad.isUnionGraph(graph)) ? Node.ANY : graph;
            String where = Quad.isDefaultGraph(graph) || Quad.isUnionGraph(graph)
                    ? (union ? "the union of the graphs" : "the default graph")
                    : "graph " + FmtUtils.stringForNode(graph, prefixes);
            List<Step> steps =
                    steps(tdb, dsg, ordered, searched, b.fedBy(), orders, searchedGraphs, matcher, prefixes, deadline);
            orders.add(ordered);
            searchedGraphs.add(searched);
            plans.add(new PatternPlan(
                    where, steps, b.fedBy().stream().map(i -> i + 1).toList()));
        }
        return new Explanation(op.toString(prefixes), plans, matcher != null, rowCap);
    }

    /** A basic graph pattern of the query, its graph, and the patterns (by index) whose rows it runs with. */
    private record Pattern(BasicPattern pattern, Node graph, List<Integer> fedBy) {}

    /**
     * Finds the basic graph patterns in the order the engine meets them, and which earlier patterns feed each one:
     * ARQ runs the later elements of a sequence, and the right side of a conditional, once per row of what came
     * before (substitution), while both sides of a join, a left join or a minus start from nothing and are joined
     * after.
     */
    private static void collect(Op op, List<Integer> feeding, List<Pattern> out) {
        if (op instanceof OpBGP bgp) {
            out.add(new Pattern(bgp.getPattern(), Quad.defaultGraphNodeGenerated, feeding));
        } else if (op instanceof OpQuadPattern qp) {
            out.add(new Pattern(qp.getBasicPattern(), qp.getGraphNode(), feeding));
        } else if (op instanceof OpSequence seq) {
            List<Integer> fed = new ArrayList<>(feeding);
            for (Op element : seq.getElements()) {
                int before = out.size();
                collect(element, List.copyOf(fed), out);
                for (int i = before; i < out.size(); i++) {
                    fed.add(i);
                }
            }
        } else if (op instanceof OpConditional cond) {
            int before = out.size();
            collect(cond.getLeft(), feeding, out);
            List<Integer> fed = new ArrayList<>(feeding);
            for (int i = before; i < out.size(); i++) {
                fed.add(i);
            }
            collect(cond.getRight(), List.copyOf(fed), out);
        } else if (op instanceof Op1 op1) {
            collect(op1.getSubOp(), feeding, out);
        } else if (op instanceof Op2 op2) {
            // A join, left join, minus or union: the left side gets what came before, the right side starts anew
            // (a union's right side gets it too, but its rows are not the left's).
            collect(op2.getLeft(), feeding, out);
            collect(op2.getRight(), op2 instanceof OpUnion ? feeding : List.of(), out);
        } else if (op instanceof OpN opN) {
            for (Op element : opN.getElements()) {
                collect(element, opN instanceof OpDisjunction ? feeding : List.of(), out);
            }
        }
    }

    private List<Step> steps(
            DatasetGraphTDB tdb,
            DatasetGraph dsg,
            BasicPattern ordered,
            Node graph,
            List<Integer> fedBy,
            List<BasicPattern> orders,
            List<Node> graphs,
            StatsMatcher matcher,
            PrefixMapping prefixes,
            long deadline) {
        List<Step> steps = new ArrayList<>();
        Set<Node> bound = new HashSet<>();
        for (int f : fedBy) {
            for (Triple t : orders.get(f)) {
                for (Node n : List.of(t.getSubject(), t.getPredicate(), t.getObject())) {
                    if (n.isVariable()) {
                        bound.add(n);
                    }
                }
            }
        }
        BasicPattern prefix = new BasicPattern();
        boolean stopped = false;
        for (Triple t : ordered) {
            double estimate = matcher == null ? -1 : matcher.match(patternTriple(t, bound));
            prefix.add(t);
            for (Node n : List.of(t.getSubject(), t.getPredicate(), t.getObject())) {
                if (n.isVariable()) {
                    bound.add(n);
                }
            }
            String text = FmtUtils.stringForTriple(t, prefixes);
            if (stopped || System.nanoTime() > deadline) {
                stopped = true;
                steps.add(new Step(text, estimate, 0, false, false));
                continue;
            }
            long rows = 0;
            boolean capped = false;
            ExecutionContext cxt = ExecutionContext.create(dsg, dsg.getContext());
            // The rows of the patterns that feed this one, as the engine hands them in.
            QueryIterator input = QueryIterRoot.create(cxt);
            for (int f : fedBy) {
                input = PatternMatchTDB2.execute(tdb, graphs.get(f), orders.get(f), input, null, cxt);
            }
            QueryIterator it = PatternMatchTDB2.execute(
                    tdb, graph, BasicPattern.wrap(List.copyOf(prefix.getList())), input, null, cxt);
            try {
                while (it.hasNext()) {
                    it.next();
                    rows++;
                    if (rows >= rowCap) {
                        capped = true;
                        break;
                    }
                    if ((rows & 0x3FF) == 0 && System.nanoTime() > deadline) {
                        stopped = true;
                        break;
                    }
                }
            } finally {
                it.close();
            }
            steps.add(new Step(text, estimate, rows, capped || stopped, !stopped || rows > 0));
        }
        return steps;
    }

    /** The pattern as TDB2's reorder weighs it: variables bound by earlier steps count as fixed terms. */
    private static PatternTriple patternTriple(Triple t, Set<Node> bound) {
        return new PatternTriple(
                item(t.getSubject(), bound), item(t.getPredicate(), bound), item(t.getObject(), bound));
    }

    private static Item item(Node n, Set<Node> bound) {
        return n.isVariable() && bound.contains(n) ? PatternElements.TERM : Item.createNode(n);
    }
}
