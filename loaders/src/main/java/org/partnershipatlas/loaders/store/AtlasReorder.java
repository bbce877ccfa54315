package org.partnershipatlas.loaders.store;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.graph.Triple;
import org.apache.jena.sparql.core.BasicPattern;
import org.apache.jena.sparql.core.Var;
import org.apache.jena.sparql.engine.optimizer.StatsMatcher;
import org.apache.jena.sparql.engine.optimizer.reorder.PatternElements;
import org.apache.jena.sparql.engine.optimizer.reorder.ReorderLib;
import org.apache.jena.sparql.engine.optimizer.reorder.ReorderProc;
import org.apache.jena.sparql.engine.optimizer.reorder.ReorderProcIndexes;
import org.apache.jena.sparql.engine.optimizer.reorder.ReorderTransformation;
import org.apache.jena.sparql.sse.Item;
import org.apache.jena.sparql.sse.SSE;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The order in which TDB2 runs the triple patterns of a basic graph pattern, chosen by the estimated number of rows
 * the whole plan produces rather than pattern by pattern.
 *
 * <p>Jena's own weighted reorder ({@code ReorderWeighted}) is greedy: at each step it takes the pattern with the
 * fewest matches given the variables bound so far, and a pattern whose subject and object are both bound counts as
 * one match. So it starts from the 35 localities of {@code ?l a pa:Locality}, then finds every thing placed in each
 * ({@code ?p dcterms:spatial ?l}: partnerships, guidance, cases...), and only then checks {@code ?p a pa:Partnership},
 * producing tens of thousands of rows where starting from the partnerships produces a few thousand. This
 * transformation reads the same statistics ({@code stats.opt}, {@link OptimizerStatistics}) and, over every order
 * of the patterns (by dynamic programming over the sets of patterns placed, for up to {@link #EXHAUSTIVE} patterns;
 * greedily on the same cost beyond), minimises the sum of the rows after each step, where:
 *
 * <ul>
 *   <li>a pattern that binds new variables multiplies the rows by its matches with the variables bound so far as
 *       fixed terms (the statistics' per-subject, per-object and per-object-value counts);
 *   <li>a pattern with nothing left to bind (a check such as {@code ?p a pa:Partnership} once {@code ?p} is bound)
 *       keeps the fraction of rows it lets through: the share of the predicate's triples with that object (for
 *       {@code rdf:type pa:Partnership}, the partnerships' share of all typed things), or one over the predicate's
 *       distinct objects when the object is a bound variable.
 * </ul>
 *
 * <p>A reorder only permutes the patterns of one basic graph pattern, whose answer is the same in any order; the
 * answers of the research corpus on the Atlas's store equal plain in-memory evaluation with it installed
 * ({@code ResearchCorpusIT}). TDB2 5.6 takes a reorder transformation when the database is connected and keeps it
 * for the life of the connection ({@code DatabaseConnection.connectCreate}); {@link AtlasStore} passes this one
 * when the store's statistics were written by the Atlas.
 */
public final class AtlasReorder implements ReorderTransformation {
    /**
     * Basic graph patterns of up to this many triples are ordered exactly (2^n sets), larger ones greedily. TDB2
     * reorders a pattern each time it runs it, which inside OPTIONAL or EXISTS can be once per row, so the exact
     * search is kept to a few hundred sets.
     */
    static final int EXHAUSTIVE = 8;

    /** A pattern the statistics do not know with something bound: TDB2's own guess for a fixed subject. */
    private static final double UNKNOWN_BOUND = 10;

    /** Unbound subject and object, to ask the statistics for a predicate's triples. */
    private static final Item ANY_SUBJECT = Item.createNode(Var.alloc("s"));

    private static final Item ANY_OBJECT = Item.createNode(Var.alloc("o"));

    private static final Logger LOG = LoggerFactory.getLogger(AtlasReorder.class);

    /** How many chosen orders are remembered before the memory is emptied and filled again. */
    static final int REMEMBERED = 10_000;

    /** What stands for a term the statistics do not count by value, in the shape of a pattern. */
    private static final Node SOME_IRI = NodeFactory.createURI("urn:x-atlas:reorder:term");

    private static final Node SOME_LITERAL = NodeFactory.createLiteralString("urn:x-atlas:reorder:term");

    private final StatsMatcher stats;
    private final double total;

    /** The terms the statistics count by value (such as a class or a role); any other term is estimated alike. */
    private final Set<Node> counted = new HashSet<>();

    /**
     * Orders chosen, by the pattern's shape (its terms that the statistics do not count by value replaced by one
     * placeholder): TDB2 reorders a pattern each time it runs it, once per row inside OPTIONAL, and the rows' values
     * (a partnership, a membership) give the same estimates. Choosing again cost a quarter of a locality page's time.
     */
    private final Map<List<Triple>, int[]> orders = new ConcurrentHashMap<>();

    AtlasReorder(Item statistics) {
        this.stats = new StatsMatcher(statistics);
        Item count = Item.find(statistics.getList().get(1).getList(), "count");
        this.total = count == null ? 1_000_000 : count.getList().get(1).getDouble();
        collectTerms(statistics);
    }

    private void collectTerms(Item item) {
        if (item.isNode() && item.getNode().isConcrete()) {
            counted.add(item.getNode());
        } else if (item.isList()) {
            item.getList().forEach(this::collectTerms);
        }
    }

    /**
     * The transformation for the TDB2 storage folder {@code storage} ({@code Data-NNNN}), or null (TDB2's own
     * choice) if its {@code stats.opt} is missing or was not written by the Atlas, such as the TDB2 baseline the
     * benchmarks measure against.
     */
    public static ReorderTransformation forStorage(Path storage) {
        Path file = storage.resolve(OptimizerStatistics.FILE);
        if (!Files.exists(file)) {
            return null;
        }
        try {
            Item stats = SSE.readFile(file.toString());
            return OptimizerStatistics.writtenByAtlas(stats) ? new AtlasReorder(stats) : null;
        } catch (RuntimeException e) {
            // As TDB2 does with a statistics file it cannot read: warn and leave the choice to TDB2.
            LOG.warn("Cannot read the optimizer statistics {}: {}", file, e.getMessage());
            return null;
        }
    }

    @Override
    public BasicPattern reorder(BasicPattern pattern) {
        return reorderIndexes(pattern).reorder(pattern);
    }

    @Override
    public ReorderProc reorderIndexes(BasicPattern pattern) {
        int n = pattern.size();
        if (n < 2) {
            return ReorderLib.identityProc();
        }
        List<Triple> triples = pattern.getList();
        List<Triple> shape = shape(triples);
        int[] order = orders.get(shape);
        if (order == null) {
            order = n <= EXHAUSTIVE ? exact(triples) : greedy(triples);
            if (orders.size() >= REMEMBERED) {
                orders.clear();
            }
            orders.put(shape, order);
        }
        return new ReorderProcIndexes(order.clone());
    }

    /** The pattern with each term the statistics do not count by value replaced by a placeholder of its kind. */
    List<Triple> shape(List<Triple> triples) {
        List<Triple> shape = new ArrayList<>(triples.size());
        for (Triple t : triples) {
            shape.add(Triple.create(shape(t.getSubject()), shape(t.getPredicate()), shape(t.getObject())));
        }
        return shape;
    }

    private Node shape(Node n) {
        if (!n.isConcrete() || counted.contains(n)) {
            return n;
        }
        return n.isLiteral() ? SOME_LITERAL : SOME_IRI;
    }

    /** Rows after some steps, with the estimated number of distinct values of each variable bound so far. */
    record State(double rows, Map<Node, Double> distinct) {
        static final State START = new State(1, Map.of());
    }

    /** The cheapest order by dynamic programming over the sets of patterns placed first (ties: the written order). */
    private int[] exact(List<Triple> triples) {
        int n = triples.size();
        int full = (1 << n) - 1;
        double[] cost = new double[1 << n];
        State[] state = new State[1 << n];
        int[] last = new int[1 << n];
        Arrays.fill(cost, Double.POSITIVE_INFINITY);
        cost[0] = 0;
        state[0] = State.START;
        for (int set = 0; set < full; set++) {
            if (state[set] == null) {
                continue;
            }
            for (int i = 0; i < n; i++) {
                if ((set & (1 << i)) != 0) {
                    continue;
                }
                State after = step(state[set], triples.get(i));
                double c = cost[set] + after.rows();
                int next = set | (1 << i);
                if (c < cost[next]) {
                    cost[next] = c;
                    state[next] = after;
                    last[next] = i;
                }
            }
        }
        int[] order = new int[n];
        int set = full;
        for (int k = n - 1; k >= 0; k--) {
            order[k] = last[set];
            set &= ~(1 << last[set]);
        }
        return order;
    }

    /** At each step the pattern that leaves the fewest rows (ties: the written order). */
    private int[] greedy(List<Triple> triples) {
        int n = triples.size();
        int[] order = new int[n];
        boolean[] placed = new boolean[n];
        State state = State.START;
        for (int k = 0; k < n; k++) {
            int best = -1;
            State bestState = null;
            for (int i = 0; i < n; i++) {
                if (!placed[i]) {
                    State s = step(state, triples.get(i));
                    if (bestState == null || s.rows() < bestState.rows()) {
                        best = i;
                        bestState = s;
                    }
                }
            }
            placed[best] = true;
            order[k] = best;
            state = bestState;
        }
        return order;
    }

    /**
     * The rows after running pattern {@code t} on {@code before}. A pattern that binds a new variable multiplies the
     * rows by its matches with the variables bound so far as fixed terms; a pattern with nothing left to bind is a
     * join with the triples it matches on the bound variables, estimated as |rows| x |triples| / the larger number of
     * distinct values on each side (the textbook estimate), so a check of {@code ?l a pa:Locality} on rows whose
     * {@code ?l} are the 35 localities keeps them all, and a check of {@code ?p a pa:Partnership} on everything
     * placed somewhere keeps the partnerships.
     */
    State step(State before, Triple t) {
        Set<Node> bound = before.distinct().keySet();
        Item s = item(t.getSubject(), bound);
        Item p = item(t.getPredicate(), bound);
        Item o = item(t.getObject(), bound);
        boolean check = !isVar(s) && !isVar(p) && !isVar(o);
        double rows;
        if (!check) {
            double w = stats.match(s, p, o);
            if (w < 0) {
                w = isVar(s) && isVar(o) ? total : UNKNOWN_BOUND;
            }
            rows = before.rows() * w;
        } else if (!p.isNode()) {
            rows = before.rows();
        } else {
            Map<Node, Double> d = before.distinct();
            if (s.isNode() && o.isNode()) {
                rows = before.rows();
            } else if (o.isNode()) {
                double matching = Math.max(1, known(stats.match(ANY_SUBJECT, p, o)));
                rows = before.rows() * matching / Math.max(d.get(t.getSubject()), matching);
            } else if (s.isNode()) {
                double matching = Math.max(1, known(stats.match(s, p, ANY_OBJECT)));
                rows = before.rows() * matching / Math.max(d.get(t.getObject()), matching);
            } else {
                double matching = known(stats.match(ANY_SUBJECT, p, ANY_OBJECT));
                rows = before.rows()
                        * matching
                        / (Math.max(d.get(t.getSubject()), subjects(p)) * Math.max(d.get(t.getObject()), objects(p)));
            }
            rows = Math.min(before.rows(), rows);
        }
        double after = rows;
        Map<Node, Double> distinct = new HashMap<>();
        before.distinct().forEach((v, d) -> distinct.put(v, Math.min(d, after)));
        if (t.getSubject().isVariable() && !bound.contains(t.getSubject())) {
            distinct.put(t.getSubject(), Math.min(rows, t.getObject().isConcrete() ? rows : subjects(p)));
        }
        if (t.getPredicate().isVariable() && !bound.contains(t.getPredicate())) {
            distinct.put(t.getPredicate(), rows);
        }
        if (t.getObject().isVariable() && !bound.contains(t.getObject())) {
            distinct.putIfAbsent(t.getObject(), Math.min(rows, objects(p)));
        }
        return new State(Math.max(rows, 1e-9), distinct);
    }

    /** The distinct subjects of a predicate's triples (its triples over its triples per subject). */
    private double subjects(Item p) {
        if (!p.isNode() || p.getNode().isVariable()) {
            return total;
        }
        return known(stats.match(ANY_SUBJECT, p, ANY_OBJECT))
                / Math.max(1, known(stats.match(PatternElements.TERM, p, ANY_OBJECT)));
    }

    /** The distinct objects of a predicate's triples. */
    private double objects(Item p) {
        if (!p.isNode() || p.getNode().isVariable()) {
            return total;
        }
        return known(stats.match(ANY_SUBJECT, p, ANY_OBJECT))
                / Math.max(1, known(stats.match(ANY_SUBJECT, p, PatternElements.TERM)));
    }

    private double known(double w) {
        return w < 0 ? total : w;
    }

    private static boolean isVar(Item item) {
        return item.isNode() && item.getNode().isVariable();
    }

    /** A term or unbound variable as itself, a variable bound by earlier patterns as TERM (as Jena's reorder does). */
    private static Item item(Node n, Set<Node> bound) {
        return n.isVariable() && bound.contains(n) ? PatternElements.TERM : Item.createNode(n);
    }

    /** The patterns in the order this transformation runs them; for tests and explanations. */
    List<Triple> order(List<Triple> triples) {
        return new ArrayList<>(reorder(BasicPattern.wrap(triples)).getList());
    }
}
