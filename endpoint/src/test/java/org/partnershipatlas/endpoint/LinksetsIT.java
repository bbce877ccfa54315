package org.partnershipatlas.endpoint;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.riot.Lang;
import org.apache.jena.riot.RDFParser;
import org.apache.jena.sparql.graph.GraphFactory;
import org.apache.jena.vocabulary.OWL;
import org.apache.jena.vocabulary.RDF;
import org.apache.jena.vocabulary.VOID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.partnershipatlas.loaders.links.Linksets;
import org.partnershipatlas.ontology.AtlasIris;

/** The linksets every load derives, as published: in the VoID description and in the resources' documents. */
class LinksetsIT {
    static final AtlasIris IRIS = AtlasIris.DEFAULT;

    @RegisterExtension
    static final AtlasFixture atlas = AtlasFixture.sharedSampleData();

    static Graph turtle(String path) throws Exception {
        HttpResponse<byte[]> r = HttpClient.newBuilder()
                .followRedirects(HttpClient.Redirect.NORMAL)
                .build()
                .send(
                        HttpRequest.newBuilder(URI.create(atlas.url() + path))
                                .header("Accept", "text/turtle")
                                .build(),
                        HttpResponse.BodyHandlers.ofByteArray());
        assertThat(r.statusCode()).as(path).isEqualTo(200);
        Graph g = GraphFactory.createDefaultGraph();
        RDFParser.source(new ByteArrayInputStream(r.body())).lang(Lang.TURTLE).parse(g);
        return g;
    }

    @Test
    void everyLocalityIsTheSameAsItsOnsGeography() throws Exception {
        List<Map<String, String>> localities = SampleData.rows("localities.csv");
        assertThat(localities).isNotEmpty();
        for (Map<String, String> row : localities) {
            Graph doc = turtle("id/locality/" + row.get("id"));
            Node locality = NodeFactory.createURI(IRIS.id("locality", row.get("id")));
            assertThat(doc.contains(
                            locality,
                            OWL.sameAs.asNode(),
                            NodeFactory.createURI(Linksets.ONS_GEOGRAPHY + row.get("gss_code"))))
                    .as(row.get("id"))
                    .isTrue();
        }
        long links = atlas.store()
                .read(dsg -> dsg.getGraph(Linksets.graph(IRIS, "ons-geography")).size());
        assertThat(links).isEqualTo(localities.size());
    }

    @Test
    void theVoidDescriptionListsEachLinkset() throws Exception {
        Graph v = turtle(".well-known/void");
        Node ons = Linksets.graph(IRIS, "ons-geography");
        assertThat(v.contains(ons, RDF.type.asNode(), VOID.Linkset.asNode())).isTrue();
        assertThat(v.contains(ons, VOID.linkPredicate.asNode(), OWL.sameAs.asNode()))
                .isTrue();
        assertThat(v.contains(
                        ons, VOID.objectsTarget.asNode(), NodeFactory.createURI("http://statistics.data.gov.uk/")))
                .isTrue();
        assertThat(v.find(ons, VOID.subjectsTarget.asNode(), Node.ANY).hasNext())
                .isTrue();
        long count = Long.parseLong(
                v.find(ons, VOID.triples.asNode(), Node.ANY).next().getObject().getLiteralLexicalForm());
        assertThat(count).isEqualTo(SampleData.rows("localities.csv").size());

        Node pages = Linksets.graph(IRIS, "document-pages");
        assertThat(v.contains(pages, RDF.type.asNode(), VOID.Linkset.asNode())).isTrue();
        long documentsWithUrl = SampleData.rows("guidance.csv").stream()
                        .filter(r -> !r.get("url").isBlank())
                        .count()
                + SampleData.rows("resources.csv").stream()
                        .filter(r -> !r.get("url").isBlank())
                        .count();
        long pageLinks = Long.parseLong(v.find(pages, VOID.triples.asNode(), Node.ANY)
                .next()
                .getObject()
                .getLiteralLexicalForm());
        assertThat(pageLinks).isEqualTo(documentsWithUrl);
    }
}
