package org.partnershipatlas.loaders.feeds;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.io.FileUtils;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.riot.Lang;
import org.apache.jena.riot.RDFParser;
import org.apache.jena.sparql.graph.GraphFactory;
import org.apache.jena.vocabulary.DCTerms;
import org.apache.jena.vocabulary.RDF;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.partnershipatlas.loaders.FixtureSources;
import org.partnershipatlas.loaders.Loader;
import org.partnershipatlas.loaders.releases.Release;
import org.partnershipatlas.loaders.releases.ReleaseArchive;
import org.partnershipatlas.loaders.releases.ReleaseWriter;
import org.partnershipatlas.loaders.store.AtlasStore;
import org.partnershipatlas.ontology.AtlasIris;
import org.partnershipatlas.ontology.Vocab.AS;
import org.partnershipatlas.ontology.Vocab.TREE;

/**
 * The versions between two sorted union dumps (created, updated, deleted; duplicate lines ignored), and a release's
 * event-stream pages: bounded, chained page to page, every changed resource once, an unchanged release one empty page;
 * a membership removed from its source is deleted from the store, in the change log and as a tombstone in the stream.
 */
class LdesPagesTest {
    /** The membership the fixture's last line makes, which release 3 removes. */
    static final Node REMOVED =
            NodeFactory.createURI(AtlasIris.DEFAULT.base() + "id/membership/newham-cdrp--met-police--member");

    @TempDir
    Path dir;

    private Path gz(String name, String... lines) throws IOException {
        Path file = dir.resolve(name);
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
            out.write((String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8));
        }
        return file;
    }

    @Test
    void versionsAreCreatedUpdatedOrDeletedResources() throws IOException {
        Path before = gz(
                "a.nt.gz",
                "<http://x/a> <http://x/p> \"1\" .",
                "<http://x/b> <http://x/p> \"1\" .",
                "<http://x/c> <http://x/p> \"1\" .");
        Path after = gz(
                "b.nt.gz",
                "<http://x/a> <http://x/p> \"1\" .",
                "<http://x/a> <http://x/p> \"1\" .",
                "<http://x/b> <http://x/p> \"2\" .",
                "<http://x/d> <http://x/p> \"1\" .");
        List<ResourceVersions.Version> versions = new ArrayList<>();
        assertThat(ResourceVersions.compare(before, after, versions::add)).isEqualTo(3);
        assertThat(versions)
                .extracting(v -> v.resource() + " " + v.kind())
                .containsExactly("http://x/b UPDATE", "http://x/c DELETE", "http://x/d CREATE");
        assertThat(versions.get(0).triples()).containsExactly("<http://x/b> <http://x/p> \"2\" .");
        assertThat(versions.get(1).triples()).isEmpty();
        assertThat(ResourceVersions.compare(null, after, v -> {})).isEqualTo(3);
    }

    @Test
    void aReleasesPagesAreBoundedChainedAndHoldEveryChangedResourceOnce() throws IOException {
        Path sources = FixtureSources.copy(dir);
        Path memberships = sources.resolve("memberships.csv");
        ReleaseArchive archive = new ReleaseArchive(dir.resolve("releases"));
        List<Release> releases = new ArrayList<>();
        try (AtlasStore store = AtlasStore.open(dir.resolve("tdb2"))) {
            ReleaseWriter writer = new ReleaseWriter(store, AtlasIris.DEFAULT, archive, "http://localhost:3030/");
            assertThat(Loader.into(store).sources(List.of(sources)).run().committed())
                    .isTrue();
            releases.add(writer.write("1"));
            releases.add(writer.write("2"));
            List<String> lines = Files.readAllLines(memberships, StandardCharsets.UTF_8);
            Files.write(memberships, lines.subList(0, lines.size() - 1), StandardCharsets.UTF_8);
            assertThat(Loader.into(store).sources(List.of(sources)).run().committed())
                    .isTrue();
            releases.add(writer.write("3"));
            // The removed membership is gone from every graph, and the load's change log entry deletes its quads.
            boolean left = store.<Boolean>read(
                    dsg -> dsg.find(Node.ANY, REMOVED, Node.ANY, Node.ANY).hasNext());
            assertThat(left).isFalse();
            List<String> logged =
                    Files.readAllLines(store.changeLog().last().orElseThrow().file(), StandardCharsets.UTF_8);
            assertThat(logged.stream().filter(l -> l.contains(REMOVED.getURI())))
                    .hasSize(6)
                    .allMatch(l -> l.startsWith("D <" + REMOVED.getURI() + "> "));
        }
        // The release writer wrote the pages; written again here in pages of 7 members.
        LdesPages written = new LdesPages(archive, AtlasIris.DEFAULT);
        assertThat(written.written(releases.get(0))).isPresent();
        FileUtils.deleteDirectory(
                dir.resolve("releases").resolve(LdesPages.FOLDER).toFile());
        LdesPages pages = new LdesPages(archive, AtlasIris.DEFAULT, 7);
        String root = "http://atlas.test/";
        for (Release r : releases) {
            LdesPages.Pages p = pages.ensure(r);
            Set<String> members = new HashSet<>();
            long kinds = 0;
            for (int n = 1; n <= p.pages(); n++) {
                Graph g = GraphFactory.createDefaultGraph();
                try (InputStream in = p.open(n)) {
                    RDFParser.source(in).lang(Lang.TURTLE).base(root).parse(g);
                }
                Node page = NodeFactory.createURI(root + LdesPages.pagePath(r.version(), n));
                List<Node> onPage = g.find(
                                NodeFactory.createURI(root + LdesPages.STREAM), TREE.member.asNode(), Node.ANY)
                        .mapWith(t -> t.getObject())
                        .toList();
                assertThat(onPage).hasSizeLessThanOrEqualTo(7);
                onPage.forEach(m ->
                        assertThat(members.add(m.getURI())).as("once: %s", m).isTrue());
                for (Node kind : List.of(AS.Create.asNode(), AS.Update.asNode(), AS.Delete.asNode())) {
                    kinds += g.find(Node.ANY, RDF.type.asNode(), kind).toList().size();
                }
                List<Node> next = g.find(page, TREE.relation.asNode(), Node.ANY)
                        .mapWith(t -> g.find(t.getObject(), TREE.node.asNode(), Node.ANY)
                                .next()
                                .getObject())
                        .toList();
                assertThat(next)
                        .as("page %d of %d", n, p.pages())
                        .isEqualTo(
                                n < p.pages()
                                        ? List.of(NodeFactory.createURI(root + LdesPages.pagePath(r.version(), n + 1)))
                                        : List.of());
            }
            assertThat(members).hasSize((int) p.members());
            assertThat(kinds).isEqualTo(p.members());
        }
        // Release 1 has every resource, 2 none (unchanged: one empty page), 3 what removing a membership
        // changed (the membership, its partnership's derived statistics and overlaps): a few.
        assertThat(pages.ensure(releases.get(0)).pages()).isGreaterThan(2);
        assertThat(pages.ensure(releases.get(1)).members()).isZero();
        assertThat(pages.ensure(releases.get(1)).pages()).isEqualTo(1);
        assertThat(pages.ensure(releases.get(2)).members())
                .isPositive()
                .isLessThan(pages.ensure(releases.get(0)).members() / 5);
        // Its member in release 3 is a tombstone: a Delete of the membership, with nothing but kind, resource, time.
        Graph three = GraphFactory.createDefaultGraph();
        for (int n = 1; n <= pages.ensure(releases.get(2)).pages(); n++) {
            try (InputStream in = pages.ensure(releases.get(2)).open(n)) {
                RDFParser.source(in).lang(Lang.TURTLE).base(root).parse(three);
            }
        }
        Node tombstone = NodeFactory.createURI(LdesPages.memberIri(REMOVED.getURI(), "3"));
        assertThat(three.contains(tombstone, RDF.type.asNode(), AS.Delete.asNode()))
                .isTrue();
        assertThat(three.contains(tombstone, DCTerms.isVersionOf.asNode(), REMOVED))
                .isTrue();
        assertThat(three.find(tombstone, Node.ANY, Node.ANY).toList()).hasSize(3);
    }
}
