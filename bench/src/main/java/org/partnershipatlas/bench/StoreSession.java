package org.partnershipatlas.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.apache.jena.dboe.transaction.txn.TransactionCoordinator;
import org.apache.jena.tdb2.sys.TDBInternal;
import org.partnershipatlas.endpoint.AtlasServer;
import org.partnershipatlas.endpoint.sparql.PublicQueryPolicy;
import org.partnershipatlas.gatekeeper.Gatekeeper;
import org.partnershipatlas.gatekeeper.GatekeeperConfig;
import org.partnershipatlas.loaders.store.AtlasStore;
import org.partnershipatlas.ontology.AtlasIris;
import org.partnershipatlas.queries.QueryCatalogue;

/**
 * The store the national benchmark measures, opened in this JVM, with the gatekeeper on it and, when asked for, an
 * Atlas server on loopback. The one thing the sections share that changes: {@link #reopen} closes the server and the
 * store and opens them again (a fresh TDB2 connection, empty caches) for a cold run.
 *
 * <pre>
 *   try (StoreSession session = new StoreSession(dir, catalogue, iris, 60)) {
 *       session.open();
 *       session.reopen(true);   // cold: new store connection, gatekeeper and server
 *       session.server().url();
 *   }
 * </pre>
 */
final class StoreSession implements AutoCloseable {
    private final Path storeDir;
    private final QueryCatalogue catalogue;
    private final AtlasIris iris;
    private final int budgetSeconds;
    private AtlasStore store;
    private Gatekeeper gatekeeper;
    private AtlasServer server;

    StoreSession(Path storeDir, QueryCatalogue catalogue, AtlasIris iris, int budgetSeconds) {
        this.storeDir = storeDir;
        this.catalogue = catalogue;
        this.iris = iris;
        this.budgetSeconds = budgetSeconds;
    }

    Path storeDir() {
        return storeDir;
    }

    /** Opens the store alone (no gatekeeper, no server). */
    void open() {
        if (store != null) {
            throw new IllegalStateException("the store is open");
        }
        store = AtlasStore.open(storeDir);
    }

    /** {@link #reopen(boolean, PublicQueryPolicy)} with the public endpoint's default policy. */
    void reopen(boolean withServer) {
        reopen(withServer, PublicQueryPolicy.defaults());
    }

    /**
     * Closes the server and the store and opens them again: a fresh TDB2 connection, empty caches, a new gatekeeper
     * and, {@code withServer}, a new server whose public endpoint follows {@code policy}.
     */
    void reopen(boolean withServer, PublicQueryPolicy policy) {
        stopServer();
        closeStore();
        store = AtlasStore.open(storeDir);
        gatekeeper = new Gatekeeper(store.datasetGraph(), catalogue, iris, GatekeeperConfig.defaults());
        if (withServer) {
            server = newServer(policy, true);
        }
    }

    /**
     * A new server on the open store (the caller stops it); {@code documentCache} false: without the document cache,
     * so every document it serves is rendered for the request.
     */
    AtlasServer newServer(PublicQueryPolicy policy, boolean documentCache) {
        AtlasServer.Builder builder = AtlasServer.builder(store())
                .port(0)
                .host("127.0.0.1")
                .queryTimeout(Duration.ofSeconds(budgetSeconds))
                .queryPolicy(policy);
        if (!documentCache) {
            builder.docCacheBytes(0);
        }
        return builder.build().start();
    }

    AtlasStore store() {
        if (store == null) {
            throw new IllegalStateException("the store is not open");
        }
        return store;
    }

    Gatekeeper gatekeeper() {
        if (gatekeeper == null) {
            throw new IllegalStateException("no gatekeeper: reopen the store first");
        }
        return gatekeeper;
    }

    AtlasServer server() {
        if (server == null) {
            throw new IllegalStateException("no server: reopen the store with one first");
        }
        return server;
    }

    @Override
    public void close() {
        try {
            stopServer();
        } finally {
            closeStore();
        }
    }

    private void stopServer() {
        if (server != null) {
            AtlasServer s = server;
            server = null;
            s.stop();
        }
    }

    /**
     * Closes the store once no transaction is active on it: the server may still be ending the transaction of a
     * request whose answer the client has read, and TDB2 refuses to release a store in use.
     */
    private void closeStore() {
        if (store == null) {
            return;
        }
        TransactionCoordinator txns = TDBInternal.getTransactionCoordinator(store.datasetGraph());
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(budgetSeconds + 30L);
        while (txns.countActive() > 0 && System.nanoTime() < deadline) {
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        AtlasStore s = store;
        store = null;
        gatekeeper = null;
        s.close();
    }
}
