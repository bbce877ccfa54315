package org.partnershipatlas.endpoint.health;

import java.util.Map;

/**
 * What decides readiness beyond the store's own health: a read replica is ready only while its change log applier
 * runs and is caught up. The command line supplies it (the endpoint knows nothing of Kafka); a writer has none.
 */
@FunctionalInterface
public interface Readiness {
    /**
     * The answer now, made without waiting on anything remote (a load balancer asks often).
     *
     * @param ready whether to take traffic
     * @param reason why not, in words (null when ready)
     * @param facts what {@code /health} and {@code /ready} show besides (numbers, strings and booleans), in order
     */
    record Report(boolean ready, String reason, Map<String, Object> facts) {}

    Report report();
}
