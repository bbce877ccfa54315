package org.partnershipatlas.endpoint;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.partnershipatlas.ontology.AtlasIris;

/**
 * The endpoint as users reach it, with clients nobody on this project wrote: Python's SPARQLWrapper with its
 * default settings and rdflib (Debian's python3-sparqlwrapper and python3-rdflib, under Debian's own
 * /usr/bin/python3), curl, and Jena's rsparql.
 */
class ClientsIT {
    static final String PYTHON = "/usr/bin/python3";

    @RegisterExtension
    static final AtlasFixture atlas = AtlasFixture.sharedSampleData();

    static int partnerships;
    static int localities;

    @BeforeAll
    static void start() throws IOException {
        partnerships = SampleData.rows("partnerships.csv").size();
        localities = SampleData.rows("localities.csv").size();
    }

    record Run(int exit, String out, String err) {}

    static Run run(List<String> command) throws IOException, InterruptedException {
        Path out = Files.createTempFile(atlas.dir(), "out", ".txt");
        Path err = Files.createTempFile(atlas.dir(), "err", ".txt");
        Process p = new ProcessBuilder(command)
                .redirectOutput(out.toFile())
                .redirectError(err.toFile())
                .start();
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("%s finished", command).isTrue();
        return new Run(p.exitValue(), Files.readString(out), Files.readString(err));
    }

    static String script(String name) throws IOException {
        Path file = atlas.dir().resolve(name);
        try (var in = ClientsIT.class.getResourceAsStream("/clients/" + name)) {
            Files.copy(in, file);
        }
        return file.toString();
    }

    @Test
    void sparqlwrapperWithDefaultSettings() throws Exception {
        Run r = run(List.of(
                PYTHON, script("sparqlwrapper_default.py"), atlas.server().sparqlUrl()));
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains("partnerships " + partnerships);
        assertThat(r.out()).containsPattern("locality-triples [1-9][0-9]+");
    }

    @Test
    void rdflibSparqlstoreAndGraphStoreProtocol() throws Exception {
        String graphUrl = atlas.url() + "atlas/data?graph="
                + AtlasIris.DEFAULT.graph("localities").getURI();
        Run r = run(List.of(PYTHON, script("rdflib_client.py"), atlas.server().sparqlUrl(), graphUrl));
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains("localities " + localities + " Birmingham");
        assertThat(r.out()).containsPattern("graph-triples [1-9][0-9]+");
    }

    /** Lines of a client script's output that report a failed case, and the number of cases it ran. */
    static void assertAllCasesPass(Run r, int cases) {
        assertThat(r.exit()).as(r.err()).isZero();
        List<String> lines = r.out().lines().toList();
        assertThat(lines.stream().filter(l -> l.startsWith("FAIL")).toList()).isEmpty();
        assertThat(lines.stream().filter(l -> l.startsWith("ok ")).count()).isEqualTo(cases);
        assertThat(lines).contains("cases " + cases);
    }

    @Test
    void sparqlwrapperEveryFormMethodAndReturnFormat() throws Exception {
        Run r = run(List.of(
                PYTHON, script("sparqlwrapper_formats.py"), atlas.server().sparqlUrl()));
        // 4 forms x GET, POST x default and 8 return formats. Debian's SPARQLWrapper 1.8.5 refuses JSONLD itself
        // (it wants rdflib-jsonld), so json-ld is tested in formatNamesBecomeAccept; if a newer SPARQLWrapper
        // takes it, this fails and the count goes to 80.
        assertThat(r.out()).contains("json-ld unsupported by this SPARQLWrapper");
        assertAllCasesPass(r, 72);
        assertThat(r.out()).contains("ok CONSTRUCT GET rdf+xml application/rdf+xml ConjunctiveGraph");
        assertThat(r.out()).contains("ok DESCRIBE POST rdf+xml application/rdf+xml ConjunctiveGraph");
        assertThat(r.out()).contains("ok SELECT GET xml application/sparql-results+xml Document");
    }

    @Test
    void rdflibSparqlstoreEveryFormAndMethod() throws Exception {
        Run r = run(List.of(
                PYTHON, script("rdflib_sparqlstore_forms.py"), atlas.server().sparqlUrl()));
        // SELECT 3 methods x 4 formats, ASK 3 x 2, CONSTRUCT and DESCRIBE 3 x 2 each
        assertAllCasesPass(r, 12 + 6 + 6 + 6);
    }

    record Named(String name, String form, String expectedType) {}

    @Test
    void formatNamesBecomeAccept() throws Exception {
        String select = "SELECT ?l WHERE { ?l a <https://w3id.org/partnership-atlas/def#Locality> } LIMIT 2";
        String ask = "ASK { ?l a <https://w3id.org/partnership-atlas/def#Locality> }";
        String construct = "CONSTRUCT WHERE { ?l a <https://w3id.org/partnership-atlas/def#Locality> } LIMIT 2";
        String describe = "DESCRIBE <https://w3id.org/partnership-atlas/id/locality/newham>";
        List<Named> cases = new ArrayList<>();
        for (String form : List.of(select, ask)) {
            cases.add(new Named("xml", form, "application/sparql-results+xml"));
            cases.add(new Named("json", form, "application/sparql-results+json"));
            cases.add(new Named("csv", form, "text/csv"));
            cases.add(new Named("tsv", form, "text/tab-separated-values"));
            cases.add(new Named("application/sparql-results+json", form, "application/sparql-results+json"));
            cases.add(new Named("turtle", form, "application/sparql-results+json"));
        }
        for (String form : List.of(construct, describe)) {
            cases.add(new Named("xml", form, "application/rdf+xml"));
            cases.add(new Named("rdf+xml", form, "application/rdf+xml"));
            cases.add(new Named("rdf", form, "application/rdf+xml"));
            cases.add(new Named("application/rdf+xml", form, "application/rdf+xml"));
            cases.add(new Named("json", form, "application/ld+json"));
            cases.add(new Named("json-ld", form, "application/ld+json"));
            cases.add(new Named("turtle", form, "text/turtle"));
            cases.add(new Named("n3", form, "text/turtle"));
            cases.add(new Named("nt", form, "application/n-triples"));
            cases.add(new Named("text/turtle", form, "text/turtle"));
            cases.add(new Named("csv", form, "text/turtle"));
        }
        java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
        for (Named c : cases) {
            for (String parameter : List.of("format", "output", "results")) {
                String params = "query=" + encode(c.form()) + "&" + parameter + "=" + encode(c.name());
                List<java.net.http.HttpRequest> requests = List.of(
                        java.net.http.HttpRequest.newBuilder(
                                        java.net.URI.create(atlas.server().sparqlUrl() + "?" + params))
                                .header("Accept", "text/html")
                                .build(),
                        java.net.http.HttpRequest.newBuilder(
                                        java.net.URI.create(atlas.server().sparqlUrl()))
                                .header("Content-Type", "application/x-www-form-urlencoded")
                                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(params))
                                .build(),
                        java.net.http.HttpRequest.newBuilder(java.net.URI.create(
                                        atlas.server().sparqlUrl() + "?" + parameter + "=" + encode(c.name())))
                                .header("Content-Type", "application/sparql-query")
                                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(c.form()))
                                .build());
                for (var request : requests) {
                    var response = http.send(request, java.net.http.HttpResponse.BodyHandlers.ofString());
                    String where = request.method() + " " + parameter + "=" + c.name() + " " + c.form();
                    assertThat(response.statusCode()).as(where).isEqualTo(200);
                    assertThat(response.headers().firstValue("Content-Type").orElse(""))
                            .as(where)
                            .startsWith(c.expectedType());
                    assertThat(response.body()).as(where).isNotBlank();
                }
            }
        }
        var unknown = http.send(
                java.net.http.HttpRequest.newBuilder(java.net.URI.create(
                                atlas.server().sparqlUrl() + "?query=" + encode(select) + "&format=excel"))
                        .build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(unknown.statusCode()).isEqualTo(406);
        assertThat(unknown.body())
                .contains("Unknown result format")
                .contains("excel")
                .contains("rdf+xml");
    }

    static String encode(String s) {
        return java.net.URLEncoder.encode(s, java.nio.charset.StandardCharsets.UTF_8);
    }

    @Test
    void curlGetAndPost() throws Exception {
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
                atlas.server().sparqlUrl()));
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
                atlas.server().sparqlUrl()));
        assertThat(post.exit()).as(post.err()).isZero();
        assertThat(post.out()).contains("\"value\": \"" + partnerships + "\"");
    }

    @Test
    void jenaRsparql() throws Exception {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                "arq.rsparql",
                "--service=" + atlas.server().sparqlUrl(),
                "--results=csv",
                "SELECT (COUNT(*) AS ?n) WHERE { ?l a <https://w3id.org/partnership-atlas/def#Locality> }"));
        Run r = run(command);
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out().lines().map(String::strip).toList()).containsExactly("n", Integer.toString(localities));
    }
}
