package org.partnershipatlas.bench;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.jena.sparql.exec.http.QueryExecHTTPBuilder;
import org.apache.jena.sparql.exec.http.QuerySendMode;

/**
 * A SPARQL endpoint to send queries to over HTTP, with the RDF dataset to ask it to query (the protocol's
 * {@code default-graph-uri} and {@code named-graph-uri}; both empty: the endpoint's own default).
 *
 * @param label a short name for tables (e.g. {@code atlas}, {@code virtuoso})
 * @param url the query URL, e.g. {@code http://127.0.0.1:8890/sparql}
 * @param defaultGraphs the graphs whose merge is the default graph, or empty
 * @param namedGraphs the named graphs, or empty
 */
record SparqlEndpoint(String label, String url, List<String> defaultGraphs, List<String> namedGraphs) {
    SparqlEndpoint {
        defaultGraphs = List.copyOf(defaultGraphs);
        namedGraphs = List.copyOf(namedGraphs);
    }

    /** The endpoint with no dataset parameters. */
    static SparqlEndpoint of(String label, String url) {
        return new SparqlEndpoint(label, url, List.of(), List.of());
    }

    /**
     * A Jena query execution builder for this endpoint: an HTML-form POST, so that many graph parameters fit, and
     * not a POST of {@code application/sparql-query}, which Virtuoso 7.2.5 never answers (it spins a core until the
     * client hangs up); at most {@link SparqlTiming#TIMEOUT} per query.
     */
    QueryExecHTTPBuilder exec() {
        QueryExecHTTPBuilder b = QueryExecHTTPBuilder.service(url)
                .sendMode(QuerySendMode.asPostForm)
                .timeout(SparqlTiming.TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        defaultGraphs.forEach(b::addDefaultGraphURI);
        namedGraphs.forEach(b::addNamedGraphURI);
        return b;
    }

    /**
     * The HTTP request of the SPARQL protocol for a query: an HTML-form POST ({@code query} and the graphs), the
     * same for every endpoint.
     */
    HttpRequest request(String query, String accept, Duration timeout) {
        StringBuilder form = new StringBuilder("query=").append(encode(query));
        defaultGraphs.forEach(g -> form.append("&default-graph-uri=").append(encode(g)));
        namedGraphs.forEach(g -> form.append("&named-graph-uri=").append(encode(g)));
        return HttpRequest.newBuilder(URI.create(url))
                .timeout(timeout)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept", accept)
                .POST(HttpRequest.BodyPublishers.ofString(form.toString()))
                .build();
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
