package org.partnershipatlas.loaders.links;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.jena.atlas.json.JSON;
import org.apache.jena.atlas.json.JsonArray;
import org.apache.jena.atlas.json.JsonException;
import org.apache.jena.atlas.json.JsonObject;
import org.apache.jena.atlas.json.JsonValue;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.shared.PrefixMapping;
import org.partnershipatlas.ontology.AtlasOntology;

/**
 * What {@code atlas link} is to do, read from a JSON file:
 *
 * <pre>
 * {
 *   "name": "register",                                  the linkset graph is {base}graph/linkset-register
 *   "title": "Organisations to the Register of ...",
 *   "atlasClass": "pa:Organisation",
 *   "target": {"file": "register.ttl"}                   (relative to the spec) or {"endpoint": "http://host/sparql"}
 *   "targetDataset": "https://register.example.org/",    void:objectsTarget
 *   "targetClass": "schema:Organization",                optional
 *   "targetLabels": ["schema:name", "schema:alternateName"],
 *   "identifiers": [{"atlas": "foaf:homepage", "target": "schema:url", "kind": "url"}],
 *   "linkPredicate": "skos:closeMatch",
 *   "accept": 0.9, "review": 0.7,                        confidence thresholds
 *   "reviewFile": "register-review.tsv"                  (relative to the spec)
 * }
 * </pre>
 *
 * Terms may be prefixed names (the Atlas's prefixes) or full IRIs. Every problem names the field.
 */
public record LinkSpec(
        String name,
        String title,
        Node atlasClass,
        List<Node> atlasLabels,
        Path targetFile,
        String targetEndpoint,
        Node targetDataset,
        Node targetClass,
        List<Node> targetLabels,
        List<Identifier> identifiers,
        Node linkPredicate,
        double accept,
        double review,
        Path reviewFile) {

    /** A pair of properties whose values identify the same thing; {@code kind} "url" or "code" says how to compare. */
    public record Identifier(Node atlas, Node target, String kind) {}

    /** Reads a spec file. */
    public static LinkSpec read(Path file) {
        JsonObject json;
        try (InputStream in = Files.newInputStream(file)) {
            JsonValue v = JSON.parseAny(in);
            if (!v.isObject()) {
                throw new LinkException(file + ": expected a JSON object");
            }
            json = v.getAsObject();
        } catch (IOException e) {
            throw new LinkException("cannot read " + file + ": " + e.getMessage());
        } catch (JsonException | NullPointerException e) {
            throw new LinkException(file + ": not valid JSON: " + e.getMessage());
        }
        Path dir = file.toAbsolutePath().getParent();
        PrefixMapping prefixes = AtlasOntology.prefixes();
        String name = string(json, "name", null, file);
        JsonValue target = json.get("target");
        if (target == null || !target.isObject()) {
            throw new LinkException(file + ": field 'target': expected {\"file\": ...} or {\"endpoint\": ...}");
        }
        JsonObject t = target.getAsObject();
        Path targetFile =
                t.hasKey("file") ? dir.resolve(t.get("file").getAsString().value()) : null;
        String endpoint = t.hasKey("endpoint") ? t.get("endpoint").getAsString().value() : null;
        if ((targetFile == null) == (endpoint == null)) {
            throw new LinkException(file + ": field 'target': give exactly one of \"file\" and \"endpoint\"");
        }
        List<Identifier> ids = new ArrayList<>();
        if (json.hasKey("identifiers")) {
            for (JsonValue v : array(json, "identifiers", file)) {
                JsonObject o = v.getAsObject();
                ids.add(new Identifier(
                        term(o.get("atlas"), prefixes, "identifiers.atlas", file),
                        term(o.get("target"), prefixes, "identifiers.target", file),
                        o.hasKey("kind") ? o.get("kind").getAsString().value() : "code"));
            }
        }
        double accept = number(json, "accept", 0.9, file);
        double review = number(json, "review", 0.7, file);
        if (!(0 < review && review <= accept && accept <= 1)) {
            throw new LinkException(
                    file + ": expected 0 < review <= accept <= 1, found review " + review + " and accept " + accept);
        }
        return new LinkSpec(
                name,
                string(json, "title", "Links to " + name, file),
                term(json.get("atlasClass"), prefixes, "atlasClass", file),
                json.hasKey("atlasLabels")
                        ? terms(array(json, "atlasLabels", file), prefixes, "atlasLabels", file)
                        : List.of(
                                NodeFactory.createURI(prefixes.expandPrefix("skos:prefLabel")),
                                NodeFactory.createURI(prefixes.expandPrefix("skos:altLabel"))),
                targetFile,
                endpoint,
                json.hasKey("targetDataset") ? term(json.get("targetDataset"), prefixes, "targetDataset", file) : null,
                json.hasKey("targetClass") ? term(json.get("targetClass"), prefixes, "targetClass", file) : null,
                terms(array(json, "targetLabels", file), prefixes, "targetLabels", file),
                List.copyOf(ids),
                json.hasKey("linkPredicate")
                        ? term(json.get("linkPredicate"), prefixes, "linkPredicate", file)
                        : NodeFactory.createURI(prefixes.expandPrefix("skos:closeMatch")),
                accept,
                review,
                dir.resolve(string(json, "reviewFile", name + "-review.tsv", file)));
    }

    private static String string(JsonObject json, String field, String dflt, Path file) {
        JsonValue v = json.get(field);
        if (v == null) {
            if (dflt == null) {
                throw new LinkException(file + ": field '" + field + "' is required");
            }
            return dflt;
        }
        if (!v.isString()) {
            throw new LinkException(file + ": field '" + field + "': expected a string");
        }
        return v.getAsString().value();
    }

    private static double number(JsonObject json, String field, double dflt, Path file) {
        JsonValue v = json.get(field);
        if (v == null) {
            return dflt;
        }
        if (!v.isNumber()) {
            throw new LinkException(file + ": field '" + field + "': expected a number");
        }
        return v.getAsNumber().value().doubleValue();
    }

    private static JsonArray array(JsonObject json, String field, Path file) {
        JsonValue v = json.get(field);
        if (v == null || !v.isArray() || v.getAsArray().isEmpty()) {
            throw new LinkException(file + ": field '" + field + "': expected a non-empty list");
        }
        return v.getAsArray();
    }

    private static List<Node> terms(JsonArray values, PrefixMapping prefixes, String field, Path file) {
        List<Node> out = new ArrayList<>();
        values.forEach(v -> out.add(term(v, prefixes, field, file)));
        return List.copyOf(out);
    }

    private static Node term(JsonValue v, PrefixMapping prefixes, String field, Path file) {
        if (v == null || !v.isString()) {
            throw new LinkException(file + ": field '" + field + "': expected an IRI or a prefixed name");
        }
        String s = v.getAsString().value();
        String expanded = prefixes.expandPrefix(s);
        boolean iri = expanded.startsWith("http://") || expanded.startsWith("https://") || expanded.startsWith("urn:");
        if (!iri) {
            throw new LinkException(
                    file + ": field '" + field + "': '" + s + "' is not an IRI or a prefixed name with a known prefix");
        }
        return NodeFactory.createURI(expanded);
    }
}
