package org.partnershipatlas.bench;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * Times operations one at a time in its own thread, each stopped at a budget: once (a cold run) or warm ({@link
 * #measure}: warm-ups, then timed runs). An operation over the budget is reported as {@code > N s}, an error by its
 * message, never thrown.
 *
 * <pre>
 *   try (BudgetTimer timer = new BudgetTimer(60, 3, 20, 30)) {
 *       BudgetTimer.Timing t = timer.measure(() -> rows());
 *       t.p50(); t.p95();   // ms, or why there are none
 *   }
 * </pre>
 */
final class BudgetTimer implements AutoCloseable {
    private final int budgetSeconds;
    private final int warmups;
    private final int runs;
    private final int secondsPerQuery;
    private final HttpClient http = SparqlTiming.newClient();
    private final ExecutorService thread = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "in-process-query");
        t.setDaemon(true);
        return t;
    });

    BudgetTimer(int budgetSeconds, int warmups, int runs, int secondsPerQuery) {
        this.budgetSeconds = budgetSeconds;
        this.warmups = warmups;
        this.runs = runs;
        this.secondsPerQuery = secondsPerQuery;
    }

    /** An execution went past the budget. */
    static final class OverBudget extends Exception {
        private static final long serialVersionUID = 1L;
    }

    /** One timed operation; returns the rows (or triples, or overlaps, or bytes) it produced. */
    interface Op {
        long run() throws Exception;
    }

    /**
     * The timings of one operation.
     *
     * @param rows what the last run produced
     * @param nanos the timed runs' latencies
     * @param failure null, {@code > N s} when over the budget, or the error
     */
    record Timing(long rows, long[] nanos, String failure) {
        Stats stats() {
            return Stats.of(nanos);
        }

        String p50() {
            return failure != null ? failure : Figures.ms(stats().p50());
        }

        String p95() {
            return failure != null ? "" : Figures.ms(stats().p95());
        }
    }

    int budgetSeconds() {
        return budgetSeconds;
    }

    /**
     * Sends a request and reads the answer. Over the budget: 503 (the server's query timeout), a client time-out, or
     * an answer that took the budget or longer: the query API may have sent 200 and the first rows when the timeout
     * stops the query, and then ends the body early.
     */
    Op http(Supplier<HttpRequest> request) {
        return () -> {
            try {
                long t0 = System.nanoTime();
                HttpResponse<byte[]> r = http.send(request.get(), HttpResponse.BodyHandlers.ofByteArray());
                if (r.statusCode() == 503 || System.nanoTime() - t0 >= TimeUnit.SECONDS.toNanos(budgetSeconds)) {
                    throw new OverBudget();
                }
                if (r.statusCode() != 200) {
                    String body = new String(r.body(), StandardCharsets.UTF_8);
                    throw new IllegalStateException("HTTP " + r.statusCode() + ": "
                            + body.substring(0, Math.min(200, body.length())).strip());
                }
                return r.body().length;
            } catch (HttpTimeoutException e) {
                throw new OverBudget();
            }
        };
    }

    /** Runs the operation once, in this timer's thread, stopped at the budget. */
    Timing once(Op op) {
        Future<long[]> f = thread.submit(() -> {
            long t0 = System.nanoTime();
            long rows = op.run();
            return new long[] {rows, System.nanoTime() - t0};
        });
        try {
            long[] done = f.get(budgetSeconds + 15L, TimeUnit.SECONDS);
            return new Timing(done[0], new long[] {done[1]}, null);
        } catch (TimeoutException e) {
            f.cancel(true);
            return new Timing(0, new long[0], "> " + budgetSeconds + " s");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof OverBudget) {
                return new Timing(0, new long[0], "> " + budgetSeconds + " s");
            }
            String m = String.valueOf(e.getCause()).replaceAll("\\s+", " ");
            return new Timing(0, new long[0], "error: " + m.substring(0, Math.min(120, m.length())));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * Warm timing: the first run, then warm-ups (none if the first took over 2 s), then the timed runs: {@code runs},
     * fewer (at least 3) if they would take more than {@code secondsPerQuery}.
     */
    Timing measure(Op op) {
        Timing first = once(op);
        if (first.failure() != null) {
            return first;
        }
        long firstNanos = first.nanos()[0];
        int w = firstNanos > 2_000_000_000L ? 0 : Math.max(0, warmups - 1);
        for (int i = 0; i < w; i++) {
            Timing t = once(op);
            if (t.failure() != null) {
                return t;
            }
        }
        int n = (int) Math.max(3, Math.min(runs, secondsPerQuery * 1_000_000_000L / Math.max(1, firstNanos)));
        long[] nanos = new long[n];
        long rows = first.rows();
        for (int i = 0; i < n; i++) {
            Timing t = once(op);
            if (t.failure() != null) {
                return t;
            }
            nanos[i] = t.nanos()[0];
            rows = t.rows();
        }
        return new Timing(rows, nanos, null);
    }

    @Override
    public void close() {
        thread.shutdownNow();
    }
}
