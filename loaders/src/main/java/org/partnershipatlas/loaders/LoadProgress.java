package org.partnershipatlas.loaders;

/**
 * Told how a long load is getting on, for a progress bar; every method does nothing unless overridden. The bulk
 * loader calls it from the loading thread, every few thousand records.
 */
public interface LoadProgress {
    /** Reports nothing. */
    LoadProgress NONE = new LoadProgress() {};

    /**
     * For when there is no terminal to draw a bar on (a service, a pipe, a test): the reading counters go to the log
     * every ten seconds. A fresh one per load.
     */
    static LoadProgress toLog() {
        return new LoggedProgress();
    }

    /** Reading the sources begins; they hold {@code totalBytes} bytes. */
    default void reading(long totalBytes) {}

    /** About {@code bytes} of the sources are read, giving {@code records} records and {@code triples} triples. */
    default void read(long bytes, long records, long triples) {}

    /** A later step begins: indexing, validation, statistics, the text index. */
    default void step(String description) {}

    /** The load is over, done or not. */
    default void finished() {}
}
