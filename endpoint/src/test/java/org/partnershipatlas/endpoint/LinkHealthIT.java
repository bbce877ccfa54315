package org.partnershipatlas.endpoint;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.http.HttpRequest;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import org.apache.jena.atlas.json.JsonObject;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.sparql.vocabulary.FOAF;
import org.apache.jena.system.Txn;
import org.apache.jena.vocabulary.DCTerms;
import org.apache.jena.vocabulary.RDF;
import org.apache.jena.vocabulary.RDFS;
import org.apache.jena.vocabulary.SKOS;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.partnershipatlas.loaders.linkhealth.AddressGuard;
import org.partnershipatlas.loaders.linkhealth.CheckSettings;
import org.partnershipatlas.ontology.AtlasIris;
import org.partnershipatlas.ontology.PA;

/**
 * {@code POST /admin/check-links} (admins only, in the background) against a local site, then the curators' report
 * {@code /reports/links} in HTML, JSON and CSV.
 */
class LinkHealthIT {
    private static final String PASSWORD = "link-checker-admin-password";
    private static final HttpServer SITE = site();
    private static final String ROOT = "http://127.0.0.1:" + SITE.getAddress().getPort();

    @RegisterExtension
    static final AtlasFixture atlas = AtlasFixture.emptyStore()
            .prepare(fixture -> {
                AtlasIris iris = AtlasIris.DEFAULT;
                Node g = iris.graph("guidance");
                Node doc = NodeFactory.createURI(iris.id("guidance", "cdrp-toolkit"));
                Node publisher = NodeFactory.createURI(iris.id("organisation", "home-office"));
                var dsg = fixture.store().datasetGraph();
                Txn.executeWrite(dsg, () -> {
                    dsg.add(g, doc, RDF.type.asNode(), PA.GuidanceDocument.asNode());
                    dsg.add(g, doc, DCTerms.title.asNode(), NodeFactory.createLiteralLang("CDRP toolkit", "en"));
                    dsg.add(g, doc, DCTerms.publisher.asNode(), publisher);
                    dsg.add(g, publisher, SKOS.prefLabel.asNode(), NodeFactory.createLiteralLang("Home Office", "en"));
                    dsg.add(g, doc, FOAF.page.asNode(), NodeFactory.createURI(ROOT + "/toolkit"));
                    dsg.add(g, doc, DCTerms.source.asNode(), NodeFactory.createURI(ROOT + "/fine"));
                    dsg.add(g, doc, RDFS.seeAlso.asNode(), NodeFactory.createURI(ROOT + "/old"));
                    // A later edition whose page is where /old now leads: the report suggests it replaces the toolkit.
                    Node later = NodeFactory.createURI(iris.id("guidance", "cdrp-toolkit-2003"));
                    dsg.add(g, later, RDF.type.asNode(), PA.GuidanceDocument.asNode());
                    dsg.add(g, later, DCTerms.title.asNode(), NodeFactory.createLiteralLang("CDRP toolkit 2003", "en"));
                    dsg.add(g, later, FOAF.page.asNode(), NodeFactory.createURI(ROOT + "/fine"));
                });
            })
            .admin("admin", PASSWORD)
            .server((builder, fixture) -> builder.linkChecks(
                    CheckSettings.builder().guard(AddressGuard.anyAddress()).build()));

    private static HttpServer site() {
        try {
            HttpServer s = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 10);
            s.createContext("/", ex -> {
                String path = ex.getRequestURI().getPath();
                if (path.equals("/old")) {
                    ex.getResponseHeaders().add("Location", ROOT + "/fine");
                    ex.sendResponseHeaders(301, -1);
                    ex.close();
                    return;
                }
                ex.sendResponseHeaders(path.equals("/fine") ? 200 : path.equals("/toolkit") ? 410 : 404, -1);
                ex.close();
            });
            s.start();
            return s;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @AfterAll
    static void stopSite() {
        SITE.stop(0);
    }

    private static AtlasFixture.Response admin(String method) throws Exception {
        return atlas.send(atlas.request("admin/check-links")
                .method(method, HttpRequest.BodyPublishers.noBody())
                .header("Authorization", AtlasFixture.basicAuth("admin", PASSWORD)));
    }

    @Test
    void adminChecksLinksThenTheReportListsTheDeadOne() throws Exception {
        assertThat(atlas.send(atlas.request("admin/check-links").POST(HttpRequest.BodyPublishers.noBody()))
                        .statusCode())
                .isEqualTo(401);

        AtlasFixture.Response started = admin("POST");
        assertThat(started.statusCode()).as(started.text()).isEqualTo(202);
        JsonObject state = started.json();
        for (int i = 0; i < 300 && state.getBoolean("running"); i++) {
            Thread.sleep(100);
            state = admin("GET").json();
        }
        assertThat(state.getBoolean("running")).isFalse();
        assertThat(state.hasKey("error")).as(state.toString()).isFalse();
        assertThat(state.get("checked").getAsNumber().value().intValue()).isEqualTo(3);
        assertThat(state.get("dead").getAsNumber().value().intValue()).isEqualTo(1);

        AtlasFixture.Response csv = atlas.get("reports/links?format=csv");
        assertThat(csv.statusCode()).isEqualTo(200);
        assertThat(csv.text())
                .startsWith("publisherName,resource,title,link,status")
                .contains("Home Office")
                .contains(ROOT + "/toolkit,Gone,410,true")
                .contains(ROOT + "/old,Moved permanently,200,false,0," + ROOT + "/fine")
                .doesNotContain("CDRP toolkit," + ROOT + "/fine");
        String later = AtlasIris.DEFAULT.id("guidance", "cdrp-toolkit-2003");
        assertThat(csv.text().lines().filter(l -> l.contains(ROOT + "/old,")))
                .singleElement()
                .satisfies(l -> assertThat(l).endsWith("," + later));
        assertThat(csv.text().lines().filter(l -> l.contains(ROOT + "/toolkit,")))
                .singleElement()
                .satisfies(l -> assertThat(l).endsWith(",,"));
        AtlasFixture.Response json = atlas.get("reports/links", "application/json");
        assertThat(json.json().get("links").getAsArray()).hasSize(2);
        AtlasFixture.Response html = atlas.get("reports/links", "text/html");
        assertThat(html.text())
                .contains("<strong>Dead</strong>: Gone (410)")
                .contains("CDRP toolkit")
                .contains("The new address is the page of <a href=\"" + later + "\">");
    }

    @Test
    void theDocumentsPageMarksItsBrokenAndMovedLinksAndSaysWhenTheyWereChecked() throws Exception {
        runCheck();
        String today = LocalDate.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("d MMMM yyyy", Locale.UK));
        String month = LocalDate.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("MMMM yyyy", Locale.UK));
        String page = atlas.get("doc/guidance/cdrp-toolkit", "text/html").text();
        assertThat(page)
                .contains("<a href=\"" + ROOT + "/toolkit\">toolkit</a> <span class=\"link-health broken\">"
                        + "Link broken since " + month + "; last checked " + today + "</span>")
                .contains("<a href=\"" + ROOT + "/old\">old</a> <span class=\"link-health moved\">"
                        + "Link moved; <a href=\"" + ROOT + "/fine\">new address</a>; last checked " + today
                        + "</span>")
                .contains("<a href=\"" + ROOT + "/fine\" title=\"Link last checked " + today + "\">");
    }

    /** Runs a link check as an admin and waits for it to end. */
    private static JsonObject runCheck() throws Exception {
        JsonObject state = admin("POST").json();
        for (int i = 0; i < 300 && state.getBoolean("running"); i++) {
            Thread.sleep(100);
            state = admin("GET").json();
        }
        return state;
    }
}
