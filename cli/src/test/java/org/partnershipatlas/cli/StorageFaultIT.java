package org.partnershipatlas.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.Writer;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.commons.io.FileUtils;
import org.apache.jena.sparql.core.Quad;
import org.apache.jena.sparql.util.FmtUtils;
import org.apache.jena.system.Txn;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.partnershipatlas.endpoint.AtlasServer;
import org.partnershipatlas.endpoint.admin.AdminCredentials;
import org.partnershipatlas.loaders.Loader;
import org.partnershipatlas.loaders.backup.Backups;
import org.partnershipatlas.loaders.dumps.DumpManifest;
import org.partnershipatlas.loaders.dumps.DumpWriter;
import org.partnershipatlas.loaders.store.AtlasStore;
import org.partnershipatlas.loaders.store.DiskSpace;
import org.partnershipatlas.loaders.store.StorageFaultException;
import org.partnershipatlas.ontology.AtlasIris;

/**
 * Storage faults on real, small file systems (tmpfs mounts; {@link SmallDisk}, root needed): a full disk during a
 * load (CLI, transactional and bulk), an upload and a reload (server), a release and a backup; the free-space check
 * refusing before anything is touched; a read-only remount; a damaged store at start. Each time the store opens
 * afterwards and holds exactly its last commit (compared quad by quad), the answer says what happened in words, and
 * after a fault the server refuses writes until it is reopened.
 */
class StorageFaultIT {
    static final String PASSWORD = "storage-fault-test-password";

    @TempDir
    static Path shared;

    /** The sample data loaded once; each test copies it onto its own small disk. */
    static Path sampleStore;
    /** Its quads, sorted: the state every failed write must leave. */
    static List<String> sampleQuads;
    /** 3 MB of valid N-Triples that take about 7 MB of store: more than a 16 MB disk holding the sample has free. */
    static Path filler;
    /** A small valid source. */
    static Path extra;

    @TempDir
    Path dir;

    @BeforeAll
    static void sampleStoreAndSources() throws IOException {
        sampleStore = shared.resolve("sample/tdb2");
        try (AtlasStore store = AtlasStore.open(sampleStore)) {
            assertThat(Loader.into(store)
                            .sources(List.of(Path.of(System.getProperty("atlas.data.dir"))))
                            .run()
                            .committed())
                    .isTrue();
            sampleQuads = store.read(StorageFaultIT::sortedQuads);
        }
        filler = shared.resolve("filler.nt");
        try (Writer out = Files.newBufferedWriter(filler, StandardCharsets.UTF_8)) {
            for (int i = 0; i < 20_000; i++) {
                out.write("<urn:atlas-test:filler/" + i + "> <http://www.w3.org/2000/01/rdf-schema#comment> \"Filler"
                        + " record " + i + " of a source that does not fit on the small disk, " + (i * 7919L)
                        + "\" .\n");
            }
        }
        extra = shared.resolve("extra.nt");
        try (Writer out = Files.newBufferedWriter(extra, StandardCharsets.UTF_8)) {
            for (int i = 0; i < 10; i++) {
                out.write("<urn:atlas-test:extra/" + i + "> <http://www.w3.org/2000/01/rdf-schema#comment> \"Extra " + i
                        + "\" .\n");
            }
        }
    }

    // ---- CLI loads ----

    @Test
    void aTransactionalLoadThatFillsTheDiskFailsInWordsAndLeavesTheStoreAsItWas() throws Exception {
        try (SmallDisk disk = SmallDisk.mount(dir.resolve("disk"), "16m")) {
            Path store = sampleStoreOn(disk);
            Run load =
                    atlas("load", "--store", store.toString(), "--disk-reserve", "0", "--no-dumps", filler.toString());
            assertThat(load.code).as(load.output).isEqualTo(ExitCodes.STORAGE_FAULT);
            assertThat(load.output)
                    .contains("the load failed: the disk holding " + store.toAbsolutePath() + " is full")
                    .contains("The store is as it was at its last commit");
            assertNoJavaNames(load.output.replaceAll("(?m)^.*(ERROR|WARN) .*$", ""));
            assertThat(quads(store)).isEqualTo(sampleQuads);

            // The same load succeeds once there is room.
            disk.resize("200m");
            Run again = atlas("load", "--store", store.toString(), "--no-dumps", filler.toString());
            assertThat(again.code).as(again.output).isEqualTo(ExitCodes.OK);
            assertThat(quads(store)).hasSizeGreaterThan(sampleQuads.size() + 20_000);
        }
    }

    @Test
    void aBulkLoadThatFillsTheDiskDeletesTheStoreItWasBuildingAndKeepsTheOld() throws Exception {
        // Room for the free-space check to let the load start (the sample store, with its text index and
        // whole-store statistics, needs about 10.4 MB for a bulk load; 18m left no margin once), not for the filler.
        // The release a bulk load writes goes to another disk (--releases), so the store's disk is what fills.
        try (SmallDisk disk = SmallDisk.mount(dir.resolve("disk"), "20m")) {
            Path store = sampleStoreOn(disk);
            List<String> folders = folders(disk.path());
            Run load = atlas(
                    "load",
                    "--store",
                    store.toString(),
                    "--loader",
                    "phased",
                    "--releases",
                    dir.resolve("releases").toString(),
                    "--disk-reserve",
                    "0",
                    "--no-dumps",
                    System.getProperty("atlas.data.dir"),
                    filler.toString());
            assertThat(load.code).as(load.output).isEqualTo(ExitCodes.STORAGE_FAULT);
            assertThat(load.output)
                    .contains("is full")
                    .contains("was deleted, and the store at " + store + " is as it was");
            assertThat(folders(disk.path()))
                    .as("no half-built store left behind")
                    .isEqualTo(folders);
            assertThat(quads(store)).isEqualTo(sampleQuads);
        }
    }

    @Test
    void theFreeSpaceCheckRefusesALoadAndAnUploadBeforeAnyFileChanges() throws Exception {
        try (SmallDisk disk = SmallDisk.mount(dir.resolve("disk"), "16m")) {
            Path store = disk.resolve("tdb2");
            copySample(store); // with the growth the sample load measured: 21 bytes of store per source byte
            List<String> before = disk.listing();

            Run load = atlas("load", "--store", store.toString(), filler.toString());
            assertThat(load.code).as(load.output).isEqualTo(ExitCodes.NO_SPACE);
            assertThat(load.output)
                    .containsPattern("not enough disk space on " + store.toAbsolutePath()
                            + " for the load: about [0-9.]+ MB needed, [0-9.]+ MB free, reserve 64.0 MB;"
                            + " nothing was changed");
            assertThat(disk.listing()).isEqualTo(before);

            try (AtlasStore opened = AtlasStore.open(store);
                    Server server = new Server(opened, disk.resolve("backups"), null)) {
                List<String> opening = disk.listing();
                HttpResponse<String> upload = server.post("admin/sources/filler.nt", Files.readAllBytes(filler));
                assertThat(upload.statusCode()).as(upload.body()).isEqualTo(507);
                assertThat(upload.body()).contains("not enough disk space on").contains("nothing was changed");
                assertNoJavaNames(upload.body());
                assertThat(disk.listing()).isEqualTo(opening);
                assertThat(server.get("ready").statusCode())
                        .as("a refusal is not a fault")
                        .isEqualTo(200);
            }
            assertThat(quads(store)).isEqualTo(sampleQuads);
        }
    }

    // ---- The server ----

    @Test
    void afterAStorageFaultTheServerRefusesWritesUntilItIsReopenedThenAcceptsThem() throws Exception {
        try (SmallDisk disk = SmallDisk.mount(dir.resolve("disk"), "16m")) {
            Path store = sampleStoreOn(disk);
            try (AtlasStore opened = AtlasStore.open(store).diskSpace(DiskSpace.reserving(0));
                    Server server = new Server(opened, disk.resolve("backups"), null)) {
                HttpResponse<String> first = server.post("admin/sources/filler.nt", Files.readAllBytes(filler));
                assertThat(first.statusCode()).as(first.body()).isEqualTo(507);
                assertThat(first.body())
                        .contains("the disk holding")
                        .contains("is full")
                        .contains("requestId");
                assertNoJavaNames(first.body());

                HttpResponse<String> ready = server.get("ready");
                assertThat(ready.statusCode()).isEqualTo(503);
                assertThat(ready.body()).contains("\"faulted\"").contains("is full");
                HttpResponse<String> health = server.get("health");
                assertThat(health.statusCode()).isEqualTo(200);
                assertThat(health.body()).contains("\"writable\" : false");

                // A second write is refused at once, before it reads its body; reads go on from the last commit.
                HttpResponse<String> second = server.post("admin/sources/extra.nt", Files.readAllBytes(extra));
                assertThat(second.statusCode()).as(second.body()).isEqualTo(503);
                assertThat(second.body()).contains("not accepting writes since a storage fault");
                assertThat(server.countQuads()).isEqualTo(sampleQuads.size());

                // Space freed: still refused until the store is reopened.
                disk.resize("200m");
                assertThat(server.post("admin/sources/extra.nt", Files.readAllBytes(extra))
                                .statusCode())
                        .isEqualTo(503);
                assertThat(server.post("admin/reload", new byte[0]).statusCode())
                        .isEqualTo(503);

                HttpResponse<String> reopen = server.post("admin/reopen", new byte[0]);
                assertThat(reopen.statusCode()).as(reopen.body()).isEqualTo(200);
                assertThat(reopen.body()).contains("\"writable\" : true").contains("previousFault");
                assertThat(server.get("ready").statusCode()).isEqualTo(200);
                assertThat(opened.read(StorageFaultIT::sortedQuads)).isEqualTo(sampleQuads);

                HttpResponse<String> third = server.post("admin/sources/extra.nt", Files.readAllBytes(extra));
                assertThat(third.statusCode()).as(third.body()).isEqualTo(200);
                assertThat(server.countQuads()).isGreaterThan(sampleQuads.size() + 10);
            }
            // Restarted: the store opens and holds the sample data and the accepted upload.
            List<String> after = quads(store);
            assertThat(after)
                    .filteredOn(q -> q.contains("urn:atlas-test:extra/"))
                    .hasSize(10);
            assertThat(after)
                    .filteredOn(q -> q.contains("urn:atlas-test:filler/"))
                    .isEmpty();
            assertThat(after).containsAll(dataQuads(sampleQuads));
        }
    }

    @Test
    void aReloadThatFillsTheDiskLeavesAStoreThatOpensAfterARestartAsItWas() throws Exception {
        Path sources = dir.resolve("sources");
        FileUtils.copyDirectory(Path.of(System.getProperty("atlas.data.dir")).toFile(), sources.toFile());
        Files.copy(filler, sources.resolve("filler.nt"));
        try (SmallDisk disk = SmallDisk.mount(dir.resolve("disk"), "16m")) {
            Path store = sampleStoreOn(disk);
            try (AtlasStore opened = AtlasStore.open(store).diskSpace(DiskSpace.reserving(0));
                    Server server = new Server(opened, disk.resolve("backups"), sources)) {
                HttpResponse<String> reload = server.post("admin/reload", new byte[0]);
                assertThat(reload.statusCode()).as(reload.body()).isEqualTo(507);
                assertThat(reload.body()).contains("is full");
                assertThat(server.post("admin/reload", new byte[0]).statusCode())
                        .isEqualTo(503);
            }
            // A restart, with no reopen in between: the store opens and equals its state before the failed write.
            assertThat(quads(store)).isEqualTo(sampleQuads);
            Run query = atlas("query", "--store", store.toString(), "--sparql", "ASK { ?s ?p ?o }");
            assertThat(query.code).as(query.output).isZero();
        }
    }

    // ---- Releases and backups ----

    @Test
    void aReleaseOrABackupThatFillsTheDiskLeavesNothingHalfWrittenAndThePreviousReleaseServed() throws Exception {
        try (AtlasStore memory = AtlasStore.inMemory();
                SmallDisk disk = SmallDisk.mount(dir.resolve("disk"), "2m")) {
            memory.diskSpace(DiskSpace.reserving(0));
            Path dumps = disk.resolve("dumps");
            // A previous release: of an empty store, a few kilobytes.
            DumpManifest previous = new DumpWriter(memory, AtlasIris.DEFAULT).write(dumps);
            copyQuads(sampleStore, memory);
            disk.fillLeaving(300 << 10);

            // An in-memory store has no measured size, so the estimate is the previous release's: the check passes
            // and the write meets the full disk.
            assertThatThrownBy(() -> new DumpWriter(memory, AtlasIris.DEFAULT).write(dumps))
                    .isInstanceOf(StorageFaultException.class)
                    .hasMessageContaining("is full")
                    .hasMessageContaining("the previous one is still in place");
            assertThat(DumpManifest.read(dumps).orElseThrow().dataVersion()).isEqualTo(previous.dataVersion());
            try (Stream<Path> left = Files.list(disk.path())) {
                assertThat(left.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("dumps", "ballast");
            }

            Path backups = disk.resolve("backups");
            disk.unfill();
            disk.fillLeaving(120 << 10);
            assertThatThrownBy(() -> Backups.write(memory, backups))
                    .isInstanceOf(StorageFaultException.class)
                    .hasMessageContaining("is full")
                    .hasMessageContaining("no backup file was left behind");
            try (Stream<Path> left = Files.list(backups)) {
                assertThat(left).isEmpty();
            }
        }

        // The CLI and the server check first: a store's backup into a disk too small is refused before writing.
        try (SmallDisk disk = SmallDisk.mount(dir.resolve("small"), "1m")) {
            Path store = dir.resolve("tdb2");
            copySample(store);
            Run backup = atlas(
                    "backup",
                    "--store",
                    store.toString(),
                    "--out",
                    disk.resolve("backups").toString());
            assertThat(backup.code).as(backup.output).isEqualTo(ExitCodes.NO_SPACE);
            assertThat(backup.output).contains("not enough disk space on").contains("for the backup");
            Run dump = atlas(
                    "dump",
                    "--store",
                    store.toString(),
                    "--dumps",
                    disk.resolve("dumps").toString());
            assertThat(dump.code).as(dump.output).isEqualTo(ExitCodes.NO_SPACE);
            assertThat(dump.output).contains("for the release");
            try (AtlasStore opened = AtlasStore.open(store);
                    Server server = new Server(opened, disk.resolve("backups"), null)) {
                HttpResponse<String> online = server.post("admin/backup", new byte[0]);
                assertThat(online.statusCode()).as(online.body()).isEqualTo(507);
                assertThat(online.body()).contains("for the backup");
                assertThat(server.get("ready").statusCode()).isEqualTo(200);
            }
            try (Stream<Path> left = Files.walk(disk.path())) {
                assertThat(left.filter(Files::isRegularFile)).isEmpty();
            }
        }
    }

    // ---- Read-only and damaged stores ----

    @Test
    void aReadOnlyFileSystemIsNamedAndNothingLoops() throws Exception {
        try (SmallDisk disk = SmallDisk.mount(dir.resolve("disk"), "16m")) {
            Path store = sampleStoreOn(disk);
            disk.readOnly();
            Run serve = atlas(60, "serve", "--store", store.toString(), "--port", "0");
            assertThat(serve.code).as(serve.output).isEqualTo(ExitCodes.STORAGE_FAULT);
            assertThat(serve.output).contains("its file system is read-only");
            Run load = atlas("load", "--store", store.toString(), extra.toString());
            assertThat(load.code).as(load.output).isEqualTo(ExitCodes.STORAGE_FAULT);
            assertThat(load.output).contains("read-only");
            disk.readWrite();
            assertThat(quads(store)).isEqualTo(sampleQuads);
        }
    }

    @Test
    void aDamagedStoreIsRefusedAtStartWithTheRestoreCommandThatBringsItBack() throws Exception {
        Path store = dir.resolve("tdb2");
        copySample(store);
        try (AtlasStore opened = AtlasStore.open(store)) {
            Backups.write(opened, dir.resolve("backups"));
        }
        Path newest = Backups.list(dir.resolve("backups")).get(0);
        Path data = store.resolve("Data-0001");

        for (String damage : List.of("truncated", "removed")) {
            if (damage.equals("truncated")) {
                try (var channel = Files.newByteChannel(data.resolve("GSPO.dat"), StandardOpenOption.WRITE)) {
                    channel.truncate(8192);
                }
            } else {
                Files.delete(data.resolve("nodes-data.obj"));
            }
            Run serve = atlas(60, "serve", "--store", store.toString(), "--port", "0");
            assertThat(serve.code).as(damage + ": " + serve.output).isEqualTo(ExitCodes.STORE_DAMAGED);
            assertThat(serve.output)
                    .contains("is damaged")
                    .contains("The newest backup is " + newest)
                    .contains("atlas restore --store " + store + " " + newest);

            Run restore = atlas("restore", "--store", store.toString(), newest.toString());
            assertThat(restore.code).as(restore.output).isZero();
            // All the data back; only the change log's head moves on, to the restore's snapshot entry.
            assertThat(withoutHead(quads(store))).isEqualTo(withoutHead(sampleQuads));
        }
    }

    // ---- Helpers ----

    /** The sample store copied onto the disk, with a growth figure far too low, so the check lets loads through. */
    private static Path sampleStoreOn(SmallDisk disk) throws IOException, InterruptedException {
        Path store = disk.resolve("tdb2");
        copySample(store);
        Files.writeString(store.resolve("atlas-growth.properties"), "bytesPerSourceByte=1\n");
        return store;
    }

    /** Copies the sample store and its text index, sparse: TDB2's mapped files are mostly holes. */
    private static void copySample(Path store) throws IOException, InterruptedException {
        Files.createDirectories(store.getParent());
        for (Path[] fromTo : List.of(
                new Path[] {sampleStore, store},
                new Path[] {AtlasStore.textDirectory(sampleStore), AtlasStore.textDirectory(store)})) {
            Process cp = new ProcessBuilder("cp", "-a", "--sparse=always", fromTo[0].toString(), fromTo[1].toString())
                    .redirectErrorStream(true)
                    .start();
            String output = new String(cp.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(cp.waitFor()).as(output).isZero();
        }
    }

    private static void copyQuads(Path from, AtlasStore to) {
        try (AtlasStore source = AtlasStore.open(from)) {
            List<Quad> all = source.read(dsg -> {
                try (Stream<Quad> s = dsg.stream()) {
                    return s.toList();
                }
            });
            Txn.executeWrite(to.datasetGraph(), () -> all.forEach(to.datasetGraph()::add));
        }
    }

    static List<String> sortedQuads(org.apache.jena.sparql.core.DatasetGraph dsg) {
        try (Stream<Quad> s = dsg.stream()) {
            return s.map(FmtUtils::stringForQuad).sorted().toList();
        }
    }

    /** The store's quads, opened afresh (as after a restart). */
    /** The quads but the change log's, whose head a restore moves to its snapshot entry. */
    private static List<String> withoutHead(List<String> quads) {
        String changeLog = "<" + AtlasIris.CHANGE_LOG_GRAPH.getURI() + ">";
        return quads.stream().filter(q -> !q.startsWith(changeLog)).toList();
    }

    private static List<String> quads(Path store) {
        try (AtlasStore opened = AtlasStore.open(store)) {
            return opened.read(StorageFaultIT::sortedQuads);
        }
    }

    /**
     * The quads of the source graphs: not the provenance of loads, which a later load adds to, nor the change log's
     * head, which a later load moves on.
     */
    private static List<String> dataQuads(List<String> quads) {
        String changeLog = "<" + AtlasIris.CHANGE_LOG_GRAPH.getURI() + ">";
        return quads.stream()
                // The provenance and the whole-store statistics describe every write, so an upload changes them.
                .filter(q -> !q.contains("/graph/provenance>")
                        && !q.contains("/graph/store-statistics>")
                        && !q.startsWith(changeLog))
                .toList();
    }

    private static List<String> folders(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    private static void assertNoJavaNames(String text) {
        assertThat(text).doesNotContainPattern("java\\.|jakarta\\.|org\\.apache\\.|Exception|InternalError");
    }

    record Run(int code, String output) {}

    /** Runs {@code atlas} from the built jar in a process of its own. */
    private Run atlas(String... args) throws IOException, InterruptedException {
        return atlas(180, args);
    }

    private Run atlas(int seconds, String... args) throws IOException, InterruptedException {
        List<String> command = AtlasJar.command(args);
        Path output = Files.createTempFile(dir, "atlas", ".out");
        Process p = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(output.toFile())
                .start();
        if (!p.waitFor(seconds, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("atlas " + String.join(" ", args) + " did not end within " + seconds + " s:\n"
                    + Files.readString(output));
        }
        return new Run(p.exitValue(), Files.readString(output));
    }

    /** An Atlas server on a store, with an admin, in this process. */
    static final class Server implements AutoCloseable {
        final AtlasServer server;
        final HttpClient http = HttpClient.newHttpClient();
        final String auth =
                "Basic " + Base64.getEncoder().encodeToString(("admin:" + PASSWORD).getBytes(StandardCharsets.UTF_8));

        Server(AtlasStore store, Path backups, Path sources) throws IOException {
            Path credentials = Files.createTempFile("admins", ".txt");
            Files.writeString(credentials, AdminCredentials.hash("admin", PASSWORD.toCharArray()) + "\n");
            AtlasServer.Builder builder = AtlasServer.builder(store)
                    .port(0)
                    .admins(AdminCredentials.read(credentials))
                    .backups(backups)
                    .maxUploadBytes(64L << 20);
            if (sources != null) {
                builder.sources(sources);
            }
            server = builder.build().start();
            Files.delete(credentials);
        }

        HttpResponse<String> post(String path, byte[] body) throws IOException, InterruptedException {
            return http.send(
                    HttpRequest.newBuilder(URI.create(server.url() + path))
                            .header("Authorization", auth)
                            .header("Accept", "application/json")
                            .timeout(Duration.ofSeconds(120))
                            .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
        }

        HttpResponse<String> get(String path) throws IOException, InterruptedException {
            return http.send(
                    HttpRequest.newBuilder(URI.create(server.url() + path))
                            .timeout(Duration.ofSeconds(30))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
        }

        long countQuads() throws IOException, InterruptedException {
            String query = "SELECT (COUNT(*) AS ?n) { GRAPH ?g { ?s ?p ?o } }";
            HttpResponse<String> r = http.send(
                    HttpRequest.newBuilder(URI.create(
                                    server.sparqlUrl() + "?query=" + URLEncoder.encode(query, StandardCharsets.UTF_8)))
                            .header("Accept", "text/csv")
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
            return Long.parseLong(
                    r.body().lines().skip(1).findFirst().orElseThrow().strip());
        }

        @Override
        public void close() {
            server.stop();
        }
    }
}
