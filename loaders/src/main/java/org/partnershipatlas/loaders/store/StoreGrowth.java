package org.partnershipatlas.loaders.store;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;
import java.util.Properties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How many bytes of disk a store takes per byte of source loaded into it, measured at each load and kept beside the
 * store ({@code <store>/atlas-growth.properties}), so that the next write can be checked against the free space
 * before it starts.
 *
 * <p>A load measures the free space of the store's file system before and after (TDB2's index files are sparse and
 * memory-mapped, so their apparent sizes say nothing) and divides what was taken by the bytes of the sources read.
 * Inputs under {@link #MIN_SAMPLE_BYTES} are too small to measure and leave the figure as it was. Until a load has
 * been measured, {@link #DEFAULT_BYTES_PER_SOURCE_BYTE} applies: the sample data takes 21 and synthetic national data
 * 18 bytes of store per source byte (see the README).
 */
public final class StoreGrowth {
    private static final Logger LOG = LoggerFactory.getLogger(StoreGrowth.class);

    /** Store bytes per source byte until one is measured. */
    public static final double DEFAULT_BYTES_PER_SOURCE_BYTE = 25;

    /** Smaller loads do not update the figure. */
    public static final long MIN_SAMPLE_BYTES = 64L << 10;

    static final String FILE = "atlas-growth.properties";
    private static final String KEY = "bytesPerSourceByte";

    private StoreGrowth() {}

    /** The measured bytes of store per source byte for the store at {@code store}, or the default. */
    public static double bytesPerSourceByte(Path store) {
        Path file = store.resolve(FILE);
        if (!Files.isRegularFile(file)) {
            return DEFAULT_BYTES_PER_SOURCE_BYTE;
        }
        Properties p = new Properties();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(in);
            double value = Double.parseDouble(p.getProperty(KEY, ""));
            return value >= 1 && value < 10_000 ? value : DEFAULT_BYTES_PER_SOURCE_BYTE;
        } catch (IOException | NumberFormatException e) {
            return DEFAULT_BYTES_PER_SOURCE_BYTE;
        }
    }

    /** The bytes a load of {@code sourceBytes} of sources is expected to add to the store. */
    public static long estimate(Path store, long sourceBytes) {
        return (long) Math.ceil(sourceBytes * bytesPerSourceByte(store)) + DiskSpace.FILE_SLACK_BYTES;
    }

    /**
     * Starts watching what a write to the store at {@code store} takes, to {@link Watch#record} it when the write has
     * committed.
     */
    public static Watch watch(Path store) {
        return new Watch(store, DiskSpace.free(store), DiskSpace.sizeOf(store));
    }

    /**
     * What a store was when a write began: the disk's free bytes and the store folder's bytes. What the write took is
     * the smaller of the two changes: another process writing to the same disk meanwhile lowers the free space too
     * (a load beside a national one recorded 900 bytes of store per source byte, and the next load of 3 MB was
     * refused as needing 2.7 GB), and files the store has only begun to fill can look larger than the blocks they
     * hold.
     */
    public record Watch(Path store, long freeBefore, long bytesBefore) {
        /** The bytes the store took since the watch began; 0 if it cannot be told (then nothing is recorded). */
        public long grownBy() {
            long freeDrop = freeBefore - DiskSpace.free(store);
            long folderGrowth = DiskSpace.sizeOf(store) - bytesBefore;
            return Math.max(0, Math.min(freeDrop, folderGrowth));
        }

        /** Records what the write of {@code sourceBytes} took ({@link StoreGrowth#record}). */
        public void record(long sourceBytes) {
            StoreGrowth.record(store, sourceBytes, grownBy());
        }
    }

    /**
     * Records what a load took: {@code storeBytes} of disk for {@code sourceBytes} of sources. Best effort: a failure
     * to write the small file is logged and the old figure kept.
     */
    static void record(Path store, long sourceBytes, long storeBytes) {
        if (sourceBytes < MIN_SAMPLE_BYTES || storeBytes <= 0 || !Files.isDirectory(store)) {
            return;
        }
        double ratio = Math.max(1, (double) storeBytes / sourceBytes);
        Properties p = new Properties();
        p.setProperty(KEY, String.format(Locale.ROOT, "%.2f", ratio));
        Path file = store.resolve(FILE);
        Path temp = store.resolve(FILE + ".new");
        try {
            try (Writer out = Files.newBufferedWriter(temp, StandardCharsets.UTF_8)) {
                p.store(out, "store bytes per source byte, measured by the last load of " + sourceBytes + " bytes");
            }
            Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            LOG.warn("Could not record the store's growth in {}: {}", file, e.getMessage());
            try {
                Files.deleteIfExists(temp);
            } catch (IOException ignored) {
                // Nothing more to do: the file is a few bytes and the old figure still applies.
            }
        }
    }

    /** Copies the measured figure from one store folder to another (a bulk load or restore replacing a store). */
    public static void keep(Path from, Path to) {
        Path file = from.resolve(FILE);
        if (Files.isRegularFile(file) && Files.isDirectory(to)) {
            try {
                Files.copy(file, to.resolve(FILE), StandardCopyOption.REPLACE_EXISTING);
            } catch (IOException e) {
                LOG.warn("Could not copy {}: {}", file, e.getMessage());
            }
        }
    }
}
