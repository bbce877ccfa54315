package org.partnershipatlas.endpoint;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.partnershipatlas.loaders.store.AtlasStore;
import org.partnershipatlas.ontology.AtlasIris;

/**
 * The endpoint as users reach it, with clients nobody on this project wrote: Python's SPARQLWrapper with its
 * default settings and rdflib (Debian's python3-sparqlwrapper and python3-rdflib, under Debian's own
 * /usr/bin/python3), curl, and Jena's rsparql.
 */
class ClientsIT {
    static final String PYTHON = "/usr/bin/python3";

    @TempDir
    static Path dir;

    static AtlasStore store;
    static AtlasServer server;
    static int partnerships;
    static int localities;

    @BeforeAll
    static void start() throws IOException {
        store = SampleData.loadInto(dir.resolve("tdb2"));
        server = AtlasServer.builder(store).port(0).build().start();
        partnerships = SampleData.rows("partnerships.csv").size();
        localities = SampleData.rows("localities.csv").size();
    }

    @AfterAll
    static void stop() {
        server.stop();
        store.close();
    }

    record Run(int exit, String out, String err) {}

    static Run run(List<String> command) throws IOException, InterruptedException {
        Path out = Files.createTempFile(dir, "out", ".txt");
        Path err = Files.createTempFile(dir, "err", ".txt");
        Process p = new ProcessBuilder(command)
                .redirectOutput(out.toFile())
                .redirectError(err.toFile())
                .start();
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("%s finished", command).isTrue();
        return new Run(p.exitValue(), Files.readString(out), Files.readString(err));
    }

    static String script(String name) throws IOException {
        Path file = dir.resolve(name);
        try (var in = ClientsIT.class.getResourceAsStream("/clients/" + name)) {
            Files.copy(in, file);
        }
        return file.toString();
    }

    @Test
    void sparqlwrapper_with_default_settings() throws Exception {
        Run r = run(List.of(PYTHON, script("sparqlwrapper_default.py"), server.sparqlUrl()));
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains("partnerships " + partnerships);
        assertThat(r.out()).containsPattern("locality-triples [1-9][0-9]+");
    }

    @Test
    void rdflib_sparqlstore_and_graph_store_protocol() throws Exception {
        String graphUrl = server.url() + "atlas/data?graph="
                + AtlasIris.DEFAULT.graph("localities").getURI();
        Run r = run(List.of(PYTHON, script("rdflib_client.py"), server.sparqlUrl(), graphUrl));
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains("localities " + localities + " Birmingham");
        assertThat(r.out()).containsPattern("graph-triples [1-9][0-9]+");
    }

    @Test
    void curl_get_and_post() throws Exception {
        String query = "SELECT (COUNT(*) AS ?n) WHERE { ?p a <https://w3id.org/partnership-atlas/def#Partnership> }";
        Run get = run(List.of(
                "curl",
                "-sS",
                "--fail",
                "-G",
                "-H",
                "Accept: text/csv",
                "--data-urlencode",
                "query=" + query,
                server.sparqlUrl()));
        assertThat(get.exit()).as(get.err()).isZero();
        assertThat(get.out().lines().toList()).containsExactly("n", Integer.toString(partnerships));
        Run post = run(List.of(
                "curl",
                "-sS",
                "--fail",
                "-H",
                "Accept: application/sparql-results+json",
                "--data-urlencode",
                "query=" + query,
                server.sparqlUrl()));
        assertThat(post.exit()).as(post.err()).isZero();
        assertThat(post.out()).contains("\"value\": \"" + partnerships + "\"");
    }

    @Test
    void jena_rsparql() throws Exception {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                "arq.rsparql",
                "--service=" + server.sparqlUrl(),
                "--results=csv",
                "SELECT (COUNT(*) AS ?n) WHERE { ?l a <https://w3id.org/partnership-atlas/def#Locality> }"));
        Run r = run(command);
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out().lines().map(String::strip).toList()).containsExactly("n", Integer.toString(localities));
    }
}
