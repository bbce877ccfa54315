package org.partnershipatlas.loaders.linkhealth;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Optional;

/** Normalises the URLs found in the data so that each page is checked once. */
public final class LinkUrls {
    private LinkUrls() {}

    /**
     * The URL with scheme and host in lower case, no default port, no fragment and "/" for an empty path; empty if
     * it is not an absolute http(s) URL with a host.
     */
    public static Optional<URI> normalise(String text) {
        try {
            URI u = new URI(text.strip());
            String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT);
            if (!(scheme.equals("http") || scheme.equals("https")) || u.getHost() == null) {
                return Optional.empty();
            }
            int port = u.getPort();
            if ((scheme.equals("http") && port == 80) || (scheme.equals("https") && port == 443)) {
                port = -1;
            }
            String path = u.getRawPath() == null || u.getRawPath().isEmpty() ? "/" : u.getRawPath();
            String query = u.getRawQuery() == null ? "" : "?" + u.getRawQuery();
            return Optional.of(URI.create(scheme + "://" + u.getHost().toLowerCase(Locale.ROOT)
                    + (port == -1 ? "" : ":" + port) + path + query));
        } catch (URISyntaxException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** The origin robots.txt belongs to: scheme, host and port (RFC 9309 2.3). */
    static String origin(URI u) {
        return u.getScheme() + "://" + u.getHost() + (u.getPort() == -1 ? "" : ":" + u.getPort());
    }

    /** The path and query that robots.txt rules match. */
    static String pathAndQuery(URI u) {
        String path = u.getRawPath() == null || u.getRawPath().isEmpty() ? "/" : u.getRawPath();
        return u.getRawQuery() == null ? path : path + "?" + u.getRawQuery();
    }
}
