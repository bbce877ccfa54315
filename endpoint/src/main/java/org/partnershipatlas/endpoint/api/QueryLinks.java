package org.partnershipatlas.endpoint.api;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.stream.Collectors;

/** Builds links to the query API: the one place that encodes parameters into a query string. */
public final class QueryLinks {
    private QueryLinks() {}

    /** {@code ?name=value&...}, encoded; empty for no values. */
    public static String queryString(Map<String, String> values) {
        if (values.isEmpty()) {
            return "";
        }
        return "?"
                + values.entrySet().stream()
                        .map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
                        .collect(Collectors.joining("&"));
    }

    static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }
}
