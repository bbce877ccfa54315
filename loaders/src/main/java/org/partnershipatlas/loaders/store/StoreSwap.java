package org.partnershipatlas.loaders.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import org.apache.commons.io.FileUtils;

/**
 * Builds a store beside another and swaps it in whole: how a restore and a bulk load replace a store without ever
 * leaving it half-written. The new store (and its text index) is built in {@code <store>.<purpose>-<time>}; when
 * complete, the old store and index are moved aside to {@code <store>.replaced-<time>} and the new ones moved into
 * place (renames within one folder). If the swap fails, the old store stays where it was.
 *
 * <p>Between moving the old store aside and moving the new one in, no store is at the store's path: two folders
 * cannot be exchanged in one rename. So before the first move the swap writes a journal, {@code <store>.swap} (the
 * new store's folder, the time stamp and what to do with the old store), synced, and holds a lock on it while it
 * moves; the journal is deleted after the last move. A process killed in between leaves the journal, and whoever next
 * asks for the store ({@link AtlasStore#exists}, {@link AtlasStore#open}) finishes the swap first ({@link
 * #finishInterrupted}): the new store was complete before the journal was written, so the swap goes forward, never
 * back. Without this, the next open would have created an empty store at the path.
 *
 * <pre>
 *   StoreSwap swap = StoreSwap.beside(Path.of("var/tdb2"), "loading");
 *   try (AtlasStore fresh = AtlasStore.open(swap.building())) { ... }
 *   swap.commit(StoreSwap.Old.KEEP);      // or swap.abandon()
 * </pre>
 */
public final class StoreSwap {
    private static final DateTimeFormatter STAMP =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss.SSS'Z'").withZone(ZoneOffset.UTC);

    /** Run between moving the old store aside and moving the new one in: tests stop the process there. */
    static volatile Runnable betweenMoves = () -> {};

    private final Path target;
    private final Path building;
    private final String stamp;

    private StoreSwap(Path target, String purpose) {
        this.target = target.toAbsolutePath();
        this.stamp = STAMP.format(Instant.now());
        this.building = this.target.resolveSibling(this.target.getFileName() + "." + purpose + "-" + stamp);
    }

    private StoreSwap(Path target, Path building, String stamp) {
        this.target = target;
        this.building = building;
        this.stamp = stamp;
    }

    /** A swap for the store at {@code target}, building in a new folder beside it named for the purpose. */
    public static StoreSwap beside(Path target, String purpose) {
        return new StoreSwap(target, purpose);
    }

    /** Where to build the new store. */
    public Path building() {
        return building;
    }

    /** The journal of a swap of the store at {@code target} that is under way or was interrupted. */
    public static Path journalOf(Path target) {
        Path absolute = target.toAbsolutePath();
        return absolute.resolveSibling(absolute.getFileName() + ".swap");
    }

    /** What to do with the store that is replaced. */
    public enum Old {
        /** Keep it as {@code <store>.replaced-<time>} (a restore: the data may be wanted again). */
        KEEP,
        /** Delete it once the new one is in place (a load: the sources can make it again). */
        DELETE
    }

    /**
     * Moves the old store (if any) aside and the new one into place, then keeps or deletes the old one. The new store
     * must be closed.
     *
     * @throws StoreUnavailableException if the old store is in use by another process (nothing is moved)
     * @throws UncheckedIOException if a move fails; the message says where the stores are
     */
    public void commit(Old old) {
        if (Files.exists(target)) {
            // Fails (and the target stays as it is) if the store is in use by another process. A damaged store is being
            // replaced (a restore after damage), so it is moved aside like any other.
            try {
                AtlasStore.openForReplacing(target).close();
            } catch (StoreDamagedException damaged) {
                // Kept or deleted below, as the caller asked.
            }
        }
        Path journal = journalOf(target);
        try {
            writeJournal(journal, old);
            // Held while moving: another process that finds the journal then knows the swap is under way, not
            // interrupted (a killed process's lock is released by the operating system).
            try (FileChannel channel = FileChannel.open(journal, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
                FileLock lock = channel.lock();
                try {
                    moveIn(old);
                    Files.delete(journal);
                    syncFolder(target.getParent());
                } finally {
                    lock.release();
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "the new store is complete in " + building + " but could not be moved to " + target + " ("
                            + e.getMessage() + "); the next 'atlas' command on " + target + " finishes the swap from "
                            + journal + ", or move it by hand",
                    e);
        }
        if (old == Old.DELETE) {
            deleteReplaced();
        }
    }

    /**
     * Finishes a swap of the store at {@code target} that a crash interrupted (its journal is there and no process
     * holds it): moves what is left to move, deletes the journal. Does nothing if there is no journal. Called before a
     * store is looked at or opened.
     *
     * @return true if a swap was finished
     * @throws StoreUnavailableException if another process is swapping the store right now
     * @throws StoreDamagedException if the journal names a new store that is neither beside the store nor in place
     */
    public static boolean finishInterrupted(Path target) {
        Path journal = journalOf(target);
        if (!Files.exists(journal)) {
            return false;
        }
        try (FileChannel channel = FileChannel.open(journal, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            FileLock lock = tryLock(channel);
            if (lock == null) {
                throw new StoreUnavailableException(
                        "the store at " + target + " is being replaced by another process right now (" + journal
                                + "); try again in a moment",
                        null);
            }
            try (lock) {
                List<String> lines = Files.readAllLines(journal, StandardCharsets.UTF_8);
                if (lines.size() < 3) {
                    // Written whole or not at all (renamed into place), so this is not one of ours.
                    throw new StoreDamagedException(
                            "the swap journal " + journal + " is not one the Atlas wrote; look at it, then delete it",
                            null);
                }
                Path absolute = target.toAbsolutePath();
                StoreSwap swap = new StoreSwap(absolute, absolute.resolveSibling(lines.get(0)), lines.get(1));
                Old old = Old.valueOf(lines.get(2));
                if (!AtlasStore.holdsDatabase(swap.building) && !AtlasStore.holdsDatabase(absolute)) {
                    throw new StoreDamagedException(
                            "a swap of the store at " + target + " was interrupted, and neither the new store ("
                                    + swap.building + ") nor a store at " + target + " is there; restore a backup",
                            null);
                }
                swap.moveIn(old);
                Files.delete(journal);
                syncFolder(absolute.getParent());
                if (old == Old.DELETE) {
                    swap.deleteReplaced();
                }
                return true;
            }
        } catch (NoSuchFileException e) {
            return false; // finished meanwhile by the process that was swapping
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "cannot finish the interrupted swap of the store at " + target + " (" + journal + "): "
                            + e.getMessage(),
                    e);
        }
    }

    /** A lock on the journal, or null if another process (or thread) holds it. */
    private static FileLock tryLock(FileChannel channel) throws IOException {
        try {
            return channel.tryLock();
        } catch (OverlappingFileLockException e) {
            return null;
        }
    }

    /**
     * The moves, each done only if it is still to do, so that a swap interrupted anywhere can be finished by running
     * them again: while the new store's folder is there, a store at the target is the old one.
     */
    private void moveIn(Old old) throws IOException {
        if (!Files.exists(building)) {
            return; // all moved
        }
        Path text = AtlasStore.textDirectory(target);
        Path buildingText = AtlasStore.textDirectory(building);
        if (Files.exists(target)) {
            Files.move(target, replaced(target));
        }
        betweenMoves.run();
        if (Files.exists(buildingText)) {
            if (Files.exists(text)) {
                Files.move(text, replaced(text));
            }
            Files.move(buildingText, text);
        }
        Files.move(building, target);
    }

    private void deleteReplaced() {
        FileUtils.deleteQuietly(replaced(target).toFile());
        FileUtils.deleteQuietly(replaced(AtlasStore.textDirectory(target)).toFile());
    }

    private Path replaced(Path p) {
        return p.resolveSibling(p.getFileName() + ".replaced-" + stamp);
    }

    /** Writes the journal whole (a temporary file, synced, renamed into place, the folder synced). */
    private void writeJournal(Path journal, Old old) throws IOException {
        Path temporary = journal.resolveSibling(journal.getFileName() + ".new");
        String text = building.getFileName() + "\n" + stamp + "\n" + old.name() + "\n";
        try (FileChannel channel = FileChannel.open(
                temporary, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE)) {
            channel.write(StandardCharsets.UTF_8.encode(text));
            channel.force(true);
        }
        Files.move(temporary, journal, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        syncFolder(journal.getParent());
    }

    /** Forces a folder's entries (the renames in it) to disk; some file systems cannot, and then it is skipped. */
    private static void syncFolder(Path folder) {
        try (FileChannel channel = FileChannel.open(folder, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException e) {
            // Not every file system can sync a folder; the renames are then as durable as it makes them.
        }
    }

    /** Deletes the new store and its text index; the old store is untouched. */
    public void abandon() {
        FileUtils.deleteQuietly(building.toFile());
        FileUtils.deleteQuietly(AtlasStore.textDirectory(building).toFile());
    }
}
