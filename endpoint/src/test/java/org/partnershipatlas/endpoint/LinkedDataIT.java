package org.partnershipatlas.endpoint;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.partnershipatlas.loaders.links.Linksets;
import org.partnershipatlas.ontology.AtlasIris;
import org.partnershipatlas.ontology.AtlasOntology;
import org.partnershipatlas.ontology.PA;
import org.partnershipatlas.ontology.Vocab;

/** Dereferenceable IRIs, content negotiation, pages and the ontology's documentation, over real HTTP. */
class LinkedDataIT {
    static final String HOSTILE = "<script>alert('pwned')</script> & Co";

    // A hostile label, loaded like any other source: the pages must show it as text.
    @RegisterExtension
    static final AtlasFixture atlas = AtlasFixture.sampleData()
            .loadText(
                    "hostile.organisations.csv",
                    "id,name,kind,sector,illustrative\nhostile-body,\"" + HOSTILE.replace("\"", "\"\"")
                            + "\",voluntary-organisation,voluntary-community,true\n");

    static Node uri(String iri) {
        return NodeFactory.createURI(iri);
    }

    @Test
    void idAnswers303SeeOtherToDoc() throws Exception {
        var response = atlas.get("id/partnership/newham-cdrp", "text/turtle");
        assertThat(response.statusCode()).isEqualTo(303);
        assertThat(response.headers().firstValue("Location")).hasValue("/doc/partnership/newham-cdrp");
    }

    @Test
    void docNegotiatesEveryRdfFormatAndHoldsTheResourcesTriples() throws Exception {
        Node cdrp = uri(AtlasIris.DEFAULT.id("partnership", "newham-cdrp"));
        long own = Txn.calculateRead(atlas.store().datasetGraph(), () -> (long) atlas.store()
                .datasetGraph()
                .getUnionGraph()
                .find(cdrp, Node.ANY, Node.ANY)
                .toList()
                .size());
        for (Lang lang : List.of(Lang.TURTLE, Lang.JSONLD, Lang.NTRIPLES, Lang.RDFXML)) {
            var response =
                    atlas.get("doc/partnership/newham-cdrp", lang.getHeaderString() + ";q=0.9, text/plain;q=0.1");
            assertThat(response.statusCode()).as(lang.getLabel()).isEqualTo(200);
            assertThat(response.headers().firstValue("Content-Type").orElseThrow())
                    .startsWith(lang.getHeaderString());
            assertThat(response.headers().allValues("Vary")).contains("Accept");
            assertThat(response.headers().firstValue("Link").orElseThrow()).contains("rel=\"alternate\"");
            Graph g = response.graph(lang);
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
    void qValuesChooseAndSuffixesSelectAFormat() throws Exception {
        var preferTurtle = atlas.get("doc/locality/newham", "application/ld+json;q=0.5, text/turtle;q=0.8");
        assertThat(preferTurtle.headers().firstValue("Content-Type").orElseThrow())
                .startsWith("text/turtle");
        var anything = atlas.get("doc/locality/newham", "*/*");
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
            var response = atlas.get("doc/locality/newham." + e.getKey(), "text/html");
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.headers().firstValue("Content-Type").orElseThrow())
                    .as(e.getKey())
                    .startsWith(e.getValue());
        }
    }

    @Test
    void unknownIs404AndUnsupportedIs406() throws Exception {
        assertThat(atlas.get("doc/partnership/atlantis", "text/turtle").statusCode())
                .isEqualTo(404);
        assertThat(atlas.get("doc/no-such-type/x/y", "text/turtle").statusCode())
                .isEqualTo(404);
        assertThat(atlas.get("doc/partnership/newham-cdrp", "image/png").statusCode())
                .isEqualTo(406);
    }

    @Test
    void jsonLdUsesThePublishedContext() throws Exception {
        var response = atlas.get("doc/locality/newham", "application/ld+json");
        JsonObject json = JSON.parse(response.text());
        String context = json.get("@context").getAsString().value();
        assertThat(context).endsWith("/context.jsonld");
        assertThat(response.text())
                .contains("\"gssCode\"")
                .contains("\"label\"")
                .doesNotContain("skos:prefLabel");
        var published = atlas.client()
                .send(HttpRequest.newBuilder(URI.create(context)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(published.statusCode()).isEqualTo(200);
        assertThat(published.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/ld+json");
        assertThat(JSON.parse(published.body()).get("@context").getAsObject().hasKey("locality"))
                .isTrue();
    }

    @Test
    void partnershipPageShowsMembersWithRolesDomainsAndGuidance() throws Exception {
        var response = atlas.get("doc/partnership/newham-cdrp", "text/html");
        String html = response.text();
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
        return atlas.store().read(dsg -> {
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
    void localityPageLinksItsMapAndReport() throws Exception {
        String html = atlas.get("doc/locality/newham", "text/html").text();
        String places = section(html, "places");
        assertThat(places).contains("href=\"/localities/newham\"").contains("href=\"/reports/newham\"");
        assertThat(atlas.get("localities/newham", "text/html").statusCode()).isEqualTo(200);
        assertThat(atlas.get("reports/newham", "text/html").statusCode()).isEqualTo(200);
        // The map links back.
        assertThat(atlas.get("localities/newham", "text/html").text()).contains("href=\"/doc/locality/newham\"");
    }

    @Test
    void localityPageTabulatesPartnershipsPerDomainInsteadOfListingObservations() throws Exception {
        String html = atlas.get("doc/locality/newham", "text/html").text();
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
    void partnershipPageNamesItsOverlapsAndSaysIllustrativeRecord() throws Exception {
        String html = atlas.get("doc/partnership/newham-cdrp", "text/html").text();
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
    void organisationPageLinksTheMapsAndReportsOfItsLocalities() throws Exception {
        List<List<String>> localities = select(
                "SELECT ?l WHERE { <https://w3id.org/partnership-atlas/id/organisation/metropolitan-police-service> dcterms:spatial ?l }",
                "l");
        assertThat(localities).isNotEmpty();
        String places = section(
                atlas.get("doc/organisation/metropolitan-police-service", "text/html")
                        .text(),
                "places");
        for (List<String> locality : localities) {
            String slug = locality.get(0).substring(locality.get(0).lastIndexOf('/') + 1);
            assertThat(places).contains("href=\"/localities/" + slug + "\"").contains("href=\"/reports/" + slug + "\"");
        }
    }

    @Test
    void localitiesCiteTheOnsRegisterForTheirGssCodes() throws Exception {
        for (Map<String, String> row : SampleData.rows("localities.csv")) {
            String ons = Linksets.ONS_GEOGRAPHY + row.get("gss_code");
            assertThat(row.get("source")).as(row.get("id")).isEqualTo(ons);
            Graph g = (atlas.get("doc/locality/" + row.get("id") + ".ttl", null)).graph(Lang.TURTLE);
            assertThat(g.contains(
                            uri(AtlasIris.DEFAULT.id("locality", row.get("id"))), DCTerms.source.asNode(), uri(ons)))
                    .as(row.get("id"))
                    .isTrue();
        }
    }

    @Test
    void organisationAndLocalityPagesShowIncomingLinks() throws Exception {
        String org = atlas.get("doc/organisation/metropolitan-police-service", "text/html")
                .text();
        assertThat(org).contains("Partnerships it sits on").contains("Newham Crime and Disorder Reduction Partnership");
        String locality = atlas.get("doc/locality/newham", "text/html").text();
        assertThat(locality).contains("Partnerships with this as locality").contains("Newham Drug Action Team");
        String domain =
                atlas.get("doc/problem-domain/volume-crime", "text/html").text();
        assertThat(domain).contains("with this as problem domain");
    }

    @Test
    void supersededGuidanceSaysSoAndLinksItsReplacementWhichSaysWhatItReplaces() throws Exception {
        List<Map<String, String>> superseded = SampleData.rows("guidance.csv").stream()
                .filter(row -> !row.get("replaced_by").isEmpty())
                .toList();
        assertThat(superseded).isNotEmpty();
        Map<String, String> titles = new HashMap<>();
        SampleData.rows("guidance.csv").forEach(row -> titles.put(row.get("id"), row.get("title")));
        for (Map<String, String> row : superseded) {
            String old = row.get("id");
            String replacement = row.get("replaced_by");
            String oldPage = atlas.get("doc/guidance/" + old, "text/html").text();
            assertThat(oldPage)
                    .as(old)
                    .contains("<strong>Superseded</strong>: replaced by")
                    .contains("<a href=\"/doc/guidance/" + replacement + "\">" + escaped(titles.get(replacement))
                            + "</a>; read that first.");
            String newPage =
                    atlas.get("doc/guidance/" + replacement, "text/html").text();
            assertThat(newPage)
                    .as(replacement)
                    .contains("Replaces")
                    .contains("<a href=\"/doc/guidance/" + old + "\">" + escaped(titles.get(old)) + "</a>")
                    .doesNotContain("<strong>Superseded</strong>");
            Graph g = atlas.get("doc/guidance/" + old + ".ttl", null).graph(Lang.TURTLE);
            Node oldIri = uri(AtlasIris.DEFAULT.id("guidance", old));
            assertThat(g.contains(
                            oldIri, DCTerms.isReplacedBy.asNode(), uri(AtlasIris.DEFAULT.id("guidance", replacement))))
                    .isTrue();
            assertThat(g.contains(
                            oldIri,
                            Vocab.ADMS.status.asNode(),
                            uri(AtlasIris.DEFAULT.id("document-status", "superseded"))))
                    .isTrue();
        }
        String current = atlas.get("doc/guidance/lsp-progress-report-2002-03", "text/html")
                .text();
        assertThat(current).doesNotContain("class=\"supersession");
    }

    @Test
    void guidanceListsPutCurrentDocumentsFirstAndMarkSupersededOnesWithTheirReplacement() throws Exception {
        // The sample's superseded LSP consultation (2000) is on neighbourhood renewal, as is its replacement (2001).
        String domain = AtlasIris.DEFAULT.id("problem-domain", "neighbourhood-renewal");
        String catalogue = atlas.get(
                        "guidance?domain=" + URLEncoder.encode(domain, StandardCharsets.UTF_8), "text/html")
                .text();
        String domainPage =
                atlas.get("domains/neighbourhood-renewal", "text/html").text();
        String partnershipPage =
                atlas.get("doc/partnership/shoreditch-ndc", "text/html").text();
        for (String page : List.of(catalogue, domainPage, partnershipPage)) {
            // Each list on its own (the domain page has one of government guidance, one of other resources).
            Matcher list =
                    Pattern.compile("<ul[^>]*>(.*?)</ul>", Pattern.DOTALL).matcher(page);
            int documents = 0;
            while (list.find()) {
                List<String> items = new ArrayList<>();
                Matcher m = Pattern.compile("<li><a href=\"/doc/(?:guidance|resource)/[^<]*</a>.*?</li>")
                        .matcher(list.group(1));
                while (m.find()) {
                    items.add(m.group());
                }
                documents += items.size();
                int firstMarked = items.size();
                for (int i = 0; i < items.size(); i++) {
                    if (items.get(i).contains("class=\"document-status\"")) {
                        firstMarked = Math.min(firstMarked, i);
                    } else {
                        assertThat(i)
                                .as("a current document after a superseded one: %s", items.get(i))
                                .isLessThan(firstMarked);
                    }
                }
            }
            assertThat(documents).isPositive();
            if (page == partnershipPage) {
                // Its 25 are all current: the superseded consultation is past them, as it should be.
                assertThat(page).doesNotContain("lsp-consultation-document");
                continue;
            }
            assertThat(page)
                    .contains("<a href=\"/doc/guidance/lsp-consultation-document\">")
                    .contains(
                            "<span class=\"document-status\">Superseded: read <a href=\"/doc/guidance/lsp-government-guidance\">its replacement</a></span>");
        }
    }

    @Test
    void labelsAreEscaped() throws Exception {
        String html = atlas.get("doc/organisation/hostile-body", "text/html").text();
        assertThat(html)
                .doesNotContain("<script>alert")
                .contains("&lt;script&gt;alert(&#39;pwned&#39;)&lt;/script&gt; &amp; Co");
        String index = atlas.get("doc/organisation", "text/html").text();
        assertThat(index).doesNotContain("<script>alert");
    }

    @Test
    void indexPagesPageThroughATypeByKey() throws Exception {
        int organisations = SampleData.rows("organisations.csv").size() + 1;
        java.util.regex.Pattern next = java.util.regex.Pattern.compile("<a rel=\"next\" href=\"([^\"]+)\"");
        java.util.regex.Pattern previous = java.util.regex.Pattern.compile("<a rel=\"prev\" href=\"([^\"]+)\"");
        List<String> pages = new java.util.ArrayList<>();
        List<String> queries = new java.util.ArrayList<>();
        String query = "";
        int seen = 0;
        for (int page = 1; page < 20; page++) {
            var response = atlas.get("doc/organisation" + query, "text/html");
            assertThat(response.statusCode()).isEqualTo(200);
            String html = response.text();
            pages.add(html.substring(html.indexOf("<ul class=\"index\">")));
            queries.add(query);
            seen += html.split("<li><a href=\"/doc/organisation/").length - 1;
            var m = next.matcher(html);
            if (!m.find()) {
                break;
            }
            query = m.group(1).replace("&amp;", "&");
        }
        assertThat(pages).hasSizeGreaterThan(1);
        assertThat(seen).isEqualTo(organisations);
        // Back from the last page by its "previous" link: the page before it.
        String last = atlas.get("doc/organisation" + queries.get(queries.size() - 1), "text/html")
                .text();
        var m = previous.matcher(last);
        assertThat(m.find()).isTrue();
        String back = atlas.get("doc/organisation" + m.group(1).replace("&amp;", "&"), "text/html")
                .text();
        assertThat(back.substring(back.indexOf("<ul class=\"index\">"))).isEqualTo(pages.get(pages.size() - 2));
        // Old page numbers are sent on to the same page by key.
        var old = atlas.get("doc/organisation?page=2", "text/html");
        assertThat(old.statusCode()).isEqualTo(302);
        assertThat(old.header("Location").orElseThrow()).isEqualTo("/doc/organisation" + queries.get(1));
        assertThat(atlas.get("doc/organisation?page=1", "text/html").statusCode())
                .isEqualTo(302);
        assertThat(atlas.get("doc/organisation?page=0", "text/html").statusCode())
                .isEqualTo(400);
        assertThat(atlas.get("doc/organisation?page=999", "text/html").statusCode())
                .isEqualTo(404);
        assertThat(atlas.get("doc/", "text/html").text())
                .contains("href=\"/doc/partnership\"")
                .contains("href=\"/doc/problem-domain\"");
    }

    @Test
    void everyTypeSegmentInTheDataHasAnIndex() throws Exception {
        String idSpace = AtlasIris.DEFAULT.idSpace();
        List<String> types = Txn.calculateRead(
                atlas.store().datasetGraph(),
                () -> atlas
                        .store()
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
            assertThat(atlas.get("doc/" + type, "text/html").statusCode())
                    .as(type)
                    .isEqualTo(200);
        }
    }

    @Test
    void theOntologyIsDocumentedAndServedAsRdf() throws Exception {
        String html = atlas.get("def", "text/html").text();
        assertThat(html)
                .contains("id=\"Partnership\"")
                .contains("umbrellaPartnership")
                .contains("Used in the data");
        var turtle = atlas.get("def.ttl", null);
        assertThat(turtle.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/turtle");
        Graph g = turtle.graph(Lang.TURTLE);
        assertThat(g.contains(uri(PA.ONTOLOGY), RDF.type.asNode(), OWL.Ontology.asNode()))
                .isTrue();
        assertThat(atlas.get("def", "application/rdf+xml")
                        .headers()
                        .firstValue("Content-Type")
                        .orElseThrow())
                .startsWith("application/rdf+xml");
        assertThat(atlas.get("def.jsonld", null).graph(Lang.JSONLD).size()).isEqualTo(g.size());
    }

    /** The first link in {@code html} whose target starts with {@code prefix}. */
    static String firstLink(String html, String prefix) {
        var m = java.util.regex.Pattern.compile("href=\"(" + java.util.regex.Pattern.quote(prefix) + "[^\"#?]*)\"")
                .matcher(html);
        assertThat(m.find()).as("a link to %s", prefix).isTrue();
        return m.group(1);
    }

    @Test
    void aUserClicksFromHomeToALocalityAPartnershipAMemberAndAGuidanceDocument() throws Exception {
        String home = atlas.get("", "text/html").text();
        String localities = firstLink(home, "doc/locality");
        String locality = firstLink(atlas.get(localities, "text/html").text(), "/doc/locality/");
        String partnership =
                firstLink(atlas.get(locality.substring(1), "text/html").text(), "/doc/partnership/");
        String member =
                firstLink(atlas.get(partnership.substring(1), "text/html").text(), "/doc/organisation/");
        String memberPage = atlas.get(member.substring(1), "text/html").text();
        assertThat(memberPage).contains("Guidance for the work of its partnerships");
        String guidance = firstLink(memberPage, "/doc/guidance/");
        for (String page : List.of(locality, partnership, member, guidance)) {
            String id = "id" + page.substring("/doc".length());
            Process p =
                    new ProcessBuilder("curl", "-sSL", "--fail", "-H", "Accept: text/turtle", atlas.url() + id).start();
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
    void curlFollowsTheRedirectFromALocalityToAGuidanceDocument() throws Exception {
        ProcessBuilder pb = new ProcessBuilder(
                "curl",
                "-sSL",
                "--fail",
                "-H",
                "Accept: text/turtle",
                atlas.url() + "id/guidance/"
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
