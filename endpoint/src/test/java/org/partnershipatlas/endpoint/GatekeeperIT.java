package org.partnershipatlas.endpoint;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.jena.atlas.json.JSON;
import org.apache.jena.atlas.json.JsonObject;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.riot.Lang;
import org.apache.jena.riot.RDFParser;
import org.apache.jena.sparql.graph.GraphFactory;
import org.apache.jena.system.Txn;
import org.apache.jena.vocabulary.RDF;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.partnershipatlas.loaders.changes.ChangeLog;
import org.partnershipatlas.loaders.store.AtlasStore;
import org.partnershipatlas.loaders.store.StoreVersion;
import org.partnershipatlas.ontology.AtlasIris;
import org.partnershipatlas.ontology.PA;

/** The gatekeeper over HTTP on the sample data: checks in every format, errors, decisions and reports. */
class GatekeeperIT {
    static final String PROPOSAL = """
            {"title": "Newham Burglary Task Force", "purpose": "Reduce domestic burglary and vehicle crime on the estates.",
             "localities": ["newham"], "domains": ["volume-crime"],
             "members": ["newham-council", "metropolitan-police-service"], "newMembers": ["Canning Town Neighbourhood Watch"]}
            """;

    /** A near-duplicate of Newham CDRP: same domains, same purpose in other words, its specific members. */
    static final String DUPLICATE = """
            {"title": "Newham Community Safety Partnership",
             "purpose": "Audit crime and disorder every three years and cut burglary, car crime and nuisance.",
             "localities": ["Newham"], "domains": ["volume-crime", "Nuisance"],
             "members": ["newham-council", "Metropolitan Police Service", "Metropolitan Police Authority",
                         "london-probation-area", "newham-tenants-federation"]}
            """;

    @RegisterExtension
    static final AtlasFixture atlas = AtlasFixture.sampleData().admin("gatekeeper", "correct horse battery");

    static AtlasServer closed;

    @BeforeAll
    static void startClosed() throws Exception {
        closed = atlas.another((builder, fixture) -> {});
    }

    static HttpResponse<String> post(AtlasServer s, String path, String contentType, String body, String... headers)
            throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(s.url() + path))
                .header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (headers.length > 0) {
            b.headers(headers);
        }
        // A new client for each POST: a server that refuses a request may close the connection.
        return HttpClient.newHttpClient().send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void jsonCheckRecommendsJoiningTheCdrp() throws Exception {
        var response = post(
                atlas.server(), "api/proposals/check", "application/json", DUPLICATE, "Accept", "application/json");
        assertThat(response.statusCode()).isEqualTo(200);
        JsonObject json = JSON.parse(response.body());
        JsonObject rec = json.get("recommendation").getAsObject();
        assertThat(rec.get("recommendation").getAsString().value()).isEqualTo("join");
        assertThat(json.get("resolved").getAsArray()).hasSize(4);
        assertThat(rec.get("partnership").getAsString().value())
                .isEqualTo(AtlasIris.DEFAULT.id("partnership", "newham-cdrp"));
        assertThat(json.get("consult")
                        .getAsArray()
                        .get(0)
                        .getAsObject()
                        .get("label")
                        .getAsString()
                        .value())
                .isEqualTo("Newham Local Strategic Partnership");
        var overlaps = json.get("overlaps").getAsArray();
        assertThat(overlaps.get(0)
                        .getAsObject()
                        .get("score")
                        .getAsNumber()
                        .value()
                        .doubleValue())
                .isGreaterThan(overlaps.get(1)
                        .getAsObject()
                        .get("score")
                        .getAsNumber()
                        .value()
                        .doubleValue());
    }

    @Test
    void turtleInTurtleOutAndTheRdfCitesTheOverlaps() throws Exception {
        String turtle = """
                @prefix pa: <https://w3id.org/partnership-atlas/def#> .
                @prefix dcterms: <http://purl.org/dc/terms/> .
                <id/proposal/mine> a pa:PartnershipProposal ; dcterms:title "Newham Drugs Forum" ;
                    dcterms:description "Get problem drug users into treatment." ;
                    pa:proposedLocality <id/locality/newham> ; pa:proposedDomain <id/problem-domain/drug-treatment> ;
                    pa:proposedMember <id/organisation/newham-council> , <id/organisation/newham-pct> ,
                        <id/organisation/metropolitan-police-service> .
                """;
        var response = post(atlas.server(), "api/proposals/check", "text/turtle", turtle, "Accept", "text/turtle");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        Graph g = GraphFactory.createDefaultGraph();
        RDFParser.fromString(response.body(), Lang.TURTLE).parse(g);
        Node check = g.find(Node.ANY, RDF.type.asNode(), NodeFactory.createURI(PA.NS + "ProposalCheck"))
                .next()
                .getSubject();
        assertThat(g.find(check, NodeFactory.createURI(PA.NS + "overlap"), Node.ANY)
                        .toList())
                .isNotEmpty();
        assertThat(g.find(check, NodeFactory.createURI(PA.NS + "recommendation"), Node.ANY)
                        .toList())
                .hasSize(1);
    }

    @Test
    void theFormGivesAPrintableReport() throws Exception {
        var form = atlas.client()
                .send(
                        HttpRequest.newBuilder(URI.create(atlas.url() + "proposals"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(form.statusCode()).isEqualTo(200);
        assertThat(form.body()).contains("<label for=\"title\"").contains("Newham");
        String body = "title=" + enc("Newham Burglary Task Force") + "&purpose=" + enc("Reduce burglary")
                + "&locality=" + enc(AtlasIris.DEFAULT.id("locality", "newham"))
                + "&domain=" + enc(AtlasIris.DEFAULT.id("problem-domain", "volume-crime"))
                + "&member=" + enc(AtlasIris.DEFAULT.id("organisation", "newham-council"))
                + "&member=" + enc(AtlasIris.DEFAULT.id("organisation", "metropolitan-police-service"))
                + "&newMember=" + enc("Canning Town Neighbourhood Watch");
        var report = post(atlas.server(), "proposals", "application/x-www-form-urlencoded", body);
        assertThat(report.statusCode()).isEqualTo(200);
        assertThat(report.body())
                .contains("Recommendation")
                .contains("Newham Crime and Disorder Reduction Partnership")
                .contains("Rule:");
    }

    @Test
    void badProposalsGet400SayingWhatToFix() throws Exception {
        var unknown = post(
                atlas.server(),
                "api/proposals/check",
                "application/json",
                "{\"title\": \"X\", \"purpose\": \"Y\", \"localities\": [\"atlantis\"], \"domains\": [\"volume-crime\"]}");
        assertThat(unknown.statusCode()).isEqualTo(400);
        assertThat(unknown.body()).contains("atlantis").contains("\"parameter\" : \"localities\"");
        var malformed = post(atlas.server(), "api/proposals/check", "application/json", "{\"title\": ");
        assertThat(malformed.statusCode()).isEqualTo(400);
        assertThat(malformed.body()).contains("not valid JSON");
        var noDomains = post(
                atlas.server(),
                "api/proposals/check",
                "application/json",
                "{\"title\": \"X\", \"purpose\": \"Y\", \"localities\": [\"newham\"]}");
        assertThat(noDomains.statusCode()).isEqualTo(400);
        assertThat(noDomains.body()).contains("domains").contains("at least one problem domain");
        assertThat(post(atlas.server(), "api/proposals/check", "text/plain", "hello")
                        .statusCode())
                .isEqualTo(400);
    }

    @Test
    void decisionsNeedCredentialsAndAreStoredAndShown() throws Exception {
        String decision = "{\"proposal\": " + PROPOSAL + ", \"outcome\": \"merged\", \"concerns\": [\"newham-cdrp\"],"
                + " \"reason\": \"The CDRP's burglary group already does this.\"}";
        assertThat(post(closed, "api/proposals/decisions", "application/json", decision)
                        .statusCode())
                .isEqualTo(403);
        var anonymous = post(atlas.server(), "api/proposals/decisions", "application/json", decision);
        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(anonymous.headers().firstValue("WWW-Authenticate")).isPresent();
        assertThat(post(
                                atlas.server(),
                                "api/proposals/decisions",
                                "application/json",
                                decision,
                                "Authorization",
                                AtlasFixture.basicAuth("gatekeeper", "wrong password"))
                        .statusCode())
                .isEqualTo(401);
        var ok = post(
                atlas.server(),
                "api/proposals/decisions",
                "application/json",
                decision,
                "Authorization",
                AtlasFixture.basicAuth("gatekeeper", "correct horse battery"));
        assertThat(ok.statusCode()).as(ok.body()).isEqualTo(201);
        // The decision is one entry of the change log, which adds the decision.
        String iri = JSON.parse(ok.body()).get("decision").getAsString().value();
        ChangeLog.Entry newest = atlas.store().changeLog().last().orElseThrow();
        assertThat(newest.cause()).isEqualTo("the decision");
        assertThat(Files.readString(newest.file())).contains("A <" + iri + "> ");
        String location = ok.headers().firstValue("Location").orElseThrow();
        var page = atlas.client()
                .send(
                        HttpRequest.newBuilder(URI.create(atlas.url() + location.substring(1)))
                                .header("Accept", "text/turtle")
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("merged").contains("newham-cdrp");
        var partnership = atlas.client()
                .send(
                        HttpRequest.newBuilder(URI.create(atlas.url() + "doc/partnership/newham-cdrp"))
                                .header("Accept", "text/html")
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(partnership.body())
                .contains("Gatekeeper decisions with this as concerns")
                .contains("Decision on Newham Burglary Task Force: merged");
    }

    @Test
    void theReportOfALocalityInHtmlJsonAndCsv() throws Exception {
        var html = atlas.client()
                .send(
                        HttpRequest.newBuilder(URI.create(atlas.url() + "reports/newham"))
                                .header("Accept", "text/html")
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(html.statusCode()).isEqualTo(200);
        var json = atlas.client()
                .send(
                        HttpRequest.newBuilder(URI.create(atlas.url() + "reports/newham?format=json"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        JsonObject report = JSON.parse(json.body());
        int partnerships = report.get("partnerships").getAsArray().size();
        assertThat(partnerships).isGreaterThan(10);
        assertThat(html.body().split("<circle ").length - 1).isEqualTo(partnerships);
        assertThat(report.get("mergerCandidates").getAsArray()).isNotEmpty();
        var csv = atlas.client()
                .send(
                        HttpRequest.newBuilder(URI.create(atlas.url() + "reports/newham"))
                                .header("Accept", "text/csv")
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(csv.body().lines().findFirst().orElseThrow()).startsWith("a,a_label,b,b_label,score");
        assertThat(csv.body().lines().count() - 1)
                .isEqualTo(report.get("overlaps").getAsArray().size());
        assertThat(atlas.client()
                        .send(
                                HttpRequest.newBuilder(URI.create(atlas.url() + "reports/atlantis"))
                                        .build(),
                                HttpResponse.BodyHandlers.ofString())
                        .statusCode())
                .isEqualTo(404);
    }

    static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    static Graph parse(String text) {
        Graph g = GraphFactory.createDefaultGraph();
        RDFParser.source(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)))
                .lang(Lang.TURTLE)
                .parse(g);
        return g;
    }

    @Test
    void aProposalNotInUtf8IsRefusedWithTheByteOffsetAndEveryProblemComesAtOnce() throws Exception {
        byte[] cp1252 = "{\"title\": \"Caf\u00e9 Forum\"}".getBytes(java.nio.charset.Charset.forName("windows-1252"));
        HttpRequest request = HttpRequest.newBuilder(URI.create(atlas.server().url() + "api/proposals/check"))
                .header("Content-Type", "application/json")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(cp1252))
                .build();
        var response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("not UTF-8").contains("offset 14");

        var all = post(
                atlas.server(),
                "api/proposals/check",
                "application/json",
                "{\"localities\": [\"Newhamm\"], \"members\": [\"London Borough of Southwark\", \"Newham Boys Club\"]}",
                "Accept",
                "application/json");
        assertThat(all.statusCode()).isEqualTo(400);
        JsonObject error = JSON.parse(all.body());
        assertThat(error.get("problems").getAsArray().stream()
                        .map(p -> p.getAsObject().get("parameter").getAsString().value())
                        .toList())
                .containsExactly("title", "domains", "localities", "members");
        assertThat(error.get("error").getAsString().value()).contains("did you mean 'Newham' (newham)");
    }

    @Test
    void oneEncodingRuleOnEveryPathOverHttp() throws Exception {
        // Turtle and JSON-LD in Windows-1252: refused with the byte offset, as JSON is (above).
        String turtle = "@prefix pa: <https://w3id.org/partnership-atlas/def#> .\n"
                + "@prefix dcterms: <http://purl.org/dc/terms/> .\n"
                + "[] a pa:PartnershipProposal ; dcterms:title \"Caf\u00e9 Forum\" .\n";
        String jsonLd = "{\"@type\": \"https://w3id.org/partnership-atlas/def#PartnershipProposal\","
                + " \"http://purl.org/dc/terms/title\": \"Caf\u00e9 Forum\"}";
        for (var sent : List.of(List.of("text/turtle", turtle), List.of("application/ld+json", jsonLd))) {
            byte[] cp1252 = sent.get(1).getBytes(java.nio.charset.Charset.forName("windows-1252"));
            var response = HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(URI.create(atlas.server().url() + "api/proposals/check"))
                                    .header("Content-Type", sent.get(0))
                                    .header("Accept", "application/json")
                                    .POST(HttpRequest.BodyPublishers.ofByteArray(cp1252))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as(sent.get(0)).isEqualTo(400);
            assertThat(response.body())
                    .as(sent.get(0))
                    .contains("not UTF-8")
                    .contains("offset " + sent.get(1).indexOf('\u00e9'));
        }
        // A form whose title carries a byte that is not UTF-8 (%E9, Windows-1252's e-acute): refused naming the
        // field, never stored as U+FFFD.
        var form = post(
                atlas.server(),
                "api/proposals/check",
                "application/x-www-form-urlencoded",
                "title=Caf%E9+Forum&locality=newham&domain=volume-crime",
                "Accept",
                "application/json");
        assertThat(form.statusCode()).as(form.body()).isEqualTo(400);
        assertThat(JSON.parse(form.body()).get("parameter").getAsString().value())
                .isEqualTo("title");
        assertThat(form.body()).doesNotContain("\uFFFD");
    }

    @Test
    void theFormAndJsonGiveTheSameAnswerAndTheSameErrors() throws Exception {
        String form = "title=" + URLEncoder.encode("Newham Community Safety Partnership", StandardCharsets.UTF_8)
                + "&purpose="
                + URLEncoder.encode(
                        "Audit crime and disorder every three years and cut burglary, car crime and nuisance.",
                        StandardCharsets.UTF_8)
                + "&locality=Newham&domain=volume-crime&domain=Nuisance&member=newham-council"
                + "&member=" + URLEncoder.encode("Metropolitan Police Service", StandardCharsets.UTF_8)
                + "&member=" + URLEncoder.encode("Metropolitan Police Authority", StandardCharsets.UTF_8)
                + "&member=london-probation-area&member=newham-tenants-federation";
        var byForm = post(
                atlas.server(),
                "api/proposals/check",
                "application/x-www-form-urlencoded",
                form,
                "Accept",
                "application/json");
        var byJson = post(
                atlas.server(), "api/proposals/check", "application/json", DUPLICATE, "Accept", "application/json");
        assertThat(byForm.statusCode()).as(byForm.body()).isEqualTo(200);
        JsonObject f = JSON.parse(byForm.body());
        JsonObject j = JSON.parse(byJson.body());
        assertThat(f.get("recommendation")).isEqualTo(j.get("recommendation"));
        assertThat(f.get("overlaps")).isEqualTo(j.get("overlaps"));

        var badForm = post(
                atlas.server(),
                "api/proposals/check",
                "application/x-www-form-urlencoded",
                "locality=Newhamm",
                "Accept",
                "application/json");
        var badJson = post(
                atlas.server(),
                "api/proposals/check",
                "application/json",
                "{\"localities\": [\"Newhamm\"]}",
                "Accept",
                "application/json");
        assertThat(badForm.statusCode()).isEqualTo(400);
        assertThat(JSON.parse(badForm.body()).get("problems"))
                .isEqualTo(JSON.parse(badJson.body()).get("problems"));
    }

    @Test
    void theServerKeepsItsLexiconBesideTheStoreNamedByTheDataVersion() throws Exception {
        var response = post(
                atlas.server(), "api/proposals/check", "application/json", DUPLICATE, "Accept", "application/json");
        assertThat(response.statusCode()).isEqualTo(200);
        String version = Txn.calculateRead(
                atlas.store().datasetGraph(),
                () -> StoreVersion.of(atlas.store().datasetGraph()));
        Path folder = AtlasStore.gatekeeperDirectory(atlas.store().location());
        // Written by whichever server built it, just after the build the check waited for.
        List<String> files = List.of();
        for (long until = System.nanoTime() + 30_000_000_000L; System.nanoTime() < until; Thread.sleep(100)) {
            if (Files.isDirectory(folder)) {
                try (var list = Files.list(folder)) {
                    files = list.map(f -> f.getFileName().toString()).toList();
                }
                if (files.stream().anyMatch(f -> f.endsWith(".ser.gz"))) {
                    break;
                }
            }
        }
        assertThat(files).anyMatch(f -> f.startsWith("lexicon-") && f.endsWith("-" + version + ".ser.gz"));
    }
}
