package org.partnershipatlas.ontology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.jena.graph.Graph;
import org.apache.jena.riot.Lang;
import org.apache.jena.riot.RDFParser;
import org.apache.jena.riot.RiotException;
import org.apache.jena.riot.system.ErrorHandlerFactory;
import org.apache.jena.sparql.graph.GraphFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Documents that try to make the parser fetch something, against a real HTTP server that counts requests. */
class SafeParsingTest {
    private HttpServer server;
    private final AtomicInteger requests = new AtomicInteger();
    private String url;

    @BeforeEach
    void start() throws Exception {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            requests.incrementAndGet();
            byte[] body = "{\"@context\": {\"name\": \"http://schema.org/name\"}}".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/ld+json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        url = "http://127.0.0.1:" + server.getAddress().getPort() + "/context.jsonld";
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void theServerAnswersWhenAskedSoTheCountMeansSomething() {
        Graph g = GraphFactory.createDefaultGraph();
        RDFParser.fromString(jsonLdWithRemoteContext(), Lang.JSONLD).parse(g);
        assertThat(requests.get()).isEqualTo(1);
        assertThat(g.size()).isEqualTo(1);
    }

    @Test
    void aRemoteJsonLdContextIsNotFetched() {
        Graph g = GraphFactory.createDefaultGraph();
        assertThatThrownBy(() -> SafeParsing.apply(RDFParser.fromString(jsonLdWithRemoteContext(), Lang.JSONLD))
                        .errorHandler(ErrorHandlerFactory.errorHandlerNoLogging)
                        .parse(g))
                .isInstanceOf(RiotException.class)
                .hasMessageContaining("not fetched");
        assertThat(requests.get()).isZero();
        assertThat(g.size()).isZero();
    }

    @Test
    void aJsonLdImportIsNotFetched() {
        String doc = "{\"@context\": {\"@version\": 1.1, \"@import\": \"" + url
                + "\"}, \"@id\": \"http://example.org/a\", \"name\": \"A\"}";
        assertThatThrownBy(() -> SafeParsing.apply(RDFParser.fromString(doc, Lang.JSONLD))
                        .errorHandler(ErrorHandlerFactory.errorHandlerNoLogging)
                        .parse(GraphFactory.createDefaultGraph()))
                .isInstanceOf(RiotException.class);
        assertThat(requests.get()).isZero();
    }

    @Test
    void anInlineContextStillWorks() {
        String doc = "{\"@context\": {\"name\": \"http://schema.org/name\"}, \"@id\": \"http://example.org/a\","
                + " \"name\": \"A\"}";
        Graph g = GraphFactory.createDefaultGraph();
        SafeParsing.apply(RDFParser.fromString(doc, Lang.JSONLD)).parse(g);
        assertThat(g.size()).isEqualTo(1);
    }

    @Test
    void anExternalXmlEntityIsRefusedBeforeParsing() throws Exception {
        String doc = "<?xml version=\"1.0\"?>\n<!DOCTYPE rdf:RDF [\n  <!ENTITY secret SYSTEM \"" + url + "\">\n]>\n"
                + "<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\" xmlns:ex=\"http://example.org/\">"
                + "<rdf:Description rdf:about=\"http://example.org/a\"><ex:p>&secret;</ex:p></rdf:Description>"
                + "</rdf:RDF>";
        InputStream in = SafeParsing.markable(new ByteArrayInputStream(doc.getBytes(StandardCharsets.UTF_8)));
        assertThatThrownBy(() -> SafeParsing.checkXmlProlog(in))
                .isInstanceOf(SafeParsing.UnsafeDocumentException.class)
                .hasMessageContaining("external entity");
        assertThat(requests.get()).isZero();
    }

    @Test
    void anExternalDtdIsRefusedBeforeParsing() {
        for (String doctype : new String[] {
            "<!DOCTYPE rdf:RDF PUBLIC \"-//EVIL//DTD\" \"" + url + "\">", "<!doctype rdf:RDF SYSTEM \"" + url + "\">"
        }) {
            String doc = "<?xml version=\"1.0\"?>\n" + doctype + "\n"
                    + "<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\"/>";
            InputStream in = SafeParsing.markable(new ByteArrayInputStream(doc.getBytes(StandardCharsets.UTF_8)));
            assertThatThrownBy(() -> SafeParsing.checkXmlProlog(in))
                    .as(doctype)
                    .isInstanceOf(SafeParsing.UnsafeDocumentException.class)
                    .hasMessageContaining("external DTD");
        }
        assertThat(requests.get()).isZero();
    }

    @Test
    void internalEntitiesForNamespacesAreAllowedAndTheStreamIsRewound() throws Exception {
        String doc = "<?xml version=\"1.0\"?>\n<!DOCTYPE rdf:RDF [\n  <!ENTITY ex \"http://example.org/\">\n]>\n"
                + "<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\" xmlns:ex=\"&ex;\">"
                + "<rdf:Description rdf:about=\"&ex;a\"><ex:p>x</ex:p></rdf:Description></rdf:RDF>";
        InputStream in = SafeParsing.markable(new ByteArrayInputStream(doc.getBytes(StandardCharsets.UTF_8)));
        SafeParsing.checkXmlProlog(in);
        Graph g = GraphFactory.createDefaultGraph();
        SafeParsing.apply(RDFParser.source(in)).lang(Lang.RDFXML).parse(g);
        assertThat(g.size()).isEqualTo(1);
    }

    @Test
    void billionLaughsIsStoppedByTheEntityExpansionLimit() {
        StringBuilder dtd = new StringBuilder("<!ENTITY lol0 \"lol\">");
        for (int i = 1; i <= 9; i++) {
            dtd.append("<!ENTITY lol").append(i).append(" \"");
            dtd.append(("&lol" + (i - 1) + ";").repeat(10)).append("\">");
        }
        String doc = "<?xml version=\"1.0\"?><!DOCTYPE lolz [" + dtd + "]>"
                + "<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\" xmlns:ex=\"http://example.org/\">"
                + "<rdf:Description rdf:about=\"http://example.org/a\"><ex:p>&lol9;</ex:p></rdf:Description>"
                + "</rdf:RDF>";
        assertThatThrownBy(() -> SafeParsing.apply(RDFParser.fromString(doc, Lang.RDFXML))
                        .errorHandler(ErrorHandlerFactory.errorHandlerNoLogging)
                        .parse(GraphFactory.createDefaultGraph()))
                .isInstanceOf(RiotException.class)
                .hasMessageContaining("entity expansions");
    }

    private String jsonLdWithRemoteContext() {
        return "{\"@context\": \"" + url + "\", \"@id\": \"http://example.org/a\", \"name\": \"A\"}";
    }
}
