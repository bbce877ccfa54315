package org.partnershipatlas.loaders;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.sun.net.httpserver.HttpServer;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.jena.sparql.util.FmtUtils;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.partnershipatlas.loaders.store.AtlasStore;
import org.partnershipatlas.ontology.AtlasIris;

/**
 * A corpus of malformed and hostile sources ({@code hostile/}), each loaded on its own into a real TDB2 store that
 * already holds the fixture. Every one must be refused with a message that names the file and says what was wrong
 * ({@code hostile/EXPECTED.tsv} gives phrases the message must contain), and must leave the store as it was.
 * Nothing may make the loader fetch anything: a local HTTP server, whose address the corpus files refer to as
 * {@code {{SERVER}}}, must see no request. Enormous and deeply nested inputs are generated here rather than kept.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HostileInputTest {
    static final String CORPUS = "/org/partnershipatlas/loaders/hostile/";
    static final String EXPECTED = "EXPECTED.tsv";
    static final String PLACEHOLDER = "{{SERVER}}";
    static final int MINIMUM_CORPUS = 50;

    Path dir;
    Path fixture;
    AtlasStore store;
    List<String> before;
    HttpServer server;
    final AtomicInteger requests = new AtomicInteger();
    int cases;

    @BeforeAll
    void loadFixtureAndStartServer(@TempDir Path tempDir) throws IOException {
        dir = tempDir;
        fixture = FixtureSources.copy(dir);
        openStoreWithFixture();

        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            requests.incrementAndGet();
            byte[] body = "{\"@context\": {}}".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
    }

    /** A fresh on-disk store holding the fixture, and its snapshot. */
    void openStoreWithFixture() {
        if (store != null) {
            store.close();
        }
        store = AtlasStore.open(dir.resolve("tdb2-" + ++cases));
        LoadReport report = Loader.into(store)
                .iris(AtlasIris.DEFAULT)
                .sources(List.of(fixture))
                .run();
        assertThat(report.committed()).isTrue();
        before = snapshot();
        assertThat(before).isNotEmpty();
    }

    @AfterAll
    void stop() {
        if (server != null) {
            server.stop(0);
        }
        if (store != null) {
            store.close();
        }
    }

    @Test
    void corpusAndExpectationsMatch() throws IOException {
        Map<String, List<String>> expected = expectations();
        List<String> files = corpusFiles().map(p -> p.getFileName().toString()).toList();
        assertThat(files).hasSizeGreaterThanOrEqualTo(MINIMUM_CORPUS);
        assertThat(expected.keySet()).containsExactlyInAnyOrderElementsOf(files);
        assertThat(expected.values())
                .allSatisfy(phrases -> assertThat(phrases)
                        .isNotEmpty()
                        .allSatisfy(phrase -> assertThat(phrase).isNotBlank()));
    }

    @TestFactory
    Stream<DynamicTest> everyCorpusFileIsRefusedClearlyAndChangesNothing() throws IOException {
        Map<String, List<String>> expected = expectations();
        return corpusFiles().map(file -> {
            String name = file.getFileName().toString();
            return DynamicTest.dynamicTest(name, () -> assertRefused(copyWithServer(file), expected.get(name)));
        });
    }

    @Test
    void enormousCsvCellIsRefused() throws IOException {
        Path file = caseDir("enormous-cell").resolve("enormous-cell.localities.csv");
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            w.write("id,name,gss_code,authority_type,source\nbarking,\"");
            repeat(w, "Barking and Dagenham ", 1_000_000);
            w.write("\",E09000002,london-borough,\n");
        }
        assertRefused(file, "line 2", "a line of at most 1,000,000 characters");
    }

    @Test
    void enormousTurtleLineIsRefused() throws IOException {
        Path file = caseDir("enormous-line").resolve("enormous-line.ttl");
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            w.write("@prefix skos: <http://www.w3.org/2004/02/skos/core#> .\n<id/x> skos:note \"");
            repeat(w, "na ", 7_000_000);
            w.write("\" .\n");
        }
        assertRefused(file, "line 2", "a line of at most 1,000,000 characters");
    }

    @Test
    void deeplyNestedBlankNodesAreRefused() throws IOException {
        Path file = caseDir("deep-blank-nodes").resolve("deep-blank-nodes.ttl");
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            w.write("@prefix skos: <http://www.w3.org/2004/02/skos/core#> .\n<id/x> skos:related ");
            repeat(w, "[ skos:related\n", 100_000);
            w.write("<id/y>");
            repeat(w, " ]", 100_000);
            w.write(" .\n");
        }
        assertRefused(file, "nested inside each other too deeply");
    }

    @Test
    void deeplyNestedCollectionsAreRefused() throws IOException {
        Path file = caseDir("deep-collections").resolve("deep-collections.ttl");
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            w.write("@prefix skos: <http://www.w3.org/2004/02/skos/core#> .\n<id/x> skos:related ");
            repeat(w, "( ", 100_000);
            repeat(w, ") ", 100_000);
            w.write(".\n");
        }
        assertRefused(file, "nested inside each other too deeply");
    }

    @Test
    void deeplyNestedJsonLdIsRefused() throws IOException {
        Path file = caseDir("deep-json-ld").resolve("deep-json-ld.jsonld");
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            w.write("{\"@id\": \"http://example.org/x\", \"http://example.org/p\": ");
            repeat(w, "{\"http://example.org/p\": ", 100_000);
            w.write("\"x\"");
            repeat(w, "}", 100_000);
            w.write("}\n");
        }
        assertRefused(file, "nested inside each other too deeply");
    }

    /** A DOCTYPE that names an external DTD (here on the local server) is refused, and nothing is fetched. */
    @Test
    void externalDtdIsRefusedAndNotFetched() throws IOException {
        Path file = caseDir("external-dtd").resolve("external-dtd.rdf");
        Files.writeString(
                file,
                "<?xml version=\"1.0\"?>\n<!DOCTYPE rdf:RDF PUBLIC \"-//EVIL//DTD\" \"" + serverAddress()
                        + "/evil.dtd\">\n<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\""
                        + " xmlns:ex=\"http://example.org/\"><rdf:Description rdf:about=\"http://example.org/x\">"
                        + "<ex:p>x</ex:p></rdf:Description></rdf:RDF>\n",
                StandardCharsets.UTF_8);
        assertRefused(file, "external DTD");
        assertThat(requests).hasValue(0);
    }

    /** Loads one file into the store; it must be refused, clearly, and change nothing. */
    void assertRefused(Path file, String... phrases) {
        assertRefused(file, List.of(phrases));
    }

    void assertRefused(Path file, List<String> phrases) {
        String name = file.getFileName().toString();
        String message;
        try {
            LoadReport report = Loader.into(store)
                    .iris(AtlasIris.DEFAULT)
                    .sources(List.of(file))
                    .run();
            if (report.committed()) {
                // Put the fixture back so that one accepted file does not fail every case after it.
                openStoreWithFixture();
                fail("%s was accepted: %s", name, report.sources());
            }
            assertThat(report.violations()).isNotEmpty();
            message = report.violations().stream().map(LoadProblem::toString).collect(Collectors.joining("\n"));
        } catch (LoadException e) {
            message = e.getMessage();
        } catch (RuntimeException | StackOverflowError e) {
            throw new AssertionError(name + " should fail with a LoadException, not " + e, e);
        }
        assertThat(message).as("the message names the file").contains(name);
        String lower = message.toLowerCase(Locale.ROOT);
        assertThat(phrases)
                .as("the message for %s says what was wrong: %s", name, message)
                .allSatisfy(phrase -> assertThat(lower).contains(phrase.toLowerCase(Locale.ROOT)));
        assertThat(snapshot()).as("the store after %s", name).isEqualTo(before);
        assertThat(requests).as("requests to the local server").hasValue(0);
    }

    List<String> snapshot() {
        return store.read(
                dsg -> dsg.stream().map(FmtUtils::stringForQuad).sorted().toList());
    }

    Path caseDir(String name) {
        try {
            return Files.createDirectories(dir.resolve("cases").resolve(name + "-" + ++cases));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Copies a corpus file into a directory of its own, putting the local server's address for the placeholder. */
    Path copyWithServer(Path file) throws IOException {
        Path copy = caseDir(file.getFileName().toString()).resolve(file.getFileName());
        // Latin-1 maps bytes to chars one to one, so files in any encoding are copied byte for byte.
        String text = Files.readString(file, StandardCharsets.ISO_8859_1);
        Files.writeString(copy, text.replace(PLACEHOLDER, serverAddress()), StandardCharsets.ISO_8859_1);
        return copy;
    }

    String serverAddress() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    static Path corpusDirectory() {
        try {
            return Path.of(HostileInputTest.class.getResource(CORPUS).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static Stream<Path> corpusFiles() throws IOException {
        try (Stream<Path> list = Files.list(corpusDirectory())) {
            return list.filter(p -> !p.getFileName().toString().equals(EXPECTED)).sorted().toList().stream();
        }
    }

    /** File name, then one or more phrases the message must contain (any case), separated by tabs. */
    static Map<String, List<String>> expectations() throws IOException {
        Map<String, List<String>> expected = new LinkedHashMap<>();
        for (String line : Files.readAllLines(corpusDirectory().resolve(EXPECTED), StandardCharsets.UTF_8)) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            List<String> parts = List.of(line.split("\t"));
            assertThat(parts).as("EXPECTED.tsv line: %s", line).hasSizeGreaterThan(1);
            assertThat(expected.put(parts.get(0), parts.subList(1, parts.size())))
                    .as("duplicate line for %s", parts.get(0))
                    .isNull();
        }
        return expected;
    }

    static void repeat(Writer w, String text, int times) throws IOException {
        BufferedWriter buffered = w instanceof BufferedWriter b ? b : new BufferedWriter(w);
        for (int i = 0; i < times; i++) {
            buffered.write(text);
        }
        buffered.flush();
    }
}
