package org.partnershipatlas.endpoint;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.partnershipatlas.endpoint.catalog.Releases;
import org.partnershipatlas.loaders.dumps.DumpFile;
import org.partnershipatlas.ontology.AtlasIris;
import org.partnershipatlas.ontology.PA;
import org.partnershipatlas.ontology.Vocab.SPDX;

/** Release files served over HTTP (checksums, conditional and range GETs) and the VoID/DCAT/SD descriptions. */
class DumpsAndCatalogIT {
    @RegisterExtension
    static final AtlasFixture atlas = AtlasFixture.sharedSampleData().publishDumps();

    static byte[] gunzip(byte[] bytes) throws IOException {
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(bytes))) {
            return in.readAllBytes();
        }
    }

    /** The store's quads but the change log's head (the store's bookkeeping, which the dumps leave out). */
    static List<String> dataQuads() {
        return atlas.store()
                .read(dsg -> dsg.stream()
                        .filter(q -> !q.getGraph().equals(AtlasIris.CHANGE_LOG_GRAPH))
                        .map(FmtUtils::stringForQuad)
                        .sorted()
                        .toList());
    }

    static List<String> storeQuads() {
        return atlas.store()
                .read(dsg -> dsg.stream().map(FmtUtils::stringForQuad).sorted().toList());
    }

    @Test
    void theNquadsDumpParsedBackEqualsTheStore() throws Exception {
        var response = atlas.get("dumps/atlas.nq.gz");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type").orElseThrow()).isEqualTo("application/gzip");
        DatasetGraph parsed = DatasetGraphFactory.createTxnMem();
        RDFParser.source(new ByteArrayInputStream(gunzip(response.body())))
                .lang(Lang.NQUADS)
                .parse(parsed);
        List<String> fromDump =
                parsed.stream().map(FmtUtils::stringForQuad).sorted().toList();
        assertThat(fromDump).isEqualTo(dataQuads()).hasSizeGreaterThan(10_000);
    }

    @Test
    void theUnionAndPerGraphDumpsHoldTheRightTriples() throws Exception {
        Graph union = GraphFactory.createDefaultGraph();
        RDFParser.source(new ByteArrayInputStream(
                        gunzip(atlas.get("dumps/atlas.ttl.gz").body())))
                .lang(Lang.TURTLE)
                .parse(union);
        long expected = Txn.calculateRead(
                atlas.store().datasetGraph(),
                () -> (long) atlas.store().datasetGraph().getUnionGraph().size()
                        - atlas.store()
                                .datasetGraph()
                                .getGraph(AtlasIris.CHANGE_LOG_GRAPH)
                                .size());
        assertThat((long) union.size()).isEqualTo(expected);
        Graph nt = GraphFactory.createDefaultGraph();
        RDFParser.source(new ByteArrayInputStream(
                        gunzip(atlas.get("dumps/atlas.nt.gz").body())))
                .lang(Lang.NTRIPLES)
                .parse(nt);
        assertThat(nt.isIsomorphicWith(union)).isTrue();

        Graph partnerships = GraphFactory.createDefaultGraph();
        RDFParser.source(new ByteArrayInputStream(
                        gunzip(atlas.get("dumps/graphs/partnerships.nt.gz").body())))
                .lang(Lang.NTRIPLES)
                .parse(partnerships);
        Node graphName = AtlasIris.DEFAULT.graph("partnerships");
        assertThat(Txn.calculateRead(
                        atlas.store().datasetGraph(),
                        () -> atlas.store().datasetGraph().getGraph(graphName).isIsomorphicWith(partnerships)))
                .isTrue();
    }

    @Test
    void everyFileMatchesItsChecksumAndSize() throws Exception {
        String sums = new String(atlas.get("dumps/SHA256SUMS").body(), StandardCharsets.UTF_8);
        assertThat(sums.lines().count()).isEqualTo(atlas.manifest().files().size());
        for (String line : sums.lines().toList()) {
            String[] parts = line.split("  ", 2);
            var response = atlas.get("dumps/" + parts[1]);
            assertThat(response.statusCode()).as(parts[1]).isEqualTo(200);
            String actual = HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(response.body()));
            assertThat(actual).as(parts[1]).isEqualTo(parts[0]);
            DumpFile f = atlas.manifest().file(parts[1]).orElseThrow();
            assertThat(response.headers().firstValueAsLong("Content-Length").orElseThrow())
                    .isEqualTo(f.bytes());
        }
        assertThat(Files.exists(atlas.dir().resolve("dumps").resolve(Releases.DESCRIPTION)))
                .isTrue();
    }

    @Test
    void conditionalAndRangeRequests() throws Exception {
        var full = atlas.get("dumps/atlas.nq.gz");
        String etag = full.headers().firstValue("ETag").orElseThrow();
        String modified = full.headers().firstValue("Last-Modified").orElseThrow();
        assertThat(atlas.get("dumps/atlas.nq.gz", null, "If-None-Match", etag).statusCode())
                .isEqualTo(304);
        assertThat(atlas.get("dumps/atlas.nq.gz", null, "If-Modified-Since", modified)
                        .statusCode())
                .isEqualTo(304);

        var range = atlas.get("dumps/atlas.nq.gz", null, "Range", "bytes=100-199");
        assertThat(range.statusCode()).isEqualTo(206);
        assertThat(range.headers().firstValue("Content-Range").orElseThrow())
                .isEqualTo("bytes 100-199/" + full.body().length);
        assertThat(range.body()).isEqualTo(Arrays.copyOfRange(full.body(), 100, 200));
        assertThat(atlas.get("dumps/", "text/html").statusCode()).isEqualTo(200);
        assertThat(atlas.get("dumps/no-such-file.gz").statusCode()).isEqualTo(404);
    }

    @Test
    void voidCountsEqualTheStoreAndDcatListsTheDumps() throws Exception {
        var response = atlas.get(".well-known/void", "text/turtle");
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
        assertThat(g.contains(
                        ds,
                        VOID.sparqlEndpoint.asNode(),
                        NodeFactory.createURI(atlas.server().sparqlUrl())))
                .isTrue();

        List<Node> distributions = g.find(ds, DCAT.distribution.asNode(), Node.ANY)
                .mapWith(t -> t.getObject())
                .toList();
        assertThat(distributions).hasSize((int)
                atlas.manifest().files().stream().filter(DumpFile::compressed).count());
        for (Node d : distributions) {
            String url = g.find(d, DCAT.downloadURL.asNode(), Node.ANY)
                    .next()
                    .getObject()
                    .getURI();
            String name = url.substring(url.indexOf("/dumps/") + "/dumps/".length());
            DumpFile f = atlas.manifest().file(name).orElseThrow();
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

        var catalog = atlas.get("catalog", "application/ld+json");
        assertThat(catalog.statusCode()).isEqualTo(200);
        Graph fromJsonLd = GraphFactory.createDefaultGraph();
        RDFParser.source(new ByteArrayInputStream(catalog.body()))
                .lang(Lang.JSONLD)
                .parse(fromJsonLd);
        assertThat(fromJsonLd.contains(Node.ANY, RDF.type.asNode(), DCAT.Catalog.asNode()))
                .isTrue();
        assertThat(new String(atlas.get("catalog", "text/html").body(), StandardCharsets.UTF_8))
                .contains("Partnership Atlas");
    }

    @Test
    void theEndpointDescribesItselfWhenAskedWithoutAQuery() throws Exception {
        var response = atlas.get("atlas/sparql", "text/turtle");
        assertThat(response.statusCode()).isEqualTo(200);
        Graph g = GraphFactory.createDefaultGraph();
        RDFParser.source(new ByteArrayInputStream(response.body()))
                .lang(Lang.TURTLE)
                .parse(g);
        Node sd = NodeFactory.createURI("http://www.w3.org/ns/sparql-service-description#endpoint");
        assertThat(g.contains(
                        NodeFactory.createURI(atlas.server().sparqlUrl()),
                        sd,
                        NodeFactory.createURI(atlas.server().sparqlUrl())))
                .isTrue();
        // A query still goes to Fuseki.
        assertThat(atlas.get("atlas/sparql?query=ASK%7B%7D", "application/sparql-results+json")
                        .statusCode())
                .isEqualTo(200);
    }
}
