package org.partnershipatlas.bench;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * A closed-loop HTTP load: {@code clients} threads, each with its own {@link HttpClient} (so its own kept-alive
 * connection), send the same request one after another, the next as soon as the answer is read to its end, for a
 * fixed time. Latency is from sending to the last byte; an answer other than 200 or a failed request is an error and
 * is not timed.
 *
 * <pre>
 *   ClosedLoop.Result r = ClosedLoop.run(4, Duration.ofSeconds(10), () -> request);
 *   r.perSecond(); r.stats().p95();
 * </pre>
 */
final class ClosedLoop {
    private ClosedLoop() {}

    /**
     * What a run gave.
     *
     * @param answered requests answered with 200
     * @param errors other answers and failures
     * @param seconds how long the clients ran, from the first start to the last stop
     * @param stats the latencies of the answered requests
     * @param firstError the first error seen, or null
     */
    record Result(long answered, long errors, double seconds, Stats stats, String firstError) {
        double perSecond() {
            return answered / seconds;
        }
    }

    static Result run(int clients, Duration length, Supplier<HttpRequest> request) throws InterruptedException {
        List<long[]> latencies = new ArrayList<>();
        int[] counts = new int[clients];
        AtomicLong errors = new AtomicLong();
        String[] firstError = {null};
        List<Thread> threads = new ArrayList<>();
        long start = System.nanoTime();
        long end = start + length.toNanos();
        for (int c = 0; c < clients; c++) {
            int me = c;
            long[] mine = new long[1 << 16];
            latencies.add(mine);
            Thread t = new Thread(
                    () -> {
                        HttpClient http = SparqlTiming.newClient();
                        long[] buffer = mine;
                        int n = 0;
                        while (System.nanoTime() < end) {
                            long t0 = System.nanoTime();
                            try {
                                HttpResponse<byte[]> r =
                                        http.send(request.get(), HttpResponse.BodyHandlers.ofByteArray());
                                long took = System.nanoTime() - t0;
                                if (r.statusCode() == 200) {
                                    if (n == buffer.length) {
                                        buffer = Arrays.copyOf(buffer, buffer.length * 2);
                                    }
                                    buffer[n++] = took;
                                } else {
                                    error(errors, firstError, "status " + r.statusCode());
                                }
                            } catch (IOException e) {
                                error(errors, firstError, e.toString());
                            } catch (InterruptedException e) {
                                Thread.currentThread().interrupt();
                                return;
                            }
                        }
                        synchronized (latencies) {
                            latencies.set(me, buffer);
                            counts[me] = n;
                        }
                    },
                    "closed-loop-client-" + c);
            t.start();
            threads.add(t);
        }
        for (Thread t : threads) {
            t.join();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        long[] all;
        synchronized (latencies) {
            int total = Arrays.stream(counts).sum();
            all = new long[total];
            int at = 0;
            for (int c = 0; c < clients; c++) {
                System.arraycopy(latencies.get(c), 0, all, at, counts[c]);
                at += counts[c];
            }
        }
        return new Result(all.length, errors.get(), seconds, Stats.of(all), firstError[0]);
    }

    private static void error(AtomicLong errors, String[] first, String what) {
        errors.incrementAndGet();
        synchronized (first) {
            if (first[0] == null) {
                first[0] = what;
            }
        }
    }
}
