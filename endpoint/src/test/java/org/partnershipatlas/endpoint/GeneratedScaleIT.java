package org.partnershipatlas.endpoint;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.riot.Lang;
import org.apache.jena.riot.RDFParser;
import org.apache.jena.sparql.exec.QueryExec;
import org.apache.jena.sparql.exec.RowSet;
import org.apache.jena.sparql.graph.GraphFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.partnershipatlas.endpoint.gatekeeper.ProposalPageServlet;
import org.partnershipatlas.loaders.BulkLoader;
import org.partnershipatlas.loaders.LoadReport;
import org.partnershipatlas.loaders.generate.Generator;
import org.partnershipatlas.ontology.AtlasOntology;

/**
 * Pages on generated data with more partnerships and guidance than a page should list: a problem domain's page
 * counts its partnerships per locality instead of naming them, a partnership's page lists only the newest guidance
 * on its domains and names its overlaps (the 100 strongest), a locality's page tabulates its partnerships per domain,
 * and a locality's document holds at most 1,000 links into it (and all its own triples).
 */
class GeneratedScaleIT {
    @RegisterExtension
    static final AtlasFixture atlas = AtlasFixture.storeBuiltBy(GeneratedScaleIT::bulkLoadGeneratedData);

    static void bulkLoadGeneratedData(AtlasFixture fixture) {
        Path dir = fixture.dir();
        Path sources = dir.resolve("generated");
        Generator.to(sources)
                .localities(8)
                .partnershipsPerLocality(100)
                .seed(11)
                .schemes(SampleData.directory().resolve("schemes"))
                .run();
        LoadReport report =
                BulkLoader.into(dir.resolve("tdb2")).sources(List.of(sources)).run();
        assertThat(report.committed()).as("%s", report.violations()).isTrue();
    }

    /** The first row of a SELECT over the store, as strings. */
    static List<String> first(String select, String... vars) {
        return atlas.store().read(dsg -> {
            try (QueryExec qe = QueryExec.dataset(dsg)
                    .query(AtlasOntology.sparqlPrefixes() + select)
                    .build()) {
                RowSet rows = qe.select();
                var b = rows.next();
                return java.util.Arrays.stream(vars)
                        .map(v -> b.get(v).isLiteral()
                                ? b.get(v).getLiteralLexicalForm()
                                : b.get(v).getURI())
                        .toList();
            }
        });
    }

    @Test
    void aDomainWithManyPartnershipsIsCountedPerLocality() throws Exception {
        // The domain with most partnerships, counted once per locality as the page counts them.
        List<String> top = first("""
                SELECT ?domain (COUNT(*) AS ?n) {
                  { SELECT DISTINCT ?domain ?p ?l {
                      ?p a pa:Partnership ; org:purpose ?d ; dcterms:spatial ?l . ?d skos:broader* ?domain } }
                } GROUP BY ?domain ORDER BY DESC(?n) LIMIT 1""", "domain", "n");
        assertThat(Long.parseLong(top.get(1))).isGreaterThan(200);
        String slug = top.get(0).substring(top.get(0).lastIndexOf('/') + 1);
        String html = atlas.page("domains/" + slug);
        assertThat(html).contains("Too many to list here");
        Matcher counts = Pattern.compile(
                        "<a href=\"/localities/([a-z0-9-]+)\">[^<]+</a> <span class=\"meta\">(\\d+) partnerships</span>")
                .matcher(html);
        long sum = 0;
        int localities = 0;
        while (counts.find()) {
            sum += Long.parseLong(counts.group(2));
            localities++;
        }
        assertThat(localities).isEqualTo(8);
        assertThat(sum).isEqualTo(Long.parseLong(top.get(1)));
        assertThat(html).contains("all guidance on");
    }

    @Test
    void aDomainPageShowsItsStoredPagesOfCasesInTheLibrarysOrder() throws Exception {
        List<String> top = first("""
                SELECT ?domain (COUNT(DISTINCT ?case) AS ?n) {
                  ?case a pa:BestPracticeCase ; dcterms:subject ?subject . ?subject skos:broader* ?domain
                } GROUP BY ?domain ORDER BY DESC(?n) ?domain LIMIT 1""", "domain", "n");
        int cases = Integer.parseInt(top.get(1));
        assertThat(cases).as("a domain with more cases than a page").isGreaterThan(50);
        String slug = top.get(0).substring(top.get(0).lastIndexOf('/') + 1);
        Pattern listed = Pattern.compile("<li><a href=\"(/doc/case/[a-z0-9-]+)\">");
        Pattern next = Pattern.compile("<a href=\"([^\"]+)\" rel=\"next\">Next cases</a>");
        List<String> shown = new ArrayList<>();
        int pages = 0;
        for (String path = "domains/" + slug; path != null; pages++) {
            String html = atlas.page(path);
            Matcher m = listed.matcher(html.substring(html.indexOf("id=\"cases\"")));
            int onPage = 0;
            while (m.find()) {
                shown.add(m.group(1));
                onPage++;
            }
            assertThat(onPage).isBetween(1, 50);
            assertThat(html.contains("Previous cases"))
                    .as("a link back on a later page")
                    .isEqualTo(pages > 0);
            assertThat(html.contains("First cases"))
                    .as("a link to the first page from the third on")
                    .isEqualTo(pages > 1);
            Matcher more = next.matcher(html);
            path = more.find() ? more.group(1).replace("&amp;", "&").substring(1) : null;
        }
        assertThat(pages).isEqualTo((cases + 49) / 50);
        // Past the last page, and a page that is not a number.
        for (String[] asked : new String[][] {{"" + (pages + 1), "404"}, {"0", "400"}, {"two", "400"}}) {
            AtlasFixture.Response r = atlas.get("domains/" + slug + "?casesPage=" + asked[0], "text/html");
            assertThat(r.statusCode()).as("casesPage=%s", asked[0]).hasToString(asked[1]);
        }
        // The library's whole list of the domain's cases, as the API gives it, in the same order.
        var api = atlas.get(
                "api/queries/best-practice-cases-in-domain?domain=" + top.get(0) + "&limit=10000",
                "text/tab-separated-values");
        assertThat(api.statusCode()).isEqualTo(200);
        List<String> expected = api.text()
                .lines()
                .skip(1)
                .map(line -> line.substring(0, line.indexOf('\t')))
                .map(iri -> "/doc/case/" + iri.substring(iri.lastIndexOf('/') + 1, iri.length() - 1))
                .toList();
        assertThat(shown).hasSize(cases).containsExactlyElementsOf(expected);
        // And the same cases as the library's general question asked with the domain.
        var general = atlas.get(
                "api/queries/best-practice-cases?domain=" + top.get(0) + "&limit=10000", "text/tab-separated-values");
        assertThat(general.text()
                        .lines()
                        .skip(1)
                        .map(line -> line.substring(0, line.indexOf('\t')))
                        .map(iri -> "/doc/case/" + iri.substring(iri.lastIndexOf('/') + 1, iri.length() - 1))
                        .distinct()
                        .toList())
                .containsExactlyInAnyOrderElementsOf(shown);
    }

    @Test
    void aPartnershipPageListsTheNewestGuidanceOnly() throws Exception {
        List<String> p = first("""
                SELECT ?p (COUNT(DISTINCT ?doc) AS ?n) {
                  ?p a pa:Partnership ; org:purpose ?d . ?s skos:broader* ?d . ?doc dcterms:subject ?s ; a pa:GuidanceDocument
                } GROUP BY ?p ORDER BY DESC(?n) LIMIT 1""", "p", "n");
        assertThat(Long.parseLong(p.get(1))).isGreaterThan(25);
        String html =
                atlas.page("doc/partnership/" + p.get(0).substring(p.get(0).lastIndexOf('/') + 1));
        assertThat(html).contains("id=\"guidance\"");
        String section = html.substring(html.indexOf("id=\"guidance\""));
        section = section.substring(0, section.indexOf("</section>"));
        int listed = section.split("<li>", -1).length - 1;
        assertThat(listed).isEqualTo(25);
    }

    @Test
    void aLocalityPageTabulatesItsDomainsAndAPartnershipPageNamesItsOverlaps() throws Exception {
        List<String> l = first("""
                SELECT ?l (COUNT(DISTINCT ?d) AS ?n) {
                  ?p a pa:Partnership ; dcterms:spatial ?l ; org:purpose ?x . ?x skos:broader* ?d
                } GROUP BY ?l ORDER BY DESC(?n) LIMIT 1""", "l", "n");
        String slug = l.get(0).substring(l.get(0).lastIndexOf('/') + 1);
        String html = atlas.page("doc/locality/" + slug);
        String table = html.substring(html.indexOf("<table class=\"statistics\">"));
        table = table.substring(0, table.indexOf("</table>"));
        assertThat(table.split("<td class=\"number\">", -1).length - 1).isEqualTo(Integer.parseInt(l.get(1)));
        assertThat(html)
                .contains("href=\"/localities/" + slug + "\"")
                .contains("href=\"/reports/" + slug + "\"")
                .doesNotContain("href=\"/doc/statistics/")
                .doesNotContain("href=\"/doc/overlap/");

        List<String> p = first("""
                SELECT ?p (COUNT(DISTINCT ?pair) AS ?n) {
                  { ?pair pa:firstPartnership ?p } UNION { ?pair pa:secondPartnership ?p }
                } GROUP BY ?p ORDER BY DESC(?n) LIMIT 1""", "p", "n");
        int overlaps = Integer.parseInt(p.get(1));
        assertThat(overlaps).isGreaterThan(10);
        String partnership =
                atlas.page("doc/partnership/" + p.get(0).substring(p.get(0).lastIndexOf('/') + 1));
        String section = partnership.substring(partnership.indexOf("id=\"overlaps\""));
        section = section.substring(0, section.indexOf("</section>"));
        assertThat(section.split("<tr><td><a href=\"/doc/partnership/", -1).length - 1)
                .isEqualTo(Math.min(overlaps, 100));
        assertThat(section.contains("strongest overlaps are shown")).isEqualTo(overlaps > 100);
    }

    @Test
    void aResourceDocumentBoundsTheLinksIntoIt() throws Exception {
        List<String> l = first("""
                SELECT ?l (COUNT(*) AS ?n) { ?l a pa:Locality . ?s ?p ?l } GROUP BY ?l ORDER BY DESC(?n) LIMIT 1""", "l", "n");
        assertThat(Long.parseLong(l.get(1))).isGreaterThan(1000);
        HttpResponse<byte[]> r = atlas.client()
                .send(
                        HttpRequest.newBuilder(URI.create(atlas.url() + "doc/locality/"
                                        + l.get(0).substring(l.get(0).lastIndexOf('/') + 1)))
                                .header("Accept", "text/turtle")
                                .build(),
                        HttpResponse.BodyHandlers.ofByteArray());
        assertThat(r.statusCode()).isEqualTo(200);
        Graph g = GraphFactory.createDefaultGraph();
        RDFParser.source(new ByteArrayInputStream(r.body())).lang(Lang.TURTLE).parse(g);
        Node locality = NodeFactory.createURI(l.get(0));
        assertThat(g.find(Node.ANY, Node.ANY, locality).toList()).hasSize(1000);
        long own = atlas.store().read(dsg -> (long)
                dsg.getUnionGraph().find(locality, Node.ANY, Node.ANY).toList().size());
        assertThat((long) g.find(locality, Node.ANY, Node.ANY).toList().size()).isEqualTo(own);
    }

    @Test
    void theProposalFormOffersTheOrganisationsFromTheLexiconInLabelOrder() throws Exception {
        long organisations =
                Long.parseLong(first("SELECT (COUNT(DISTINCT ?o) AS ?n) { ?o a org:FormalOrganization }", "n")
                        .get(0));
        String html = atlas.page("proposals");
        assertThat(organisations).isBetween(2L, (long) ProposalPageServlet.MAX_LISTED_ORGANISATIONS);
        String select = html.substring(html.indexOf("<select id=\"member\""));
        select = select.substring(0, select.indexOf("</select>"));
        List<String> labels = java.util.Arrays.stream(select.split("<option value=\"", -1))
                .skip(1)
                .map(o -> o.substring(o.indexOf('>') + 1, o.indexOf("</option>"))
                        .replace("&#39;", "'")
                        .replace("&quot;", "\"")
                        .replace("&lt;", "<")
                        .replace("&gt;", ">")
                        .replace("&amp;", "&"))
                .toList();
        assertThat(labels).hasSize((int) organisations);
        assertThat(labels).isSorted();
    }
}
