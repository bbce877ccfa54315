package org.partnershipatlas.loaders.linkhealth;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * How a link-check run behaves: politeness, deadlines, budget and clock.
 *
 * <pre>
 * CheckSettings settings = CheckSettings.builder()
 *         .contact(URI.create("https://example.org/atlas/contact"))
 *         .perHostInterval(Duration.ofSeconds(2))
 *         .maxUrls(500)
 *         .build();
 * </pre>
 *
 * @param perHostInterval the least time between two requests to one host (never under {@link #MIN_PER_HOST_INTERVAL})
 * @param concurrency how many hosts are checked at once
 * @param connectTimeout deadline for a connection
 * @param responseTimeout deadline for the response headers
 * @param bodyTimeout deadline for reading a (bounded) body
 * @param maxBodyBytes the most of a body read (for soft-404 comparison)
 * @param maxRetryAfter the longest Retry-After honoured by waiting; a longer one skips the host for this run
 * @param maxUrls the most URLs checked in one run
 * @param maxDuration the run's time budget; URLs not started within it wait for the next run
 * @param contact the page that tells site owners who checks and how to object, sent in the User-Agent
 * @param guard which addresses may be reached
 * @param clock the clock of check times (tests move it by days)
 */
public record CheckSettings(
        Duration perHostInterval,
        int concurrency,
        Duration connectTimeout,
        Duration responseTimeout,
        Duration bodyTimeout,
        int maxBodyBytes,
        Duration maxRetryAfter,
        int maxUrls,
        Duration maxDuration,
        URI contact,
        AddressGuard guard,
        Clock clock) {
    /** The politeness floor: at most one request a second to any host. */
    public static final Duration MIN_PER_HOST_INTERVAL = Duration.ofSeconds(1);
    /** The product token robots.txt groups name; the first word of the User-Agent. */
    public static final String ROBOTS_TOKEN = "PartnershipAtlasLinkChecker";
    /** Where the User-Agent points site owners when no contact page is configured. */
    public static final URI DEFAULT_CONTACT = URI.create("https://w3id.org/partnership-atlas/link-checker");

    public CheckSettings {
        if (perHostInterval.compareTo(MIN_PER_HOST_INTERVAL) < 0) {
            throw new LinkCheckException("The per-host interval must be at least " + MIN_PER_HOST_INTERVAL.toSeconds()
                    + " s (was " + perHostInterval.toMillis() + " ms): the checker never asks a host more often");
        }
        if (concurrency < 1 || maxUrls < 0 || maxBodyBytes < 1) {
            throw new LinkCheckException("concurrency and the body limit must be at least 1 and --max-urls not negative"
                    + " (were " + concurrency + ", " + maxBodyBytes + ", " + maxUrls + ")");
        }
        Objects.requireNonNull(contact, "contact");
        Objects.requireNonNull(guard, "guard");
        Objects.requireNonNull(clock, "clock");
    }

    /** The User-Agent header: product token, version and contact page. */
    public String userAgent() {
        return ROBOTS_TOKEN + "/0.1 (+" + contact + ")";
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Defaults: 1 s per host, 8 hosts at once, 5 s connect, 10 s headers, 10 s body, 256 KiB, no budget. */
    public static final class Builder {
        private Duration perHostInterval = MIN_PER_HOST_INTERVAL;
        private int concurrency = 8;
        private Duration connectTimeout = Duration.ofSeconds(5);
        private Duration responseTimeout = Duration.ofSeconds(10);
        private Duration bodyTimeout = Duration.ofSeconds(10);
        private int maxBodyBytes = 256 * 1024;
        private Duration maxRetryAfter = Duration.ofMinutes(2);
        private int maxUrls = Integer.MAX_VALUE;
        private Duration maxDuration = Duration.ofDays(365);
        private URI contact = DEFAULT_CONTACT;
        private AddressGuard guard = AddressGuard.publicOnly();
        private Clock clock = Clock.systemUTC();

        public Builder perHostInterval(Duration d) {
            perHostInterval = d;
            return this;
        }

        public Builder concurrency(int n) {
            concurrency = n;
            return this;
        }

        public Builder connectTimeout(Duration d) {
            connectTimeout = d;
            return this;
        }

        public Builder responseTimeout(Duration d) {
            responseTimeout = d;
            return this;
        }

        public Builder bodyTimeout(Duration d) {
            bodyTimeout = d;
            return this;
        }

        public Builder maxBodyBytes(int n) {
            maxBodyBytes = n;
            return this;
        }

        public Builder maxRetryAfter(Duration d) {
            maxRetryAfter = d;
            return this;
        }

        public Builder maxUrls(int n) {
            maxUrls = n;
            return this;
        }

        public Builder maxDuration(Duration d) {
            maxDuration = d;
            return this;
        }

        public Builder contact(URI page) {
            contact = page;
            return this;
        }

        /** Which addresses may be reached ({@link AddressGuard#anyAddress()} is {@code --allow-private}). */
        public Builder guard(AddressGuard g) {
            guard = g;
            return this;
        }

        public Builder clock(Clock c) {
            clock = c;
            return this;
        }

        public CheckSettings build() {
            return new CheckSettings(
                    perHostInterval,
                    concurrency,
                    connectTimeout,
                    responseTimeout,
                    bodyTimeout,
                    maxBodyBytes,
                    maxRetryAfter,
                    maxUrls,
                    maxDuration,
                    contact,
                    guard,
                    clock);
        }
    }
}
