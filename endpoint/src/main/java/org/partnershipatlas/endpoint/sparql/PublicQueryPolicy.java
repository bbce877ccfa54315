package org.partnershipatlas.endpoint.sparql;

import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.apache.jena.graph.Node;
import org.apache.jena.query.Query;

/**
 * What the public SPARQL endpoint lets a query do: how many rows it may return, and which hosts its {@code SERVICE}
 * clauses may reach. One place for both, used by {@link GuardedQuery} before a query runs and by
 * {@link ServiceAllowList} while it runs.
 *
 * <pre>
 *   PublicQueryPolicy policy = new PublicQueryPolicy(10_000, Set.of("data.example.org", "localhost:3031"));
 *   policy.refusal(query).ifPresent(r -> ...);   // r.status() 403: a SERVICE not allowed; 400: LIMIT over the cap
 * </pre>
 *
 * @param maxRows the most solutions a SELECT, CONSTRUCT or DESCRIBE may return; a query without LIMIT gets this
 *     one, and a query asking for more is refused
 * @param allowedServices hosts ({@code host} or {@code host:port}, lower case) that SERVICE may call; empty means
 *     none
 */
public record PublicQueryPolicy(long maxRows, Set<String> allowedServices) {
    public static final long DEFAULT_MAX_ROWS = 10_000;

    public PublicQueryPolicy {
        if (maxRows < 1) {
            throw new IllegalArgumentException("maxRows must be positive: " + maxRows);
        }
        allowedServices = Set.copyOf(allowedServices.stream()
                .map(h -> h.strip().toLowerCase(Locale.ROOT))
                .toList());
    }

    public static PublicQueryPolicy defaults() {
        return new PublicQueryPolicy(DEFAULT_MAX_ROWS, Set.of());
    }

    /**
     * Why a query may not run, and the status that says so: 400 for what the client can rewrite (LIMIT over the
     * cap, a SERVICE where Jena 5.6 would answer wrongly), 403 for a SERVICE that is not allowed.
     */
    public record Refusal(int status, String reason) {}

    /** Why the query may not run, or empty if it may. Any query form, with or without a WHERE pattern. */
    public Optional<Refusal> refusal(Query query) {
        if (!query.isAskType() && query.hasLimit() && query.getLimit() > maxRows) {
            return Optional.of(new Refusal(
                    400,
                    "LIMIT " + query.getLimit() + " is over this endpoint's cap of " + maxRows
                            + " rows; page through the results with LIMIT and OFFSET"));
        }
        List<ServiceClauses.Found> services = ServiceClauses.of(query);
        for (ServiceClauses.Found service : services) {
            // SERVICE ?endpoint is checked when it runs, by ServiceAllowList, once ?endpoint has a value.
            boolean decidedAtRunTime = service.endpoint().isVariable() && !allowedServices.isEmpty();
            Optional<String> refused = decidedAtRunTime ? Optional.empty() : serviceRefusal(service.endpoint());
            if (refused.isPresent()) {
                return Optional.of(new Refusal(403, refused.get()));
            }
        }
        for (ServiceClauses.Found service : services) {
            if (service.inSortOrAggregate()) {
                // Jena 5.6 gives wrong answers for these rather than failing.
                return Optional.of(new Refusal(
                        400,
                        "SERVICE inside EXISTS or NOT EXISTS in ORDER BY or an aggregate is not supported here;"
                                + " bind the EXISTS to a variable in the pattern (BIND) and use the variable"));
            }
        }
        return Optional.empty();
    }

    /**
     * Sets the row cap on a query that has no LIMIT; returns true if it did. ASK needs none, and a DESCRIBE without
     * a WHERE pattern describes the resources it names, so it is left alone.
     */
    public boolean capRows(Query query) {
        if (query.isAskType() || query.hasLimit() || query.getQueryPattern() == null) {
            return false;
        }
        query.setLimit(maxRows);
        return true;
    }

    /** Why a SERVICE call to this node is refused, or empty if it is allowed. */
    public Optional<String> serviceRefusal(Node service) {
        if (allowedServices.isEmpty()) {
            return Optional.of("SERVICE is not allowed on this endpoint (no remote endpoints are configured)");
        }
        if (!service.isURI()) {
            return Optional.of("SERVICE needs a fixed endpoint IRI here, not " + service);
        }
        String hostPort = hostPort(service.getURI());
        if (hostPort == null) {
            return Optional.of("SERVICE <" + service.getURI() + "> is not an http(s) URL");
        }
        String host = hostPort.contains(":") ? hostPort.substring(0, hostPort.lastIndexOf(':')) : hostPort;
        if (allowedServices.contains(hostPort) || allowedServices.contains(host)) {
            return Optional.empty();
        }
        return Optional.of("SERVICE <" + service.getURI() + ">: " + hostPort
                + " is not on this endpoint's allow-list of remote endpoints");
    }

    /** "host:port" of an http(s) URL (the port always given), or null. */
    private static String hostPort(String url) {
        try {
            URI uri = new URI(url);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
                return null;
            }
            int port = uri.getPort() >= 0 ? uri.getPort() : scheme.equals("https") ? 443 : 80;
            return uri.getHost().toLowerCase(Locale.ROOT) + ":" + port;
        } catch (java.net.URISyntaxException e) {
            return null;
        }
    }
}
