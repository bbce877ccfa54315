package org.partnershipatlas.loaders.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import org.apache.commons.io.FileUtils;

/**
 * Builds a store beside another and swaps it in whole: how a restore and a bulk load replace a store without ever
 * leaving it half-written. The new store (and its text index) is built in {@code <store>.<purpose>-<time>}; when
 * complete, the old store and index are moved aside to {@code <store>.replaced-<time>} and the new ones moved into
 * place (renames within one folder). If the swap fails, the old store stays where it was.
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

    private final Path target;
    private final Path building;
    private final String stamp;

    private StoreSwap(Path target, String purpose) {
        this.target = target.toAbsolutePath();
        this.stamp = STAMP.format(Instant.now());
        this.building = this.target.resolveSibling(this.target.getFileName() + "." + purpose + "-" + stamp);
    }

    /** A swap for the store at {@code target}, building in a new folder beside it named for the purpose. */
    public static StoreSwap beside(Path target, String purpose) {
        return new StoreSwap(target, purpose);
    }

    /** Where to build the new store. */
    public Path building() {
        return building;
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
        try {
            Path text = AtlasStore.textDirectory(target);
            if (Files.exists(target)) {
                Files.move(target, target.resolveSibling(target.getFileName() + ".replaced-" + stamp));
            }
            if (Files.exists(text)) {
                Files.move(text, text.resolveSibling(text.getFileName() + ".replaced-" + stamp));
            }
            Files.move(AtlasStore.textDirectory(building), text);
            Files.move(building, target);
            if (old == Old.DELETE) {
                FileUtils.deleteQuietly(target.resolveSibling(target.getFileName() + ".replaced-" + stamp)
                        .toFile());
                FileUtils.deleteQuietly(text.resolveSibling(text.getFileName() + ".replaced-" + stamp)
                        .toFile());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "the new store is complete in " + building + " but could not be moved to " + target + " ("
                            + e.getMessage() + "); move it by hand",
                    e);
        }
    }

    /** Deletes the new store and its text index; the old store is untouched. */
    public void abandon() {
        FileUtils.deleteQuietly(building.toFile());
        FileUtils.deleteQuietly(AtlasStore.textDirectory(building).toFile());
    }
}
