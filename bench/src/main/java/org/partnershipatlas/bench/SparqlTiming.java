package org.partnershipatlas.bench;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.function.Supplier;
import org.apache.jena.query.Query;
import org.apache.jena.query.QueryFactory;
import org.apache.jena.query.QueryParseException;

/**
 * Times a SPARQL query over HTTP: the same request (an HTML-form POST, {@link SparqlEndpoint#request}) sent one
 * after another, each latency measured from sending to the last byte of the answer read, for the Atlas, a bare
 * Fuseki or Virtuoso alike. {@link Stats#of} turns the latencies into percentiles.
 *
 * <pre>
 *   long[] nanos = SparqlTiming.latencies(SparqlEndpoint.of("virtuoso", v.sparqlUrl()), query, 3, 20);
 *   Stats s = Stats.of(nanos);   // s.p50() in ms
 * </pre>
 */
final class SparqlTiming {
    static final String RESULTS_JSON = "application/sparql-results+json";
    static final String N_TRIPLES = "application/n-triples";
    static final Duration TIMEOUT = Duration.ofMinutes(5);

    private static final HttpClient HTTP = newClient();

    private SparqlTiming() {}

    static HttpClient newClient() {
        return HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10))
                .build();
    }

    /**
     * Sends the query {@code warmups} times untimed, then {@code runs} times, and returns the latencies of those in
     * nanoseconds, in order, over one kept-alive connection. SELECT and ASK answers are asked for as SPARQL JSON
     * results, CONSTRUCT and DESCRIBE as N-Triples (a query that Jena cannot parse, such as one in Virtuoso's own
     * dialect, as JSON results).
     *
     * @throws IllegalStateException on an answer other than 200, or a partial answer (Virtuoso's {@code X-SQL-State}
     *     header, sent when it stopped a query at its {@code MaxQueryExecutionTime})
     */
    static long[] latencies(SparqlEndpoint endpoint, String query, int warmups, int runs) {
        return latencies(endpoint, query, warmups, runs, false);
    }

    /**
     * As {@link #latencies(SparqlEndpoint, String, int, int)}; with {@code freshConnections}, each request on a new
     * connection (a new client), as curl makes them. Virtuoso 7.2.5 answers some requests on a kept-alive connection
     * about 40 ms late (the TCP delayed acknowledgement meeting Nagle's algorithm: it writes the headers and the
     * body separately; seen with a 31 KB answer and its 1.5 KB of {@code X-SPARQL-named-graph} headers), which a new
     * connection does not suffer; the fresh-connection timings include the connection set-up (about 0.1 ms on
     * loopback) and the client's creation.
     */
    static long[] latencies(SparqlEndpoint endpoint, String query, int warmups, int runs, boolean freshConnections) {
        return latencies(
                freshConnections ? SparqlTiming::newClient : () -> HTTP,
                endpoint,
                query,
                acceptFor(query),
                warmups,
                runs,
                TIMEOUT);
    }

    /** The general form: the client for each request, media type and timeout given. */
    static long[] latencies(
            Supplier<HttpClient> clients,
            SparqlEndpoint endpoint,
            String query,
            String accept,
            int warmups,
            int runs,
            Duration timeout) {
        for (int i = 0; i < warmups; i++) {
            once(clients.get(), endpoint, query, accept, timeout);
        }
        long[] nanos = new long[runs];
        for (int i = 0; i < runs; i++) {
            nanos[i] = once(clients.get(), endpoint, query, accept, timeout);
        }
        return nanos;
    }

    /** Sends the query once and returns the latency in nanoseconds. */
    static long once(HttpClient http, SparqlEndpoint endpoint, String query, String accept, Duration timeout) {
        try {
            long t0 = System.nanoTime();
            HttpResponse<byte[]> r =
                    http.send(endpoint.request(query, accept, timeout), HttpResponse.BodyHandlers.ofByteArray());
            long t = System.nanoTime() - t0;
            if (r.statusCode() != 200) {
                String body = new String(r.body(), java.nio.charset.StandardCharsets.UTF_8);
                throw new IllegalStateException(endpoint.label() + " answered " + r.statusCode() + ": "
                        + body.substring(0, Math.min(300, body.length())).strip());
            }
            if (r.headers().firstValue("X-SQL-State").isPresent()) {
                throw new IllegalStateException(endpoint.label() + " sent a partial answer (X-SQL-State "
                        + r.headers().firstValue("X-SQL-State").get() + ")");
            }
            return t;
        } catch (IOException e) {
            throw new IllegalStateException(endpoint.label() + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    static String acceptFor(String query) {
        try {
            Query q = QueryFactory.create(query);
            return q.isConstructType() || q.isDescribeType() ? N_TRIPLES : RESULTS_JSON;
        } catch (QueryParseException e) {
            return RESULTS_JSON;
        }
    }
}
