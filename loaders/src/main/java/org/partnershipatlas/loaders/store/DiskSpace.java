package org.partnershipatlas.loaders.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.jena.tdb2.TDBException;

/**
 * Free space on the file systems a write touches, checked before the write starts, and the words for a storage fault
 * when one happens anyway.
 *
 * <pre>
 *   DiskSpace space = DiskSpace.reserving(64L &lt;&lt; 20);
 *   space.require("the load", List.of(new DiskSpace.Need(storeDir, 40_000_000L)));   // or InsufficientSpaceException
 * </pre>
 *
 * Each file system must keep {@link #reserve()} bytes free after the write: the estimate of what a write needs is an
 * estimate, and the rest of the machine (logs, the journal) needs room too.
 */
public final class DiskSpace {
    /** The default reserve: 64 MiB. */
    public static final long DEFAULT_RESERVE = 64L << 20;

    /** Space any file write needs beyond its content, for file system blocks and metadata. */
    public static final long FILE_SLACK_BYTES = 64L << 10;

    /** Less free space than this after a failed write: the disk was full for it (two of TDB2's 8 MiB steps). */
    static final long FULL_BELOW_BYTES = 16L << 20;

    private final long reserve;

    private DiskSpace(long reserve) {
        if (reserve < 0) {
            throw new IllegalArgumentException("the disk reserve must not be negative: " + reserve);
        }
        this.reserve = reserve;
    }

    /** Checks that keep {@code reserve} bytes free on every file system written to. */
    public static DiskSpace reserving(long reserve) {
        return new DiskSpace(reserve);
    }

    /** The bytes each file system must keep free after a write. */
    public long reserve() {
        return reserve;
    }

    /** About {@code bytes} will be written under {@code path} (which need not exist yet). */
    public record Need(Path path, long bytes) {}

    /**
     * Refuses a write whose needs do not fit: for each file system, the sum of what is needed on it plus the reserve
     * must be free.
     *
     * @param what the write, in words ("the load", "the backup")
     * @throws InsufficientSpaceException naming the path, the space needed, free and reserved
     */
    public void require(String what, List<Need> needs) {
        Map<FileStore, Need> byFileSystem = new LinkedHashMap<>();
        for (Need need : needs) {
            Path existing = nearestExisting(need.path());
            byFileSystem.merge(
                    fileStore(existing),
                    new Need(need.path(), Math.max(0, need.bytes())),
                    (a, b) -> new Need(a.path(), a.bytes() + b.bytes()));
        }
        for (Map.Entry<FileStore, Need> e : byFileSystem.entrySet()) {
            long free = usable(e.getKey());
            Need need = e.getValue();
            if (free - need.bytes() < reserve) {
                throw new InsufficientSpaceException(
                        "not enough disk space on " + need.path().toAbsolutePath()
                                + " for " + what + ": about " + human(need.bytes()) + " needed, " + human(free)
                                + " free, reserve " + human(reserve) + "; nothing was changed");
            }
        }
    }

    /** The same check for one path. */
    public void require(String what, Path path, long bytes) {
        require(what, List.of(new Need(path, bytes)));
    }

    /** The usable free bytes on the file system holding {@code path} (or its nearest existing ancestor). */
    public static long free(Path path) {
        return usable(fileStore(nearestExisting(path)));
    }

    /** The bytes of a file, or of all files under a directory; 0 if it does not exist. */
    public static long sizeOf(Path path) {
        if (!Files.exists(path)) {
            return 0;
        }
        if (Files.isRegularFile(path)) {
            try {
                return Files.size(path);
            } catch (IOException e) {
                return 0;
            }
        }
        try (var files = Files.walk(path)) {
            return files.filter(Files::isRegularFile)
                    .mapToLong(p -> {
                        try {
                            return Files.size(p);
                        } catch (IOException e) {
                            return 0;
                        }
                    })
                    .sum();
        } catch (IOException | UncheckedIOException e) {
            return 0;
        }
    }

    /**
     * True if {@code t} (or a cause) is a failure of the storage rather than of the input or of the code: an I/O
     * error, the JVM's {@link InternalError} for a fault in a memory-mapped file (how TDB2 meets a full disk), or a
     * TDB2 storage exception. The Atlas's own exceptions (bad input, a refused proposal) are not.
     */
    public static boolean isStorageFault(Throwable t) {
        if (t instanceof StorageFaultException) {
            return true;
        }
        if (t.getClass().getName().startsWith("org.partnershipatlas.")) {
            return false;
        }
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof InternalError
                    || c instanceof IOException
                    || c instanceof UncheckedIOException
                    || c instanceof TDBException
                    || c.getClass().getName().startsWith("org.apache.jena.dboe.")) {
                return true;
            }
            if (c.getCause() == c) {
                break;
            }
        }
        return false;
    }

    /**
     * A storage fault in words: "{what} failed: the disk holding {path} is full", or read-only, or the I/O error's
     * own message. Whether the disk is full is judged from the error and from the space left now.
     */
    public static StorageFaultException describe(String what, Path path, Throwable t) {
        if (t instanceof StorageFaultException s) {
            return s;
        }
        String messages = messages(t);
        boolean readOnly = messages.contains("Read-only file system");
        // A fault in a memory-mapped file is how TDB2 meets a full disk (its files are sparse, and the space is
        // taken when a page is first written); TDB2 grows its files 8 MiB at a time, so less free than twice that
        // after a failed write means the disk was full for it.
        boolean full = !readOnly
                && (messages.contains("No space left on device")
                        || messages.contains("Disk quota exceeded")
                        || causedBy(t, InternalError.class)
                        || (path != null && free(path) < FULL_BELOW_BYTES));
        String where = path == null ? "the store" : path.toAbsolutePath().toString();
        String cause;
        if (full) {
            cause = "the disk holding " + where + " is full (" + human(path == null ? 0 : free(path)) + " free)";
        } else if (readOnly) {
            cause = "the file system holding " + where + " is read-only";
        } else {
            cause = "could not write to " + where + " (" + firstMessage(t) + ")";
        }
        return new StorageFaultException(what + " failed: " + cause, full, t);
    }

    /**
     * {@code e} described as a storage fault, with what was done about it ({@code afterwards}, e.g. "no backup file was
     * left behind"); anything that is not a storage fault is rethrown as it is (an {@link IOException} always is one).
     * For writers that clean up after themselves and then report.
     */
    public static StorageFaultException failedWrite(String what, Path path, Throwable e, String afterwards) {
        if (!isStorageFault(e)) {
            if (e instanceof Error error) {
                throw error;
            }
            throw (RuntimeException) e;
        }
        StorageFaultException fault = describe(what, path, e);
        return new StorageFaultException(fault.getMessage() + "; " + afterwards, fault.diskFull(), e);
    }

    /**
     * About the bytes a copy of the whole store's data takes when written as gzipped RDF (a release, a backup): the
     * previous copy's size plus a tenth, or, with none yet, a fifth of the store's data (the sample data's release is
     * 11% and its backup 9% of its store); {@code previousBytes} is 0 when there is none.
     */
    public static long forCopyOfStore(AtlasStore store, long previousBytes) {
        if (previousBytes > 0) {
            return previousBytes + previousBytes / 10 + FILE_SLACK_BYTES;
        }
        long data = store.location() == null ? 0 : StoreFiles.usedBytes(store.location());
        return data / 5 + FILE_SLACK_BYTES;
    }

    /** A byte count for people: "512 B", "3.4 MB", "1.2 GB" (powers of 1024, as df -h). */
    public static String human(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        String[] units = {"KB", "MB", "GB", "TB", "PB"};
        double value = bytes;
        int unit = -1;
        while (value >= 1024 && unit < units.length - 1) {
            value /= 1024;
            unit++;
        }
        return String.format(Locale.ROOT, "%.1f %s", value, units[unit]);
    }

    /** True if {@code t} or one of its causes is a {@code type}. */
    static boolean causedBy(Throwable t, Class<? extends Throwable> type) {
        for (Throwable c = t; c != null && c.getCause() != c; c = c.getCause()) {
            if (type.isInstance(c)) {
                return true;
            }
        }
        return false;
    }

    /** True if the message of {@code t} or of one of its causes contains {@code text}. */
    static boolean messagesContain(Throwable t, String text) {
        return messages(t).contains(text);
    }

    private static String messages(Throwable t) {
        StringBuilder all = new StringBuilder();
        for (Throwable c = t; c != null && c.getCause() != c; c = c.getCause()) {
            all.append(c.getMessage()).append('\n');
        }
        return all.toString();
    }

    private static String firstMessage(Throwable t) {
        for (Throwable c = t; c != null && c.getCause() != c; c = c.getCause()) {
            if (c.getMessage() != null && !c.getMessage().isBlank()) {
                return c.getMessage();
            }
        }
        return "an I/O error";
    }

    private static Path nearestExisting(Path path) {
        Path p = path.toAbsolutePath();
        while (p != null && !Files.exists(p)) {
            p = p.getParent();
        }
        if (p == null) {
            throw new IllegalArgumentException("no part of " + path + " exists");
        }
        return p;
    }

    private static FileStore fileStore(Path existing) {
        try {
            return Files.getFileStore(existing);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot tell which file system holds " + existing, e);
        }
    }

    private static long usable(FileStore store) {
        try {
            return store.getUsableSpace();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the free space of " + store, e);
        }
    }
}
