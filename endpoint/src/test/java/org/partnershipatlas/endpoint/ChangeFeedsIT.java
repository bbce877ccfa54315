package org.partnershipatlas.endpoint;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPInputStream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.graph.Triple;
import org.apache.jena.riot.Lang;
import org.apache.jena.riot.RDFParser;
import org.apache.jena.sparql.graph.GraphFactory;
import org.apache.jena.vocabulary.DCTerms;
import org.apache.jena.vocabulary.RDF;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.partnershipatlas.endpoint.feeds.LdesServlet;
import org.partnershipatlas.endpoint.releases.ReleasesServlet;
import org.partnershipatlas.loaders.dumps.DumpWriter;
import org.partnershipatlas.loaders.feeds.LdesPages;
import org.partnershipatlas.loaders.releases.Release;
import org.partnershipatlas.loaders.releases.ReleaseArchive;
import org.partnershipatlas.loaders.releases.ReleaseWriter;
import org.partnershipatlas.ontology.AtlasIris;
import org.partnershipatlas.ontology.Vocab.AS;
import org.partnershipatlas.ontology.Vocab.LDES;
import org.partnershipatlas.ontology.Vocab.TREE;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * The change feeds over real HTTP, from releases of the sample data made by changing a source between them: 1 (the
 * sample data), 2 (adds Newham Street Crime Initiative, a CDRP on crime in Newham), 3 (takes it out again and adds
 * Manchester Street Crime Initiative), 4 (unchanged, then withdrawn). The Linked Data Event Stream is crawled page by
 * page: one view on the root, every member once, an acyclic page graph, immutable pages but the view, each release's
 * members exactly the resources whose description changed (computed here from the releases' dumps); ldes-client, an
 * independent client from npm, replicates exactly those members, and after a new release fetches only the new ones.
 * The Atom feed is valid and its filters keep only the matching entries.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ChangeFeedsIT {
    static final Path ROOT = Path.of(System.getProperty("atlas.root"));
    static final Path CLIENT = ROOT.resolve(".ci/node/ldes-members.mjs");
    static final String HEADER =
            "id,name,alt_name,type,localities,umbrella,domains,purpose,start_date,end_date,homepage,source,illustrative\n";
    static final String NEWHAM = "newham-street-crime,Newham Street Crime Initiative,,cdrp,newham,newham-lsp,"
            + "crime-and-community-safety;volume-crime,Street crime work in Newham.,2003-04,,,,true\n";
    static final String MANCHESTER = "manchester-street-crime,Manchester Street Crime Initiative,,cdrp,manchester,,"
            + "crime-and-community-safety,Street crime work in Manchester.,2003-04,,,,true\n";
    static final String BASE = AtlasIris.DEFAULT.base();

    @RegisterExtension
    static final AtlasFixture atlas = AtlasFixture.sampleData()
            .prepare(f -> release(f, "1"))
            .loadText("extra.partnerships.csv", HEADER + NEWHAM)
            .prepare(f -> release(f, "2"))
            .loadText("extra.partnerships.csv", HEADER + MANCHESTER)
            .prepare(f -> {
                release(f, "3");
                release(f, "4");
                archive(f).withdraw("4", "published by mistake");
            })
            .server((b, f) -> b.releases(f.dir().resolve("releases")));

    static ReleaseArchive archive(AtlasFixture f) {
        return new ReleaseArchive(f.dir().resolve("releases"));
    }

    static void release(AtlasFixture f, String version) {
        new ReleaseWriter(f.store(), AtlasIris.DEFAULT, archive(f), "http://localhost/").write(version);
    }

    /** The stream's pages as crawled: each page's graph, the pages it links to, and its Cache-Control. */
    record Crawl(Map<String, Graph> pages, Map<String, List<String>> links, Map<String, String> cacheControl) {}

    static Crawl crawl() throws Exception {
        Map<String, Graph> pages = new LinkedHashMap<>();
        Map<String, List<String>> links = new LinkedHashMap<>();
        Map<String, String> cache = new HashMap<>();
        List<String> todo = new ArrayList<>(List.of(atlas.url() + "ldes/view"));
        while (!todo.isEmpty()) {
            String url = todo.remove(0);
            if (pages.containsKey(url)) {
                continue;
            }
            var r = atlas.get(url, "text/turtle");
            assertThat(r.statusCode()).as(url).isEqualTo(200);
            Graph g = r.graph(Lang.TURTLE);
            pages.put(url, g);
            cache.put(url, r.header("Cache-Control").orElse(""));
            List<String> next = new ArrayList<>();
            for (Triple rel : g.find(NodeFactory.createURI(url), TREE.relation.asNode(), Node.ANY)
                    .toList()) {
                Node relation = rel.getObject();
                assertThat(g.contains(relation, RDF.type.asNode(), TREE.GreaterThanOrEqualToRelation.asNode()))
                        .isTrue();
                assertThat(g.contains(relation, TREE.path.asNode(), DCTerms.created.asNode()))
                        .isTrue();
                Node value =
                        g.find(relation, TREE.value.asNode(), Node.ANY).next().getObject();
                assertThat(value.getLiteralDatatypeURI()).endsWith("#dateTime");
                next.add(g.find(relation, TREE.node.asNode(), Node.ANY)
                        .next()
                        .getObject()
                        .getURI());
            }
            links.put(url, next);
            todo.addAll(next);
        }
        return new Crawl(pages, links, cache);
    }

    static Node stream() {
        return NodeFactory.createURI(atlas.url() + "ldes");
    }

    /** The members of the crawled pages, each with how many pages list it. */
    static Map<String, Integer> members(Crawl crawl) {
        Map<String, Integer> out = new HashMap<>();
        crawl.pages()
                .values()
                .forEach(g -> g.find(stream(), TREE.member.asNode(), Node.ANY)
                        .forEach(t -> out.merge(t.getObject().getURI(), 1, Integer::sum)));
        return out;
    }

    static Graph union(Path file) {
        Graph g = GraphFactory.createDefaultGraph();
        if (file != null) {
            try (InputStream in = new GZIPInputStream(Files.newInputStream(file))) {
                RDFParser.source(in).lang(Lang.NTRIPLES).parse(g);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return g;
    }

    /**
     * The members a release should have, computed here from its dumps and its previous release's: the Atlas's
     * resources whose triples differ, as {@code {resource}#v-{version}}.
     */
    static Set<String> expectedMembers(Release release) {
        Path previous = release.previous() == null
                ? null
                : archive(atlas)
                        .find(release.previous())
                        .map(r -> r.file(DumpWriter.UNION_NTRIPLES))
                        .orElseThrow();
        Graph before = union(previous);
        Graph after = union(release.file(DumpWriter.UNION_NTRIPLES));
        Set<Node> subjects = new HashSet<>();
        before.find().forEach(t -> subjects.add(t.getSubject()));
        after.find().forEach(t -> subjects.add(t.getSubject()));
        Set<String> out = new HashSet<>();
        for (Node s : subjects) {
            if (s.isURI()
                    && s.getURI().startsWith(BASE)
                    && !Set.copyOf(before.find(s, Node.ANY, Node.ANY).toList())
                            .equals(Set.copyOf(after.find(s, Node.ANY, Node.ANY).toList()))) {
                out.add(LdesPages.memberIri(s.getURI(), release.version()));
            }
        }
        return out;
    }

    @Test
    @Order(1)
    void the_stream_has_one_view_and_says_how_to_read_its_members() throws Exception {
        var r = atlas.get("ldes", "text/turtle");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.header("Cache-Control")).contains(LdesServlet.MUTABLE);
        Graph g = r.graph(Lang.TURTLE);
        assertThat(g.contains(stream(), RDF.type.asNode(), LDES.EventStream.asNode()))
                .isTrue();
        assertThat(g.contains(stream(), LDES.versionOfPath.asNode(), DCTerms.isVersionOf.asNode()))
                .isTrue();
        assertThat(g.contains(stream(), LDES.timestampPath.asNode(), DCTerms.created.asNode()))
                .isTrue();
        assertThat(g.find(Node.ANY, TREE.view.asNode(), Node.ANY).toList())
                .singleElement()
                .satisfies(t -> assertThat(t.getObject().getURI()).isEqualTo(atlas.url() + "ldes/view"));
    }

    @Test
    @Order(2)
    void every_member_once_in_an_acyclic_page_graph_as_each_release_changed_its_resources() throws Exception {
        Crawl crawl = crawl();
        // Acyclic: a depth-first walk never meets a page on its own path.
        Set<String> done = new HashSet<>();
        assertThat(acyclic(atlas.url() + "ldes/view", crawl.links(), new HashSet<>(), done))
                .isTrue();
        assertThat(done).isEqualTo(crawl.pages().keySet());

        Map<String, Integer> members = members(crawl);
        assertThat(members.values()).allMatch(n -> n == 1);
        Map<String, Set<String>> perRelease = new HashMap<>();
        for (String page : crawl.pages().keySet()) {
            if (!page.endsWith("/view")) {
                String version = page.substring((atlas.url() + "ldes/").length(), page.lastIndexOf('/'));
                crawl.pages()
                        .get(page)
                        .find(stream(), TREE.member.asNode(), Node.ANY)
                        .forEach(t -> perRelease
                                .computeIfAbsent(version, v -> new HashSet<>())
                                .add(t.getObject().getURI()));
            }
        }
        // The withdrawn release is not in the stream; every published one is, with exactly its changed resources.
        assertThat(perRelease.keySet()).containsExactlyInAnyOrder("1", "2", "3");
        for (String v : List.of("1", "2", "3")) {
            Release release = archive(atlas).require(v);
            assertThat(perRelease.get(v)).as("release " + v).isEqualTo(expectedMembers(release));
        }
        // The first release fills several pages (pagination inside a release), the later ones few.
        assertThat(crawl.pages().keySet()).contains(atlas.url() + "ldes/1/2");
        assertThat(perRelease.get("2")).contains(LdesPages.memberIri(BASE + "id/partnership/newham-street-crime", "2"));
    }

    static boolean acyclic(String page, Map<String, List<String>> links, Set<String> path, Set<String> done) {
        if (path.contains(page)) {
            return false;
        }
        if (done.contains(page)) {
            return true;
        }
        path.add(page);
        for (String next : links.getOrDefault(page, List.of())) {
            if (!acyclic(next, links, path, done)) {
                return false;
            }
        }
        path.remove(page);
        done.add(page);
        return true;
    }

    @Test
    @Order(3)
    void a_member_is_a_typed_version_carrying_the_resource_as_it_was_in_its_release() throws Exception {
        Crawl crawl = crawl();
        Graph all = GraphFactory.createDefaultGraph();
        crawl.pages().values().forEach(g -> g.find().forEach(all::add));
        Node partnership = NodeFactory.createURI(BASE + "id/partnership/newham-street-crime");
        Node created = NodeFactory.createURI(LdesPages.memberIri(partnership.getURI(), "2"));
        Node deleted = NodeFactory.createURI(LdesPages.memberIri(partnership.getURI(), "3"));
        Release two = archive(atlas).require("2");
        assertThat(all.contains(created, RDF.type.asNode(), AS.Create.asNode())).isTrue();
        assertThat(all.contains(created, DCTerms.isVersionOf.asNode(), partnership))
                .isTrue();
        assertThat(all.find(created, DCTerms.created.asNode(), Node.ANY)
                        .next()
                        .getObject()
                        .getLiteralLexicalForm())
                .isEqualTo(two.issued().toString());
        // Its triples are the partnership's in release 2, about the version.
        Graph inTwo = union(two.file(DumpWriter.UNION_NTRIPLES));
        List<Triple> expected = inTwo.find(partnership, Node.ANY, Node.ANY).toList();
        assertThat(expected).hasSizeGreaterThan(5);
        for (Triple t : expected) {
            assertThat(all.contains(created, t.getPredicate(), t.getObject()))
                    .as("%s", t)
                    .isTrue();
        }
        // Deleted in release 3: a tombstone with nothing but its kind, resource and time.
        assertThat(all.contains(deleted, RDF.type.asNode(), AS.Delete.asNode())).isTrue();
        assertThat(all.find(deleted, Node.ANY, Node.ANY).toList()).hasSize(3);
        // Changed in release 3: an update of the statistics of crime in Manchester, say.
        assertThat(all.find(Node.ANY, RDF.type.asNode(), AS.Update.asNode()).toList())
                .isNotEmpty();
    }

    @Test
    @Order(4)
    void all_pages_but_the_view_are_immutable_with_strong_etags_and_304() throws Exception {
        Crawl crawl = crawl();
        crawl.cacheControl().forEach((page, cache) -> {
            if (page.endsWith("/view")) {
                assertThat(cache).as(page).isEqualTo(LdesServlet.MUTABLE);
            } else {
                assertThat(cache).as(page).isEqualTo(ReleasesServlet.IMMUTABLE);
            }
        });
        var page = atlas.get("ldes/2/1", "text/turtle");
        String etag = page.header("ETag").orElseThrow();
        assertThat(etag).startsWith("\"").endsWith("\"");
        assertThat(atlas.get("ldes/2/1", "text/turtle", "If-None-Match", etag).statusCode())
                .isEqualTo(304);
        // Another representation, another tag.
        var nt = atlas.get("ldes/2/1", "application/n-triples");
        assertThat(nt.header("ETag").orElseThrow()).isNotEqualTo(etag);
        assertThat(atlas.get("ldes/2/1", "application/n-triples", "If-None-Match", etag)
                        .statusCode())
                .isEqualTo(200);
        assertThat(atlas.get("ldes/4/1", "text/turtle").statusCode()).isEqualTo(410);
        assertThat(atlas.get("ldes/9/1", "text/turtle").statusCode()).isEqualTo(404);
        assertThat(atlas.get("ldes/2/99", "text/turtle").statusCode()).isEqualTo(404);
        assertThat(atlas.get("ldes/2/x", "text/turtle").statusCode()).isEqualTo(404);
    }

    @Test
    @Order(5)
    void a_page_reads_the_same_in_turtle_n_triples_and_json_ld() throws Exception {
        Graph turtle = atlas.get("ldes/3/1", "text/turtle").graph(Lang.TURTLE);
        var nt = atlas.get("ldes/3/1", "application/n-triples");
        assertThat(nt.mediaType()).isEqualTo("application/n-triples");
        var jsonld = atlas.get("ldes/3/1", "application/ld+json");
        assertThat(jsonld.mediaType()).isEqualTo("application/ld+json");
        assertThat(nt.graph(Lang.NTRIPLES).isIsomorphicWith(turtle)).isTrue();
        Graph fromJson = GraphFactory.createDefaultGraph();
        RDFParser.fromString(jsonld.text(), Lang.JSONLD).base(atlas.url()).parse(fromJson);
        assertThat(fromJson.isIsomorphicWith(turtle)).isTrue();
    }

    /** An Atom feed, parsed; its entries by id, each with its categories' terms. */
    static Map<String, Set<String>> atom(String query) throws Exception {
        var r = atlas.get("changes.atom" + query);
        assertThat(r.statusCode()).as(r.text()).isEqualTo(200);
        assertThat(r.mediaType()).isEqualTo("application/atom+xml");
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        Document doc = factory.newDocumentBuilder().parse(new ByteArrayInputStream(r.body()));
        String atom = "http://www.w3.org/2005/Atom";
        Element feed = doc.getDocumentElement();
        assertThat(feed.getNamespaceURI()).isEqualTo(atom);
        assertThat(feed.getLocalName()).isEqualTo("feed");
        for (String required : List.of("id", "title", "updated", "author")) {
            assertThat(children(feed, required)).as(required).hasSize(1);
        }
        Map<String, Set<String>> entries = new LinkedHashMap<>();
        for (Element entry : children(feed, "entry")) {
            for (String required : List.of("id", "title", "updated", "summary")) {
                assertThat(children(entry, required)).as(required).hasSize(1);
            }
            Set<String> terms = new HashSet<>();
            children(entry, "category").forEach(c -> terms.add(c.getAttribute("term")));
            String id = children(entry, "id").get(0).getTextContent();
            assertThat(entries.put(id, terms)).as("entry %s once", id).isNull();
        }
        return entries;
    }

    static List<Element> children(Element parent, String name) {
        List<Element> out = new ArrayList<>();
        NodeList nodes = parent.getChildNodes();
        for (int i = 0; i < nodes.getLength(); i++) {
            if (nodes.item(i) instanceof Element e
                    && "http://www.w3.org/2005/Atom".equals(e.getNamespaceURI())
                    && e.getLocalName().equals(name)) {
                out.add(e);
            }
        }
        return out;
    }

    @Test
    @Order(6)
    void the_atom_feed_filters_by_locality_domain_and_type() throws Exception {
        Map<String, Set<String>> all = atom("");
        String newham = BASE + "id/locality/newham";
        String crime = BASE + "id/problem-domain/crime-and-community-safety";
        String cdrp = BASE + "id/partnership-type/cdrp";
        String street = BASE + "id/partnership/newham-street-crime";
        // Newham Street Crime Initiative: added in 2, removed in 3.
        assertThat(all).containsKeys(LdesPages.memberIri(street, "2"), LdesPages.memberIri(street, "3"));
        assertThat(all.get(LdesPages.memberIri(street, "2"))).contains(newham, crime, cdrp, "partnership");

        Map<String, Set<String>> crimeInNewham = atom("?locality=newham&domain=crime-and-community-safety&type=cdrp");
        assertThat(crimeInNewham).isNotEmpty();
        assertThat(crimeInNewham.keySet())
                .isEqualTo(all.entrySet().stream()
                        .filter(e -> e.getValue().containsAll(Set.of(newham, crime, cdrp)))
                        .map(Map.Entry::getKey)
                        .collect(java.util.stream.Collectors.toSet()));
        for (String[] filter : List.of(
                new String[] {"locality=manchester", BASE + "id/locality/manchester"},
                new String[] {"domain=" + crime, crime},
                new String[] {"type=cdrp", cdrp})) {
            Map<String, Set<String>> only = atom("?" + filter[0]);
            assertThat(only).as(filter[0]).isNotEmpty();
            assertThat(only.values()).as(filter[0]).allMatch(terms -> terms.contains(filter[1]));
            assertThat(all.values().stream().filter(t -> t.contains(filter[1])).count())
                    .as(filter[0])
                    .isEqualTo(only.size());
            assertThat(only.size()).as(filter[0]).isLessThan(all.size());
        }
        assertThat(atlas.get("changes.atom?locality=not%20a%20slug").statusCode())
                .isEqualTo(400);
    }

    @Test
    @Order(7)
    void the_home_page_and_the_releases_link_to_the_feed() throws Exception {
        String link = "<link rel=\"alternate\" type=\"application/atom+xml\"";
        assertThat(atlas.get("", "text/html").text()).contains(link).contains("href=\"changes.atom\"");
        assertThat(atlas.get("releases/", "text/html").text()).contains(link);
    }

    /** Runs ldes-client on the stream, resuming from {@code state}; the members it emits. */
    static List<String> replicate(Path state, String name) throws Exception {
        assertThat(CLIENT)
                .as("ldes-client is installed by .ci/run (npm ci --prefix .ci/node)")
                .exists();
        assertThat(ROOT.resolve(".ci/node/node_modules/ldes-client")).isDirectory();
        Path out = atlas.dir().resolve(name + ".out");
        Path err = atlas.dir().resolve(name + ".err");
        Process p = new ProcessBuilder("node", CLIENT.toString(), atlas.url() + "ldes", state.toString())
                .redirectOutput(out.toFile())
                .redirectError(err.toFile())
                .start();
        assertThat(p.waitFor(5, TimeUnit.MINUTES)).as("ldes-client finishes").isTrue();
        assertThat(p.exitValue()).as(Files.readString(err)).isZero();
        return Files.readAllLines(out, StandardCharsets.UTF_8);
    }

    @Test
    @Order(8)
    void ldes_client_replicates_exactly_the_members_and_then_only_a_new_releases() throws Exception {
        Path state = atlas.dir().resolve("ldes-client-state");
        Set<String> expected = new HashSet<>();
        for (String v : List.of("1", "2", "3")) {
            expected.addAll(expectedMembers(archive(atlas).require(v)));
        }
        List<String> first = replicate(state, "replicate-1");
        assertThat(first).hasSameSizeAs(Set.copyOf(first));
        assertThat(Set.copyOf(first)).isEqualTo(expected);

        atlas.loadNow(write("extra.partnerships.csv", HEADER + MANCHESTER.replace("2003-04", "2003-05")));
        release(atlas, "5");
        Set<String> fifth = expectedMembers(archive(atlas).require("5"));
        assertThat(fifth).contains(LdesPages.memberIri(BASE + "id/partnership/manchester-street-crime", "5"));
        List<String> second = replicate(state, "replicate-2");
        assertThat(second).hasSameSizeAs(Set.copyOf(second));
        assertThat(Set.copyOf(second)).isEqualTo(fifth);
        // It fetched the view and the new release's page, not the immutable pages it had.
        assertThat(Files.readString(atlas.dir().resolve("replicate-2.err"))).contains("fragments: 3");
    }

    static Path write(String name, String text) throws IOException {
        Path file = atlas.dir().resolve(name);
        Files.writeString(file, text);
        return file;
    }
}
