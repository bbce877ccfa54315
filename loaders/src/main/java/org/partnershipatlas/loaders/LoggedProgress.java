package org.partnershipatlas.loaders;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Load progress for when there is no terminal: the reading counters (megabytes, records, triples, triples per
 * second) to the bulk loader's log, at most every ten seconds. See {@link LoadProgress#toLog()}.
 */
final class LoggedProgress implements LoadProgress {
    private static final Logger LOG = LoggerFactory.getLogger(BulkLoader.class);
    private static final long EVERY_NANOS = 10_000_000_000L;

    private long started = System.nanoTime();
    private long lastLogged = started;

    @Override
    public void reading(long totalBytes) {
        started = System.nanoTime();
        lastLogged = started;
    }

    @Override
    public void read(long bytes, long records, long triples) {
        long now = System.nanoTime();
        if (now - lastLogged < EVERY_NANOS) {
            return;
        }
        lastLogged = now;
        double seconds = (now - started) / 1e9;
        LOG.info(
                "Reading: {} MB, {} records, {} triples ({} triples/s)",
                bytes >> 20,
                records,
                triples,
                Math.round(triples / seconds));
    }
}
