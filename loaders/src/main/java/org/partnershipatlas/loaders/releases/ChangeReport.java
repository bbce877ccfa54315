package org.partnershipatlas.loaders.releases;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.zip.GZIPInputStream;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.Triple;
import org.apache.jena.rdfpatch.changes.RDFChangesBase;
import org.apache.jena.rdfpatch.text.RDFPatchReaderText;
import org.apache.jena.riot.Lang;
import org.apache.jena.riot.RDFParser;
import org.apache.jena.riot.system.StreamRDFBase;
import org.apache.jena.sparql.core.Quad;
import org.apache.jena.vocabulary.DCTerms;
import org.apache.jena.vocabulary.RDF;
import org.apache.jena.vocabulary.RDFS;
import org.apache.jena.vocabulary.SKOS;
import org.partnershipatlas.ontology.AtlasOntology;
import org.partnershipatlas.ontology.Vocab.ORG;

/**
 * The changes of an RDF Patch written by {@link ReleaseChanges#writePatch} (a release's {@code changes.rdfp}, or the
 * patch between any two releases), for people: one {@link ResourceChanges} per changed resource, in the patch's
 * order, each change in words with labels ("member added — Newham Faith Forum (member)"). A membership's changes
 * are told as changes of the partnership it belongs to.
 *
 * <p>Memory grows with the size of the change, not of the releases: the patch is read twice, streaming; in between,
 * the labels of the resources it names are looked up in the patch itself, then by one streaming pass over each dump
 * given (the newer release's, then the older's); the changes in words are gathered per resource (a resource changes
 * in several graphs: its source's and the derived ones) before they are given out.
 *
 * <pre>
 *   ChangeReport.read(release.file(Release.CHANGES), List.of(newer, older), r -&gt; System.out.println(r.text()));
 * </pre>
 */
public final class ChangeReport {
    private static final List<Node> LABELS =
            List.of(SKOS.prefLabel.asNode(), DCTerms.title.asNode(), RDFS.label.asNode());

    /** What happened to a resource, as a whole. */
    public enum Kind {
        ADDED,
        REMOVED,
        CHANGED
    }

    /**
     * The changes of one resource, in words.
     *
     * @param iri the resource (for a membership: the partnership)
     * @param label its label, or its IRI's last segment
     * @param kind whether it was added, removed or changed as a whole (a membership: changed, its partnership's)
     * @param changes the changes in words, such as {@code "member added — Newham Faith Forum (member)"}
     */
    public record ResourceChanges(String iri, String label, Kind kind, List<String> changes) {
        /** The changes as lines for people: {@code "Label: change"}. */
        public List<String> lines() {
            return changes.stream().map(c -> label + ": " + c).toList();
        }
    }

    private final Map<String, String> labels = new HashMap<>();
    /** Resources changed without their type in the patch (a membership's dates, say): what they belong to. */
    private final Set<String> contextWanted = new HashSet<>();
    /** For those that are memberships: their partnership, member and role, from the dumps. */
    private final Map<String, Map<Node, Node>> memberships = new HashMap<>();

    private ChangeReport() {}

    /**
     * Reads a patch and gives the changes of each resource to {@code each}, in the patch's order.
     *
     * @param dumps sorted N-Quads dumps ({@code atlas.nq.gz}) to look labels up in, the newer first
     */
    public static void read(Path patch, List<Path> dumps, Consumer<ResourceChanges> each) {
        ChangeReport report = new ChangeReport();
        Set<String> wanted = new HashSet<>();
        groups(patch, g -> report.collect(g, wanted));
        wanted.removeAll(report.labels.keySet());
        for (Path dump : dumps) {
            if (wanted.isEmpty() && report.contextWanted.isEmpty()) {
                break;
            }
            report.lookUp(dump, wanted);
        }
        // A resource's changes can be in several graphs (its source's, the derived ones) and a partnership's in its
        // memberships too: they are gathered into one entry, in the order the resources first appear.
        Map<String, ResourceChanges> gathered = new LinkedHashMap<>();
        groups(patch, g -> {
            ResourceChanges r = report.describe(g);
            gathered.merge(r.iri(), r, ChangeReport::join);
        });
        gathered.values().forEach(each);
    }

    private static ResourceChanges join(ResourceChanges a, ResourceChanges b) {
        List<String> changes = new ArrayList<>(a.changes());
        changes.addAll(b.changes());
        return new ResourceChanges(a.iri(), a.label(), a.kind() == b.kind() ? a.kind() : Kind.CHANGED, changes);
    }

    /** The quads deleted and added for one subject in one graph, as the patch lists them. */
    private record Group(Node graph, Node subject, List<Triple> deleted, List<Triple> added) {
        Set<Node> types() {
            Set<Node> out = new HashSet<>();
            for (List<Triple> ts : List.of(deleted, added)) {
                for (Triple t : ts) {
                    if (t.getPredicate().equals(RDF.type.asNode())) {
                        out.add(t.getObject());
                    }
                }
            }
            return out;
        }

        Node value(Node predicate) {
            for (List<Triple> ts : List.of(added, deleted)) {
                for (Triple t : ts) {
                    if (t.getPredicate().equals(predicate)) {
                        return t.getObject();
                    }
                }
            }
            return null;
        }
    }

    /** Reads the patch, streaming, one group of consecutive changes of a subject in a graph at a time. */
    private static void groups(Path patch, Consumer<Group> each) {
        try (InputStream in = Release.openPatch(patch)) {
            Group[] current = {null};
            new RDFPatchReaderText(in).apply(new RDFChangesBase() {
                @Override
                public void add(Node g, Node s, Node p, Node o) {
                    group(g, s).added().add(Triple.create(s, p, o));
                }

                @Override
                public void delete(Node g, Node s, Node p, Node o) {
                    group(g, s).deleted().add(Triple.create(s, p, o));
                }

                private Group group(Node g, Node s) {
                    Group c = current[0];
                    if (c == null || !c.graph().equals(g) || !c.subject().equals(s)) {
                        if (c != null) {
                            each.accept(c);
                        }
                        c = new Group(g, s, new ArrayList<>(), new ArrayList<>());
                        current[0] = c;
                    }
                    return c;
                }
            });
            if (current[0] != null) {
                each.accept(current[0]);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the patch " + patch + ": " + e.getMessage(), e);
        }
    }

    /** Notes the labels a group carries, and the resources it names whose labels are needed. */
    private void collect(Group g, Set<String> wanted) {
        if (g.types().isEmpty() && g.subject().isURI()) {
            contextWanted.add(g.subject().getURI());
        }
        for (List<Triple> ts : List.of(g.deleted(), g.added())) {
            for (Triple t : ts) {
                if (t.getSubject().isURI()) {
                    wanted.add(t.getSubject().getURI());
                }
                if (t.getObject().isURI() && !t.getPredicate().equals(RDF.type.asNode())) {
                    wanted.add(t.getObject().getURI());
                }
                remember(t);
            }
        }
    }

    private void remember(Triple t) {
        Node o = t.getObject();
        if (t.getSubject().isURI() && o.isLiteral() && LABELS.contains(t.getPredicate())) {
            boolean english = o.getLiteralLanguage().isEmpty() || "en".equals(o.getLiteralLanguage());
            if (english || !labels.containsKey(t.getSubject().getURI())) {
                labels.merge(t.getSubject().getURI(), o.getLiteralLexicalForm(), (old, neu) -> english ? old : neu);
            }
        }
    }

    /** Finds labels of {@code wanted} resources in a sorted N-Quads dump, in one pass; removes those found. */
    private void lookUp(Path dump, Set<String> wanted) {
        if (!Files.isRegularFile(dump)) {
            return;
        }
        Set<String> found = new HashSet<>();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(
                new GZIPInputStream(Files.newInputStream(dump), 1 << 16), StandardCharsets.UTF_8))) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                int space = line.indexOf(' ');
                if (space < 3 || line.charAt(0) != '<') {
                    continue;
                }
                String subject = line.substring(1, space - 1);
                if (contextWanted.contains(subject) && isMembershipLine(line, space)) {
                    // The memberships' graph comes before the organisations', partnerships' and roles' in a
                    // sorted dump, so the labels of what it names are mostly found in this same pass.
                    Quad q = parse(line);
                    memberships.computeIfAbsent(subject, x -> new HashMap<>()).put(q.getPredicate(), q.getObject());
                    if (q.getObject().isURI()
                            && !labels.containsKey(q.getObject().getURI())) {
                        wanted.add(q.getObject().getURI());
                    }
                }
                if (wanted.contains(subject) && isLabelLine(line, space)) {
                    remember(parse(line).asTriple());
                    found.add(subject);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + dump + ": " + e.getMessage(), e);
        }
        wanted.removeAll(found);
        // A membership changed but not removed is in the newer release, the first dump read.
        contextWanted.clear();
    }

    private static final List<Node> MEMBERSHIP =
            List.of(ORG.organization.asNode(), ORG.member.asNode(), ORG.role.asNode());

    private static boolean isMembershipLine(String line, int space) {
        for (Node p : MEMBERSHIP) {
            if (line.startsWith("<" + p.getURI() + "> ", space + 1)) {
                return true;
            }
        }
        return false;
    }

    private static Quad parse(String line) {
        Quad[] out = {null};
        RDFParser.fromString(line, Lang.NQUADS).parse(new StreamRDFBase() {
            @Override
            public void quad(Quad q) {
                out[0] = q;
            }
        });
        return out[0];
    }

    private static boolean isLabelLine(String line, int space) {
        for (Node p : LABELS) {
            if (line.startsWith("<" + p.getURI() + "> ", space + 1)) {
                return true;
            }
        }
        return false;
    }

    /** The group in words. */
    private ResourceChanges describe(Group g) {
        Set<Node> types = g.types();
        if (types.contains(ORG.Membership.asNode())) {
            ResourceChanges membership = membership(g);
            if (membership != null) {
                return membership;
            }
        }
        String iri = g.subject().isURI() ? g.subject().getURI() : g.subject().toString();
        boolean typed = !types.isEmpty();
        Map<Node, Node> membership = memberships.get(iri);
        if (!typed && membership != null && membership.get(ORG.organization.asNode()) != null) {
            // A membership's own change (its dates), told as its partnership's.
            Node partnership = membership.get(ORG.organization.asNode());
            Node member = membership.get(ORG.member.asNode());
            Node role = membership.get(ORG.role.asNode());
            String of = "membership of " + (member == null ? iri : label(member))
                    + (role == null ? "" : " (" + label(role) + ")") + ": ";
            return new ResourceChanges(
                    partnership.getURI(),
                    label(partnership),
                    Kind.CHANGED,
                    propertyChanges(g).stream().map(c -> of + c).toList());
        }
        if (g.deleted().isEmpty() && typed) {
            return new ResourceChanges(
                    iri, label(g.subject()), Kind.ADDED, List.of("added (" + classes(g.added()) + ")"));
        }
        if (g.added().isEmpty() && typed) {
            return new ResourceChanges(
                    iri, label(g.subject()), Kind.REMOVED, List.of("removed (" + classes(g.deleted()) + ")"));
        }
        return new ResourceChanges(iri, label(g.subject()), Kind.CHANGED, propertyChanges(g));
    }

    /**
     * A membership added or removed as a whole, told as its partnership's change: "member added — Newham Faith Forum
     * (member)"; null if it does not name its partnership and member (a change to its dates, say).
     */
    private ResourceChanges membership(Group g) {
        Node partnership = g.value(ORG.organization.asNode());
        Node member = g.value(ORG.member.asNode());
        if (partnership == null
                || member == null
                || !partnership.isURI()
                || !(g.deleted().isEmpty() || g.added().isEmpty())) {
            return null;
        }
        Node role = g.value(ORG.role.asNode());
        String what = g.deleted().isEmpty() ? "member added — " : "member removed — ";
        return new ResourceChanges(
                partnership.getURI(),
                label(partnership),
                Kind.CHANGED,
                List.of(what + label(member) + (role == null ? "" : " (" + label(role) + ")")));
    }

    /** Each property's change: "end date changed — 2003-03-31 → 2004-03-31", "domain added — Crime". */
    private List<String> propertyChanges(Group g) {
        Map<Node, List<Node>> removed = new LinkedHashMap<>();
        Map<Node, List<Node>> added = new LinkedHashMap<>();
        g.deleted()
                .forEach(t -> removed.computeIfAbsent(t.getPredicate(), p -> new ArrayList<>())
                        .add(t.getObject()));
        g.added()
                .forEach(t -> added.computeIfAbsent(t.getPredicate(), p -> new ArrayList<>())
                        .add(t.getObject()));
        List<String> out = new ArrayList<>();
        Set<Node> predicates = new LinkedHashSet<>(removed.keySet());
        predicates.addAll(added.keySet());
        for (Node p : predicates) {
            List<Node> before = removed.getOrDefault(p, List.of());
            List<Node> after = added.getOrDefault(p, List.of());
            String name = term(p);
            if (before.size() == 1 && after.size() == 1) {
                out.add(name + " changed — " + value(before.get(0)) + " → " + value(after.get(0)));
                continue;
            }
            before.forEach(o -> out.add(name + " removed — " + value(o)));
            after.forEach(o -> out.add(name + " added — " + value(o)));
        }
        return out;
    }

    private String classes(List<Triple> triples) {
        List<String> names = triples.stream()
                .filter(t -> t.getPredicate().equals(RDF.type.asNode()))
                .map(t -> term(t.getObject()))
                .distinct()
                .toList();
        return String.join(", ", names);
    }

    private String value(Node o) {
        return o.isLiteral() ? o.getLiteralLexicalForm() : label(o);
    }

    /** A resource's label, else the ontology's label, else the IRI's last segment. */
    private String label(Node node) {
        if (!node.isURI()) {
            return node.toString();
        }
        String label = labels.get(node.getURI());
        return label != null ? label : term(node);
    }

    /** A term's English label in the ontology, else its local name. */
    static String term(Node term) {
        if (!term.isURI()) {
            return term.toString();
        }
        for (Node p : LABELS) {
            for (Triple t : AtlasOntology.graph().find(term, p, Node.ANY).toList()) {
                Node o = t.getObject();
                if (o.isLiteral() && (o.getLiteralLanguage().isEmpty() || "en".equals(o.getLiteralLanguage()))) {
                    return o.getLiteralLexicalForm();
                }
            }
        }
        String uri = term.getURI();
        int cut = Math.max(uri.lastIndexOf('#'), uri.lastIndexOf('/'));
        return cut >= 0 && cut < uri.length() - 1 ? uri.substring(cut + 1) : uri;
    }
}
