package org.partnershipatlas.loaders.changes;

import java.nio.file.Path;
import java.util.function.Supplier;
import org.apache.jena.rdfpatch.system.DatasetGraphChanges;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.system.Txn;

/**
 * The store as writers see it: every write transaction committed through it appends one entry to the change log
 * (if it changed anything), written in the same all-or-nothing step as the data ({@link ChangeRecorder}). Reads and
 * queries should use the store itself, which TDB2's query engine recognises; inside a write transaction begun here,
 * the store and this view are the same transaction.
 */
public final class LoggedDataset extends DatasetGraphChanges {
    private final ChangeRecorder recorder;
    private final ChangeLog log;

    private LoggedDataset(DatasetGraph base, ChangeRecorder recorder, ChangeLog log) {
        super(base, recorder);
        this.recorder = recorder;
        this.log = log;
    }

    /**
     * Opens the change log of {@code base} in {@code logDir}, setting aside entries the store never committed, and
     * returns the view to write through.
     */
    public static LoggedDataset open(DatasetGraph base, Path logDir) {
        String head = Txn.calculateRead(base, () -> ChangeRecorder.head(base));
        ChangeLog log = ChangeLog.open(logDir, head);
        return new LoggedDataset(base, new ChangeRecorder(base, log), log);
    }

    /** The change log this view appends to. */
    public ChangeLog log() {
        return log;
    }

    /** The id of the newest entry the store has committed, or null if none. */
    public String head() {
        DatasetGraph base = get();
        return Txn.calculateRead(base, () -> ChangeRecorder.head(base));
    }

    /** Runs {@code action} with its changes described as {@code cause} ("the load") in the entries it makes. */
    public <T> T because(String cause, Supplier<T> action) {
        recorder.cause(cause);
        try {
            return action.get();
        } finally {
            recorder.cause(null);
        }
    }

    @Override
    public void commit() {
        try {
            super.commit();
        } catch (RuntimeException | Error e) {
            recorder.commitFailed();
            throw e;
        }
        recorder.committed();
    }
}
