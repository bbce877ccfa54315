package org.partnershipatlas.endpoint.ld;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.vocabulary.OWL;
import org.apache.jena.vocabulary.RDF;
import org.apache.jena.vocabulary.RDFS;
import org.partnershipatlas.endpoint.Routes;
import org.partnershipatlas.endpoint.http.ConNeg;
import org.partnershipatlas.endpoint.http.HttpErrorException;
import org.partnershipatlas.endpoint.web.Templates;
import org.partnershipatlas.ontology.AtlasOntology;
import org.partnershipatlas.ontology.PA;
import org.partnershipatlas.queries.QueryRunner;

/**
 * The ontology at {@code /def} (the namespace {@code https://w3id.org/partnership-atlas/def#} without its hash):
 * HTML documentation generated from the ontology itself, with each term's use in the data, or the ontology as
 * Turtle, JSON-LD, N-Triples or RDF/XML ({@code /def.ttl} and so on, or by Accept).
 */
public final class OntologyServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;

    private final transient QueryRunner queries;
    private final transient Templates templates;

    public OntologyServlet(QueryRunner queries, Templates templates) {
        this.queries = queries;
        this.templates = templates;
    }

    /** One documented term. */
    public record Term(
            String name,
            String iri,
            String label,
            String comment,
            List<ResourcePage.Link> parents,
            ResourcePage.Link domain,
            ResourcePage.Link range,
            long uses) {}

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String uri = request.getRequestURI().substring(request.getContextPath().length());
        String rest = uri.substring(Routes.DEF.length());
        RdfFormat format;
        if (rest.isEmpty() || rest.equals("/")) {
            String chosen = ConNeg.choose(request.getHeader("Accept"), htmlFirst());
            if (chosen == null) {
                throw HttpErrorException.notAcceptable(RdfFormat.mediaTypes());
            }
            format = RdfFormat.byMediaType(chosen).orElseThrow();
            response.setHeader("Vary", "Accept");
        } else {
            Optional<RdfFormat> bySuffix =
                    rest.startsWith(".") ? RdfFormat.bySuffix(rest.substring(1)) : Optional.empty();
            if (bySuffix.isEmpty()) {
                throw HttpErrorException.notFound("No document at " + request.getRequestURI());
            }
            format = bySuffix.get();
        }
        response.setContentType(format.contentType());
        Graph ontology = AtlasOntology.graph();
        if (format != RdfFormat.HTML) {
            RdfOutput.write(copy(ontology), format, Routes.contextUrl(request), response.getOutputStream());
            return;
        }
        Map<String, Long> uses = new HashMap<>();
        queries.select(
                "term-usage",
                Map.of(),
                b -> uses.put(
                        b.get("term").getURI(), Long.parseLong(b.get("uses").getLiteralLexicalForm())));
        String root = request.getContextPath() + "/";
        templates.render(
                "ontology.ftlh",
                Map.of(
                        "title", Labels.of(ontology, node(PA.ONTOLOGY)),
                        "comment", text(ontology, node(PA.ONTOLOGY), RDFS.comment.asNode()),
                        "version", text(ontology, node(PA.ONTOLOGY), OWL.versionInfo.asNode()),
                        "namespace", PA.NS,
                        "classes", terms(ontology, OWL.Class.asNode(), RDFS.subClassOf.asNode(), uses, root),
                        "properties", properties(ontology, uses, root),
                        "root", root),
                response.getWriter());
    }

    private static List<String> htmlFirst() {
        List<String> types = new ArrayList<>(RdfFormat.mediaTypes());
        types.remove(RdfFormat.HTML.mediaType());
        types.add(0, RdfFormat.HTML.mediaType());
        return types;
    }

    private static List<Term> properties(Graph ontology, Map<String, Long> uses, String root) {
        List<Term> all =
                new ArrayList<>(terms(ontology, OWL.ObjectProperty.asNode(), RDFS.subPropertyOf.asNode(), uses, root));
        all.addAll(terms(ontology, OWL.DatatypeProperty.asNode(), RDFS.subPropertyOf.asNode(), uses, root));
        all.sort(Comparator.comparing(Term::name));
        return all;
    }

    private static List<Term> terms(
            Graph ontology, Node type, Node parentProperty, Map<String, Long> uses, String root) {
        List<Term> terms = new ArrayList<>();
        for (Node term : ontology.find(Node.ANY, RDF.type.asNode(), type)
                .mapWith(t -> t.getSubject())
                .toList()) {
            if (!term.isURI() || !term.getURI().startsWith(PA.NS)) {
                continue;
            }
            List<ResourcePage.Link> parents = ontology.find(term, parentProperty, Node.ANY)
                    .mapWith(t -> link(t.getObject(), root))
                    .toList();
            terms.add(new Term(
                    term.getURI().substring(PA.NS.length()),
                    term.getURI(),
                    Labels.of(ontology, term),
                    text(ontology, term, RDFS.comment.asNode()),
                    parents,
                    first(ontology, term, RDFS.domain.asNode(), root),
                    first(ontology, term, RDFS.range.asNode(), root),
                    uses.getOrDefault(term.getURI(), 0L)));
        }
        terms.sort(Comparator.comparing(Term::name));
        return terms;
    }

    private static ResourcePage.Link first(Graph g, Node s, Node p, String root) {
        var found = g.find(s, p, Node.ANY).toList();
        return found.isEmpty() ? null : link(found.get(0).getObject(), root);
    }

    private static ResourcePage.Link link(Node term, String root) {
        String iri = term.getURI();
        String label = AtlasOntology.prefixes().shortForm(iri);
        return new ResourcePage.Link(
                label, iri.startsWith(PA.NS) ? root + "def#" + iri.substring(PA.NS.length()) : iri);
    }

    private static String text(Graph g, Node s, Node p) {
        var found = g.find(s, p, Node.ANY).toList();
        return found.isEmpty() ? "" : found.get(0).getObject().getLiteralLexicalForm();
    }

    private static Node node(String iri) {
        return org.apache.jena.graph.NodeFactory.createURI(iri);
    }

    private static Graph copy(Graph g) {
        Graph copy = org.apache.jena.sparql.graph.GraphFactory.createDefaultGraph();
        g.find().forEach(copy::add);
        return copy;
    }
}
