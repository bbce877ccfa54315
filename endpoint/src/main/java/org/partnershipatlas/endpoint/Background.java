package org.partnershipatlas.endpoint;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Work a server does in the background (building the gatekeeper's lexicon when it starts and after a load), in daemon
 * threads that a stop waits for: they read the store, which cannot be closed during a transaction.
 */
final class Background {
    private static final Logger LOG = LoggerFactory.getLogger(Background.class);

    private final List<Thread> threads = new ArrayList<>();
    private volatile boolean stopping;

    /** Runs {@code task} in a daemon thread; a failure is logged, as nobody waits for its result. */
    synchronized void run(String name, Runnable task) {
        threads.removeIf(t -> !t.isAlive());
        Thread t = new Thread(
                () -> {
                    try {
                        task.run();
                    } catch (RuntimeException e) {
                        // The exception itself: many (a cancelled query, a null pointer) have no message.
                        LOG.warn("{} failed", name, e);
                    }
                },
                name);
        t.setDaemon(true);
        threads.add(t);
        t.start();
    }

    /** Whether the server is stopping: long tasks (a release) check it and give up. */
    boolean stopping() {
        return stopping;
    }

    /** Says the server is stopping, then waits for the running tasks to end, up to {@code limit} in all. */
    void awaitAll(Duration limit) {
        stopping = true;
        List<Thread> running;
        synchronized (this) {
            running = List.copyOf(threads);
        }
        long deadline = System.nanoTime() + limit.toNanos();
        for (Thread t : running) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                LOG.warn("Stopped without waiting for {}", t.getName());
                continue;
            }
            try {
                t.join(Math.max(1, left / 1_000_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
