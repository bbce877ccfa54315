package org.partnershipatlas.loaders.store;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What a TDB2 store's files say about themselves, read without opening the store: whether they are all there and
 * long enough for the state they record, and how many bytes the data really takes.
 *
 * <p>TDB2 keeps, beside each B+tree ({@code SPO.idn}, {@code SPO.dat}), a small state file ({@code SPO.bpt}: root,
 * node blocks in use, record blocks in use, as big-endian longs) and beside each object file ({@code nodes-data.obj})
 * its committed length ({@code nodes-data.bdf}). The index files are memory-mapped and grow in 8 MiB steps, so their
 * apparent size says little; the state files say what is used. A file shorter than its state says, or missing, means
 * the store was damaged (truncated by a full disk in another tool, a bad copy, a removed file): TDB2 would fail on
 * it later, at a read, with an obscure error, so the Atlas checks before it opens a store.
 */
public final class StoreFiles {
    /** TDB2's block size (a B+tree node or records block). */
    static final long BLOCK = 8192;

    private static final List<String> INDEXES =
            List.of("SPO", "POS", "OSP", "GSPO", "GPOS", "GOSP", "SPOG", "POSG", "OSPG", "GPU", "nodes", "prefixes");
    private static final List<String> OBJECT_FILES = List.of("nodes-data", "prefixes-data");

    private StoreFiles() {}

    /** The newest {@code Data-NNNN} folder of the store, if any. */
    public static Optional<Path> dataFolder(Path store) {
        if (!Files.isDirectory(store)) {
            return Optional.empty();
        }
        try (var entries = Files.list(store)) {
            return entries.filter(p -> p.getFileName().toString().matches("Data-\\d{4}") && Files.isDirectory(p))
                    .max(Path::compareTo);
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /**
     * The problems found in the store's files, in words (empty if none). Skipped (empty) while the journal holds a
     * commit that TDB2 will replay on open, as the state files may then lag behind.
     */
    public static List<String> problems(Path store) {
        List<String> problems = new ArrayList<>();
        Optional<Path> data = dataFolder(store);
        if (data.isEmpty()) {
            problems.add("no Data-NNNN folder in " + store);
            return problems;
        }
        Path dir = data.get();
        if (size(dir.resolve("journal.jrnl")) > 0) {
            return problems;
        }
        for (String index : INDEXES) {
            Path state = dir.resolve(index + ".bpt");
            Path nodes = dir.resolve(index + ".idn");
            Path records = dir.resolve(index + ".dat");
            long[] values = longs(state, 3);
            if (values == null) {
                problems.add(describeMissing(state, 24));
                continue;
            }
            requireLength(problems, nodes, values[1] * BLOCK);
            requireLength(problems, records, values[2] * BLOCK);
        }
        for (String objects : OBJECT_FILES) {
            Path state = dir.resolve(objects + ".bdf");
            long[] values = longs(state, 2);
            if (values == null) {
                problems.add(describeMissing(state, 16));
                continue;
            }
            requireLength(problems, dir.resolve(objects + ".obj"), values[0]);
        }
        return problems;
    }

    /** The bytes the store's data uses, from its state files (not the apparent sizes of the mapped files). */
    public static long usedBytes(Path store) {
        Optional<Path> data = dataFolder(store);
        if (data.isEmpty()) {
            return 0;
        }
        Path dir = data.get();
        long used = 0;
        for (String index : INDEXES) {
            long[] values = longs(dir.resolve(index + ".bpt"), 3);
            if (values != null) {
                used += (values[1] + values[2]) * BLOCK;
            }
        }
        for (String objects : OBJECT_FILES) {
            long[] values = longs(dir.resolve(objects + ".bdf"), 2);
            if (values != null) {
                used += values[0];
            }
        }
        return used;
    }

    private static void requireLength(List<String> problems, Path file, long needed) {
        if (!Files.exists(file)) {
            problems.add(file + " is missing");
        } else if (size(file) < needed) {
            problems.add(file + " is truncated: " + size(file) + " bytes, but the store's state needs " + needed);
        }
    }

    private static String describeMissing(Path state, long expected) {
        return Files.exists(state)
                ? state + " is damaged: " + size(state) + " bytes, expected " + expected
                : state + " is missing";
    }

    private static long[] longs(Path file, int count) {
        try {
            byte[] bytes = Files.readAllBytes(file);
            if (bytes.length != count * Long.BYTES) {
                return null;
            }
            ByteBuffer buffer = ByteBuffer.wrap(bytes);
            long[] values = new long[count];
            for (int i = 0; i < count; i++) {
                values[i] = buffer.getLong();
                if (values[i] < 0) {
                    return null;
                }
            }
            return values;
        } catch (IOException e) {
            return null;
        }
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            return 0;
        }
    }
}
