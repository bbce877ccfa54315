package org.partnershipatlas.loaders.validate;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.Triple;
import org.apache.jena.graph.impl.GraphBase;
import org.apache.jena.util.iterator.ExtendedIterator;
import org.apache.jena.util.iterator.WrappedIterator;

/**
 * A read-only view of a graph that answers, from memory, the small look-ups SHACL validation repeats. The
 * triples of a focus node are read with one index range ({@link #load}), so the dozens of look-ups validating it
 * makes (its types for every target, each property path) cost one; other small answers are kept by pattern, such
 * as the types of the resources focus nodes refer to ({@code sh:class}) and the rdfs:subClassOf closure behind
 * every {@code sh:targetClass} and {@code sh:class}.
 *
 * <p>It answers every find with the same triples, in the same order, as the graph itself, provided the graph does
 * not change while the view is in use (validation runs inside one transaction and writes nothing). Memory is
 * bounded: at most {@code budget} triples are held, least recently used first out, and an answer of more than
 * {@code maxPerEntry} triples is never held but streamed from the graph.
 */
final class CachedGraph extends GraphBase {
    private final Graph base;
    private final Function<Node, Iterator<Triple>> subjectReader;
    private final int maxPerEntry;
    private final long budget;
    private final Map<Triple, List<Triple>> entries = new LinkedHashMap<>(1 << 12, 0.75f, true);
    private long held;

    /**
     * @param base the graph to read (not changed while this view is used)
     * @param subjectReader a cheaper way to read all triples of a subject, the same and in the same order as
     *     {@code base.find(subject, ANY, ANY)}; or null
     * @param maxPerEntry the most triples one kept answer may have
     * @param budget the most triples kept in all
     */
    CachedGraph(Graph base, Function<Node, Iterator<Triple>> subjectReader, int maxPerEntry, long budget) {
        if (maxPerEntry < 1 || budget < maxPerEntry) {
            throw new IllegalArgumentException("maxPerEntry " + maxPerEntry + ", budget " + budget);
        }
        this.base = base;
        this.subjectReader = subjectReader;
        this.maxPerEntry = maxPerEntry;
        this.budget = budget;
    }

    /** Reads and keeps all triples of a subject (unless it has more than maxPerEntry). */
    void load(Node subject) {
        find(subject, Node.ANY, Node.ANY).close();
    }

    @Override
    protected ExtendedIterator<Triple> graphBaseFind(Triple pattern) {
        Node s = pattern.getSubject();
        // A literal is matched by the store as it stores it (TDB2 keeps numbers and dates by value), so a find
        // for one is answered by the store.
        if (s.isConcrete() && !pattern.getObject().isLiteral()) {
            List<Triple> all = entries.get(Triple.create(s, Node.ANY, Node.ANY));
            if (all != null) {
                // A subject's triples in index order (predicate, object): those matching a predicate and/or an
                // object come in the order the graph gives for that pattern.
                List<Triple> matching = new ArrayList<>();
                for (Triple t : all) {
                    if (pattern.matches(t)) {
                        matching.add(t);
                    }
                }
                return WrappedIterator.create(matching.iterator());
            }
        }
        if (s.isConcrete() && pattern.getObject().isLiteral()) {
            return base.find(pattern);
        }
        List<Triple> kept = entries.get(pattern);
        if (kept != null) {
            return WrappedIterator.create(kept.iterator());
        }
        ExtendedIterator<Triple> it = subjectReader != null
                        && s.isConcrete()
                        && !pattern.getPredicate().isConcrete()
                        && !pattern.getObject().isConcrete()
                ? WrappedIterator.create(subjectReader.apply(s))
                : base.find(pattern);
        List<Triple> first = new ArrayList<>();
        while (first.size() < maxPerEntry && it.hasNext()) {
            first.add(it.next());
        }
        if (it.hasNext()) {
            return WrappedIterator.create(first.iterator()).andThen(it);
        }
        it.close();
        keep(pattern, first);
        return WrappedIterator.create(first.iterator());
    }

    private void keep(Triple key, List<Triple> triples) {
        entries.put(key, triples);
        held += triples.size() + 1;
        Iterator<List<Triple>> eldest = entries.values().iterator();
        while (held > budget && eldest.hasNext()) {
            held -= eldest.next().size() + 1;
            eldest.remove();
        }
    }

    @Override
    protected int graphBaseSize() {
        return base.size();
    }
}
