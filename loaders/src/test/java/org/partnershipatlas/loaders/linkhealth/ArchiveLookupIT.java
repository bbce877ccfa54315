package org.partnershipatlas.loaders.linkhealth;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.jena.datatypes.xsd.XSDDatatype;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.vocabulary.FOAF;
import org.apache.jena.system.Txn;
import org.apache.jena.vocabulary.DCTerms;
import org.apache.jena.vocabulary.RDF;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.partnershipatlas.loaders.store.AtlasStore;
import org.partnershipatlas.ontology.AtlasIris;
import org.partnershipatlas.ontology.PA;
import org.partnershipatlas.ontology.Vocab.SCHEMA;

/** Archived copies from a local stub of both archives, at the linking document's issue date. */
class ArchiveLookupIT {
    private static final AtlasIris IRIS = AtlasIris.DEFAULT;

    @TempDir
    Path dir;

    @Test
    void copiesAtTheIssueDateFarOnesRefusedAndTheCuratorsValueKept() throws Exception {
        FixtureHost stub = new FixtureHost("127.0.0.30");
        stub.otherwise(ex -> {
            String path = ex.getRequestURI().getPath();
            if (path.startsWith("/ukgwa/")) {
                String url = path.substring("/ukgwa/yyyyMMdd/".length());
                ex.getResponseHeaders().add("Location", "/ukgwa/20021215093000/" + url);
                ex.sendResponseHeaders(302, -1);
            } else {
                boolean far = ex.getRequestURI().getQuery().contains("far");
                String stamp = far ? "20150101000000" : "20011120000000";
                FixtureHost.text(
                                200,
                                "{\"archived_snapshots\": {\"closest\": {\"available\": true, \"status\": \"200\","
                                        + " \"url\": \"http://web.archive.org/web/" + stamp + "/x\","
                                        + " \"timestamp\": \"" + stamp + "\"}}}")
                        .answer(ex);
            }
        });
        try (AtlasStore store = AtlasStore.open(dir.resolve("tdb2"))) {
            Node curated = NodeFactory.createURI("https://archive.example/curated-copy");
            Txn.executeWrite(store.datasetGraph(), () -> {
                DatasetGraph dsg = store.datasetGraph();
                link(dsg, "http://www.example.gov.uk/old.htm", "2002-12", true, LinkStatus.GONE);
                link(dsg, "http://www.example.org/moved", "2001-11", false, LinkStatus.MOVED_PERMANENTLY);
                link(dsg, "http://www.example.org/far", "2001", true, LinkStatus.NOT_FOUND);
                link(dsg, "http://www.example.org/curated", "2002", true, LinkStatus.GONE);
                link(dsg, "http://www.example.org/fine", "2002", false, LinkStatus.OK);
                dsg.add(
                        IRIS.linkHealthGraph(),
                        NodeFactory.createURI("http://www.example.org/curated"),
                        SCHEMA.archivedAt.asNode(),
                        curated);
            });
            ArchiveLookup lookup = new ArchiveLookup(
                    stub.url("/ukgwa/"),
                    stub.url("/wayback/available"),
                    Duration.ofDays(730),
                    Duration.ofSeconds(1),
                    AddressGuard.anyAddress(),
                    CheckSettings.builder().build().userAgent());

            List<ArchiveLookup.Found> found = lookup.run(store, IRIS);

            assertThat(found)
                    .extracting(f -> f.link().toString())
                    .containsExactlyInAnyOrder("http://www.example.gov.uk/old.htm", "http://www.example.org/moved");
            assertThat(stub.seen()).hasSize(3); // not the curated link, nor the one that is fine
            assertThat(stub.seen())
                    .anySatisfy(
                            s -> assertThat(s.path()).isEqualTo("/ukgwa/20021201/http://www.example.gov.uk/old.htm"));
            assertThat(stub.seen()).anySatisfy(s -> assertThat(s.path()).contains("timestamp=20011101"));
            Node gov = NodeFactory.createURI("http://www.example.gov.uk/old.htm");
            Node copy = NodeFactory.createURI(stub.url("/ukgwa/20021215093000/http://www.example.gov.uk/old.htm")
                    .toString());
            store.read(dsg -> {
                Node g = IRIS.linkHealthGraph();
                assertThat(dsg.contains(g, gov, SCHEMA.archivedAt.asNode(), copy))
                        .isTrue();
                assertThat(dsg.contains(
                                g,
                                copy,
                                DCTerms.date.asNode(),
                                NodeFactory.createLiteralDT(
                                        Instant.parse("2002-12-15T09:30:00Z").toString(), XSDDatatype.XSDdateTime)))
                        .isTrue();
                Node curatedLink = NodeFactory.createURI("http://www.example.org/curated");
                assertThat(dsg.find(g, curatedLink, SCHEMA.archivedAt.asNode(), Node.ANY)
                                .next()
                                .getObject())
                        .isEqualTo(curated);
                assertThat(dsg.find(
                                        g,
                                        NodeFactory.createURI("http://www.example.org/far"),
                                        SCHEMA.archivedAt.asNode(),
                                        Node.ANY)
                                .hasNext())
                        .as("a snapshot 14 years from the issue date is refused")
                        .isFalse();
                return null;
            });
        } finally {
            stub.close();
        }
    }

    private static void link(DatasetGraph dsg, String url, String issued, boolean dead, LinkStatus status) {
        Node g = IRIS.linkHealthGraph();
        Node link = NodeFactory.createURI(url);
        Node doc = NodeFactory.createURI(IRIS.id("guidance", "doc-" + Math.abs(url.hashCode())));
        dsg.add(IRIS.graph("guidance"), doc, FOAF.page.asNode(), link);
        dsg.add(IRIS.graph("guidance"), doc, DCTerms.issued.asNode(), NodeFactory.createLiteralString(issued));
        dsg.add(g, link, RDF.type.asNode(), PA.CheckedLink.asNode());
        dsg.add(g, link, PA.linkStatus.asNode(), NodeFactory.createURI(IRIS.id("link-status", status.slug())));
        if (dead) {
            dsg.add(
                    g,
                    link,
                    PA.deadSince.asNode(),
                    NodeFactory.createLiteralDT("2026-03-04T09:00:00Z", XSDDatatype.XSDdateTime));
        }
    }
}
