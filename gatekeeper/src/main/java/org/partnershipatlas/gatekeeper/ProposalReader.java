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
 * References may be absolute IRIs, IRIs relative to the base ({@code id/locality/newham}), bare slugs
 * ({@code newham} for a locality) or names ({@code "Newham"}, {@code "Drugs and alcohol"},
 * {@code "London Borough of Newham"}); they are kept as given and resolved by {@link Gatekeeper#check}, which says
 * which names it resolved. Only {@code title}, one {@code localities} entry and one {@code domains} entry are
 * required; {@code purpose} is optional but the check reads it. Text must be UTF-8 ({@link #decode}).
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

    /**
     * Reads the JSON form; a malformed document or fields of the wrong shape are a {@link ProposalException} naming
     * every field at fault. References are kept as given; {@link Gatekeeper#check} resolves them.
     */
    public Proposal fromJson(String json) {
        JsonValue v = parseJson(json);
        if (!v.isObject()) {
            throw new ProposalException(null, "the proposal must be a JSON object");
        }
        JsonObject o = v.getAsObject();
        List<ProposalException.Problem> problems = new ArrayList<>();
        for (String key : o.keys()) {
            if (!FIELDS.contains(key)) {
                problems.add(new ProposalException.Problem(
                        key, "unknown field; the fields are " + String.join(", ", FIELDS)));
            }
        }
        String title = string(o, "title", problems);
        String purpose = string(o, "purpose", problems);
        List<String> localities = list(o, "localities", problems);
        List<String> domains = list(o, "domains", problems);
        List<String> members = list(o, "members", problems);
        List<String> newMembers = list(o, "newMembers", problems);
        String type = string(o, "type", problems);
        if (!problems.isEmpty()) {
            throw new ProposalException(problems);
        }
        return new Proposal(
                title,
                purpose,
                refs(localities),
                refs(domains),
                refs(members),
                refs(newMembers),
                type == null || type.isBlank() ? null : type.strip());
    }

    /** The fields of the JSON form. */
    public static final List<String> FIELDS =
            List.of("title", "purpose", "localities", "domains", "members", "newMembers", "type");

    /**
     * Decodes the bytes of a proposal as UTF-8, the one encoding accepted on every path (command line, JSON, Turtle,
     * JSON-LD); anything else is refused with the byte offset of the first byte that is not UTF-8, never replaced.
     * A byte-order mark is allowed and dropped.
     */
    public static String decode(byte[] bytes) {
        var decoder = java.nio.charset.StandardCharsets.UTF_8
                .newDecoder()
                .onMalformedInput(java.nio.charset.CodingErrorAction.REPORT)
                .onUnmappableCharacter(java.nio.charset.CodingErrorAction.REPORT);
        java.nio.ByteBuffer in = java.nio.ByteBuffer.wrap(bytes);
        java.nio.CharBuffer out = java.nio.CharBuffer.allocate(bytes.length + 1);
        java.nio.charset.CoderResult r = decoder.decode(in, out, true);
        if (r.isError()) {
            throw new ProposalException(
                    null,
                    "the proposal is not UTF-8: the byte at offset " + in.position() + " (0x"
                            + String.format("%02X", bytes[in.position()] & 0xFF)
                            + ") cannot start or continue a UTF-8 character; save it as UTF-8 and send it again");
        }
        decoder.flush(out);
        out.flip();
        String text = out.toString();
        return text.startsWith("\uFEFF") ? text.substring(1) : text;
    }

    /**
     * The fields of an {@code application/x-www-form-urlencoded} body, each value decoded as UTF-8 after its
     * %-escapes, strictly: a field whose bytes are not UTF-8 (a form sent in Windows-1252, "%E9" for "é"), or whose
     * %-escapes are broken, is a problem naming that field, never a U+FFFD. All such fields are reported at once.
     */
    public static java.util.Map<String, List<String>> formFields(byte[] body) {
        String text = new String(body, java.nio.charset.StandardCharsets.ISO_8859_1);
        java.util.Map<String, List<String>> fields = new java.util.LinkedHashMap<>();
        List<ProposalException.Problem> problems = new ArrayList<>();
        for (String pair : text.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String rawName = eq < 0 ? pair : pair.substring(0, eq);
            String rawValue = eq < 0 ? "" : pair.substring(eq + 1);
            String name = formPart(rawName);
            if (name == null) {
                problems.add(new ProposalException.Problem(
                        null, "a field name of the form is not UTF-8 or not valid %-encoding; send the form as UTF-8"));
                continue;
            }
            String value = formPart(rawValue);
            if (value == null) {
                problems.add(new ProposalException.Problem(
                        name, "not UTF-8 (a byte that is not UTF-8 was sent); send the form as UTF-8"));
                continue;
            }
            fields.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
        }
        if (!problems.isEmpty()) {
            throw new ProposalException(problems);
        }
        return fields;
    }

    /** One %-encoded part of a form, decoded strictly as UTF-8; null if it cannot be. */
    private static String formPart(String raw) {
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == '+') {
                bytes.write(' ');
            } else if (c == '%') {
                if (i + 2 >= raw.length()) {
                    return null;
                }
                int hi = Character.digit(raw.charAt(i + 1), 16);
                int lo = Character.digit(raw.charAt(i + 2), 16);
                if (hi < 0 || lo < 0) {
                    return null;
                }
                bytes.write(hi * 16 + lo);
                i += 2;
            } else if (c > 0x7F) {
                return null;
            } else {
                bytes.write(c);
            }
        }
        try {
            return java.nio.charset.StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(java.nio.charset.CodingErrorAction.REPORT)
                    .onUnmappableCharacter(java.nio.charset.CodingErrorAction.REPORT)
                    .decode(java.nio.ByteBuffer.wrap(bytes.toByteArray()))
                    .toString();
        } catch (java.nio.charset.CharacterCodingException e) {
            return null;
        }
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
        List<ProposalException.Problem> problems = new ArrayList<>();
        form.forEach((field, values) -> {
            // The servlet container decodes a form as UTF-8 and puts U+FFFD for bytes that are not: refuse them.
            if (values.stream().anyMatch(v -> v != null && v.indexOf('\uFFFD') >= 0)) {
                problems.add(new ProposalException.Problem(
                        field, "not UTF-8 (a byte that is not UTF-8 was sent); send the form as UTF-8"));
            }
        });
        if (!problems.isEmpty()) {
            throw new ProposalException(problems);
        }
        String type = first(form, "type");
        return new Proposal(
                first(form, "title"),
                first(form, "purpose"),
                refs(values(form, "locality")),
                refs(values(form, "domain")),
                refs(values(form, "member")),
                refs(values(form, "newMember")),
                type == null || type.isBlank() ? null : type.strip());
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

    /**
     * The IRI a reference stands for if it is an IRI, an {@code id/...} path or a slug ({@code newham} for a
     * locality); null if it is none of these (a name, to be looked up).
     */
    public String reference(String value, String type) {
        String v = value.strip();
        if (HAS_SCHEME.matcher(v).matches()) {
            return v;
        }
        if (v.startsWith("id/")) {
            return iris.base() + v;
        }
        if (SLUG.matcher(v).matches()) {
            return iris.idSpace() + type + "/" + v;
        }
        return null;
    }

    private static List<String> refs(List<String> values) {
        List<String> out = new ArrayList<>();
        for (String v : values) {
            if (!v.isBlank() && !out.contains(v.strip())) {
                out.add(v.strip());
            }
        }
        return out;
    }

    private static String string(JsonObject o, String key, List<ProposalException.Problem> problems) {
        JsonValue v = o.get(key);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isString()) {
            problems.add(new ProposalException.Problem(key, "expected a string"));
            return null;
        }
        return v.getAsString().value();
    }

    private static List<String> list(JsonObject o, String key, List<ProposalException.Problem> problems) {
        JsonValue v = o.get(key);
        if (v == null || v.isNull()) {
            return List.of();
        }
        if (v.isString()) {
            return List.of(v.getAsString().value());
        }
        if (!v.isArray()) {
            problems.add(new ProposalException.Problem(key, "expected a list of strings"));
            return List.of();
        }
        List<String> out = new ArrayList<>();
        for (JsonValue item : (JsonArray) v) {
            if (!item.isString()) {
                problems.add(new ProposalException.Problem(key, "expected a list of strings"));
                return List.of();
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
