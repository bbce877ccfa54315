package org.partnershipatlas.cli;

/** The exit codes of {@code atlas}, one meaning each. */
public final class ExitCodes {
    public static final int OK = 0;
    /** Something failed at run time (e.g. the store is in use by another process). */
    public static final int FAILURE = 1;
    /** The command line was wrong (picocli's default). */
    public static final int USAGE = 2;
    /** The data did not conform to the shapes; nothing was loaded. */
    public static final int NOT_CONFORMING = 3;
    /** A source could not be read or mapped (bad file, record or value); nothing was loaded. */
    public static final int INPUT_ERROR = 4;

    /**
     * The storage failed under a write (a full disk, a read-only file system, an I/O error), or the store refuses
     * writes since such a fault; the store is as it was at its last commit.
     */
    public static final int STORAGE_FAULT = 5;
    /** The free-space check refused the write before it started; nothing was changed. */
    public static final int NO_SPACE = 6;
    /** The store's files are damaged or missing; restore a backup. */
    public static final int STORE_DAMAGED = 7;

    private ExitCodes() {}
}
