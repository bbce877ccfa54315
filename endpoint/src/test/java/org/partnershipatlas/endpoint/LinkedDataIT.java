package org.partnershipatlas.endpoint;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.jena.atlas.json.JSON;
import org.apache.jena.atlas.json.JsonObject;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.riot.Lang;
import org.apache.jena.riot.RDFParser;
import org.apache.jena.sparql.exec.QueryExec;
import org.apache.jena.sparql.graph.GraphFactory;
import org.apache.jena.system.Txn;
import org.apache.jena.vocabulary.DCTerms;
import org.apache.jena.vocabulary.OWL;
import org.apache.jena.vocabulary.RDF;
import org.apache.jena.vocabulary.SKOS;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.partnershipatlas.loaders.LoadReport;
import org.partnershipatlas.loaders.Loader;
import org.partnershipatlas.loaders.links.Linksets;
import org.partnershipatlas.loaders.store.AtlasStore;
import org.partnershipatlas.ontology.AtlasIris;
import org.partnershipatlas.ontology.AtlasOntology;
import org.partnershipatlas.ontology.PA;

/** Dereferenceable IRIs, content negotiation, pages and the ontology's documentation, over real HTTP. */
class LinkedDataIT {
    static final String HOSTILE = "<script>alert('pwned')</script> & Co";
    static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    static Path dir;

    static AtlasStore store;
    static AtlasServer server;

    @BeforeAll
    static void start() throws IOException {
        store = SampleData.loadInto(dir.resolve("tdb2"));
        Path extra = dir.resolve("hostile.organisations.csv");
        // A hostile label, loaded like any other source: the pages must show it as text.
        Files.writeString(
                extra,
                "id,name,kind,sector,illustrative\nhostile-body,\"" + HOSTILE.replace("\"", "\"\"")
                        + "\",voluntary-organisation,voluntary-community,true\n");
        LoadReport report = Loader.into(store).sources(List.of(extra)).run();
        assertThat(report.committed()).as("%s", report.violations()).isTrue();
        server = AtlasServer.builder(store).port(0).build().start();
    }

    @AfterAll
    static void stop() {
        server.stop();
        store.close();
    }

    static HttpResponse<byte[]> get(String path, String accept) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(server.url() + path));
        if (accept != null) {
            b.header("Accept", accept);
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    static Graph parse(HttpResponse<byte[]> response, Lang lang) {
        Graph g = GraphFactory.createDefaultGraph();
        RDFParser.source(new ByteArrayInputStream(response.body())).lang(lang).parse(g);
        return g;
    }

    static String text(HttpResponse<byte[]> response) {
        return new String(response.body(), StandardCharsets.UTF_8);
    }

    static Node uri(String iri) {
        return NodeFactory.createURI(iri);
    }

    @Test
    void id_answers_303_see_other_to_doc() throws Exception {
        var response = get("id/partnership/newham-cdrp", "text/turtle");
        assertThat(response.statusCode()).isEqualTo(303);
        assertThat(response.headers().firstValue("Location")).hasValue("/doc/partnership/newham-cdrp");
    }

    @Test
    void doc_negotiates_every_rdf_format_and_holds_the_resources_triples() throws Exception {
        Node cdrp = uri(AtlasIris.DEFAULT.id("partnership", "newham-cdrp"));
        long own = Txn.calculateRead(store.datasetGraph(), () -> (long) store.datasetGraph()
                .getUnionGraph()
                .find(cdrp, Node.ANY, Node.ANY)
                .toList()
                .size());
        for (Lang lang : List.of(Lang.TURTLE, Lang.JSONLD, Lang.NTRIPLES, Lang.RDFXML)) {
            var response = get("doc/partnership/newham-cdrp", lang.getHeaderString() + ";q=0.9, text/plain;q=0.1");
            assertThat(response.statusCode()).as(lang.getLabel()).isEqualTo(200);
            assertThat(response.headers().firstValue("Content-Type").orElseThrow())
                    .startsWith(lang.getHeaderString());
            assertThat(response.headers().allValues("Vary")).contains("Accept");
            assertThat(response.headers().firstValue("Link").orElseThrow()).contains("rel=\"alternate\"");
            Graph g = parse(response, lang);
            assertThat((long) g.find(cdrp, Node.ANY, Node.ANY).toList().size())
                    .as(lang.getLabel())
                    .isEqualTo(own);
            assertThat(g.contains(cdrp, RDF.type.asNode(), PA.Partnership.asNode()))
                    .isTrue();
            // Labels of what it links to come along.
            assertThat(g.contains(uri(AtlasIris.DEFAULT.id("locality", "newham")), SKOS.prefLabel.asNode(), Node.ANY))
                    .isTrue();
        }
    }

    @Test
    void q_values_choose_and_suffixes_select_a_format() throws Exception {
        var preferTurtle = get("doc/locality/newham", "application/ld+json;q=0.5, text/turtle;q=0.8");
        assertThat(preferTurtle.headers().firstValue("Content-Type").orElseThrow())
                .startsWith("text/turtle");
        var anything = get("doc/locality/newham", "*/*");
        assertThat(anything.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/turtle");
        Map<String, String> suffixes = Map.of(
                "ttl",
                "text/turtle",
                "jsonld",
                "application/ld+json",
                "nt",
                "application/n-triples",
                "rdf",
                "application/rdf+xml",
                "html",
                "text/html");
        for (var e : suffixes.entrySet()) {
            var response = get("doc/locality/newham." + e.getKey(), "text/html");
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.headers().firstValue("Content-Type").orElseThrow())
                    .as(e.getKey())
                    .startsWith(e.getValue());
        }
    }

    @Test
    void unknown_is_404_and_unsupported_is_406() throws Exception {
        assertThat(get("doc/partnership/atlantis", "text/turtle").statusCode()).isEqualTo(404);
        assertThat(get("doc/no-such-type/x/y", "text/turtle").statusCode()).isEqualTo(404);
        assertThat(get("doc/partnership/newham-cdrp", "image/png").statusCode()).isEqualTo(406);
    }

    @Test
    void json_ld_uses_the_published_context() throws Exception {
        var response = get("doc/locality/newham", "application/ld+json");
        JsonObject json = JSON.parse(text(response));
        String context = json.get("@context").getAsString().value();
        assertThat(context).endsWith("/context.jsonld");
        assertThat(text(response)).contains("\"gssCode\"").contains("\"label\"").doesNotContain("skos:prefLabel");
        var published =
                HTTP.send(HttpRequest.newBuilder(URI.create(context)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(published.statusCode()).isEqualTo(200);
        assertThat(published.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/ld+json");
        assertThat(JSON.parse(published.body()).get("@context").getAsObject().hasKey("locality"))
                .isTrue();
    }

    @Test
    void partnership_page_shows_members_with_roles_domains_and_guidance() throws Exception {
        var response = get("doc/partnership/newham-cdrp", "text/html");
        String html = text(response);
        assertThat(html).contains("<h1>Newham Crime and Disorder Reduction Partnership</h1>");
        assertThat(html)
                .contains("Members")
                .contains("Metropolitan Police Service")
                .contains("Responsible authority");
        assertThat(html).contains("Newham Local Strategic Partnership").contains("Volume crime");
        assertThat(html).contains("Guidance for its problem domains");
        assertThat(html)
                .contains("href=\"/doc/locality/newham\"")
                .contains("href=\"/doc/organisation/metropolitan-police-service\"");
        assertThat(html).contains("creativecommons.org/licenses/by/4.0");
        assertThat(html).contains("/doc/partnership/newham-cdrp.ttl");
    }

    /** The rows of a SELECT over the store, each as the values of {@code vars} (lexical forms and IRIs). */
    static List<List<String>> select(String select, String... vars) {
        return store.read(dsg -> {
            List<List<String>> rows = new ArrayList<>();
            try (QueryExec qe = QueryExec.dataset(dsg)
                    .query(AtlasOntology.sparqlPrefixes() + select)
                    .build()) {
                qe.select()
                        .forEachRemaining(b -> rows.add(Arrays.stream(vars)
                                .map(v -> b.get(v).isLiteral()
                                        ? b.get(v).getLiteralLexicalForm()
                                        : b.get(v).getURI())
                                .toList()));
            }
            return rows;
        });
    }

    /** {@code text} as the pages' templates escape it. */
    static String escaped(String text) {
        return text.replace("&", "&amp;")
                .replace("<", "&lt;")
                .replace(">", "&gt;")
                .replace("\"", "&quot;")
                .replace("'", "&#39;");
    }

    /** The text of the section of a page labelled by the heading {@code id}. */
    static String section(String html, String id) {
        int start = html.indexOf("<section aria-labelledby=\"" + id + "\">");
        assertThat(start).as("a section %s", id).isNotNegative();
        return html.substring(start, html.indexOf("</section>", start));
    }

    @Test
    void locality_page_links_its_map_and_report() throws Exception {
        String html = text(get("doc/locality/newham", "text/html"));
        String places = section(html, "places");
        assertThat(places).contains("href=\"/localities/newham\"").contains("href=\"/reports/newham\"");
        assertThat(get("localities/newham", "text/html").statusCode()).isEqualTo(200);
        assertThat(get("reports/newham", "text/html").statusCode()).isEqualTo(200);
        // The map links back.
        assertThat(text(get("localities/newham", "text/html"))).contains("href=\"/doc/locality/newham\"");
    }

    @Test
    void locality_page_tabulates_partnerships_per_domain_instead_of_listing_observations() throws Exception {
        String html = text(get("doc/locality/newham", "text/html"));
        // Counted from the data, not from the precomputed statistics the page reads.
        List<List<String>> expected = select("""
                SELECT ?domain ?name (COUNT(DISTINCT ?p) AS ?n) WHERE {
                  ?p a pa:Partnership ; org:purpose ?purpose ; dcterms:spatial <https://w3id.org/partnership-atlas/id/locality/newham> .
                  ?purpose skos:broader* ?domain .
                  ?domain skos:prefLabel ?name .
                } GROUP BY ?domain ?name""", "domain", "name", "n");
        expected = expected.stream()
                .map(r -> List.of(r.get(0), escaped(r.get(1)), r.get(2)))
                .toList();
        assertThat(expected).hasSizeGreaterThan(20);
        var row = java.util.regex.Pattern.compile(
                "<tr><td><a href=\"/doc/problem-domain/([^\"]+)\">([^<]+)</a></td><td class=\"number\">(\\d+)</td></tr>");
        var m = row.matcher(section(html, "statistics"));
        List<List<String>> shown = new ArrayList<>();
        while (m.find()) {
            shown.add(List.of(AtlasIris.DEFAULT.id("problem-domain", m.group(1)), m.group(2), m.group(3)));
        }
        assertThat(shown).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(html).contains("<th scope=\"col\">Problem domain</th>");
        assertThat(html)
                .doesNotContain("with this as refArea")
                .doesNotContain("href=\"/doc/statistics/")
                .doesNotContain("href=\"/doc/overlap/");
    }

    @Test
    void partnership_page_names_its_overlaps_and_says_illustrative_record() throws Exception {
        String html = text(get("doc/partnership/newham-cdrp", "text/html"));
        List<List<String>> others = select("""
                SELECT ?other ?name WHERE {
                  { ?pair pa:firstPartnership <https://w3id.org/partnership-atlas/id/partnership/newham-cdrp> ; pa:secondPartnership ?other }
                  UNION { ?pair pa:secondPartnership <https://w3id.org/partnership-atlas/id/partnership/newham-cdrp> ; pa:firstPartnership ?other }
                  ?pair a pa:PartnershipOverlap .
                  ?other skos:prefLabel ?name .
                }""", "other", "name");
        assertThat(others).isNotEmpty();
        String overlaps = section(html, "overlaps");
        for (List<String> other : others) {
            String slug = other.get(0).substring(other.get(0).lastIndexOf('/') + 1);
            assertThat(overlaps)
                    .contains("<a href=\"/doc/partnership/" + slug + "\">" + escaped(other.get(1)) + "</a>");
            assertThat(html).doesNotContain(">" + slug + "</a>");
        }
        assertThat(html).doesNotContain("href=\"/doc/overlap/").doesNotContain("with this as first partnership");
        assertThat(html).contains("Illustrative record").doesNotContain("<dd>true</dd>");
        assertThat(section(html, "places"))
                .contains("href=\"/localities/newham\"")
                .contains("href=\"/reports/newham\"");
    }

    @Test
    void organisation_page_links_the_maps_and_reports_of_its_localities() throws Exception {
        List<List<String>> localities = select(
                "SELECT ?l WHERE { <https://w3id.org/partnership-atlas/id/organisation/metropolitan-police-service> dcterms:spatial ?l }",
                "l");
        assertThat(localities).isNotEmpty();
        String places = section(text(get("doc/organisation/metropolitan-police-service", "text/html")), "places");
        for (List<String> locality : localities) {
            String slug = locality.get(0).substring(locality.get(0).lastIndexOf('/') + 1);
            assertThat(places).contains("href=\"/localities/" + slug + "\"").contains("href=\"/reports/" + slug + "\"");
        }
    }

    @Test
    void localities_cite_the_ons_register_for_their_gss_codes() throws Exception {
        for (Map<String, String> row : SampleData.rows("localities.csv")) {
            String ons = Linksets.ONS_GEOGRAPHY + row.get("gss_code");
            assertThat(row.get("source")).as(row.get("id")).isEqualTo(ons);
            Graph g = parse(get("doc/locality/" + row.get("id") + ".ttl", null), Lang.TURTLE);
            assertThat(g.contains(
                            uri(AtlasIris.DEFAULT.id("locality", row.get("id"))), DCTerms.source.asNode(), uri(ons)))
                    .as(row.get("id"))
                    .isTrue();
        }
    }

    @Test
    void organisation_and_locality_pages_show_incoming_links() throws Exception {
        String org = text(get("doc/organisation/metropolitan-police-service", "text/html"));
        assertThat(org).contains("Partnerships it sits on").contains("Newham Crime and Disorder Reduction Partnership");
        String locality = text(get("doc/locality/newham", "text/html"));
        assertThat(locality).contains("Partnerships with this as locality").contains("Newham Drug Action Team");
        String domain = text(get("doc/problem-domain/volume-crime", "text/html"));
        assertThat(domain).contains("with this as problem domain");
    }

    @Test
    void labels_are_escaped() throws Exception {
        String html = text(get("doc/organisation/hostile-body", "text/html"));
        assertThat(html)
                .doesNotContain("<script>alert")
                .contains("&lt;script&gt;alert(&#39;pwned&#39;)&lt;/script&gt; &amp; Co");
        String index = text(get("doc/organisation?page=1", "text/html"));
        assertThat(index).doesNotContain("<script>alert");
    }

    @Test
    void index_pages_page_through_a_type() throws Exception {
        int organisations = SampleData.rows("organisations.csv").size() + 1;
        int seen = 0;
        for (int page = 1; page < 20; page++) {
            var response = get("doc/organisation?page=" + page, "text/html");
            if (response.statusCode() == 404) {
                break;
            }
            String html = text(response);
            seen += html.split("<li><a href=\"/doc/organisation/").length - 1;
            if (!html.contains("rel=\"next\"")) {
                break;
            }
        }
        assertThat(seen).isEqualTo(organisations);
        assertThat(get("doc/organisation?page=0", "text/html").statusCode()).isEqualTo(400);
        assertThat(text(get("doc/", "text/html")))
                .contains("href=\"/doc/partnership\"")
                .contains("href=\"/doc/problem-domain\"");
    }

    @Test
    void every_type_segment_in_the_data_has_an_index() throws Exception {
        String idSpace = AtlasIris.DEFAULT.idSpace();
        List<String> types = Txn.calculateRead(
                store.datasetGraph(),
                () -> store
                        .datasetGraph()
                        .getUnionGraph()
                        .find(Node.ANY, RDF.type.asNode(), Node.ANY)
                        .mapWith(t -> t.getSubject())
                        .filterKeep(s -> s.isURI() && s.getURI().startsWith(idSpace))
                        .mapWith(s -> s.getURI().substring(idSpace.length()).split("/")[0])
                        .toSet()
                        .stream()
                        .sorted()
                        .toList());
        assertThat(types).contains("partnership", "locality", "problem-domain");
        for (String type : types) {
            if (type.equals("load") || type.equals("source-file") || type.equals("agent")) {
                continue; // provenance records, reached from the provenance graph, not browsed
            }
            assertThat(get("doc/" + type, "text/html").statusCode()).as(type).isEqualTo(200);
        }
    }

    @Test
    void the_ontology_is_documented_and_served_as_rdf() throws Exception {
        String html = text(get("def", "text/html"));
        assertThat(html)
                .contains("id=\"Partnership\"")
                .contains("umbrellaPartnership")
                .contains("Used in the data");
        var turtle = get("def.ttl", null);
        assertThat(turtle.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/turtle");
        Graph g = parse(turtle, Lang.TURTLE);
        assertThat(g.contains(uri(PA.ONTOLOGY), RDF.type.asNode(), OWL.Ontology.asNode()))
                .isTrue();
        assertThat(get("def", "application/rdf+xml")
                        .headers()
                        .firstValue("Content-Type")
                        .orElseThrow())
                .startsWith("application/rdf+xml");
        assertThat(parse(get("def.jsonld", null), Lang.JSONLD).size()).isEqualTo(g.size());
    }

    /** The first link in {@code html} whose target starts with {@code prefix}. */
    static String firstLink(String html, String prefix) {
        var m = java.util.regex.Pattern.compile("href=\"(" + java.util.regex.Pattern.quote(prefix) + "[^\"#?]*)\"")
                .matcher(html);
        assertThat(m.find()).as("a link to %s", prefix).isTrue();
        return m.group(1);
    }

    @Test
    void a_user_clicks_from_home_to_a_locality_a_partnership_a_member_and_a_guidance_document() throws Exception {
        String home = text(get("", "text/html"));
        String localities = firstLink(home, "doc/locality");
        String locality = firstLink(text(get(localities, "text/html")), "/doc/locality/");
        String partnership = firstLink(text(get(locality.substring(1), "text/html")), "/doc/partnership/");
        String member = firstLink(text(get(partnership.substring(1), "text/html")), "/doc/organisation/");
        String memberPage = text(get(member.substring(1), "text/html"));
        assertThat(memberPage).contains("Guidance for the work of its partnerships");
        String guidance = firstLink(memberPage, "/doc/guidance/");
        for (String page : List.of(locality, partnership, member, guidance)) {
            String id = "id" + page.substring("/doc".length());
            Process p = new ProcessBuilder("curl", "-sSL", "--fail", "-H", "Accept: text/turtle", server.url() + id)
                    .start();
            String turtle = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(p.waitFor()).as("curl -L %s", id).isZero();
            Graph g = GraphFactory.createDefaultGraph();
            RDFParser.fromString(turtle, Lang.TURTLE).parse(g);
            assertThat(g.find(uri(AtlasIris.DEFAULT.base() + id), Node.ANY, Node.ANY)
                            .toList())
                    .as(id)
                    .isNotEmpty();
        }
    }

    @Test
    void curl_follows_the_redirect_from_a_locality_to_a_guidance_document() throws Exception {
        ProcessBuilder pb = new ProcessBuilder(
                "curl",
                "-sSL",
                "--fail",
                "-H",
                "Accept: text/turtle",
                server.url() + "id/guidance/"
                        + SampleData.rows("guidance.csv").get(0).get("id"));
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).isZero();
        Graph g = GraphFactory.createDefaultGraph();
        RDFParser.fromString(out, Lang.TURTLE).parse(g);
        assertThat(g.find(Node.ANY, RDF.type.asNode(), PA.GuidanceDocument.asNode())
                        .toList())
                .isNotEmpty();
    }
}
