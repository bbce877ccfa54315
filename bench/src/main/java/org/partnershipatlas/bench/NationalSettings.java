package org.partnershipatlas.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * The national benchmark's settings, as {@link NationalQueries}'s options give them.
 *
 * @param storeDir the TDB2 store
 * @param dir the folder for dumps and Virtuoso
 * @param budgetSeconds how long one execution may take before it is stopped and reported as over
 * @param runs warm timed runs per query
 * @param warmups warm-up runs per query
 * @param coldRuns cold runs per query
 * @param secondsPerQuery fewer warm runs (at least 3) for a query whose runs would take longer than this
 * @param clients the numbers of concurrent clients of the closed loops
 * @param durationSeconds the length of each closed-loop run
 * @param rounds closed-loop rounds
 * @param distinctResources the resources whose documents the {@code resource-*-many} loops ask for
 * @param dumpRuns runs of each dump writer
 * @param atlasJar the jar with {@code tdb2.tdbdump}
 * @param buffersMb Virtuoso's page buffers in MiB
 */
record NationalSettings(
        Path storeDir,
        Path dir,
        int budgetSeconds,
        int runs,
        int warmups,
        int coldRuns,
        int secondsPerQuery,
        List<Integer> clients,
        int durationSeconds,
        int rounds,
        int distinctResources,
        int dumpRuns,
        Path atlasJar,
        long buffersMb) {
    NationalSettings {
        clients = List.copyOf(clients);
    }

    /** The HTTP requests, which a client waits for ten seconds past the budget. */
    Requests requests() {
        return new Requests(Duration.ofSeconds(budgetSeconds + 10L));
    }
}
