package org.partnershipatlas.ontology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class AtlasIrisTest {
    @Test
    void mintsUkUriSetPattern() {
        AtlasIris iris = new AtlasIris("https://data.example.gov.uk/atlas/");
        assertThat(iris.id("partnership", "newham-cdrp"))
                .isEqualTo("https://data.example.gov.uk/atlas/id/partnership/newham-cdrp");
        assertThat(iris.graph("partnerships").getURI())
                .isEqualTo("https://data.example.gov.uk/atlas/graph/partnerships");
        assertThat(AtlasIris.DEFAULT.provenanceGraph().getURI())
                .isEqualTo("https://w3id.org/partnership-atlas/graph/provenance");
    }

    @Test
    void rejectsBadBases() {
        assertThatThrownBy(() -> new AtlasIris("atlas/")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new AtlasIris("ftp://example.org/")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new AtlasIris("https://example.org/atlas"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("end with '/'");
    }

    @Test
    void rejectsNonSlugs() {
        assertThatThrownBy(() -> AtlasIris.DEFAULT.id("partnership", "a b")).hasMessageContaining("'a b'");
        assertThatThrownBy(() -> AtlasIris.DEFAULT.id("partnership", "../x"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(AtlasIris.isSlug("CSF.01")).isTrue();
    }
}
