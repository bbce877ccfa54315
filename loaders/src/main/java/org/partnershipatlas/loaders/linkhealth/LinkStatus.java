package org.partnershipatlas.loaders.linkhealth;

import java.util.Locale;

/**
 * How one check of a URL ended: the concepts of the link-status scheme ({@code schemes/link-statuses.ttl} in the
 * ontology, {@code {base}id/link-status/{slug}}); {@code LinkStatusSchemeTest} keeps the two the same.
 */
public enum LinkStatus {
    OK(Kind.SUCCESS),
    MOVED_PERMANENTLY(Kind.SUCCESS),
    REDIRECTED_TEMPORARILY(Kind.SUCCESS),
    GONE(Kind.FAILURE),
    NOT_FOUND(Kind.FAILURE),
    SERVER_ERROR(Kind.FAILURE),
    TIMEOUT(Kind.FAILURE),
    DNS_FAILURE(Kind.FAILURE),
    REFUSED(Kind.FAILURE),
    TLS_ERROR(Kind.FAILURE),
    REDIRECT_LOOP(Kind.FAILURE),
    TOO_MANY_REDIRECTS(Kind.FAILURE),
    /** 401, 403, 429, robots.txt, or an address the checker may not reach: no evidence either way. */
    BLOCKED(Kind.NO_EVIDENCE),
    /** The page looks like the host's answer to a path that cannot exist; a curator decides. */
    SOFT_404_SUSPECTED(Kind.NO_EVIDENCE);

    /** What a status says about the link for the dead-link rule. */
    public enum Kind {
        SUCCESS,
        FAILURE,
        NO_EVIDENCE
    }

    private final Kind kind;

    LinkStatus(Kind kind) {
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }

    /** The concept's slug in the scheme, e.g. {@code moved-permanently}. */
    public String slug() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** The status with that slug. */
    public static LinkStatus ofSlug(String slug) {
        return valueOf(slug.toUpperCase(Locale.ROOT).replace('-', '_'));
    }
}
