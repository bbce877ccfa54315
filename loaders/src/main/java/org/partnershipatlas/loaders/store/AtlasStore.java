package org.partnershipatlas.loaders.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Supplier;
import org.apache.jena.dboe.base.file.AlreadyLocked;
import org.apache.jena.dboe.base.file.Location;
import org.apache.jena.dboe.transaction.txn.TransactionCoordinator;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.engine.optimizer.reorder.ReorderTransformation;
import org.apache.jena.sparql.util.Context;
import org.apache.jena.system.Txn;
import org.apache.jena.tdb2.DatabaseMgr;
import org.apache.jena.tdb2.TDB2;
import org.apache.jena.tdb2.store.DatasetGraphSwitchable;
import org.apache.jena.tdb2.store.DatasetGraphTDB;
import org.apache.jena.tdb2.sys.DatabaseConnection;
import org.apache.jena.tdb2.sys.TDBInternal;
import org.partnershipatlas.loaders.changes.ChangeLog;
import org.partnershipatlas.loaders.changes.LoggedDataset;
import org.partnershipatlas.loaders.text.AtlasTextIndex;
import org.partnershipatlas.ontology.AtlasIris;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Atlas's TDB2 store: one named graph per source; the default graph for queries is the union of the named
 * graphs. This is the only class that opens TDB2.
 *
 * <pre>
 *   AtlasStore store = AtlasStore.open(Path.of("var/tdb2"));
 *   long quads = store.read(dsg -> dsg.stream().count());
 * </pre>
 *
 * <p>Writes go through {@link #write}: a write that fails because the storage failed (a full disk, a read-only file
 * system, an I/O error; see {@link DiskSpace#isStorageFault}) marks the store <em>faulted</em>, and every later write
 * in this process is refused with {@link StoreFaultedException} until {@link #reopen()}. TDB2 aborts the failed
 * transaction cleanly, but writing again in the same process after such a fault can damage the store on disk for
 * good; reopening lets TDB2 recover from its journal first. Reads go on from the last commit meanwhile.
 */
public final class AtlasStore implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(AtlasStore.class);

    private final DatasetGraph dsg;
    private final Path location;
    private final AtlasTextIndex textIndex;
    /** The view writers write through, which keeps the change log; the store itself for an in-memory store. */
    private LoggedDataset logged;

    private volatile DiskSpace diskSpace = DiskSpace.reserving(DiskSpace.DEFAULT_RESERVE);
    /** Why writes are refused, or null while the store is healthy. */
    private volatile String fault;
    /** Where a replica's changes come from ({@code kafka://HOST:PORT/TOPIC}), or null for a writer's store. */
    private volatile String replicaOf;

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
     * @throws StoreUnavailableException if it cannot be opened because another process holds its lock
     * @throws ReadOnlyStoreException if its file system is read-only
     * @throws StoreDamagedException if its files are truncated or missing, or TDB2 cannot read them
     */
    public static AtlasStore open(Path directory) {
        return open(directory, true);
    }

    /**
     * Opens the store to check that no other process uses it, without opening its change log: the store is about to
     * be replaced ({@link StoreSwap}), and its log already holds the snapshot entry of its replacement, which opening
     * the log would set aside as never committed. Writes through it are not logged.
     */
    static AtlasStore openForReplacing(Path directory) {
        return open(directory, false);
    }

    private static AtlasStore open(Path directory, boolean withLog) {
        if (exists(directory)) {
            List<String> problems = StoreFiles.problems(directory);
            if (!problems.isEmpty()) {
                throw new StoreDamagedException(
                        "the store at " + directory + " is damaged: " + String.join("; ", problems), null);
            }
        }
        DatasetGraph dsg;
        try {
            dsg = connect(directory);
        } catch (RuntimeException e) {
            throw openFailure(directory, e);
        }
        AtlasTextIndex index = null;
        try {
            index = AtlasTextIndex.open(textDirectory(directory));
            AtlasStore store = new AtlasStore(dsg, directory, index);
            if (withLog) {
                store.logged = LoggedDataset.open(dsg, ChangeLog.directoryOf(directory));
            }
            String source = store.read(AtlasStore::replicaMark);
            if (source != null) {
                store.refuseWrites(source);
            }
            store.ensureTextIndexCurrent();
            return store;
        } catch (RuntimeException e) {
            if (index != null) {
                index.close();
            }
            TDBInternal.expel(dsg, true);
            throw openFailure(directory, e);
        }
    }

    /**
     * Connects to the TDB2 database in {@code directory} with the Atlas's reorder transformation ({@link
     * AtlasReorder}) when its statistics were written by the Atlas, else with TDB2's own choice.
     */
    private static DatasetGraph connect(Path directory) {
        ReorderTransformation reorder =
                StoreFiles.dataFolder(directory).map(AtlasReorder::forStorage).orElse(null);
        return reorder == null
                ? DatabaseMgr.connectDatasetGraph(Location.create(directory))
                : DatabaseConnection.connectCreate(Location.create(directory), null, reorder)
                        .getDatasetGraph();
    }

    /** Why a store could not be opened, in words that point the user the right way. */
    private static StoreUnavailableException openFailure(Path directory, RuntimeException e) {
        // TDB2 says "held by process N" (DBOpEnvException) when another process has the lock, AlreadyLocked when this
        // one.
        if (DiskSpace.causedBy(e, AlreadyLocked.class) || DiskSpace.messagesContain(e, "Failed to get a lock")) {
            return new StoreUnavailableException(
                    "cannot open the store at " + directory + ": another process holds its lock"
                            + " (is another atlas process, such as 'atlas serve', using it?)",
                    e);
        }
        if (readOnly(directory, e)) {
            return new ReadOnlyStoreException(
                    "cannot open the store at " + directory + ": its file system is read-only, and TDB2 writes its"
                            + " lock and journal even to read; mount it read-write or copy the store to a writable"
                            + " disk",
                    e);
        }
        return new StoreDamagedException(
                "cannot open the store at " + directory + ": " + e.getMessage() + " (its files may be damaged)", e);
    }

    private static boolean readOnly(Path directory, Throwable t) {
        if (DiskSpace.messagesContain(t, "Read-only file system")) {
            return true;
        }
        try {
            Path existing = directory.toAbsolutePath();
            while (existing != null && !Files.exists(existing)) {
                existing = existing.getParent();
            }
            return existing != null && Files.getFileStore(existing).isReadOnly();
        } catch (IOException e) {
            return false;
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
     * Where the gatekeeper keeps what it computes from the whole Atlas, per data version, so that a server started
     * again reads it instead of computing it: beside the store, {@code <store>-gatekeeper}. A cache: removing it
     * costs only the time to compute it again.
     */
    public static Path gatekeeperDirectory(Path store) {
        Path absolute = store.toAbsolutePath();
        return absolute.resolveSibling(absolute.getFileName() + "-gatekeeper");
    }

    /**
     * Rebuilds the text index if it was built from other data than the store holds: a process stopped between a
     * load's commit and the end of the index rebuild leaves it behind, and the next open puts it right; a replica
     * calls it after applying changes that came through Kafka.
     */
    public void ensureTextIndexCurrent() {
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

    /**
     * True if the directory holds a TDB2 database. A swap that a crash interrupted is finished first ({@link
     * StoreSwap#finishInterrupted}), so a store caught between its old and its new folder is found, and is the new one.
     */
    public static boolean exists(Path directory) {
        StoreSwap.finishInterrupted(directory);
        return holdsDatabase(directory);
    }

    /** True if the directory holds a TDB2 database, as it is now. */
    static boolean holdsDatabase(Path directory) {
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

    /**
     * The dataset to write through: each write transaction committed on it that changes the data appends one entry
     * to the change log ({@link LoggedDataset}). Read and query through {@link #datasetGraph()}; inside a write
     * transaction begun here both are the same transaction. An in-memory store keeps no log: this is the store.
     */
    public DatasetGraph logged() {
        return logged == null ? dsg : logged;
    }

    /** The change log, or null for an in-memory store. */
    public ChangeLog changeLog() {
        return logged == null ? null : logged.log();
    }

    /**
     * Marks the store, for good, as a read replica of {@code source} ({@code kafka://HOST:PORT/TOPIC}): from now on,
     * and whenever it is opened again, every write through {@link #write} or {@link #logged()} is refused with
     * {@link ReplicaWriteRefusedException}. Only the replica's applier, which writes the topic's entries to
     * {@link #datasetGraph()} itself, changes it.
     */
    public void markReplicaOf(String source) {
        Objects.requireNonNull(source, "source");
        Txn.executeWrite(dsg, () -> {
            dsg.deleteAny(AtlasIris.CHANGE_LOG_GRAPH, AtlasIris.CHANGE_LOG, AtlasIris.REPLICA_OF, Node.ANY);
            dsg.add(
                    AtlasIris.CHANGE_LOG_GRAPH,
                    AtlasIris.CHANGE_LOG,
                    AtlasIris.REPLICA_OF,
                    NodeFactory.createLiteralString(source));
        });
        refuseWrites(source);
    }

    /** Where this replica's changes come from, or null if the store is not a replica. */
    public String replicaOf() {
        return replicaOf;
    }

    /** True if the store at {@code directory} (not open elsewhere) is marked as a read replica; opens it briefly. */
    public static String replicaOf(Path directory) {
        if (!exists(directory)) {
            return null;
        }
        try (AtlasStore store = open(directory)) {
            return store.replicaOf();
        }
    }

    private static String replicaMark(DatasetGraph dsg) {
        var it = dsg.find(AtlasIris.CHANGE_LOG_GRAPH, AtlasIris.CHANGE_LOG, AtlasIris.REPLICA_OF, Node.ANY);
        return it.hasNext() ? it.next().getObject().getLiteralLexicalForm() : null;
    }

    private void refuseWrites(String source) {
        replicaOf = source;
        if (logged != null) {
            // Also what writes through logged() directly (decisions) meet at their commit.
            logged.log().publishTo((id, entry) -> {
                throw replicaRefusal("the change");
            });
        }
    }

    /** Throws {@link ReplicaWriteRefusedException} if the store is a read replica. */
    public void refuseIfReplica(String what) {
        if (replicaOf != null) {
            throw replicaRefusal(what);
        }
    }

    private ReplicaWriteRefusedException replicaRefusal(String what) {
        return new ReplicaWriteRefusedException(
                "this Atlas is a read replica of " + replicaOf + ": it takes changes only"
                        + " from that change log, so " + what + " was refused; send writes to the writer");
    }

    /** Runs a read transaction and returns its result. */
    public <T> T read(Function<DatasetGraph, T> action) {
        return Txn.calculateRead(dsg, () -> action.apply(dsg));
    }

    /** The free-space check every write of this store makes first (default: reserve 64 MiB). */
    public DiskSpace diskSpace() {
        return diskSpace;
    }

    /** Sets the free-space check (the reserve is configurable: {@code --disk-reserve}). */
    public AtlasStore diskSpace(DiskSpace space) {
        this.diskSpace = Objects.requireNonNull(space, "space");
        return this;
    }

    /**
     * Runs a write ({@code action} makes its own transactions) after checking that about {@code bytes} fit on the
     * store's file system beside the reserve.
     *
     * @param what the write, in words ("the load", "the decision"), for messages
     * @throws InsufficientSpaceException before anything is touched, if the space is short
     * @throws StoreFaultedException if an earlier write had a storage fault
     * @throws StorageFaultException if this write has one; the store is then faulted
     */
    public <T> T write(String what, long bytes, Supplier<T> action) {
        refuseIfReplica(what);
        refuseIfFaulted();
        if (location != null) {
            diskSpace.require(what, List.of(new DiskSpace.Need(location, bytes)));
        }
        return write(what, action);
    }

    /**
     * Runs a write whose space the caller has checked; storage faults mark the store faulted (see the class). The
     * change log entries that writes through {@link #logged()} make give {@code what} as their cause.
     */
    public <T> T write(String what, Supplier<T> action) {
        refuseIfReplica(what);
        refuseIfFaulted();
        try {
            return logged == null ? action.get() : logged.because(what, action);
        } catch (RuntimeException | Error e) {
            throw faultOrRethrow(what, e);
        }
    }

    /**
     * Marks the store faulted if {@code e} is a storage fault and returns it described in words; otherwise rethrows
     * it as it is. For writers that manage their own transactions and catch their own failures.
     */
    public RuntimeException faultOrRethrow(String what, Throwable e) {
        if (!DiskSpace.isStorageFault(e)) {
            if (e instanceof RuntimeException r) {
                throw r;
            }
            throw (Error) e;
        }
        StorageFaultException described = DiskSpace.describe(what, location, e);
        if (location != null) {
            fault = described.getMessage();
            LOG.error("Storage fault; writes to {} are refused until it is reopened: {}", location, fault);
            LOG.debug("The storage fault in full", e);
        }
        return described;
    }

    /** Throws {@link StoreFaultedException} if an earlier write had a storage fault. */
    public void refuseIfFaulted() {
        String why = fault;
        if (why != null) {
            throw new StoreFaultedException("the store is not accepting writes since a storage fault (" + why
                    + "); free the space or fix the disk, then reopen the store (POST /admin/reopen) or restart");
        }
    }

    /** Why writes are refused, or null while the store is healthy. */
    public String fault() {
        return fault;
    }

    /** The store's state for {@code /health}: writable or faulted, and its use of the disk. */
    public record Health(boolean writable, String fault, long storeBytes, long freeBytes, long reserveBytes) {}

    /** The store's health now. */
    public Health health() {
        String why = fault;
        long used = location == null ? 0 : StoreFiles.usedBytes(location);
        long free = location == null ? 0 : DiskSpace.free(location);
        return new Health(why == null, why, used, free, diskSpace.reserve());
    }

    /**
     * Closes the store's files and opens them again, letting TDB2 recover from its journal, and accepts writes again:
     * the way back from a storage fault without a restart. Waits for running transactions to end; queries that start
     * meanwhile wait, then run on the reopened store.
     *
     * @throws StoreUnavailableException if the store cannot be opened again (it stays faulted)
     */
    public synchronized void reopen() {
        if (location == null || !(dsg instanceof DatasetGraphSwitchable switchable)) {
            fault = null;
            return;
        }
        String before = fault;
        fault = fault == null ? "the store is being reopened" : fault;
        DatasetGraph old = switchable.get();
        TransactionCoordinator coordinator = startExclusiveMode(old);
        Context context = old.getContext();
        try {
            TDBInternal.expel(dsg, true);
        } finally {
            if (coordinator != null) {
                try {
                    coordinator.finishExclusiveMode();
                } catch (RuntimeException e) {
                    LOG.debug("Finishing exclusive mode on the closed store", e);
                }
            }
        }
        try {
            connectAgain(switchable, context);
        } catch (RuntimeException e) {
            fault = "the store could not be reopened: " + e.getMessage();
            throw openFailure(location, e);
        }
        textIndex.reopen();
        textIndex.register(dsg);
        ensureTextIndexCurrent();
        fault = null;
        LOG.info("Reopened the store at {}{}", location, before == null ? "" : " after: " + before);
    }

    /**
     * Swaps a store built beside this one into its place while it is open and served (a read replica taking a snapshot
     * entry or bootstrapping from a release): waits for the running transactions to end (TDB2's exclusive mode; new
     * ones wait meanwhile), closes the files, lets {@code swap} move the old store and index aside and the new ones in
     * (crash-safe: its journal), then opens the new ones under this same object, so the server goes on with the new
     * data. Queries see the old data until the swap and the new after it, never a mix.
     *
     * @throws UncheckedIOException if the swap fails; this store is then opened again from what is at its path
     */
    public synchronized void replaceWith(StoreSwap swap, StoreSwap.Old old) {
        if (location == null || !(dsg instanceof DatasetGraphSwitchable switchable)) {
            throw new IllegalStateException("only a store on disk can be replaced");
        }
        DatasetGraph current = switchable.get();
        TransactionCoordinator coordinator = startExclusiveMode(current);
        Context context = current.getContext();
        try {
            textIndex.reopenAfter(() -> {
                TDBInternal.expel(dsg, true);
                try {
                    swap.commit(old);
                } finally {
                    connectAgain(switchable, context);
                }
            });
        } finally {
            if (coordinator != null) {
                try {
                    coordinator.finishExclusiveMode();
                } catch (RuntimeException e) {
                    LOG.debug("Finishing exclusive mode on the replaced store", e);
                }
            }
            textIndex.register(dsg);
        }
        ensureTextIndexCurrent();
        LOG.info("Swapped the store built in {} into {}", swap.building(), location);
    }

    /**
     * Waits for the running transactions on {@code storage} to end and holds new ones back (TDB2's exclusive mode);
     * returns the coordinator to finish it with, or null if {@code storage} is not TDB2's.
     */
    private static TransactionCoordinator startExclusiveMode(DatasetGraph storage) {
        TransactionCoordinator coordinator =
                storage instanceof DatasetGraphTDB tdb ? tdb.getTxnSystem().getTxnMgr() : null;
        if (coordinator != null) {
            coordinator.startExclusiveMode();
        }
        return coordinator;
    }

    /**
     * Connects the files at this store's location again and puts them under its dataset, with the settings of the
     * {@code context} it had (the text index's, the reorder's) and the union default graph.
     */
    private void connectAgain(DatasetGraphSwitchable switchable, Context context) {
        DatasetGraph fresh = ((DatasetGraphSwitchable) connect(location)).get();
        Context freshContext = fresh.getContext();
        context.keys().forEach(key -> freshContext.set(key, context.get(key)));
        switchable.set(fresh);
        freshContext.set(TDB2.symUnionDefaultGraph, true);
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
