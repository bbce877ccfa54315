package org.partnershipatlas.loaders.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Function;
import org.apache.jena.dboe.base.file.Location;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.system.Txn;
import org.apache.jena.tdb2.DatabaseMgr;
import org.apache.jena.tdb2.TDB2;
import org.apache.jena.tdb2.sys.TDBInternal;
import org.partnershipatlas.loaders.text.AtlasTextIndex;

/**
 * The Atlas's TDB2 store: one named graph per source; the default graph for queries is the union of the named
 * graphs. This is the only class that opens TDB2.
 *
 * <pre>
 *   AtlasStore store = AtlasStore.open(Path.of("var/tdb2"));
 *   long quads = store.read(dsg -> dsg.stream().count());
 * </pre>
 */
public final class AtlasStore implements AutoCloseable {
    private final DatasetGraph dsg;
    private final Path location;
    private final AtlasTextIndex textIndex;

    private AtlasStore(DatasetGraph dsg, Path location, AtlasTextIndex textIndex) {
        this.dsg = dsg;
        this.location = location;
        this.textIndex = textIndex;
        // Queries see the union of the named graphs as their default graph, and can use text:query.
        dsg.getContext().set(TDB2.symUnionDefaultGraph, true);
        textIndex.register(dsg);
    }

    /**
     * Opens (creating if needed) the TDB2 database in a directory.
     *
     * @throws StoreUnavailableException if it cannot be opened, e.g. because another process holds its lock
     */
    public static AtlasStore open(Path directory) {
        try {
            DatasetGraph dsg = DatabaseMgr.connectDatasetGraph(Location.create(directory));
            AtlasStore store = new AtlasStore(dsg, directory, AtlasTextIndex.open(textDirectory(directory)));
            store.ensureTextIndexCurrent();
            return store;
        } catch (RuntimeException e) {
            throw new StoreUnavailableException(
                    "cannot open the store at " + directory + ": " + e.getMessage()
                            + " (is another atlas process, such as 'atlas serve', using it?)",
                    e);
        }
    }

    /** An in-memory TDB2 database, for tests. */
    public static AtlasStore inMemory() {
        return new AtlasStore(DatabaseMgr.createDatasetGraph(), null, AtlasTextIndex.inMemory());
    }

    /** Where the full-text index of a store lives: beside it, {@code <store>-text}. */
    public static Path textDirectory(Path store) {
        Path absolute = store.toAbsolutePath();
        return absolute.resolveSibling(absolute.getFileName() + "-text");
    }

    /**
     * Rebuilds the text index if it was built from other data than the store holds: a process stopped between a
     * load's commit and the end of the index rebuild leaves it behind, and the next open puts it right.
     */
    private void ensureTextIndexCurrent() {
        String version = read(StoreVersion::of);
        if (!version.equals(textIndex.dataVersion())) {
            textIndex.rebuild(dsg);
        }
    }

    /** The version of the loaded data ({@link StoreVersion}). */
    public String dataVersion() {
        return read(StoreVersion::of);
    }

    /** The full-text index; every load rebuilds it. */
    public AtlasTextIndex textIndex() {
        return textIndex;
    }

    /** True if the directory holds a TDB2 database. */
    public static boolean exists(Path directory) {
        if (!Files.isDirectory(directory)) {
            return false;
        }
        try (var entries = Files.list(directory)) {
            return entries.anyMatch(p -> p.getFileName().toString().startsWith("Data-"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The dataset; use it inside transactions ({@link #read}, {@link Txn}). */
    public DatasetGraph datasetGraph() {
        return dsg;
    }

    /** Where the store lives on disk, or null for an in-memory store. */
    public Path location() {
        return location;
    }

    /** Runs a read transaction and returns its result. */
    public <T> T read(Function<DatasetGraph, T> action) {
        return Txn.calculateRead(dsg, () -> action.apply(dsg));
    }

    @Override
    public void close() {
        textIndex.close();
        if (location != null) {
            // Release the on-disk database (and its lock) so another process or a later open can use it.
            TDBInternal.expel(dsg);
        } else {
            dsg.close();
        }
    }
}
