package org.partnershipatlas.bench;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The HTTP requests of the national benchmark, each with the client's time-out.
 *
 * @param timeout how long a client waits for an answer
 */
record Requests(Duration timeout) {
    /** A GET of {@code url} asking for {@code accept}. */
    HttpRequest get(String url, String accept) {
        return HttpRequest.newBuilder(URI.create(url))
                .header("Accept", accept)
                .timeout(timeout)
                .build();
    }

    /** A SPARQL query by GET, asking for SPARQL JSON results. */
    HttpRequest sparqlGet(String endpoint, String query) {
        return get(endpoint + "?query=" + encode(query), SparqlTiming.RESULTS_JSON);
    }

    /** A POST of a JSON body, asking for JSON. */
    HttpRequest postJson(String url, String json) {
        return HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", "application/json")
                .header("Accept", "application/json")
                .timeout(timeout)
                .POST(HttpRequest.BodyPublishers.ofString(json))
                .build();
    }

    /** {@code ?k=v&...} of the values, encoded; empty when there are none. */
    static String queryString(Map<String, String> values) {
        return values.isEmpty()
                ? ""
                : "?"
                        + values.entrySet().stream()
                                .map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
                                .collect(Collectors.joining("&"));
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
