package org.partnershipatlas.cli;

import java.nio.file.Path;
import java.util.function.UnaryOperator;
import org.partnershipatlas.endpoint.AtlasServer;
import org.partnershipatlas.loaders.store.AtlasStore;

/**
 * A store served by an {@link AtlasServer} on a free port, for one test of commands that talk to a running Atlas
 * (the endpoint module's {@code AtlasFixture} is not published to this module). Closing stops the server and then
 * closes the store, even if stopping throws.
 *
 * <pre>
 *   try (ServedAtlas atlas = ServedAtlas.open(dir.resolve("tdb2"), b -&gt; b.admins(admins))) {
 *       atlas("backup", "--server", atlas.server().url(), ...);
 *   }
 * </pre>
 */
final class ServedAtlas implements AutoCloseable {
    private final AtlasStore store;
    private final AtlasServer server;

    private ServedAtlas(AtlasStore store, AtlasServer server) {
        this.store = store;
        this.server = server;
    }

    /** Opens the store at {@code location} and serves it with the builder as {@code configure} leaves it. */
    static ServedAtlas open(Path location, UnaryOperator<AtlasServer.Builder> configure) {
        AtlasStore store = AtlasStore.open(location);
        try {
            return new ServedAtlas(
                    store,
                    configure.apply(AtlasServer.builder(store).port(0)).build().start());
        } catch (RuntimeException | Error e) {
            store.close();
            throw e;
        }
    }

    AtlasStore store() {
        return store;
    }

    AtlasServer server() {
        return server;
    }

    @Override
    public void close() {
        try {
            server.stop();
        } finally {
            store.close();
        }
    }
}
