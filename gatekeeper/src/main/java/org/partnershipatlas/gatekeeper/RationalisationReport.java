package org.partnershipatlas.gatekeeper;

import java.util.List;

/**
 * The partnership map of a locality as the LSP needs it to cut back: the overlap graph of its partnerships, the
 * clusters in it (candidates for merging), the organisations carrying the heaviest load, and the partnerships
 * outside the LSP's umbrella.
 *
 * @param locality the locality's IRI
 * @param localityLabel its name
 * @param nodes its partnerships (LSPs aside), in a fixed order (the drawing lays them out)
 * @param edges pairs whose overlap reaches the configured threshold, strongest first
 * @param clusters groups of partnerships joined by edges, largest first: candidates for merging
 * @param heaviest organisations by the number of the locality's partnerships they sit on
 * @param outsideUmbrella partnerships with no umbrella, or one that is not the locality's LSP
 * @param threshold the edge threshold used
 */
public record RationalisationReport(
        String locality,
        String localityLabel,
        List<Node> nodes,
        List<Edge> edges,
        List<List<String>> clusters,
        List<Load> heaviest,
        List<Outside> outsideUmbrella,
        double threshold) {

    /** A partnership of the locality. */
    public record Node(String partnership, String label, String type) {}

    /** An overlap between two partnerships of the locality. */
    public record Edge(
            String a,
            String aLabel,
            String b,
            String bLabel,
            double score,
            List<String> sharedDomains,
            List<String> sharedMembers) {}

    /** An organisation's partnership load in the locality. */
    public record Load(String organisation, String label, int partnerships, String roles) {}

    /** A partnership outside the LSP's umbrella, and why. */
    public record Outside(String partnership, String label, String reason) {}

    /** The label of a partnership in the report. */
    public String label(String partnership) {
        return nodes.stream()
                .filter(n -> n.partnership().equals(partnership))
                .map(Node::label)
                .findFirst()
                .orElse(partnership);
    }
}
