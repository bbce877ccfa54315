package org.partnershipatlas.endpoint.api;

import org.apache.jena.atlas.json.JsonArray;
import org.apache.jena.atlas.json.JsonObject;
import org.partnershipatlas.endpoint.Routes;
import org.partnershipatlas.queries.NamedQuery;
import org.partnershipatlas.queries.Param;
import org.partnershipatlas.queries.QueryCatalogue;

/** Generates the OpenAPI 3 description of the query API from the library's {@code .rq} headers. */
final class OpenApi {
    private OpenApi() {}

    static JsonObject describe(QueryCatalogue catalogue, String serverUrl) {
        JsonObject doc = new JsonObject();
        doc.put("openapi", "3.0.3");
        JsonObject info = new JsonObject();
        info.put("title", "Partnership Atlas query API");
        info.put("version", "1");
        info.put(
                "description",
                "Named, parameterised SPARQL queries over the Partnership Atlas. Each operation runs"
                        + " one query of the library; results come as SPARQL results (JSON, XML, CSV, TSV) or, for graph"
                        + " queries, Turtle, JSON-LD or N-Triples, chosen by Accept or by 'format'.");
        info.put("license", obj("name", "CC BY 4.0", "url", "https://creativecommons.org/licenses/by/4.0/"));
        doc.put("info", info);
        JsonArray servers = new JsonArray();
        servers.add(obj("url", serverUrl));
        doc.put("servers", servers);

        JsonObject paths = new JsonObject();
        JsonObject list = new JsonObject();
        list.put(
                "get",
                operation(
                        "listQueries",
                        "The query library",
                        "The named queries with their parameters.",
                        new JsonArray(),
                        responses(false, true)));
        paths.put(Routes.API_QUERIES, list);
        for (NamedQuery q : catalogue.list()) {
            JsonArray params = new JsonArray();
            for (Param p : q.params()) {
                JsonObject param = new JsonObject();
                param.put("name", p.name());
                param.put("in", "query");
                param.put("required", p.required());
                param.put(
                        "description",
                        p.typeName()
                                + (p.kind() == Param.Kind.IRI
                                        ? ": an absolute IRI, or one relative to the Atlas base (id/...)"
                                        : ""));
                param.put("schema", schema(p));
                if (p.example() != null) {
                    param.put("example", p.example());
                }
                params.add(param);
            }
            for (String reserved : new String[] {"limit", "offset"}) {
                JsonObject param = new JsonObject();
                param.put("name", reserved);
                param.put("in", "query");
                param.put("required", false);
                param.put("schema", obj("type", "integer"));
                params.add(param);
            }
            JsonObject format = new JsonObject();
            format.put("name", "format");
            format.put("in", "query");
            format.put("required", false);
            format.put("description", "Overrides Accept");
            JsonObject formatSchema = obj("type", "string");
            JsonArray values = new JsonArray();
            for (String f : q.returnsGraph()
                    ? new String[] {"ttl", "jsonld", "nt", "html"}
                    : new String[] {"json", "xml", "csv", "tsv", "html"}) {
                values.add(f);
            }
            formatSchema.put("enum", values);
            format.put("schema", formatSchema);
            params.add(format);
            JsonObject path = new JsonObject();
            path.put(
                    "get",
                    operation(q.name(), q.summary(), q.description(), params, responses(q.returnsGraph(), false)));
            paths.put(Routes.API_QUERIES + "/" + q.name(), path);
        }
        doc.put("paths", paths);
        return doc;
    }

    private static JsonObject schema(Param p) {
        if (p.kind() == Param.Kind.IRI) {
            return obj("type", "string", "format", "uri-reference");
        }
        return switch (p.typeName()) {
            case "xsd:integer", "xsd:int", "xsd:long" -> obj("type", "integer");
            case "xsd:decimal", "xsd:double" -> obj("type", "number");
            case "xsd:boolean" -> obj("type", "boolean");
            case "xsd:date" -> obj("type", "string", "format", "date");
            default -> obj("type", "string");
        };
    }

    private static JsonObject operation(
            String id, String summary, String description, JsonArray params, JsonObject responses) {
        JsonObject op = new JsonObject();
        op.put("operationId", id);
        op.put("summary", summary);
        op.put("description", description);
        op.put("parameters", params);
        op.put("responses", responses);
        return op;
    }

    private static JsonObject responses(boolean graph, boolean listing) {
        JsonObject content = new JsonObject();
        String[] types = listing
                ? new String[] {"application/json", "text/html"}
                : graph
                        ? new String[] {"text/turtle", "application/ld+json", "application/n-triples", "text/html"}
                        : new String[] {
                            "application/sparql-results+json",
                            "application/sparql-results+xml",
                            "text/csv",
                            "text/tab-separated-values",
                            "text/html"
                        };
        for (String t : types) {
            content.put(t, obj("schema", obj("type", "string")));
        }
        JsonObject responses = new JsonObject();
        JsonObject ok = new JsonObject();
        ok.put("description", listing ? "The library" : "The results");
        ok.put("content", content);
        responses.put("200", ok);
        if (!listing) {
            responses.put(
                    "400",
                    obj("description", "A parameter is missing, unknown or of the wrong kind; the JSON body names it"));
            responses.put("404", obj("description", "No such query"));
            responses.put("406", obj("description", "None of the accepted formats is offered"));
            responses.put("503", obj("description", "The query ran past the time limit"));
        }
        return responses;
    }

    private static JsonObject obj(String... keyValues) {
        JsonObject o = new JsonObject();
        for (int i = 0; i < keyValues.length; i += 2) {
            o.put(keyValues[i], keyValues[i + 1]);
        }
        return o;
    }

    private static JsonObject obj(String key, JsonObject value) {
        JsonObject o = new JsonObject();
        o.put(key, value);
        return o;
    }
}
