package org.partnershipatlas.loaders.linkhealth;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.vocabulary.RDF;
import org.apache.jena.vocabulary.SKOS;
import org.junit.jupiter.api.Test;
import org.partnershipatlas.ontology.AtlasIris;
import org.partnershipatlas.ontology.AtlasOntology;

/** The statuses the checker gives are exactly the concepts of the ontology's link-status scheme. */
class LinkStatusSchemeTest {
    @Test
    void everyStatusIsAConceptAndEveryConceptAStatus() {
        AtlasIris iris = AtlasIris.DEFAULT;
        Graph scheme = AtlasOntology.scheme("link-statuses", iris);
        Set<String> concepts = scheme.find(Node.ANY, RDF.type.asNode(), SKOS.Concept.asNode())
                .mapWith(t -> t.getSubject().getURI())
                .toSet();
        Set<String> statuses = Arrays.stream(LinkStatus.values())
                .map(s -> iris.id("link-status", s.slug()))
                .collect(Collectors.toSet());
        assertThat(concepts).hasSize(LinkStatus.values().length).isEqualTo(statuses);
        assertThat(LinkStatus.ofSlug("soft-404-suspected")).isEqualTo(LinkStatus.SOFT_404_SUSPECTED);
    }
}
