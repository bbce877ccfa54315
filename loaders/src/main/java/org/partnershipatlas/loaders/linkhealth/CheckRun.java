package org.partnershipatlas.loaders.linkhealth;

import java.net.URI;
import java.time.Instant;
import java.util.List;

/**
 * One run of the checker.
 *
 * @param startedAt when it started, by the checker's clock
 * @param endedAt when it ended
 * @param checks one check per URL checked, in the order of the URLs given
 * @param notChecked URLs left for a later run (over --max-urls or --max-seconds)
 */
public record CheckRun(Instant startedAt, Instant endedAt, List<LinkCheck> checks, List<URI> notChecked) {
    public CheckRun {
        checks = List.copyOf(checks);
        notChecked = List.copyOf(notChecked);
    }
}
