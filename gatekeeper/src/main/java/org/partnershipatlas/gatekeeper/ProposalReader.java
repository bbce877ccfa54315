package org.partnershipatlas.gatekeeper;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.apache.jena.atlas.json.JSON;
import org.apache.jena.atlas.json.JsonArray;
import org.apache.jena.atlas.json.JsonObject;
import org.apache.jena.atlas.json.JsonValue;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.Triple;
import org.apache.jena.riot.Lang;
import org.apache.jena.riot.RDFParser;
import org.apache.jena.riot.RiotException;
import org.apache.jena.sparql.graph.GraphFactory;
import org.apache.jena.vocabulary.DCTerms;
import org.apache.jena.vocabulary.RDF;
import org.partnershipatlas.ontology.AtlasIris;
import org.partnershipatlas.ontology.PA;
import org.partnershipatlas.ontology.SafeParsing;

/**
 * Reads a proposal from JSON, from RDF (a {@code pa:PartnershipProposal} in Turtle or JSON-LD) or from a form.
 * References may be absolute IRIs, IRIs relative to the base ({@code id/locality/newham}) or bare slugs
 * ({@code newham} for a locality).
 *
 * <p>The JSON form:
 *
 * <pre>
 * {
 *   "title": "Newham Burglary Reduction Partnership",
 *   "purpose": "Cut domestic burglary on the estates of Canning Town.",
 *   "localities": ["newham"],
 *   "domains": ["volume-crime"],
 *   "members": ["newham-council", "metropolitan-police-service"],
 *   "newMembers": ["Canning Town Neighbourhood Watch"],
 *   "type": "cdrp"
 * }
 * </pre>
 */
public final class ProposalReader {
    private static final Pattern SLUG = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");
    private static final Pattern HAS_SCHEME = Pattern.compile("[A-Za-z][A-Za-z0-9+.-]*:.*");

    private final AtlasIris iris;

    public ProposalReader(AtlasIris iris) {
        this.iris = iris;
    }

    /** Reads the JSON form; a malformed document or a field of the wrong shape is a {@link ProposalException}. */
    public Proposal fromJson(String json) {
        JsonValue v = parseJson(json);
        if (!v.isObject()) {
            throw new ProposalException(null, "the proposal must be a JSON object");
        }
        JsonObject o = v.getAsObject();
        for (String key : o.keys()) {
            if (!List.of("title", "purpose", "localities", "domains", "members", "newMembers", "type")
                    .contains(key)) {
                throw new ProposalException(
                        key,
                        "unknown field; the fields are title, purpose, localities, domains, members, newMembers, type");
            }
        }
        return new Proposal(
                string(o, "title"),
                string(o, "purpose"),
                refs(list(o, "localities"), "locality"),
                refs(list(o, "domains"), "problem-domain"),
                refs(list(o, "members"), "organisation"),
                list(o, "newMembers"),
                o.hasKey("type") ? ref(string(o, "type"), "partnership-type") : null);
    }

    /** Parses JSON text; anything that is not JSON is a {@link ProposalException}. */
    public static JsonValue parseJson(String json) {
        try {
            return JSON.parseAny(json);
        } catch (RuntimeException e) {
            // Jena's parser throws JsonException for most errors, but other runtime exceptions for some truncated
            // texts.
            throw new ProposalException(
                    null, "not valid JSON: " + (e.getMessage() == null ? "it ends too soon" : e.getMessage()));
        }
    }

    /** Reads a form's fields (repeatable: locality, domain, member, newMember). */
    public Proposal fromForm(Map<String, List<String>> form) {
        String type = first(form, "type");
        return new Proposal(
                first(form, "title"),
                first(form, "purpose"),
                refs(values(form, "locality"), "locality"),
                refs(values(form, "domain"), "problem-domain"),
                refs(values(form, "member"), "organisation"),
                values(form, "newMember"),
                type == null || type.isBlank() ? null : ref(type, "partnership-type"));
    }

    /** Reads RDF holding one {@code pa:PartnershipProposal}. */
    public Proposal fromRdf(String text, Lang lang) {
        Graph g = GraphFactory.createDefaultGraph();
        try {
            InputStream in = new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
            if (lang.equals(Lang.RDFXML)) {
                SafeParsing.checkXmlProlog(in);
            }
            SafeParsing.apply(RDFParser.source(in)).lang(lang).base(iris.base()).parse(g);
        } catch (RiotException e) {
            throw new ProposalException(null, "not valid " + lang.getLabel() + ": " + e.getMessage());
        } catch (SafeParsing.UnsafeDocumentException e) {
            throw new ProposalException(null, "not accepted " + lang.getLabel() + ": " + e.getMessage());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<Node> subjects = g.find(Node.ANY, RDF.type.asNode(), PA.PartnershipProposal.asNode())
                .mapWith(Triple::getSubject)
                .toList();
        if (subjects.size() != 1) {
            throw new ProposalException(null, "expected exactly one pa:PartnershipProposal, found " + subjects.size());
        }
        Node s = subjects.get(0);
        List<String> types = objects(g, s, PA.NS + "partnershipType");
        return new Proposal(
                literal(g, s, DCTerms.title.getURI()),
                literal(g, s, DCTerms.description.getURI()),
                objects(g, s, PA.NS + "proposedLocality"),
                objects(g, s, PA.NS + "proposedDomain"),
                objects(g, s, PA.NS + "proposedMember"),
                objects(g, s, PA.NS + "proposedMemberName"),
                types.isEmpty() ? null : types.get(0));
    }

    private String ref(String value, String type) {
        String v = value.strip();
        if (HAS_SCHEME.matcher(v).matches()) {
            return v;
        }
        if (v.startsWith("id/")) {
            return iris.base() + v;
        }
        if (SLUG.matcher(v).matches()) {
            return iris.id(type, v);
        }
        throw new ProposalException(
                type, "'" + value + "' is neither an IRI nor an identifier such as " + type + " slug");
    }

    private List<String> refs(List<String> values, String type) {
        List<String> out = new ArrayList<>();
        for (String v : values) {
            if (!v.isBlank()) {
                String iri = ref(v, type);
                if (!out.contains(iri)) {
                    out.add(iri);
                }
            }
        }
        return out;
    }

    private static String string(JsonObject o, String key) {
        JsonValue v = o.get(key);
        if (v == null) {
            return null;
        }
        if (!v.isString()) {
            throw new ProposalException(key, "expected a string");
        }
        return v.getAsString().value();
    }

    private static List<String> list(JsonObject o, String key) {
        JsonValue v = o.get(key);
        if (v == null) {
            return List.of();
        }
        if (v.isString()) {
            return List.of(v.getAsString().value());
        }
        if (!v.isArray()) {
            throw new ProposalException(key, "expected a list of strings");
        }
        List<String> out = new ArrayList<>();
        for (JsonValue item : (JsonArray) v) {
            if (!item.isString()) {
                throw new ProposalException(key, "expected a list of strings");
            }
            out.add(item.getAsString().value());
        }
        return out;
    }

    private static String first(Map<String, List<String>> form, String key) {
        List<String> v = form.get(key);
        return v == null || v.isEmpty() ? null : v.get(0);
    }

    private static List<String> values(Map<String, List<String>> form, String key) {
        List<String> out = new ArrayList<>();
        for (String v : form.getOrDefault(key, List.of())) {
            // A text box may hold several values, one per line or separated by ';'.
            for (String part : v.split("[;\\r\\n]+")) {
                if (!part.isBlank()) {
                    out.add(part.strip());
                }
            }
        }
        return out;
    }

    private static List<String> objects(Graph g, Node s, String p) {
        return g.find(s, org.apache.jena.graph.NodeFactory.createURI(p), Node.ANY)
                .mapWith(t -> t.getObject().isURI()
                        ? t.getObject().getURI()
                        : t.getObject().getLiteralLexicalForm())
                .toList();
    }

    private static String literal(Graph g, Node s, String p) {
        List<String> values = objects(g, s, p);
        return values.isEmpty() ? null : values.get(0);
    }
}
