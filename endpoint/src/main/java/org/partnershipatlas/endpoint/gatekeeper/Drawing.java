package org.partnershipatlas.endpoint.gatekeeper;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.partnershipatlas.endpoint.Routes;
import org.partnershipatlas.gatekeeper.RationalisationReport;
import org.partnershipatlas.ontology.AtlasIris;

/**
 * The overlap graph of a locality as an SVG drawing's model, laid out by {@link OverlapLayout}: each merger cluster
 * apart from the others, the partnerships in none in rows after them, the umbrellas (on the partnership map) first;
 * an edge per overlap, thicker for stronger overlap, partnerships in a merger cluster highlighted. No two labels
 * overlap. The template draws it; every label is escaped there.
 */
public record Drawing(int width, int height, List<Dot> dots, List<Line> lines, List<Dot> umbrellas) {
    /** A partnership: centre, label anchor, label as drawn, full name, link. */
    public record Dot(
            double cx,
            double cy,
            double lx,
            double ly,
            String anchor,
            String label,
            String title,
            String href,
            boolean clustered) {}

    /** An overlap. */
    public record Line(double x1, double y1, double x2, double y2, double width, String title) {}

    /** A partnership drawn without edges, such as a locality's umbrella partnership. */
    public record Link(String label, String href) {}

    /** Labels longer than this are cut, with an ellipsis; the dot's title has the full name. */
    static final int LONGEST_LABEL = 38;

    public static Drawing of(RationalisationReport r, AtlasIris iris, String contextPath) {
        return of(r, List.of(), iris, contextPath);
    }

    public static Drawing of(RationalisationReport r, List<Link> umbrellas, AtlasIris iris, String contextPath) {
        List<OverlapLayout.Node> nodes = new ArrayList<>();
        List<String> umbrellaIds = new ArrayList<>();
        for (int i = 0; i < umbrellas.size(); i++) {
            // Ids that no partnership IRI can be.
            umbrellaIds.add("umbrella " + i);
            nodes.add(new OverlapLayout.Node(
                    "umbrella " + i, shortened(umbrellas.get(i).label())));
        }
        r.nodes().forEach(n -> nodes.add(new OverlapLayout.Node(n.partnership(), shortened(n.label()))));
        List<OverlapLayout.Edge> edges = r.edges().stream()
                .map(e -> new OverlapLayout.Edge(e.a(), e.b(), e.score()))
                .toList();
        List<List<String>> groups = new ArrayList<>();
        if (!umbrellaIds.isEmpty()) {
            groups.add(umbrellaIds);
        }
        groups.addAll(r.clusters());
        OverlapLayout.Result layout = OverlapLayout.layout(nodes, edges, groups);

        Map<String, OverlapLayout.Placed> at = new HashMap<>();
        layout.placed().forEach(p -> at.put(p.id(), p));
        Set<String> clustered = new HashSet<>();
        r.clusters().forEach(clustered::addAll);
        List<Dot> umbrellaDots = new ArrayList<>();
        for (int i = 0; i < umbrellas.size(); i++) {
            Link u = umbrellas.get(i);
            umbrellaDots.add(dot(at.get(umbrellaIds.get(i)), u.label(), u.href(), false));
        }
        List<Dot> dots = r.nodes().stream()
                .map(n -> dot(
                        at.get(n.partnership()),
                        n.label(),
                        Routes.docHref(iris, contextPath, n.partnership()),
                        clustered.contains(n.partnership())))
                .toList();
        List<Line> lines = r.edges().stream()
                .map(e -> {
                    OverlapLayout.Placed a = at.get(e.a());
                    OverlapLayout.Placed b = at.get(e.b());
                    return new Line(
                            round(a.x()),
                            round(a.y()),
                            round(b.x()),
                            round(b.y()),
                            round(1 + 6 * e.score()),
                            e.aLabel() + " — " + e.bLabel() + ": overlap " + Math.round(e.score() * 100) + "%");
                })
                .toList();
        return new Drawing((int) layout.width(), (int) layout.height(), dots, lines, umbrellaDots);
    }

    private static Dot dot(OverlapLayout.Placed p, String label, String href, boolean clustered) {
        return new Dot(
                round(p.x()),
                round(p.y()),
                round(p.labelX()),
                round(p.labelY()),
                "start",
                shortened(label),
                label,
                href,
                clustered);
    }

    static String shortened(String label) {
        return label.length() > LONGEST_LABEL ? label.substring(0, LONGEST_LABEL - 2) + "…" : label;
    }

    private static double round(double x) {
        return Math.round(x * 10) / 10.0;
    }
}
