package org.partnershipatlas.loaders.validate;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.shacl.Shapes;
import org.apache.jena.shacl.engine.Target;
import org.apache.jena.shacl.engine.TargetType;
import org.apache.jena.shacl.engine.ValidationContext;
import org.apache.jena.shacl.engine.constraint.SparqlConstraint;
import org.apache.jena.shacl.parser.Constraint;
import org.apache.jena.shacl.parser.NodeShape;
import org.apache.jena.shacl.parser.Shape;
import org.apache.jena.shacl.validation.ReportEntry;
import org.apache.jena.shacl.validation.VLib;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.system.G;
import org.apache.jena.vocabulary.RDF;

/**
 * Validates one focus node at a time, giving exactly what {@code ShaclValidator.get().validate(shapes, data,
 * node)} gives (the shapes that target the node, in the order of {@link Shapes#getTargetShapes()}, each through
 * jena-shacl's own {@link VLib#validateShape}), but cheaper:
 *
 * <ul>
 *   <li>the data is read through a {@link CachedGraph};
 *   <li>which shapes target the node is decided from its types and the class hierarchy, worked out once, instead
 *       of by a look-up for every shape and every subclass;
 *   <li>the shapes are {@link MemoShapes} copies, whose {@code sh:class} and {@code sh:node} answers are
 *       remembered per value node;
 *   <li>{@code sh:sparql} constraints that certainly report nothing for the node are left out ({@link
 *       SparqlGuard}).
 * </ul>
 *
 * One per thread: it is not thread-safe.
 */
final class FocusNodeValidator {
    /** How many value nodes each sh:class and sh:node constraint remembers its answer for. */
    private static final int REMEMBERED = 10_000;

    private final Shapes shapes;
    private final CachedGraph data;
    private final MemoShapes memo = new MemoShapes(REMEMBERED);
    private final Map<Node, Set<Node>> subClasses = new HashMap<>();
    private final Map<Shape, List<SparqlGuard>> sparqlGuards = new HashMap<>();
    private final Map<Shape, Map<Long, Shape>> variants = new HashMap<>();

    /**
     * @param shapes the shapes
     * @param dsg the store: the data graph is the union of its named graphs, which must not change while this
     *     validator is used; use the validator inside a transaction on it
     * @param maxPerEntry the most triples the cache keeps for one look-up
     * @param budget the most triples the cache keeps in all
     */
    FocusNodeValidator(Shapes shapes, DatasetGraph dsg, int maxPerEntry, long budget) {
        this.shapes = shapes;
        this.data = new CachedGraph(dsg.getUnionGraph(), Subjects.unionReader(dsg), maxPerEntry, budget);
    }

    /** The report entries of one focus node, in jena-shacl's order. */
    List<ReportEntry> validate(Node focusNode) {
        data.load(focusNode);
        ValidationContext vCxt = ValidationContext.create(shapes, data);
        boolean any = false;
        for (Shape shape : shapesTargeting(focusNode)) {
            VLib.validateShape(vCxt, data, withoutIdleSparql(memo.copy(shape), focusNode), focusNode);
            any = true;
        }
        return any ? List.copyOf(vCxt.generateReport().getEntries()) : List.of();
    }

    /**
     * The shape, or if some of its {@code sh:sparql} constraints certainly report nothing for this focus node
     * ({@link SparqlGuard}), the same shape without them: same node, severity, messages, targets, the other
     * constraints in the same order and the same property shapes, so it reports exactly what the shape does.
     */
    private Shape withoutIdleSparql(Shape shape, Node focusNode) {
        List<SparqlGuard> guards = sparqlGuards.computeIfAbsent(shape, FocusNodeValidator::guards);
        if (guards.isEmpty()) {
            return shape;
        }
        long idle = 0;
        for (int i = 0; i < guards.size(); i++) {
            SparqlGuard guard = guards.get(i);
            if (guard != null && !guard.mayMatch(data, focusNode)) {
                idle |= 1L << i;
            }
        }
        if (idle == 0) {
            return shape;
        }
        long mask = idle;
        return variants.computeIfAbsent(shape, x -> new HashMap<>()).computeIfAbsent(mask, m -> {
            List<Constraint> kept = new ArrayList<>();
            int i = 0;
            for (Constraint c : shape.getConstraints()) {
                if ((m & (1L << i)) == 0) {
                    kept.add(c);
                }
                i++;
            }
            return new NodeShape(
                    shape.getShapeGraph(),
                    shape.getShapeNode(),
                    shape.deactivated(),
                    shape.getSeverity(),
                    shape.getMessages(),
                    shape.getTargets(),
                    kept,
                    shape.getPropertyShapes());
        });
    }

    /** For each constraint of a node shape (up to 64), its guard or null; empty if it has none. */
    private static List<SparqlGuard> guards(Shape shape) {
        if (!(shape instanceof NodeShape) || shape.getConstraints().size() > Long.SIZE) {
            return List.of();
        }
        List<SparqlGuard> guards = new ArrayList<>();
        boolean any = false;
        for (Constraint c : shape.getConstraints()) {
            SparqlGuard guard = c instanceof SparqlConstraint sparql
                    ? SparqlGuard.of(sparql).orElse(null)
                    : null;
            guards.add(guard);
            any |= guard != null;
        }
        return any ? guards : List.of();
    }

    /** The shapes targeting {@code node}, in the order of {@link Shapes#getTargetShapes()}. */
    private List<Shape> shapesTargeting(Node node) {
        Set<Node> types = new HashSet<>(G.listSP(data, node, RDF.type.asNode()));
        List<Shape> targeting = new ArrayList<>();
        for (Shape shape : shapes.getTargetShapes()) {
            for (Target target : shape.getTargets()) {
                if (targets(target, node, types)) {
                    targeting.add(shape);
                    break;
                }
            }
        }
        return targeting;
    }

    /**
     * As {@link VLib#isFocusNode(Target, Node, Graph)}: a class target holds if one of the node's types is the
     * class or a subclass of it ({@code G.isOfType}); other kinds of target are asked of jena-shacl.
     */
    private boolean targets(Target target, Node node, Set<Node> types) {
        TargetType type = target.getTargetType();
        if (type != TargetType.targetClass && type != TargetType.implicitClass) {
            return VLib.isFocusNode(target, node, data);
        }
        if (types.isEmpty()) {
            return false;
        }
        Set<Node> classes =
                subClasses.computeIfAbsent(target.getObject(), c -> new HashSet<>(G.listSubClasses(data, c)));
        for (Node t : types) {
            if (classes.contains(t)) {
                return true;
            }
        }
        return false;
    }
}
