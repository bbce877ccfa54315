package org.partnershipatlas.endpoint.gatekeeper;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.partnershipatlas.endpoint.Routes;
import org.partnershipatlas.gatekeeper.RationalisationReport;
import org.partnershipatlas.ontology.AtlasIris;

/**
 * The overlap graph of a locality as an SVG drawing's model, laid out here: partnerships on a circle, in the
 * report's order (so 50 or more stay readable), an edge per overlap, thicker for stronger overlap, partnerships in a merger cluster highlighted. The
 * template draws it; every label is escaped there.
 */
public record Drawing(int width, int height, List<Dot> dots, List<Line> lines) {
    /** A partnership: centre, label anchor, link. */
    public record Dot(
            double cx, double cy, double lx, double ly, String anchor, String label, String href, boolean clustered) {}

    /** An overlap. */
    public record Line(double x1, double y1, double x2, double y2, double width, String title) {}

    public static Drawing of(RationalisationReport r, AtlasIris iris, String contextPath) {
        int count = r.nodes().size();
        // Partnerships evenly round a circle from twelve o'clock, larger as there are more of them.
        double radius = Math.max(160, count * 14);
        double margin = 240;
        double centre = radius + margin;
        Map<String, double[]> at = new HashMap<>();
        java.util.Set<String> clustered = new java.util.HashSet<>();
        r.clusters().forEach(clustered::addAll);
        List<Dot> dots = new java.util.ArrayList<>();
        for (int i = 0; i < count; i++) {
            RationalisationReport.Node n = r.nodes().get(i);
            double angle = 2 * Math.PI * i / count - Math.PI / 2;
            double cx = centre + radius * Math.cos(angle);
            double cy = centre + radius * Math.sin(angle);
            at.put(n.partnership(), new double[] {cx, cy});
            double lx = centre + (radius + 12) * Math.cos(angle);
            double ly = centre + (radius + 12) * Math.sin(angle) + 4;
            String label = n.label().length() > 38 ? n.label().substring(0, 36) + "…" : n.label();
            dots.add(new Dot(
                    round(cx),
                    round(cy),
                    round(lx),
                    round(ly),
                    Math.cos(angle) < -0.01 ? "end" : "start",
                    label,
                    Routes.docHref(iris, contextPath, n.partnership()),
                    clustered.contains(n.partnership())));
        }
        List<Line> lines = r.edges().stream()
                .map(e -> {
                    double[] a = at.get(e.a());
                    double[] b = at.get(e.b());
                    return new Line(
                            round(a[0]),
                            round(a[1]),
                            round(b[0]),
                            round(b[1]),
                            round(1 + 6 * e.score()),
                            e.aLabel() + " — " + e.bLabel() + ": overlap " + Math.round(e.score() * 100) + "%");
                })
                .toList();
        int size = (int) Math.ceil(2 * centre);
        return new Drawing(size, size, dots, lines);
    }

    private static double round(double x) {
        return Math.round(x * 10) / 10.0;
    }
}
