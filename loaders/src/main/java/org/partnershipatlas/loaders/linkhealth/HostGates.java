package org.partnershipatlas.loaders.linkhealth;

import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One gate per host: at most one request in flight, the next one starting no sooner than the interval after the
 * previous one ended (or later, when the host asked with Retry-After or its robots.txt with Crawl-delay). Monotonic
 * time, never the run's clock.
 */
final class HostGates {
    private static final long SLACK_NANOS = TimeUnit.MILLISECONDS.toNanos(50);

    private final long intervalNanos;
    private final ConcurrentHashMap<String, Gate> gates = new ConcurrentHashMap<>();

    HostGates(Duration interval) {
        this.intervalNanos = interval.toNanos();
    }

    private static final class Gate {
        final ReentrantLock lock = new ReentrantLock();
        final Condition changed = lock.newCondition();
        boolean busy;
        long notBefore = System.nanoTime();
        long lastEnd = notBefore;
        long minIntervalNanos;
    }

    /**
     * Waits for the host's turn, giving up (false) if it would not come before {@code deadlineNanos}
     * ({@link System#nanoTime()} scale).
     */
    boolean acquire(String host, long deadlineNanos) throws InterruptedException {
        Gate gate = gates.computeIfAbsent(host.toLowerCase(Locale.ROOT), h -> new Gate());
        gate.lock.lock();
        try {
            while (true) {
                long now = System.nanoTime();
                if (!gate.busy && now - gate.notBefore >= 0) {
                    gate.busy = true;
                    return true;
                }
                long wake = gate.busy ? deadlineNanos : Math.min(gate.notBefore, deadlineNanos);
                if (deadlineNanos - now <= 0 || (!gate.busy && gate.notBefore - deadlineNanos > 0)) {
                    return false;
                }
                gate.changed.awaitNanos(Math.max(1, wake - now));
            }
        } finally {
            gate.lock.unlock();
        }
    }

    /** Ends the request in flight; the next may start after the interval or after {@code retryAfter} if longer. */
    void release(String host, Duration retryAfter) {
        Gate gate = gates.get(host.toLowerCase(Locale.ROOT));
        gate.lock.lock();
        try {
            gate.busy = false;
            // The server finishes its side of the exchange a little after we have read the answer: the slack keeps
            // the interval whole as the host sees it.
            gate.lastEnd = System.nanoTime() + SLACK_NANOS;
            gate.notBefore =
                    gate.lastEnd + Math.max(Math.max(intervalNanos, gate.minIntervalNanos), retryAfter.toNanos());
            gate.changed.signalAll();
        } finally {
            gate.lock.unlock();
        }
    }

    /**
     * Makes the host's interval at least {@code interval} from now on (a robots.txt Crawl-delay), the wait after its
     * last request included; never shorter than the configured interval.
     */
    void slowDown(String host, Duration interval) {
        Gate gate = gates.computeIfAbsent(host.toLowerCase(Locale.ROOT), h -> new Gate());
        gate.lock.lock();
        try {
            gate.minIntervalNanos = Math.max(gate.minIntervalNanos, interval.toNanos());
            if (!gate.busy) {
                gate.notBefore = Math.max(gate.notBefore, gate.lastEnd + gate.minIntervalNanos);
            }
            gate.changed.signalAll();
        } finally {
            gate.lock.unlock();
        }
    }

    static long deadlineAfter(Duration d) {
        return System.nanoTime() + Math.min(d.toNanos(), TimeUnit.DAYS.toNanos(365));
    }
}
