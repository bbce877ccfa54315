package org.partnershipatlas.loaders.validate;

import java.util.Map;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.shacl.validation.ReportEntry;
import org.apache.jena.shacl.vocabulary.SHACL;
import org.apache.jena.shared.PrefixMapping;
import org.apache.jena.sparql.path.P_Inverse;
import org.apache.jena.sparql.path.P_Link;
import org.apache.jena.sparql.path.Path;
import org.apache.jena.util.iterator.ExtendedIterator;
import org.apache.jena.vocabulary.RDFS;
import org.partnershipatlas.loaders.LoadProblem;
import org.partnershipatlas.loaders.csvw.Column;
import org.partnershipatlas.loaders.csvw.TableSchema;
import org.partnershipatlas.ontology.AtlasOntology;

/**
 * Turns a SHACL result into a {@link LoadProblem} in the publisher's terms: the CSV column rather than the
 * property where there is one, and what was expected in words (the shape's own sh:message where it has one).
 */
public final class ProblemDescriber {
    private final Graph shapesGraph;
    private final Graph ontology;
    private final PrefixMapping prefixes;

    public ProblemDescriber() {
        this.shapesGraph = AtlasOntology.shapesGraph();
        this.ontology = AtlasOntology.graph();
        this.prefixes = AtlasOntology.prefixes();
    }

    /**
     * @param entry the SHACL result
     * @param file the source file the focus node came from
     * @param lines the line of each focus node in that file, where known
     * @param schema the file's table schema, or null for RDF sources
     */
    public LoadProblem describe(ReportEntry entry, String file, Map<Node, Long> lines, TableSchema schema) {
        Node focus = entry.focusNode();
        long line = lines.getOrDefault(focus, 0L);
        String field = field(entry.resultPath(), schema);
        Node value = entry.value();
        return new LoadProblem(
                file,
                line,
                focus.isURI() ? focus.getURI() : null,
                field,
                expected(entry),
                value == null ? null : show(value));
    }

    private String field(Path path, TableSchema schema) {
        if (path instanceof P_Link link) {
            String iri = link.getNode().getURI();
            if (schema != null) {
                var column = schema.columnForProperty(iri).map(Column::name);
                if (column.isPresent()) {
                    return column.get();
                }
            }
            return prefixes.shortForm(iri);
        }
        if (path instanceof P_Inverse inverse && inverse.getSubPath() instanceof P_Link link) {
            return "^" + prefixes.shortForm(link.getNode().getURI());
        }
        return path == null ? null : path.toString();
    }

    private String expected(ReportEntry entry) {
        Node shape = entry.source();
        String custom = objectText(shape, SHACL.message);
        if (custom != null) {
            return custom.replace("{?value}", entry.value() == null ? "" : show(entry.value()));
        }
        String component = entry.sourceConstraintComponent().getLocalName();
        return switch (component) {
            case "MinCountConstraintComponent" -> {
                String n = objectText(shape, SHACL.minCount);
                yield "1".equals(n) ? "a value (required)" : "at least " + n + " values";
            }
            case "MaxCountConstraintComponent" -> {
                String n = objectText(shape, SHACL.maxCount);
                yield "at most " + n + ("1".equals(n) ? " value" : " values");
            }
            case "ClassConstraintComponent" -> {
                Node cls = object(shape, SHACL.class_);
                yield "a reference to an existing " + label(cls)
                        + " (is it defined in a source of this load or one loaded before, and spelt right?)";
            }
            case "DatatypeConstraintComponent" ->
                "a value of type "
                        + prefixes.shortForm(object(shape, SHACL.datatype).getURI());
            case "NodeConstraintComponent" -> {
                String message = objectText(object(shape, SHACL.node), SHACL.message);
                yield message != null ? message : entry.message();
            }
            case "NodeKindConstraintComponent" -> "an IRI (an absolute address), not text";
            case "PatternConstraintComponent" -> "a value matching " + objectText(shape, SHACL.pattern);
            case "UniqueLangConstraintComponent" -> "one value per language";
            case "InConstraintComponent" -> "one of the allowed values";
            default -> entry.message();
        };
    }

    private String label(Node cls) {
        if (cls == null) {
            return "resource";
        }
        ExtendedIterator<org.apache.jena.graph.Triple> it = ontology.find(cls, RDFS.label.asNode(), Node.ANY);
        try {
            return it.hasNext()
                    ? it.next().getObject().getLiteralLexicalForm() + " (" + prefixes.shortForm(cls.getURI()) + ")"
                    : prefixes.shortForm(cls.getURI());
        } finally {
            it.close();
        }
    }

    private Node object(Node subject, Node property) {
        if (subject == null) {
            return null;
        }
        ExtendedIterator<org.apache.jena.graph.Triple> it = shapesGraph.find(subject, property, Node.ANY);
        try {
            return it.hasNext() ? it.next().getObject() : null;
        } finally {
            it.close();
        }
    }

    private String objectText(Node subject, Node property) {
        Node o = object(subject, property);
        return o == null ? null : o.isLiteral() ? o.getLiteralLexicalForm() : o.toString();
    }

    private String show(Node value) {
        if (value.isURI()) {
            return value.getURI();
        }
        return value.isLiteral() ? value.getLiteralLexicalForm() : value.toString();
    }
}
