package org.partnershipatlas.loaders.validate;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.shacl.ShaclValidator;
import org.apache.jena.shacl.Shapes;
import org.apache.jena.shacl.validation.ReportEntry;
import org.apache.jena.shacl.validation.Severity;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.core.Quad;

/**
 * Validates the resources a load wrote: every distinct subject of a graph is validated as a focus node against
 * the union of all graphs (so references to other sources resolve, and rdfs:subClassOf in the ontology graph
 * counts). Only the loaded graph's subjects are visited, so the cost follows the size of the load, not of the
 * store; subjects come off the graph's index in order, so nothing is held in memory but the findings.
 */
public final class Validation {
    /** What validation found for one graph. */
    public record Findings(
            List<ReportEntry> violations, List<ReportEntry> warnings, long focusNodes, boolean truncated) {}

    private final Shapes shapes;
    private final int limit;

    /**
     * @param shapes the shapes to validate against
     * @param limit stop after this many violations (the report would not be read further)
     */
    public Validation(Shapes shapes, int limit) {
        this.shapes = shapes;
        this.limit = limit;
    }

    /** Validates the subjects of {@code graphName}; call inside a transaction on {@code dsg}. */
    public Findings validateGraph(DatasetGraph dsg, Node graphName) {
        Graph union = dsg.getUnionGraph();
        ShaclValidator validator = ShaclValidator.get();
        List<ReportEntry> violations = new ArrayList<>();
        List<ReportEntry> warnings = new ArrayList<>();
        long focusNodes = 0;
        Node last = null;
        Iterator<Quad> quads = dsg.find(graphName, Node.ANY, Node.ANY, Node.ANY);
        while (quads.hasNext()) {
            Node subject = quads.next().getSubject();
            if (subject.equals(last)) {
                continue;
            }
            last = subject;
            focusNodes++;
            for (ReportEntry entry : validator.validate(shapes, union, subject).getEntries()) {
                if (Severity.Violation.equals(entry.severity())) {
                    violations.add(entry);
                } else if (warnings.size() < limit) {
                    warnings.add(entry);
                }
            }
            if (violations.size() >= limit) {
                return new Findings(violations, warnings, focusNodes, true);
            }
        }
        return new Findings(violations, warnings, focusNodes, false);
    }
}
