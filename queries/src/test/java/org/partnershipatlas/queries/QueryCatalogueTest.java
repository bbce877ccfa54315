package org.partnershipatlas.queries;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.partnershipatlas.ontology.AtlasOntology;

class QueryCatalogueTest {
    @Test
    void everyQueryParsesAndHasASummary() {
        QueryCatalogue catalogue = QueryCatalogue.load();
        assertThat(catalogue.list()).hasSizeGreaterThanOrEqualTo(5);
        assertThat(catalogue.list()).allSatisfy(q -> {
            assertThat(q.summary()).isNotBlank();
            assertThat(q.query().isSelectType() || q.query().isConstructType()).isTrue();
        });
        assertThat(catalogue.get("partnerships-per-locality")).isPresent();
    }

    @Test
    void queryPrefixesAgreeWithTheOntologyPrefixMap() {
        Map<String, String> atlas = AtlasOntology.prefixes().getNsPrefixMap();
        for (NamedQuery q : QueryCatalogue.load().list()) {
            q.query()
                    .getPrefixMapping()
                    .getNsPrefixMap()
                    .forEach((prefix, ns) -> assertThat(atlas.get(prefix))
                            .as("%s.rq: PREFIX %s:", q.name(), prefix)
                            .isEqualTo(ns));
        }
    }

    @Test
    void readsGrlcHeaderWithLists() {
        NamedQuery q =
                QueryCatalogue.read("x", "#+ summary: S\n#+ description: D\n#+ tags:\n#+   - a\n#+   - b\nSELECT * {}");
        assertThat(q.summary()).isEqualTo("S");
        assertThat(q.description()).isEqualTo("D");
        assertThat(q.tags()).containsExactly("a", "b");
    }

    @Test
    void theLibraryAnswersTheQuestionsUsersAsk() {
        QueryCatalogue catalogue = QueryCatalogue.load();
        for (String name : java.util.List.of(
                "partnership-map",
                "overlapping-partnerships",
                "partnerships-by-domain",
                "organisation-load",
                "busiest-organisations-in-locality",
                "guidance-for-domain",
                "best-practice-cases",
                "proliferation-by-domain",
                "data-quality",
                "describe-resource")) {
            assertThat(catalogue.get(name)).as(name).isPresent();
        }
        assertThat(catalogue
                        .require("partnership-map")
                        .param("locality")
                        .orElseThrow()
                        .kind())
                .isEqualTo(Param.Kind.IRI);
        assertThat(catalogue.require("best-practice-cases").params())
                .allSatisfy(p -> assertThat(p.required()).isFalse());
    }

    @Test
    void rejectsBadHeaders() {
        assertThatThrownBy(() -> QueryCatalogue.read("x", "#+ summary: S\nSELECT * { ?s ?p ?_o }"))
                .hasMessageContaining("'o' needs an example");
        assertThatThrownBy(() -> QueryCatalogue.read("x", "#+ summary: S\n#+ examples:\n#+   - p: 1\nSELECT * {}"))
                .hasMessageContaining("unknown parameter 'p'");
        assertThatThrownBy(() -> QueryCatalogue.read("x", "#+ summary: S\n#+ method: POST\nSELECT * {}"))
                .hasMessageContaining("GET");
        assertThatThrownBy(() -> QueryCatalogue.read(
                        "x", "#+ summary: S\n#+ examples:\n#+   - p: 1\nSELECT * { ?s ?_p ?_p_iri }"))
                .hasMessageContaining("both");
        assertThatThrownBy(() -> QueryCatalogue.read("x", "#+ summary: S\nSELECT * { ?s ?p ?__o_xsd_nonsense }"))
                .hasMessageContaining("nonsense");
        assertThatThrownBy(() -> QueryCatalogue.read(
                        "x",
                        "#+ summary: S\n#+ examples:\n#+   - o: 1\n#+ defaults:\n#+   - o: 2\nSELECT * { ?s ?p ?_o }"))
                .hasMessageContaining("required");
    }

    @Test
    void rejectsBadQueryFiles() {
        assertThatThrownBy(() -> QueryCatalogue.read("x", "SELECT * {}")).hasMessageContaining("summary");
        assertThatThrownBy(() -> QueryCatalogue.read("x", "#+ summary: S\nSELEC * {}"))
                .hasMessageContaining("x.rq");
    }
}
