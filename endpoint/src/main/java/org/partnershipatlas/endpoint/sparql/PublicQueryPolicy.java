package org.partnershipatlas.endpoint.sparql;

import java.net.URI;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.apache.jena.graph.Node;
import org.apache.jena.query.Query;
import org.apache.jena.sparql.syntax.ElementService;
import org.apache.jena.sparql.syntax.ElementVisitorBase;
import org.apache.jena.sparql.syntax.ElementWalker;

/**
 * What the public SPARQL endpoint lets a query do: how many rows it may return, and which hosts its {@code SERVICE}
 * clauses may reach. One place for both, used by {@link GuardedQuery} before a query runs and by
 * {@link ServiceAllowList} while it runs.
 *
 * <pre>
 *   PublicQueryPolicy policy = new PublicQueryPolicy(10_000, Set.of("data.example.org", "localhost:3031"));
 *   policy.refusal(query).ifPresent(reason -> ...);   // a SERVICE to a host not allowed, or LIMIT over the cap
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

    /** Why the query may not run, or empty if it may. */
    public Optional<String> refusal(Query query) {
        if (!query.isAskType() && query.hasLimit() && query.getLimit() > maxRows) {
            return Optional.of("LIMIT " + query.getLimit() + " is over this endpoint's cap of " + maxRows
                    + " rows; page through the results with LIMIT and OFFSET");
        }
        String[] refused = {null};
        ElementWalker.walk(query.getQueryPattern(), new ElementVisitorBase() {
            @Override
            public void visit(ElementService service) {
                // SERVICE ?endpoint is checked when it runs, by ServiceAllowList, once ?endpoint has a value.
                boolean decidedAtRunTime = service.getServiceNode().isVariable() && !allowedServices.isEmpty();
                if (refused[0] == null && !decidedAtRunTime) {
                    refused[0] = serviceRefusal(service.getServiceNode()).orElse(null);
                }
            }
        });
        return Optional.ofNullable(refused[0]);
    }

    /** Sets the row cap on a query that has no LIMIT; returns true if it did. */
    public boolean capRows(Query query) {
        if (query.isAskType() || query.hasLimit()) {
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
