package org.partnershipatlas.loaders.linkhealth;

import java.time.Duration;
import java.time.Instant;

/**
 * What the Atlas knows about one URL after its latest check: the check itself and the failure history that decides
 * whether the link is dead.
 *
 * @param check the latest check
 * @param lastOk when a check last succeeded, or null
 * @param failures failed checks since the last success (blocked and soft-404 answers neither count nor reset)
 * @param failingSince the first failed check since the last success, or null
 * @param deadSince when the link was declared dead, or null while it is not
 */
public record LinkRecord(LinkCheck check, Instant lastOk, int failures, Instant failingSince, Instant deadSince) {
    /** Failed checks needed before a link is dead (one 410 suffices: the server says it is gone on purpose). */
    public static final int FAILURES_FOR_DEAD = 3;
    /** How far apart the first and latest failures must be before a link is dead. */
    public static final Duration FAILING_FOR_DEAD = Duration.ofHours(48);

    /** Whether the link is dead. */
    public boolean dead() {
        return deadSince != null;
    }

    /** The record after {@code check}, given the previous record ({@code previous} may be null). */
    public static LinkRecord next(LinkRecord previous, LinkCheck check) {
        Instant at = check.checkedAt();
        return switch (check.status().kind()) {
            case SUCCESS -> new LinkRecord(check, at, 0, null, null);
            case NO_EVIDENCE ->
                previous == null
                        ? new LinkRecord(check, null, 0, null, null)
                        // A blocked answer says nothing about the page: keep the history, but never call it dead.
                        : new LinkRecord(check, previous.lastOk, previous.failures, previous.failingSince, null);
            case FAILURE -> {
                int failures = previous == null ? 1 : previous.failures + 1;
                Instant since = previous == null || previous.failingSince == null ? at : previous.failingSince;
                boolean dead = check.status() == LinkStatus.GONE
                        || (failures >= FAILURES_FOR_DEAD
                                && Duration.between(since, at).compareTo(FAILING_FOR_DEAD) >= 0);
                Instant deadSince =
                        !dead ? null : previous != null && previous.deadSince != null ? previous.deadSince : at;
                yield new LinkRecord(check, previous == null ? null : previous.lastOk, failures, since, deadSince);
            }
        };
    }
}
