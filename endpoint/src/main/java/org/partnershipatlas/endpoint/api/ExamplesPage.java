package org.partnershipatlas.endpoint.api;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.jena.graph.Node;
import org.apache.jena.query.Query;
import org.apache.jena.sparql.core.DatasetGraph;
import org.partnershipatlas.endpoint.Routes;
import org.partnershipatlas.ontology.AtlasIris;
import org.partnershipatlas.ontology.AtlasOntology;
import org.partnershipatlas.queries.NamedQuery;
import org.partnershipatlas.queries.Param;
import org.partnershipatlas.queries.QueryBinder;
import org.partnershipatlas.queries.QueryCatalogue;
import org.partnershipatlas.queries.QueryRunner;

/** The model of the examples page and of HTML results: plain records, so templates hold no logic. */
final class ExamplesPage {
    private ExamplesPage() {}

    /** A value in an HTML table: its text, and a link if it is an IRI. */
    public record Cell(String text, String href) {}

    /** A choice offered for a parameter. */
    public record Choice(String value, String label) {}

    /** A parameter in a query's form. */
    public record Field(String name, String type, boolean required, String value, List<Choice> choices) {}

    /** A query on the examples page. */
    public record Entry(
            String name,
            String summary,
            String description,
            List<String> tags,
            String sparql,
            List<Field> fields,
            String exampleUrl,
            String sparqlUrl,
            boolean graph) {}

    /** A link to the same results in another format. */
    public record FormatLink(String label, String href) {}

    static List<Entry> entries(QueryCatalogue catalogue, QueryBinder binder, DatasetGraph dsg, AtlasIris iris) {
        List<Entry> entries = new ArrayList<>();
        QueryRunner queries = new QueryRunner(dsg, catalogue, iris);
        for (NamedQuery q : catalogue.list()) {
            List<Field> fields = new ArrayList<>();
            for (Param p : q.params()) {
                String value = p.example() == null
                        ? ""
                        : p.kind() == Param.Kind.IRI ? absolute(p.example(), iris) : p.example();
                List<Choice> choices = p.kind() == Param.Kind.IRI && p.example() != null
                        ? queries.select(
                                "same-kind",
                                Map.of("resource", p.example()),
                                b -> new Choice(
                                        b.get("other").getURI(), b.get("label").getLiteralLexicalForm()))
                        : List.of();
                fields.add(new Field(p.name(), p.typeName(), p.required(), value, choices));
            }
            Query example = binder.bind(q, q.examples());
            entries.add(new Entry(
                    q.name(),
                    q.summary(),
                    q.description(),
                    q.tags(),
                    q.text(),
                    fields,
                    Routes.API_QUERIES.substring(1) + "/" + q.name() + queryString(q.examples()),
                    Routes.SPARQL.substring(1) + "?query=" + encode(example.serialize()),
                    q.returnsGraph()));
        }
        return entries;
    }

    static String absolute(String iri, AtlasIris iris) {
        return iri.contains(":") ? iri : iris.base() + iri;
    }

    static Cell cell(Node node, java.util.function.UnaryOperator<String> href) {
        if (node == null) {
            return new Cell("", null);
        }
        if (node.isURI()) {
            String shortForm = AtlasOntology.prefixes().shortForm(node.getURI());
            return new Cell(shortForm, href.apply(node.getURI()));
        }
        if (node.isLiteral()) {
            return new Cell(node.getLiteralLexicalForm(), null);
        }
        return new Cell(node.toString(), null);
    }

    static List<FormatLink> formatLinks(NamedQuery q, Map<String, String> values) {
        Map<String, String> formats = new LinkedHashMap<>();
        if (q.returnsGraph()) {
            formats.put("Turtle", "ttl");
            formats.put("JSON-LD", "jsonld");
            formats.put("N-Triples", "nt");
        } else {
            formats.put("JSON", "json");
            formats.put("CSV", "csv");
            formats.put("TSV", "tsv");
            formats.put("XML", "xml");
        }
        List<FormatLink> links = new ArrayList<>();
        formats.forEach((label, format) -> {
            Map<String, String> with = new LinkedHashMap<>(values);
            with.put("format", format);
            links.add(new FormatLink(label, q.name() + queryString(with)));
        });
        return links;
    }

    static String queryString(Map<String, String> values) {
        return QueryLinks.queryString(values);
    }

    static String encode(String text) {
        return QueryLinks.encode(text);
    }
}
