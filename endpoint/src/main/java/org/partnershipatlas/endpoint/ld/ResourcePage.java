package org.partnershipatlas.endpoint.ld;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import org.apache.jena.datatypes.xsd.XSDDatatype;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.Triple;
import org.apache.jena.vocabulary.DCTerms;
import org.apache.jena.vocabulary.ORG;
import org.apache.jena.vocabulary.RDF;
import org.apache.jena.vocabulary.SKOS;
import org.partnershipatlas.endpoint.web.ListedDocument;
import org.partnershipatlas.ontology.PA;
import org.partnershipatlas.ontology.Vocab;

/**
 * What a resource's HTML page shows, built from its description graph: plain records with text and links only,
 * so the template needs no logic and every value is escaped by it.
 */
public record ResourcePage(
        String iri,
        String label,
        List<String> types,
        String description,
        String notice,
        Supersession supersession,
        List<Row> properties,
        String membershipsTitle,
        List<MembershipRow> memberships,
        List<Group> incoming,
        Related related,
        List<Link> formats,
        String sparqlUrl) {

    /**
     * A link, or plain text when href is null; {@code health} is what the last link check found for an outbound
     * link, or null.
     */
    public record Link(String text, String href, LinkHealth health) {
        public Link(String text, String href) {
            this(text, href, null);
        }
    }

    /**
     * What the last link check found for an outbound link: {@code kind} (broken, moved, failing, unchecked) and
     * {@code mark} in words, or both null when it worked; an archived copy and the new address where known; when it
     * was last checked.
     */
    public record LinkHealth(
            String url, String kind, String mark, String archivedHref, String replacementHref, String checked) {}

    /**
     * Whether a document still stands, said at the top of its page: {@code status} in words (Superseded, Withdrawn)
     * or null when current; the documents that replace it and those it replaces, from either direction of
     * {@code dcterms:isReplacedBy} / {@code dcterms:replaces}. Null when none of this applies.
     */
    public record Supersession(String status, List<Link> replacedBy, List<Link> replaces) {}

    /** One property and its values. */
    public record Row(String property, List<Link> values) {}

    /** One membership seen from this resource: the other end and the role. */
    public record MembershipRow(Link other, String role) {}

    /** Resources that link here by one property, grouped. */
    public record Group(String title, List<Link> items) {}

    /** A locality the resource is about or works in, with its partnership map and rationalisation report. */
    public record Place(String locality, String mapHref, String reportHref) {}

    /** A partnership this one overlaps: the other partnership, and what they share. */
    public record Overlap(Link partnership, String domains, String members) {}

    /** A row of a locality's statistics: a problem domain and how many partnerships there address it. */
    public record Count(Link domain, String partnerships) {}

    /**
     * What the page shows besides the description, from library queries: guidance, the maps and reports of its
     * localities, the partnerships it overlaps (at most {@code overlaps.size()}, {@code moreOverlaps} if there are
     * more) and per-domain statistics. Empty lists where they do not apply.
     */
    public record Related(
            List<ListedDocument> guidance,
            List<Place> places,
            List<Overlap> overlaps,
            boolean moreOverlaps,
            List<Count> statistics) {}

    /** Said instead of {@code pa:illustrative true}. */
    static final String ILLUSTRATIVE =
            "Illustrative record: invented to show how the Atlas works, not taken from a source.";

    private static final List<Node> HEADING =
            List.of(SKOS.prefLabel.asNode(), DCTerms.title.asNode(), RDF.type.asNode());

    /**
     * @param resource the resource described
     * @param graph its description
     * @param href where a page links for an IRI (local document for Atlas resources)
     * @param shownElsewhere types of resources linking here that {@code related} shows, left out of the lists of
     *     incoming links
     */
    static ResourcePage build(
            Node resource,
            Graph graph,
            Function<String, String> href,
            Related related,
            Map<String, LinkHealth> linkHealth,
            Set<Node> shownElsewhere,
            List<Link> formats,
            String sparqlUrl) {
        String label = Labels.display(graph, resource);
        List<String> types = graph.find(resource, RDF.type.asNode(), Node.ANY)
                .mapWith(t -> Labels.term(t.getObject()))
                .toList();
        String description = literal(graph, resource, DCTerms.description.asNode());
        if (description == null) {
            description = literal(graph, resource, SKOS.definition.asNode());
        }

        String notice = null;
        Map<Node, List<Link>> byProperty = new LinkedHashMap<>();
        for (Triple t : graph.find(resource, Node.ANY, Node.ANY).toList()) {
            Node p = t.getPredicate();
            if (p.equals(PA.illustrative.asNode())) {
                if (isTrue(t.getObject())) {
                    notice = ILLUSTRATIVE;
                }
                continue;
            }
            if (HEADING.contains(p)
                    || p.equals(DCTerms.description.asNode())
                            && description != null
                            && description.equals(
                                    t.getObject().isLiteral() ? t.getObject().getLiteralLexicalForm() : null)) {
                continue;
            }
            Link value = link(graph, t.getObject(), href);
            LinkHealth health =
                    t.getObject().isURI() ? linkHealth.get(t.getObject().getURI()) : null;
            byProperty
                    .computeIfAbsent(p, k -> new ArrayList<>())
                    .add(health == null ? value : new Link(value.text(), value.href(), health));
        }
        List<Row> properties = new ArrayList<>();
        byProperty.entrySet().stream()
                .sorted(Comparator.comparing(e -> Labels.term(e.getKey())))
                .forEach(e -> properties.add(new Row(
                        Labels.term(e.getKey()),
                        e.getValue().stream()
                                .sorted(Comparator.comparing(Link::text))
                                .toList())));

        List<MembershipRow> memberships = new ArrayList<>();
        String membershipsTitle = null;
        Map<String, List<Link>> incoming = new LinkedHashMap<>();
        for (Triple t : graph.find(Node.ANY, Node.ANY, resource).toList()) {
            Node s = t.getSubject();
            if (s.equals(resource)) {
                continue;
            }
            if (graph.contains(s, RDF.type.asNode(), ORG.Membership.asNode())) {
                boolean asPartnership = t.getPredicate().equals(ORG.organization.asNode());
                Node other = object(graph, s, (asPartnership ? ORG.member : ORG.organization).asNode());
                Node role = object(graph, s, ORG.role.asNode());
                if (other != null) {
                    memberships.add(new MembershipRow(
                            link(graph, other, href), role == null ? "" : Labels.display(graph, role)));
                    membershipsTitle = asPartnership ? "Members" : "Partnerships it sits on";
                }
                continue;
            }
            if (shownElsewhere.stream().anyMatch(type -> graph.contains(s, RDF.type.asNode(), type))) {
                continue;
            }
            Node type = mainType(graph, s);
            String title = (type == null ? "Resources" : plural(Labels.term(type))) + " with this as "
                    + Labels.term(t.getPredicate());
            incoming.computeIfAbsent(title, k -> new ArrayList<>()).add(link(graph, s, href));
        }
        memberships.sort(
                Comparator.comparing((MembershipRow m) -> m.other().text()).thenComparing(MembershipRow::role));
        List<Group> groups = new ArrayList<>();
        incoming.forEach((title, items) -> groups.add(new Group(
                title,
                items.stream()
                        .distinct()
                        .sorted(Comparator.comparing(Link::text))
                        .toList())));
        groups.sort(Comparator.comparing(Group::title));
        return new ResourcePage(
                resource.getURI(),
                label,
                types,
                description,
                notice,
                supersession(graph, resource, href),
                properties,
                membershipsTitle,
                memberships,
                groups,
                related,
                formats,
                sparqlUrl);
    }

    private static Supersession supersession(Graph graph, Node resource, Function<String, String> href) {
        Node isReplacedBy = DCTerms.isReplacedBy.asNode();
        Node replaces = DCTerms.replaces.asNode();
        Set<Node> newer = new TreeSet<>(Comparator.comparing(Node::toString));
        graph.find(resource, isReplacedBy, Node.ANY).forEach(t -> newer.add(t.getObject()));
        graph.find(Node.ANY, replaces, resource).forEach(t -> newer.add(t.getSubject()));
        Set<Node> older = new TreeSet<>(Comparator.comparing(Node::toString));
        graph.find(resource, replaces, Node.ANY).forEach(t -> older.add(t.getObject()));
        graph.find(Node.ANY, isReplacedBy, resource).forEach(t -> older.add(t.getSubject()));
        newer.remove(resource);
        older.remove(resource);
        Node status = object(graph, resource, Vocab.ADMS.status.asNode());
        String slug = status == null || !status.isURI()
                ? ""
                : status.getURI().substring(status.getURI().lastIndexOf('/') + 1);
        // A replacement makes a document superseded even where no status was recorded.
        String words = switch (slug) {
            case "withdrawn" -> "Withdrawn";
            case "superseded" -> "Superseded";
            default -> newer.isEmpty() ? null : "Superseded";
        };
        if (words == null && older.isEmpty()) {
            return null;
        }
        return new Supersession(
                words,
                newer.stream().map(n -> link(graph, n, href)).toList(),
                older.stream().map(n -> link(graph, n, href)).toList());
    }

    private static Link link(Graph graph, Node node, Function<String, String> href) {
        if (node.isURI()) {
            return new Link(Labels.display(graph, node), href.apply(node.getURI()));
        }
        if (node.isLiteral()) {
            if (XSDDatatype.XSDboolean.getURI().equals(node.getLiteralDatatypeURI())) {
                String lexical = node.getLiteralLexicalForm();
                return new Link(
                        isTrue(node) ? "yes" : lexical.equals("false") || lexical.equals("0") ? "no" : lexical, null);
            }
            return new Link(node.getLiteralLexicalForm(), null);
        }
        return new Link(node.toString(), null);
    }

    private static boolean isTrue(Node node) {
        // By the lexical form, so that an ill-formed literal is shown as it is rather than failing the page.
        return node.isLiteral()
                && (node.getLiteralLexicalForm().equals("true")
                        || node.getLiteralLexicalForm().equals("1"));
    }

    /** The type to group by: the Atlas's own class if it has one, else any. */
    private static Node mainType(Graph graph, Node s) {
        List<Node> types = graph.find(s, RDF.type.asNode(), Node.ANY)
                .mapWith(Triple::getObject)
                .toList();
        return types.stream()
                .filter(t -> t.isURI() && t.getURI().startsWith(PA.NS))
                .findFirst()
                .orElse(types.isEmpty() ? null : types.get(0));
    }

    private static Node object(Graph graph, Node s, Node p) {
        var it = graph.find(s, p, Node.ANY);
        try {
            return it.hasNext() ? it.next().getObject() : null;
        } finally {
            it.close();
        }
    }

    private static String literal(Graph graph, Node s, Node p) {
        Node o = object(graph, s, p);
        return o != null && o.isLiteral() ? o.getLiteralLexicalForm() : null;
    }

    private static String plural(String noun) {
        if (noun.endsWith("y") && !noun.endsWith("ey")) {
            return noun.substring(0, noun.length() - 1) + "ies";
        }
        return noun.endsWith("s") ? noun : noun + "s";
    }
}
