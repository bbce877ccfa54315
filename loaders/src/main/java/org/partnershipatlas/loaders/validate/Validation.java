package org.partnershipatlas.loaders.validate;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.jena.graph.Node;
import org.apache.jena.shacl.Shapes;
import org.apache.jena.shacl.validation.ReportEntry;
import org.apache.jena.shacl.validation.Severity;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.system.Txn;

/**
 * Validates the resources a load wrote: every distinct subject of a graph is validated as a focus node against
 * the union of all graphs (so references to other sources resolve, and rdfs:subClassOf in the ontology graph
 * counts). Only the loaded graph's subjects are visited, so the cost follows the size of the load, not of the
 * store; subjects come off the graph's index in order, so nothing is held in memory but the findings, a bounded
 * cache and a bounded number of subjects in flight.
 *
 * <p>Each subject gets exactly the report entries {@code ShaclValidator.get().validate(shapes, union, subject)}
 * gives it ({@link FocusNodeValidator}), and the findings are gathered in subject order whatever the number of
 * threads, so the result, including where the limit cuts it, does not depend on them. With more than one thread,
 * subjects are validated in batches by worker threads, each in its own read transaction: use that only where no
 * other writer can commit meanwhile and the caller's transaction is a read (a write transaction's changes are not
 * visible to other threads).
 */
public final class Validation {
    /** What validation found for one graph. */
    public record Findings(
            List<ReportEntry> violations, List<ReportEntry> warnings, long focusNodes, boolean truncated) {}

    private static final int BATCH = 256;

    /** The most triples the cache of each thread keeps for one look-up, and in all (some tens of MB). */
    private static final int MAX_PER_ENTRY = 10_000;

    private static final long BUDGET = 250_000;

    private final Shapes shapes;
    private final int limit;
    private final int threads;
    private final int maxPerEntry;
    private final long budget;

    /**
     * @param shapes the shapes to validate against
     * @param limit stop after this many violations (the report would not be read further)
     */
    public Validation(Shapes shapes, int limit) {
        this(shapes, limit, 1);
    }

    /**
     * @param shapes the shapes to validate against
     * @param limit stop after this many violations (the report would not be read further)
     * @param threads worker threads, each with its own read transaction; 1 validates in the caller's transaction
     */
    public Validation(Shapes shapes, int limit, int threads) {
        this(shapes, limit, threads, MAX_PER_ENTRY, BUDGET);
    }

    /** With a cache of the given size (tests make it small, to exercise eviction). */
    Validation(Shapes shapes, int limit, int threads, int maxPerEntry, long budget) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1: " + threads);
        }
        this.shapes = shapes;
        this.limit = limit;
        this.threads = threads;
        this.maxPerEntry = maxPerEntry;
        this.budget = budget;
    }

    /** Validates the subjects of {@code graphName}; call inside a transaction on {@code dsg}. */
    public Findings validateGraph(DatasetGraph dsg, Node graphName) {
        Gathered gathered = new Gathered();
        Iterator<Node> subjects = Subjects.of(dsg, graphName);
        if (threads == 1) {
            FocusNodeValidator validator = new FocusNodeValidator(shapes, dsg, maxPerEntry, budget);
            while (subjects.hasNext() && !gathered.full()) {
                gathered.add(validator.validate(subjects.next()));
            }
        } else {
            inParallel(dsg, subjects, gathered);
        }
        return new Findings(gathered.violations, gathered.warnings, gathered.focusNodes, gathered.full());
    }

    /** Batches of subjects to worker threads, their results gathered in order; a bounded number in flight. */
    private void inParallel(DatasetGraph dsg, Iterator<Node> subjects, Gathered gathered) {
        AtomicInteger n = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "validate-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        ThreadLocal<FocusNodeValidator> validators =
                ThreadLocal.withInitial(() -> new FocusNodeValidator(shapes, dsg, maxPerEntry, budget));
        Deque<Future<List<List<ReportEntry>>>> inFlight = new ArrayDeque<>();
        try {
            while (!gathered.full() && (subjects.hasNext() || !inFlight.isEmpty())) {
                while (subjects.hasNext() && inFlight.size() < threads * 4) {
                    List<Node> batch = new ArrayList<>(BATCH);
                    while (batch.size() < BATCH && subjects.hasNext()) {
                        batch.add(subjects.next());
                    }
                    inFlight.add(pool.submit(() -> Txn.calculateRead(dsg, () -> {
                        FocusNodeValidator validator = validators.get();
                        List<List<ReportEntry>> results = new ArrayList<>(batch.size());
                        batch.forEach(s -> results.add(validator.validate(s)));
                        return results;
                    })));
                }
                for (List<ReportEntry> entries : await(inFlight.removeFirst())) {
                    if (gathered.full()) {
                        break;
                    }
                    gathered.add(entries);
                }
            }
        } finally {
            inFlight.forEach(f -> f.cancel(true));
            pool.shutdownNow();
        }
    }

    private static <T> T await(Future<T> future) {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while validating", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    /** The findings so far, subject by subject: all violations, warnings up to the limit. */
    private final class Gathered {
        final List<ReportEntry> violations = new ArrayList<>();
        final List<ReportEntry> warnings = new ArrayList<>();
        long focusNodes;

        void add(List<ReportEntry> entries) {
            focusNodes++;
            for (ReportEntry entry : entries) {
                if (Severity.Violation.equals(entry.severity())) {
                    violations.add(entry);
                } else if (warnings.size() < limit) {
                    warnings.add(entry);
                }
            }
        }

        /** The limit is reached: validation stops after the subject that reached it. */
        boolean full() {
            return violations.size() >= limit;
        }
    }
}
