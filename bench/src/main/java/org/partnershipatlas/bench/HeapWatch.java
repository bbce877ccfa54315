package org.partnershipatlas.bench;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.ArrayList;
import java.util.List;

/**
 * Watches this JVM's heap while a benchmark runs: the used heap sampled every 50 ms (its peak is the peak heap the
 * run needed, garbage included), and at the end the collectors' counts and times and the heap used after a full GC.
 */
final class HeapWatch implements AutoCloseable {
    private final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    private final Thread sampler;
    private final long[] gcCountsAtStart;
    private final long[] gcMillisAtStart;
    private volatile boolean running = true;
    private volatile long peak;

    HeapWatch() {
        List<GarbageCollectorMXBean> gcs = ManagementFactory.getGarbageCollectorMXBeans();
        gcCountsAtStart = gcs.stream()
                .mapToLong(GarbageCollectorMXBean::getCollectionCount)
                .toArray();
        gcMillisAtStart = gcs.stream()
                .mapToLong(GarbageCollectorMXBean::getCollectionTime)
                .toArray();
        sampler = new Thread(
                () -> {
                    while (running) {
                        peak = Math.max(peak, memory.getHeapMemoryUsage().getUsed());
                        try {
                            Thread.sleep(50);
                        } catch (InterruptedException e) {
                            return;
                        }
                    }
                },
                "heap-watch");
        sampler.setDaemon(true);
        sampler.start();
    }

    /** The report, as Markdown list items. */
    List<String> report() {
        List<String> out = new ArrayList<>();
        long max = Runtime.getRuntime().maxMemory();
        out.add(String.format(
                "- heap: max %s (`-Xmx`), peak used %s (sampled every 50 ms, garbage included)", mb(max), mb(peak)));
        List<GarbageCollectorMXBean> gcs = ManagementFactory.getGarbageCollectorMXBeans();
        List<String> collectors = new ArrayList<>();
        for (int i = 0; i < gcs.size(); i++) {
            GarbageCollectorMXBean gc = gcs.get(i);
            collectors.add(String.format(
                    "%s: %d collections, %.1f s",
                    gc.getName(),
                    gc.getCollectionCount() - gcCountsAtStart[i],
                    (gc.getCollectionTime() - gcMillisAtStart[i]) / 1000.0));
        }
        out.add("- GC during the run: " + String.join("; ", collectors));
        System.gc();
        out.add("- heap used after a full GC at the end: "
                + mb(memory.getHeapMemoryUsage().getUsed()));
        return out;
    }

    private static String mb(long bytes) {
        return String.format("%.0f MB", bytes / 1048576.0);
    }

    @Override
    public void close() {
        running = false;
        sampler.interrupt();
    }
}
