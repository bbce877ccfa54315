package org.partnershipatlas.loaders.links;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.Triple;
import org.apache.jena.vocabulary.RDF;
import org.apache.jena.vocabulary.VOID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.partnershipatlas.loaders.Loader;
import org.partnershipatlas.loaders.store.AtlasStore;
import org.partnershipatlas.ontology.AtlasIris;

/**
 * Link discovery measured on a labelled test set: an example register of 92 organisations (56 of them the same as
 * sample organisations, written as another publisher would; 36 look-alikes), made independently of the matcher,
 * with the true pairs in {@code register-gold.tsv} (all in {@code docs/examples/links/}).
 */
class LinkDiscoveryIT {
    /** The labelled set is also the README's example of {@code atlas link}. */
    static final Path EXAMPLES = Path.of(System.getProperty("atlas.root"), "docs/examples/links");
    /** Floors just under what this matcher measured (see the README), so that a change for the worse fails. */
    static final double PRECISION_FLOOR = 0.95;

    static final double RECALL_FLOOR = 0.87;
    static final double REVIEW_RECALL_FLOOR = 0.96;

    @TempDir
    static Path dir;

    static AtlasStore store;
    static LinkSpec spec;

    @BeforeAll
    static void load() throws IOException {
        store = AtlasStore.open(dir.resolve("tdb2"));
        Path data = Path.of(System.getProperty("atlas.data.dir"));
        assertThat(Loader.into(store).sources(List.of(data)).run().committed()).isTrue();
        Path links = Files.createDirectories(dir.resolve("links"));
        for (String f : List.of("register.json", "register.ttl", "register-gold.tsv")) {
            Files.copy(EXAMPLES.resolve(f), links.resolve(f));
        }
        spec = LinkSpec.read(links.resolve("register.json"));
    }

    @AfterAll
    static void close() {
        store.close();
    }

    static Map<String, String> gold() throws IOException {
        List<String> lines = Files.readAllLines(dir.resolve("links/register-gold.tsv"), StandardCharsets.UTF_8);
        Map<String, String> pairs = new HashMap<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split("\t");
            pairs.put(AtlasIris.DEFAULT.id("organisation", f[0]), f[1]);
        }
        return pairs;
    }

    @Test
    void precisionAndRecallOnTheLabelledSet() throws IOException {
        Graph target = LinkDiscovery.readTarget(spec, e -> Optional.empty());
        LinkDiscovery.Result r = LinkDiscovery.run(store, AtlasIris.DEFAULT, spec, target);
        Map<String, String> gold = gold();
        long correct = r.accepted().stream()
                .filter(c -> c.target().getURI().equals(gold.get(c.atlas().getURI())))
                .count();
        long reviewCorrect = r.review().stream()
                .filter(c -> c.target().getURI().equals(gold.get(c.atlas().getURI())))
                .count();
        double precision =
                r.accepted().isEmpty() ? 0 : (double) correct / r.accepted().size();
        double recall = (double) correct / gold.size();
        double recallWithReview = (double) (correct + reviewCorrect) / gold.size();
        System.out.printf(
                "Link discovery on the labelled set: %d true pairs; accepted %d (%d right): precision %.3f, recall"
                        + " %.3f; review %d (%d right): recall with review %.3f%n",
                gold.size(),
                r.accepted().size(),
                correct,
                precision,
                recall,
                r.review().size(),
                reviewCorrect,
                recallWithReview);
        r.accepted().stream()
                .filter(c -> !c.target().getURI().equals(gold.get(c.atlas().getURI())))
                .forEach(c -> System.out.println("  wrong: " + c));
        r.review().forEach(c -> System.out.println("  review: " + c));
        assertThat(r.targetResources()).isEqualTo(92);
        assertThat(r.written()).isEqualTo(r.accepted().size());
        assertThat(precision).isGreaterThanOrEqualTo(PRECISION_FLOOR);
        assertThat(recall).isGreaterThanOrEqualTo(RECALL_FLOOR);
        assertThat(recallWithReview).isGreaterThanOrEqualTo(REVIEW_RECALL_FLOOR);
    }

    @Test
    void aRerunGivesTheSameLinksetAndReviewFile() throws IOException {
        Graph target = LinkDiscovery.readTarget(spec, e -> Optional.empty());
        LinkDiscovery.run(store, AtlasIris.DEFAULT, spec, target);
        Set<Triple> first = links();
        byte[] review = Files.readAllBytes(spec.reviewFile());
        LinkDiscovery.run(store, AtlasIris.DEFAULT, spec, target);
        assertThat(links()).isEqualTo(first).isNotEmpty();
        assertThat(Files.readAllBytes(spec.reviewFile())).isEqualTo(review);
        Node graph = Linksets.graph(AtlasIris.DEFAULT, spec.name());
        boolean described = store.read(dsg -> dsg.getGraph(AtlasIris.DEFAULT.provenanceGraph())
                .contains(graph, RDF.type.asNode(), VOID.Linkset.asNode()));
        assertThat(described).isTrue();
    }

    static Set<Triple> links() {
        return store.read(dsg -> new HashSet<>(dsg.getGraph(Linksets.graph(AtlasIris.DEFAULT, spec.name()))
                .find()
                .toList()));
    }

    @Test
    void anEndpointThatIsNotAllowedIsNotAsked() throws IOException {
        Path endpointSpec = dir.resolve("links/endpoint.json");
        Files.writeString(
                endpointSpec,
                Files.readString(dir.resolve("links/register.json"))
                        .replace("{\"file\": \"register.ttl\"}", "{\"endpoint\": \"http://127.0.0.1:9/sparql\"}"));
        LinkSpec s = LinkSpec.read(endpointSpec);
        assertThatThrownBy(() -> LinkDiscovery.readTarget(s, e -> Optional.of("127.0.0.1:9 is not allowed")))
                .isInstanceOf(LinkException.class)
                .hasMessageContaining("not allowed");
    }

    @Test
    void aBadSpecNamesTheField() throws IOException {
        Path bad = dir.resolve("links/bad.json");
        Files.writeString(
                bad,
                "{\"name\": \"x\", \"atlasClass\": \"nope:Thing\", \"target\": {\"file\": \"register.ttl\"},"
                        + " \"targetLabels\": [\"schema:name\"]}");
        assertThatThrownBy(() -> LinkSpec.read(bad))
                .isInstanceOf(LinkException.class)
                .hasMessageContaining("atlasClass")
                .hasMessageContaining("nope:Thing");
    }
}
