package org.partnershipatlas.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;
import org.apache.commons.io.FileUtils;
import org.apache.jena.sparql.exec.QueryExec;
import org.partnershipatlas.endpoint.AtlasServer;
import org.partnershipatlas.endpoint.admin.AdminCredentials;
import org.partnershipatlas.loaders.LoadReport;
import org.partnershipatlas.loaders.Loader;
import org.partnershipatlas.loaders.store.AtlasStore;

/**
 * A real Atlas for a benchmark: a fresh TDB2 store in a temporary folder with the given sources loaded, served on a
 * free loopback port, with one admin ({@value #ADMIN}) whose password is {@link #password()}.
 */
final class BenchServer implements AutoCloseable {
    static final String ADMIN = "bench";

    private final Path dir;
    private final AtlasStore store;
    private final AtlasServer server;
    private final String password = Long.toHexString(Double.doubleToLongBits(Math.random()));

    BenchServer(Path sources, Duration queryTimeout, Consumer<AtlasServer.Builder> options) throws IOException {
        dir = Files.createTempDirectory("atlas-bench");
        store = AtlasStore.open(dir.resolve("tdb2"));
        LoadReport report = Loader.into(store).sources(List.of(sources)).run();
        if (!report.committed()) {
            throw new IllegalStateException("the sources did not load: " + report.violations());
        }
        Path admins = dir.resolve("admins");
        Files.writeString(admins, AdminCredentials.hash(ADMIN, password.toCharArray()) + "\n");
        AtlasServer.Builder builder = AtlasServer.builder(store)
                .port(0)
                .queryTimeout(queryTimeout)
                .admins(AdminCredentials.read(admins))
                .sources(sources)
                .dumps(dir.resolve("dumps"));
        options.accept(builder);
        server = builder.build().start();
    }

    String url() {
        return server.url();
    }

    String sparqlUrl() {
        return server.sparqlUrl();
    }

    String password() {
        return password;
    }

    AtlasStore store() {
        return store;
    }

    /** The IRIs of the instances of a class (pa: local name), in the store. */
    List<String> instances(String paClass) {
        String q = "SELECT ?s { ?s a <https://w3id.org/partnership-atlas/def#" + paClass + "> } ORDER BY ?s";
        return store.read(dsg -> {
            List<String> out = new java.util.ArrayList<>();
            QueryExec.dataset(dsg)
                    .query(q)
                    .select()
                    .forEachRemaining(row -> out.add(row.get("s").getURI()));
            return out;
        });
    }

    @Override
    public void close() throws IOException {
        server.stop();
        store.close();
        FileUtils.deleteDirectory(dir.toFile());
        FileUtils.deleteDirectory(AtlasStore.textDirectory(dir.resolve("tdb2")).toFile());
    }
}
