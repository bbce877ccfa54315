package org.partnershipatlas.queries;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.apache.jena.query.Query;
import org.apache.jena.query.QueryFactory;
import org.apache.jena.sparql.algebra.Algebra;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.partnershipatlas.ontology.AtlasIris;

/** Parameters become RDF terms in the parsed query; no value can change the query's shape. */
class QueryBinderTest {
    static final NamedQuery TEXT_QUERY = QueryCatalogue.read("t", """
            #+ summary: Things with a label
            #+ examples:
            #+   - label: Newham
            #+   - alt: Newham
            PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
            SELECT ?s WHERE { ?s skos:prefLabel ?_label . OPTIONAL { ?s skos:altLabel ?__alt } }
            """);
    static final NamedQuery TYPED_QUERY = QueryCatalogue.read("u", """
            #+ summary: Things of a year
            #+ examples:
            #+   - year: 2001
            #+   - thing: id/locality/newham
            SELECT ?s WHERE { ?s ?p ?_year_xsd_integer . ?_thing_iri ?q ?s }
            """);

    final QueryBinder binder = new QueryBinder(AtlasIris.DEFAULT);

    /** The query's algebra with the parameter variables' names, to compare shapes. */
    static String shape(Query q) {
        return Algebra.compile(q).toString().replaceAll("\"(?:[^\"\\\\]|\\\\.)*\"(@\\w+|\\^\\^\\S+)?", "LITERAL");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "\"} DROP ALL #",
                "> } ; <",
                "x\" . ?s ?p ?o } #",
                "line one\nline two",
                "'; DELETE WHERE { ?s ?p ?o }"
            })
    void hostileTextStaysOneLiteral(String hostile) {
        Query bound = binder.bind(TEXT_QUERY, Map.of("label", hostile));
        Query example = binder.bind(TEXT_QUERY, Map.of("label", "Newham"));
        assertThat(shape(bound)).isEqualTo(shape(example));
        Query reparsed = QueryFactory.create(bound.serialize());
        assertThat(reparsed.isSelectType()).isTrue();
        assertThat(shape(reparsed)).isEqualTo(shape(example));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "> } ; <",
                "http://example.org/a b",
                "http://example.org/x> . ?s ?p ?o",
                "javascript:alert(1)",
                "not an iri"
            })
    void hostileIrisAreRejectedNamingTheParameter(String hostile) {
        assertThatThrownBy(() -> binder.bind(TYPED_QUERY, Map.of("year", "2001", "thing", hostile)))
                .isInstanceOf(BadParameterException.class)
                .hasMessageContaining("'thing'")
                .satisfies(
                        e -> assertThat(((BadParameterException) e).parameter()).isEqualTo("thing"));
    }

    @Test
    void relativeIrisResolveAgainstTheBase() {
        Query bound = new QueryBinder(new AtlasIris("https://data.example.org/"))
                .bind(TYPED_QUERY, Map.of("year", "2001", "thing", "id/locality/newham"));
        assertThat(bound.serialize()).contains("<https://data.example.org/id/locality/newham>");
    }

    @Test
    void typedLiteralsAreChecked() {
        assertThat(binder.bind(TYPED_QUERY, Map.of("year", "2001", "thing", "id/locality/newham"))
                        .serialize())
                .contains("2001");
        assertThatThrownBy(() -> binder.bind(TYPED_QUERY, Map.of("year", "two thousand", "thing", "id/x")))
                .isInstanceOf(BadParameterException.class)
                .hasMessageContaining("'year'")
                .hasMessageContaining("xsd:integer");
    }

    @Test
    void missingAndUnknownParametersAreNamed() {
        assertThatThrownBy(() -> binder.bind(TEXT_QUERY, Map.of()))
                .isInstanceOf(BadParameterException.class)
                .hasMessageContaining("'label'")
                .hasMessageContaining("required");
        assertThatThrownBy(() -> binder.bind(TEXT_QUERY, Map.of("label", "x", "colour", "red")))
                .isInstanceOf(BadParameterException.class)
                .hasMessageContaining("'colour'")
                .hasMessageContaining("label, alt");
    }

    @Test
    void optionalParameterLeftFreeOrBound() {
        assertThat(binder.bind(TEXT_QUERY, Map.of("label", "x")).serialize()).contains("?__alt");
        assertThat(binder.bind(TEXT_QUERY, Map.of("label", "x", "alt", "y")).serialize())
                .doesNotContain("?__alt");
    }

    @Test
    void defaultsApplyToOptionalParametersNotGiven() {
        NamedQuery q = QueryCatalogue.read("d", """
                #+ summary: With a default
                #+ examples:
                #+   - n: 5
                #+ defaults:
                #+   - n: 7
                SELECT ?s WHERE { ?s ?p ?__n_xsd_integer }
                """);
        assertThat(binder.bind(q, Map.of()).serialize()).contains("7");
        assertThat(binder.bind(q, Map.of("n", "3")).serialize()).contains("3").doesNotContain("7");
    }

    @Test
    void limitAndOffset() {
        Query q = binder.bind(TEXT_QUERY, Map.of("label", "x", "limit", "10", "offset", "20"));
        assertThat(q.getLimit()).isEqualTo(10);
        assertThat(q.getOffset()).isEqualTo(20);
        assertThatThrownBy(() -> binder.bind(TEXT_QUERY, Map.of("label", "x", "limit", "-1")))
                .hasMessageContaining("'limit'");
        assertThatThrownBy(() -> binder.bind(TEXT_QUERY, Map.of("label", "x", "limit", "1000000000")))
                .hasMessageContaining("'limit'");
    }

    @Test
    void parametersAreReadFromBasilVariables() {
        assertThat(TEXT_QUERY.params()).extracting(Param::name).containsExactly("label", "alt");
        assertThat(TEXT_QUERY.params().get(0).required()).isTrue();
        assertThat(TEXT_QUERY.params().get(1).required()).isFalse();
        assertThat(TYPED_QUERY.param("year").orElseThrow().typeName()).isEqualTo("xsd:integer");
        assertThat(TYPED_QUERY.param("thing").orElseThrow().kind()).isEqualTo(Param.Kind.IRI);
    }
}
