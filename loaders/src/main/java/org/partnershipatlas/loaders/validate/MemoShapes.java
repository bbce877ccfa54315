package org.partnershipatlas.loaders.validate;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.shacl.engine.ValidationContext;
import org.apache.jena.shacl.engine.constraint.ClassConstraint;
import org.apache.jena.shacl.engine.constraint.ShNode;
import org.apache.jena.shacl.parser.Constraint;
import org.apache.jena.shacl.parser.NodeShape;
import org.apache.jena.shacl.parser.PropertyShape;
import org.apache.jena.shacl.parser.Shape;
import org.apache.jena.shacl.validation.ReportItem;

/**
 * Copies of shapes in which the {@code sh:class} and {@code sh:node} constraints remember their answer for each
 * value node. The answer of either is a function of the constraint, the value node and the data alone (jena-shacl
 * works it out from nothing else), and the data does not change while validating, so remembering it changes no
 * finding; it saves checking, say, the same locality's types for every partnership in it, or the same date
 * against {@code pa:PartialDate} (an {@code sh:or} of datatypes, each in a report of its own) again and again.
 *
 * <p>The copies have the same shape nodes, severities, messages, targets, paths and constraints in the same order,
 * so they report exactly what the originals do. One per thread: not thread-safe; each constraint remembers at most
 * {@code remembered} value nodes, the least recently used forgotten first.
 */
final class MemoShapes {
    private final int remembered;
    private final Map<Shape, Shape> copies = new HashMap<>();

    MemoShapes(int remembered) {
        this.remembered = remembered;
    }

    /** The copy of a shape (and of its property shapes, all the way down). */
    Shape copy(Shape shape) {
        Shape copy = copies.get(shape);
        if (copy == null) {
            copy = build(shape);
            copies.put(shape, copy);
        }
        return copy;
    }

    private Shape build(Shape shape) {
        List<Constraint> constraints = new ArrayList<>();
        shape.getConstraints().forEach(c -> constraints.add(remembering(c)));
        List<PropertyShape> propertyShapes = new ArrayList<>();
        shape.getPropertyShapes().forEach(p -> propertyShapes.add((PropertyShape) copy(p)));
        if (shape instanceof NodeShape) {
            return new NodeShape(
                    shape.getShapeGraph(),
                    shape.getShapeNode(),
                    shape.deactivated(),
                    shape.getSeverity(),
                    shape.getMessages(),
                    shape.getTargets(),
                    constraints,
                    propertyShapes);
        }
        if (shape instanceof PropertyShape property) {
            return new PropertyShape(
                    shape.getShapeGraph(),
                    shape.getShapeNode(),
                    shape.deactivated(),
                    shape.getSeverity(),
                    shape.getMessages(),
                    shape.getTargets(),
                    property.getPath(),
                    constraints,
                    propertyShapes);
        }
        return shape;
    }

    private Constraint remembering(Constraint c) {
        if (c.getClass() == ClassConstraint.class) {
            return new RememberingClass(((ClassConstraint) c).getExpectedClass(), answers());
        }
        if (c.getClass() == ShNode.class) {
            return new RememberingNode(((ShNode) c).getOther(), answers());
        }
        return c;
    }

    /** What one constraint answered for each value node: empty for "conforms". */
    private Map<Node, Optional<ReportItem>> answers() {
        return new LinkedHashMap<>(256, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Node, Optional<ReportItem>> eldest) {
                return size() > remembered;
            }
        };
    }

    /** The answer remembered for {@code node}, or {@code validation}'s, remembered (a null answer too). */
    private static ReportItem remembered(
            Map<Node, Optional<ReportItem>> answers, Node node, Supplier<ReportItem> validation) {
        Optional<ReportItem> answer = answers.get(node);
        if (answer == null) {
            answer = Optional.ofNullable(validation.get());
            answers.put(node, answer);
        }
        return answer.orElse(null);
    }

    /** sh:class, answered once per value node. */
    private static final class RememberingClass extends ClassConstraint {
        private final Map<Node, Optional<ReportItem>> answers;

        RememberingClass(Node expectedClass, Map<Node, Optional<ReportItem>> answers) {
            super(expectedClass);
            this.answers = answers;
        }

        @Override
        public ReportItem validate(ValidationContext vCxt, Graph data, Node node) {
            return remembered(answers, node, () -> super.validate(vCxt, data, node));
        }
    }

    /** sh:node, answered once per value node. */
    private static final class RememberingNode extends ShNode {
        private final Map<Node, Optional<ReportItem>> answers;

        RememberingNode(Shape other, Map<Node, Optional<ReportItem>> answers) {
            super(other);
            this.answers = answers;
        }

        @Override
        public ReportItem validate(ValidationContext vCxt, Graph data, Node node) {
            return remembered(answers, node, () -> super.validate(vCxt, data, node));
        }
    }
}
