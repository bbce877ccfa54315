package org.partnershipatlas.loaders;

import java.util.List;

/**
 * What a load did: per source, its graph and counts; the SHACL violations (if any, nothing was committed) and
 * warnings.
 *
 * @param sources one entry per source file, in load order
 * @param violations problems that stopped the load; empty if it committed
 * @param warnings problems worth fixing that did not stop it
 * @param committed true if the store now holds the new data
 * @param truncated true if validation stopped early because there were too many violations
 */
public record LoadReport(
        List<SourceReport> sources,
        List<LoadProblem> violations,
        List<LoadProblem> warnings,
        boolean committed,
        boolean truncated) {

    /** One source's part of a load. */
    public record SourceReport(String file, String graph, long records, long triples, String sha256) {}

    /** True if the data conforms to the shapes (and so was committed). */
    public boolean conforms() {
        return violations.isEmpty();
    }

    public long triples() {
        return sources.stream().mapToLong(SourceReport::triples).sum();
    }

    public long records() {
        return sources.stream().mapToLong(SourceReport::records).sum();
    }
}
