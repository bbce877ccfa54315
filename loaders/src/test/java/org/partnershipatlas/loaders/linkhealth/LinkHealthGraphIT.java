package org.partnershipatlas.loaders.linkhealth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.partnershipatlas.loaders.linkhealth.FixtureHost.redirect;
import static org.partnershipatlas.loaders.linkhealth.FixtureHost.status;
import static org.partnershipatlas.loaders.linkhealth.FixtureHost.text;

import java.net.URI;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.shacl.ShaclValidator;
import org.apache.jena.shacl.ValidationReport;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.core.DatasetGraphFactory;
import org.apache.jena.sparql.core.Quad;
import org.apache.jena.sparql.graph.GraphFactory;
import org.apache.jena.sparql.vocabulary.FOAF;
import org.apache.jena.system.Txn;
import org.apache.jena.vocabulary.DCTerms;
import org.apache.jena.vocabulary.RDF;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.partnershipatlas.loaders.changes.ChangeLog;
import org.partnershipatlas.loaders.changes.Replay;
import org.partnershipatlas.loaders.store.AtlasStore;
import org.partnershipatlas.ontology.AtlasIris;
import org.partnershipatlas.ontology.AtlasOntology;
import org.partnershipatlas.ontology.PA;
import org.partnershipatlas.ontology.Vocab.PROV;
import org.partnershipatlas.ontology.Vocab.SCHEMA;

/** A whole run on a real TDB2 store: links found in the data, checked against a local server, written once. */
class LinkHealthGraphIT {
    private static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");
    private static final AtlasIris IRIS = AtlasIris.DEFAULT;

    @TempDir
    Path dir;

    private AtlasStore store;
    private FixtureHost site;

    @BeforeEach
    void start() throws Exception {
        store = AtlasStore.open(dir.resolve("tdb2"));
        site = new FixtureHost("127.0.0.20");
        site.on("/ok", text(200, "<html><title>Guidance</title>LSP guidance</html>"))
                .on("/moved", redirect(301, site.url("/new")))
                .on("/new", text(200, "<html><title>New</title>The new home of the guidance</html>"))
                .on("/gone", status(410));
    }

    @AfterEach
    void stop() {
        site.close();
        store.close();
    }

    private void data(String... paths) {
        Node g = IRIS.graph("guidance");
        Txn.executeWrite(store.datasetGraph(), () -> {
            int i = 0;
            for (String p : paths) {
                Node doc = NodeFactory.createURI(IRIS.id("guidance", "doc-" + i++));
                store.datasetGraph().add(g, doc, RDF.type.asNode(), PA.GuidanceDocument.asNode());
                Node predicate = i % 2 == 0 ? DCTerms.source.asNode() : FOAF.page.asNode();
                store.datasetGraph().add(g, doc, predicate, NodeFactory.createURI(site.url(p) + "#fragment"));
            }
        });
    }

    private Set<Quad> everything() {
        return store.read(dsg -> {
            Set<Quad> all = new HashSet<>();
            dsg.find().forEachRemaining(all::add);
            return all;
        });
    }

    @Test
    void aRunConformsKeepsTheCuratorsArchiveAndIsAnActivity() throws Exception {
        data("/ok", "/moved", "/gone");
        Node gone = NodeFactory.createURI(site.url("/gone").toString());
        Node curated = NodeFactory.createURI("https://webarchive.example/curated/gone");
        Txn.executeWrite(
                store.datasetGraph(),
                () -> store.datasetGraph().add(IRIS.linkHealthGraph(), gone, SCHEMA.archivedAt.asNode(), curated));

        LinkHealthCheck.Outcome o =
                LinkHealthCheck.run(store, IRIS, LinkCheckerIT.settings(T0).build());

        assertThat(o.run().checks()).hasSize(3);
        assertThat(o.records().get(site.url("/moved")).check().status()).isEqualTo(LinkStatus.MOVED_PERMANENTLY);
        assertThat(o.records().get(site.url("/moved")).check().chain()).containsExactly(site.url("/new"));
        assertThat(o.records().get(site.url("/gone")).dead()).isTrue();
        Graph health = store.read(dsg -> {
            Graph copy = GraphFactory.createDefaultGraph();
            dsg.getGraph(IRIS.linkHealthGraph()).find().forEach(copy::add);
            return copy;
        });
        ValidationReport report = ShaclValidator.get().validate(AtlasOntology.shapes(), health);
        assertThat(report.conforms()).as(() -> report.getEntries().toString()).isTrue();
        assertThat(health.contains(gone, SCHEMA.archivedAt.asNode(), curated)).isTrue();
        Node run = o.written().run();
        assertThat((boolean) store.read(
                        dsg -> dsg.contains(IRIS.provenanceGraph(), run, RDF.type.asNode(), PROV.Activity.asNode())))
                .isTrue();
        assertThat((boolean) store.read(dsg -> dsg.contains(
                        IRIS.provenanceGraph(), IRIS.linkHealthGraph(), PROV.wasGeneratedBy.asNode(), run)))
                .isTrue();
    }

    @Test
    void aRunIsOneChangeLogEntryAndTheLogReplaysToTheStore() throws Exception {
        data("/ok", "/gone");
        int before = store.changeLog().entries().size();

        LinkHealthCheck.run(store, IRIS, LinkCheckerIT.settings(T0).build());

        List<ChangeLog.Entry> entries = store.changeLog().entries();
        assertThat(entries).hasSize(before + 1);
        assertThat(entries.get(entries.size() - 1).cause()).contains("writing the link-health graph");
        // The data written before the run went straight to the store, so replay that as the starting point.
        DatasetGraph replayed = DatasetGraphFactory.createTxnMem();
        Txn.executeWrite(
                replayed,
                () -> store.read(dsg -> {
                    dsg.find().forEachRemaining(q -> {
                        if (!q.getGraph().equals(IRIS.linkHealthGraph())
                                && !q.getGraph().equals(IRIS.provenanceGraph())) {
                            replayed.add(q);
                        }
                    });
                    return null;
                }));
        Replay.apply(entries.subList(before, entries.size()), replayed);
        assertThat(Replay.differences(store.datasetGraph(), replayed)).isEmpty();
    }

    @Test
    void aRerunWithNothingChangedChangesNothing() throws Exception {
        data("/ok", "/moved");
        LinkHealthCheck.run(store, IRIS, LinkCheckerIT.settings(T0).build());
        Set<Quad> before = everything();

        LinkHealthCheck.Outcome again =
                LinkHealthCheck.run(store, IRIS, LinkCheckerIT.settings(T0).build());

        assertThat(again.run().checks()).hasSize(2);
        assertThat(again.written().linksChanged()).isZero();
        assertThat(everything()).isEqualTo(before);
        URI ok = site.url("/ok");
        assertThat(again.records().get(ok).check().status()).isEqualTo(LinkStatus.OK);
    }
}
