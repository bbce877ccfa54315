package org.partnershipatlas.endpoint;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.zip.GZIPInputStream;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.riot.Lang;
import org.apache.jena.riot.RDFParser;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.core.DatasetGraphFactory;
import org.apache.jena.sparql.graph.GraphFactory;
import org.apache.jena.sparql.util.FmtUtils;
import org.apache.jena.system.Txn;
import org.apache.jena.vocabulary.DCAT;
import org.apache.jena.vocabulary.RDF;
import org.apache.jena.vocabulary.VOID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.partnershipatlas.endpoint.catalog.Releases;
import org.partnershipatlas.loaders.dumps.DumpFile;
import org.partnershipatlas.loaders.dumps.DumpManifest;
import org.partnershipatlas.loaders.store.AtlasStore;
import org.partnershipatlas.ontology.AtlasIris;
import org.partnershipatlas.ontology.PA;
import org.partnershipatlas.ontology.Vocab.SPDX;

/** Release files served over HTTP (checksums, conditional and range GETs) and the VoID/DCAT/SD descriptions. */
class DumpsAndCatalogIT {
    static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    static Path dir;

    static AtlasStore store;
    static AtlasServer server;
    static DumpManifest manifest;

    @BeforeAll
    static void start() {
        store = SampleData.loadInto(dir.resolve("tdb2"));
        manifest = Releases.publish(store, AtlasIris.DEFAULT, dir.resolve("dumps"), "http://localhost/");
        server = AtlasServer.builder(store)
                .port(0)
                .dumps(dir.resolve("dumps"))
                .build()
                .start();
    }

    @AfterAll
    static void stop() {
        server.stop();
        store.close();
    }

    static HttpResponse<byte[]> get(String path, String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(server.url() + path));
        if (headers.length > 0) {
            b.headers(headers);
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    static byte[] gunzip(byte[] bytes) throws IOException {
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(bytes))) {
            return in.readAllBytes();
        }
    }

    static List<String> storeQuads() {
        return store.read(
                dsg -> dsg.stream().map(FmtUtils::stringForQuad).sorted().toList());
    }

    @Test
    void the_nquads_dump_parsed_back_equals_the_store() throws Exception {
        var response = get("dumps/atlas.nq.gz");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type").orElseThrow()).isEqualTo("application/gzip");
        DatasetGraph parsed = DatasetGraphFactory.createTxnMem();
        RDFParser.source(new ByteArrayInputStream(gunzip(response.body())))
                .lang(Lang.NQUADS)
                .parse(parsed);
        List<String> fromDump =
                parsed.stream().map(FmtUtils::stringForQuad).sorted().toList();
        assertThat(fromDump).isEqualTo(storeQuads()).hasSizeGreaterThan(10_000);
    }

    @Test
    void the_union_and_per_graph_dumps_hold_the_right_triples() throws Exception {
        Graph union = GraphFactory.createDefaultGraph();
        RDFParser.source(new ByteArrayInputStream(
                        gunzip(get("dumps/atlas.ttl.gz").body())))
                .lang(Lang.TURTLE)
                .parse(union);
        long expected = Txn.calculateRead(store.datasetGraph(), () ->
                (long) store.datasetGraph().getUnionGraph().size());
        assertThat((long) union.size()).isEqualTo(expected);
        Graph nt = GraphFactory.createDefaultGraph();
        RDFParser.source(
                        new ByteArrayInputStream(gunzip(get("dumps/atlas.nt.gz").body())))
                .lang(Lang.NTRIPLES)
                .parse(nt);
        assertThat(nt.isIsomorphicWith(union)).isTrue();

        Graph partnerships = GraphFactory.createDefaultGraph();
        RDFParser.source(new ByteArrayInputStream(
                        gunzip(get("dumps/graphs/partnerships.nt.gz").body())))
                .lang(Lang.NTRIPLES)
                .parse(partnerships);
        Node graphName = AtlasIris.DEFAULT.graph("partnerships");
        assertThat(Txn.calculateRead(
                        store.datasetGraph(),
                        () -> store.datasetGraph().getGraph(graphName).isIsomorphicWith(partnerships)))
                .isTrue();
    }

    @Test
    void every_file_matches_its_checksum_and_size() throws Exception {
        String sums = new String(get("dumps/SHA256SUMS").body(), StandardCharsets.UTF_8);
        assertThat(sums.lines().count()).isEqualTo(manifest.files().size());
        for (String line : sums.lines().toList()) {
            String[] parts = line.split("  ", 2);
            var response = get("dumps/" + parts[1]);
            assertThat(response.statusCode()).as(parts[1]).isEqualTo(200);
            String actual = HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(response.body()));
            assertThat(actual).as(parts[1]).isEqualTo(parts[0]);
            DumpFile f = manifest.file(parts[1]).orElseThrow();
            assertThat(response.headers().firstValueAsLong("Content-Length").orElseThrow())
                    .isEqualTo(f.bytes());
        }
        assertThat(Files.exists(dir.resolve("dumps").resolve(Releases.DESCRIPTION)))
                .isTrue();
    }

    @Test
    void conditional_and_range_requests() throws Exception {
        var full = get("dumps/atlas.nq.gz");
        String etag = full.headers().firstValue("ETag").orElseThrow();
        String modified = full.headers().firstValue("Last-Modified").orElseThrow();
        assertThat(get("dumps/atlas.nq.gz", "If-None-Match", etag).statusCode()).isEqualTo(304);
        assertThat(get("dumps/atlas.nq.gz", "If-Modified-Since", modified).statusCode())
                .isEqualTo(304);

        var range = get("dumps/atlas.nq.gz", "Range", "bytes=100-199");
        assertThat(range.statusCode()).isEqualTo(206);
        assertThat(range.headers().firstValue("Content-Range").orElseThrow())
                .isEqualTo("bytes 100-199/" + full.body().length);
        assertThat(range.body()).isEqualTo(Arrays.copyOfRange(full.body(), 100, 200));
        assertThat(get("dumps/", "Accept", "text/html").statusCode()).isEqualTo(200);
        assertThat(get("dumps/no-such-file.gz").statusCode()).isEqualTo(404);
    }

    @Test
    void void_counts_equal_the_store_and_dcat_lists_the_dumps() throws Exception {
        var response = get(".well-known/void", "Accept", "text/turtle");
        assertThat(response.statusCode()).isEqualTo(200);
        Graph g = GraphFactory.createDefaultGraph();
        RDFParser.source(new ByteArrayInputStream(response.body()))
                .lang(Lang.TURTLE)
                .parse(g);
        Node ds = NodeFactory.createURI(AtlasIris.DEFAULT.id("dataset", "atlas"));
        long quads = storeQuads().size();
        assertThat(g.find(ds, VOID.triples.asNode(), Node.ANY)
                        .next()
                        .getObject()
                        .getLiteralLexicalForm())
                .isEqualTo(Long.toString(quads));
        long partnerships = SampleData.rows("partnerships.csv").size();
        boolean found = g.find(Node.ANY, VOID._class.asNode(), PA.Partnership.asNode()).toList().stream()
                .anyMatch(t -> g.contains(
                        t.getSubject(),
                        VOID.entities.asNode(),
                        NodeFactory.createLiteralDT(
                                Long.toString(partnerships), org.apache.jena.datatypes.xsd.XSDDatatype.XSDinteger)));
        assertThat(found)
                .as("class partition of pa:Partnership with %d entities", partnerships)
                .isTrue();
        assertThat(g.contains(ds, VOID.sparqlEndpoint.asNode(), NodeFactory.createURI(server.sparqlUrl())))
                .isTrue();

        List<Node> distributions = g.find(ds, DCAT.distribution.asNode(), Node.ANY)
                .mapWith(t -> t.getObject())
                .toList();
        assertThat(distributions).hasSize((int)
                manifest.files().stream().filter(DumpFile::compressed).count());
        for (Node d : distributions) {
            String url = g.find(d, DCAT.downloadURL.asNode(), Node.ANY)
                    .next()
                    .getObject()
                    .getURI();
            String name = url.substring(url.indexOf("/dumps/") + "/dumps/".length());
            DumpFile f = manifest.file(name).orElseThrow();
            assertThat(g.find(d, DCAT.byteSize.asNode(), Node.ANY)
                            .next()
                            .getObject()
                            .getLiteralLexicalForm())
                    .isEqualTo(Long.toString(f.bytes()));
            Node checksum = g.find(d, SPDX.checksum.asNode(), Node.ANY).next().getObject();
            assertThat(g.find(checksum, SPDX.checksumValue.asNode(), Node.ANY)
                            .next()
                            .getObject()
                            .getLiteralLexicalForm())
                    .isEqualTo(f.sha256());
        }
        assertThat(g.contains(ds, org.apache.jena.vocabulary.DCTerms.license.asNode(), Node.ANY))
                .isTrue();

        var catalog = get("catalog", "Accept", "application/ld+json");
        assertThat(catalog.statusCode()).isEqualTo(200);
        Graph fromJsonLd = GraphFactory.createDefaultGraph();
        RDFParser.source(new ByteArrayInputStream(catalog.body()))
                .lang(Lang.JSONLD)
                .parse(fromJsonLd);
        assertThat(fromJsonLd.contains(Node.ANY, RDF.type.asNode(), DCAT.Catalog.asNode()))
                .isTrue();
        assertThat(new String(get("catalog", "Accept", "text/html").body(), StandardCharsets.UTF_8))
                .contains("Partnership Atlas");
    }

    @Test
    void the_endpoint_describes_itself_when_asked_without_a_query() throws Exception {
        var response = get("atlas/sparql", "Accept", "text/turtle");
        assertThat(response.statusCode()).isEqualTo(200);
        Graph g = GraphFactory.createDefaultGraph();
        RDFParser.source(new ByteArrayInputStream(response.body()))
                .lang(Lang.TURTLE)
                .parse(g);
        Node sd = NodeFactory.createURI("http://www.w3.org/ns/sparql-service-description#endpoint");
        assertThat(g.contains(NodeFactory.createURI(server.sparqlUrl()), sd, NodeFactory.createURI(server.sparqlUrl())))
                .isTrue();
        // A query still goes to Fuseki.
        assertThat(get("atlas/sparql?query=ASK%7B%7D", "Accept", "application/sparql-results+json")
                        .statusCode())
                .isEqualTo(200);
    }
}
