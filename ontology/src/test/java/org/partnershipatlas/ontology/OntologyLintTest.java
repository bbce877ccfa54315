package org.partnershipatlas.ontology;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.rdf.model.Literal;
import org.apache.jena.rdf.model.Model;
import org.apache.jena.rdf.model.ModelFactory;
import org.apache.jena.rdf.model.Property;
import org.apache.jena.rdf.model.Resource;
import org.apache.jena.shacl.parser.Shape;
import org.apache.jena.vocabulary.OWL;
import org.apache.jena.vocabulary.RDF;
import org.apache.jena.vocabulary.RDFS;
import org.junit.jupiter.api.Test;

/** Checks the ontology's own rules: labels and comments on every term, a shape for every class, fixtures per shape. */
class OntologyLintTest {
    private final Model ontology = ModelFactory.createModelForGraph(AtlasOntology.graph());

    private List<Resource> paTerms(Resource type) {
        return ontology.listResourcesWithProperty(RDF.type, type)
                .filterKeep(r -> r.isURIResource() && r.getURI().startsWith(PA.NS))
                .toList();
    }

    private List<Resource> allPaTerms() {
        List<Resource> terms = new ArrayList<>();
        for (Resource t : List.of(OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty)) {
            terms.addAll(paTerms(t));
        }
        return terms;
    }

    @Test
    void ontologyHasVersionIriLabelAndComment() {
        Resource onto = ontology.getResource(PA.ONTOLOGY);
        assertThat(onto.hasProperty(RDF.type, OWL.Ontology)).isTrue();
        assertThat(onto.hasProperty(OWL.versionIRI)).isTrue();
        assertThat(onto.hasProperty(RDFS.label)).isTrue();
        assertThat(onto.hasProperty(RDFS.comment)).isTrue();
    }

    @Test
    void ontologyDeclaresTheRequiredClasses() {
        assertThat(paTerms(OWL.Class))
                .extracting(Resource::getLocalName)
                .contains(
                        "Partnership",
                        "Locality",
                        "GuidanceDocument",
                        "BestPracticeCase",
                        "ExternalResource",
                        "PartnershipProposal",
                        "ProblemDomain",
                        "PartnershipType",
                        "Role",
                        "Sector",
                        "OrganisationKind",
                        "Mandate");
        Resource partnership = ontology.getResource(PA.Partnership.getURI());
        assertThat(partnership.hasProperty(
                        RDFS.subClassOf, ontology.getResource("http://www.w3.org/ns/org#OrganizationalCollaboration")))
                .isTrue();
    }

    @Test
    void everyTermHasAnEnglishLabelAndComment() {
        List<Resource> terms = allPaTerms();
        assertThat(terms).hasSizeGreaterThan(20);
        List<String> missing = new ArrayList<>();
        for (Resource term : terms) {
            if (!hasEnglish(term, RDFS.label)) {
                missing.add(term.getLocalName() + " rdfs:label");
            }
            if (!hasEnglish(term, RDFS.comment)) {
                missing.add(term.getLocalName() + " rdfs:comment");
            }
        }
        assertThat(missing).isEmpty();
    }

    @Test
    void everyPaTermUsedInTheShapesIsDeclared() {
        Set<String> declared = allPaTerms().stream().map(Resource::getURI).collect(Collectors.toSet());
        Set<String> used = AtlasOntology.shapesGraph().find().toList().stream()
                .flatMap(t -> java.util.stream.Stream.of(t.getSubject(), t.getPredicate(), t.getObject()))
                .filter(Node::isURI)
                .map(Node::getURI)
                .filter(uri -> uri.startsWith(PA.NS))
                .filter(uri -> !uri.endsWith("Shape") && !uri.equals(PA.NS + "PartialDate"))
                .collect(Collectors.toSet());
        assertThat(declared).containsAll(used);
    }

    @Test
    void everyClassIsTheTargetOfAShapeDirectlyOrThroughASuperclass() {
        Set<Node> targets = AtlasOntology.shapes().getTargetShapes().stream()
                .flatMap(s -> s.getTargets().stream())
                .map(t -> t.getObject())
                .collect(Collectors.toSet());
        List<String> unshaped = new ArrayList<>();
        for (Resource cls : paTerms(OWL.Class)) {
            boolean covered =
                    ontology.listObjectsOfProperty(cls, RDFS.subClassOf).mapWith(n -> n.asNode()).toList().stream()
                                    .anyMatch(targets::contains)
                            || targets.contains(cls.asNode());
            if (!covered) {
                unshaped.add(cls.getLocalName());
            }
        }
        assertThat(unshaped).isEmpty();
    }

    @Test
    void everyTargetingShapeHasABadFixture() throws IOException, URISyntaxException {
        List<String> fixtureNames = ShapesTest.fixtureFiles("bad-").stream()
                .map(Path::getFileName)
                .map(Path::toString)
                .toList();
        List<String> withoutFixture = new ArrayList<>();
        for (Shape shape : AtlasOntology.shapes().getTargetShapes()) {
            String name = shape.getShapeNode().getLocalName();
            if (fixtureNames.stream().noneMatch(f -> f.startsWith("bad-" + name + "-"))) {
                withoutFixture.add(name);
            }
        }
        assertThat(withoutFixture).isEmpty();
    }

    @Test
    void prefixesComeFromTheOntologyFile() {
        assertThat(AtlasOntology.prefixes().getNsPrefixURI("pa")).isEqualTo(PA.NS);
        assertThat(AtlasOntology.prefixes().getNsPrefixURI("org")).isEqualTo("http://www.w3.org/ns/org#");
        assertThat(AtlasOntology.sparqlPrefixes()).contains("PREFIX pa: <" + PA.NS + ">\n");
    }

    private static boolean hasEnglish(Resource term, Property property) {
        return term.listProperties(property)
                .mapWith(s -> s.getObject())
                .filterKeep(o -> o.isLiteral() && "en".equals(((Literal) o).getLanguage()))
                .hasNext();
    }

    static Graph graph() {
        return AtlasOntology.graph();
    }
}
