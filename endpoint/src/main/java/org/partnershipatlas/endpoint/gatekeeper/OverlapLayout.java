package org.partnershipatlas.endpoint.gatekeeper;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Where each partnership of an overlap graph is drawn: cluster first, so that clusters stand apart and no two labels
 * overlap, at a hundred partnerships and more.
 *
 * <pre>
 *   OverlapLayout.Result at = OverlapLayout.layout(nodes, edges, List.of(cluster1, cluster2));
 *   at.placed().get(0).x();   // the first node's dot; its label starts at labelX() on the baseline labelY()
 * </pre>
 *
 * Each group (a cluster, given in the order to draw them) is laid out on its own: a force-directed layout
 * (Fruchterman-Reingold, fixed start and fixed number of steps) puts overlapping partnerships near each other, then
 * each node, from the group's middle outwards, takes the free place nearest to where the forces put it, counting its
 * dot and its label as one box. Nodes in no group are set in rows. The groups' rectangles are then packed in rows with
 * a wide gap between them. Nothing is random and nothing depends on hashing, so the same graph gives the same
 * drawing. Label widths are estimated from DejaVu Sans (wider than the common sans-serif fonts) at {@link
 * #FONT_SIZE}, with a margin.
 */
public final class OverlapLayout {
    /** The labels' font size, in the drawing's units (the style sheet's {@code svg.overlap-graph text}). */
    public static final double FONT_SIZE = 11;

    static final double DOT_RADIUS = 7;
    /** From the dot's centre to the label's start. */
    static final double LABEL_OFFSET = DOT_RADIUS + 4;
    /** A node's box height: the dot, and the label's ascent and descent. */
    static final double BOX_HEIGHT = 18;
    /** Between two nodes' boxes. */
    static final double GAP = 4;
    /** Between two groups. */
    static final double GROUP_GAP = 40;

    static final double MARGIN = 12;
    private static final int STEPS = 300;

    /** A node to place, with the label as drawn. */
    public record Node(String id, String label) {}

    /** An edge of the graph, with a weight from 0 to 1 (stronger edges pull harder). */
    public record Edge(String a, String b, double weight) {}

    /** A rectangle in the drawing's coordinates. */
    public record Box(double left, double top, double right, double bottom) {
        boolean intersects(Box o) {
            return left < o.right && o.left < right && top < o.bottom && o.top < bottom;
        }

        Box grown(double by) {
            return new Box(left - by, top - by, right + by, bottom + by);
        }
    }

    /** A node's place: its dot's centre and the box that holds the dot and the label. */
    public record Placed(String id, double x, double y, Box box) {
        public double labelX() {
            return x + LABEL_OFFSET;
        }

        /** The label's baseline, so that the text is centred on the dot. */
        public double labelY() {
            return y + 4;
        }
    }

    /** The layout: every node's place, in the order the nodes were given, and the drawing's size. */
    public record Result(double width, double height, List<Placed> placed) {}

    private OverlapLayout() {}

    /**
     * Lays out the nodes.
     *
     * @param nodes every node, in a fixed order
     * @param edges edges between them (edges naming a node not given are ignored)
     * @param groups the groups to draw apart, in the order to draw them; a node in none is drawn in the rows of
     *     nodes on their own, after the groups; a node in two belongs to the first
     */
    public static Result layout(List<Node> nodes, List<Edge> edges, List<List<String>> groups) {
        Map<String, Node> byId = new HashMap<>();
        nodes.forEach(n -> byId.putIfAbsent(n.id(), n));
        Set<String> grouped = new LinkedHashSet<>();
        List<List<Node>> parts = new ArrayList<>();
        for (List<String> group : groups) {
            List<Node> part = new ArrayList<>();
            for (String id : group) {
                if (byId.containsKey(id) && grouped.add(id)) {
                    part.add(byId.get(id));
                }
            }
            if (!part.isEmpty()) {
                parts.add(part);
            }
        }
        List<Node> alone =
                nodes.stream().filter(n -> !grouped.contains(n.id())).distinct().toList();
        if (!alone.isEmpty()) {
            parts.add(alone);
        }
        List<List<Placed>> laidOut = new ArrayList<>();
        for (List<Node> part : parts) {
            List<Edge> inside = edgesWithin(part, edges);
            laidOut.add(normalised(inside.isEmpty() ? rows(part) : forces(part, inside)));
        }
        return packed(nodes, laidOut);
    }

    /** The estimated width of a label at {@link #FONT_SIZE}, from DejaVu Sans's advance widths, 5% wider. */
    public static double textWidth(String text) {
        double em = 0;
        for (int i = 0; i < text.length(); ) {
            int c = text.codePointAt(i);
            em += advance(c);
            i += Character.charCount(c);
        }
        return Math.ceil(em * FONT_SIZE * 1.05) + 2;
    }

    private static final String NARROW = "iljIJ.,:;'|!";
    private static final String SEMI = " frt()[]/-\"’‘`";
    private static final String WIDE = "mwMW%&@…—";

    private static double advance(int c) {
        if (NARROW.indexOf(c) >= 0) {
            return 0.34;
        }
        if (SEMI.indexOf(c) >= 0) {
            return 0.42;
        }
        if (WIDE.indexOf(c) >= 0) {
            return 1.0;
        }
        if (c >= 'a' && c <= 'z') {
            return 0.64;
        }
        if (c >= '0' && c <= '9') {
            return 0.64;
        }
        if (c >= 'A' && c <= 'Z') {
            return 0.79;
        }
        return 0.8;
    }

    static Box boxAt(double x, double y, String label) {
        return new Box(x - DOT_RADIUS - 1, y - BOX_HEIGHT / 2, x + LABEL_OFFSET + textWidth(label), y + BOX_HEIGHT / 2);
    }

    private static List<Edge> edgesWithin(List<Node> part, List<Edge> edges) {
        Set<String> ids = new LinkedHashSet<>();
        part.forEach(n -> ids.add(n.id()));
        return edges.stream()
                .filter(e -> ids.contains(e.a()) && ids.contains(e.b()) && !e.a().equals(e.b()))
                .toList();
    }

    /** Nodes with no edges between them: left to right in rows about as wide as the rows are tall together. */
    private static List<Placed> rows(List<Node> part) {
        double area = 0;
        double widest = 0;
        for (Node n : part) {
            double w = boxAt(0, 0, n.label()).right() - boxAt(0, 0, n.label()).left() + GAP;
            area += w * (BOX_HEIGHT + GAP);
            widest = Math.max(widest, w);
        }
        double rowWidth = Math.max(widest, Math.sqrt(area) * 1.6);
        List<Placed> placed = new ArrayList<>();
        double left = 0;
        double y = BOX_HEIGHT / 2;
        for (Node n : part) {
            Box box = boxAt(0, y, n.label());
            double w = box.right() - box.left();
            if (left > 0 && left + w > rowWidth) {
                left = 0;
                y += BOX_HEIGHT + GAP;
                box = boxAt(0, y, n.label());
            }
            double x = left - box.left();
            placed.add(new Placed(n.id(), x, y, boxAt(x, y, n.label())));
            left += w + GAP;
        }
        return placed;
    }

    /** A connected group: forces first, then each node to the nearest free place, from the middle outwards. */
    private static List<Placed> forces(List<Node> part, List<Edge> edges) {
        int n = part.size();
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < n; i++) {
            index.put(part.get(i).id(), i);
        }
        double[] x = new double[n];
        double[] y = new double[n];
        double start = Math.sqrt(n);
        for (int i = 0; i < n; i++) {
            double angle = 2 * Math.PI * i / n;
            x[i] = start * Math.cos(angle);
            y[i] = start * Math.sin(angle);
        }
        double[] dx = new double[n];
        double[] dy = new double[n];
        for (int step = 0; step < STEPS; step++) {
            double temperature = start * 0.5 * (1 - (double) step / STEPS) + 0.01;
            java.util.Arrays.fill(dx, 0);
            java.util.Arrays.fill(dy, 0);
            for (int i = 0; i < n; i++) {
                for (int j = i + 1; j < n; j++) {
                    double ux = x[i] - x[j];
                    double uy = y[i] - y[j];
                    double d2 = ux * ux + uy * uy;
                    if (d2 < 1e-9) {
                        // Two nodes on one spot: part them along a fixed direction.
                        ux = 0.01 * (j - i);
                        uy = 0.01;
                        d2 = ux * ux + uy * uy;
                    }
                    double f = 1 / d2; // k^2/d along the unit vector (k = 1)
                    dx[i] += ux * f;
                    dy[i] += uy * f;
                    dx[j] -= ux * f;
                    dy[j] -= uy * f;
                }
            }
            for (Edge e : edges) {
                int a = index.get(e.a());
                int b = index.get(e.b());
                double ux = x[a] - x[b];
                double uy = y[a] - y[b];
                double d = Math.sqrt(ux * ux + uy * uy);
                double f = d * (0.5 + e.weight()); // d^2/k along the unit vector
                dx[a] -= ux * f;
                dy[a] -= uy * f;
                dx[b] += ux * f;
                dy[b] += uy * f;
            }
            for (int i = 0; i < n; i++) {
                // A little gravity keeps loosely tied nodes from drifting far.
                dx[i] -= 0.05 * x[i];
                dy[i] -= 0.05 * y[i];
                double len = Math.sqrt(dx[i] * dx[i] + dy[i] * dy[i]);
                if (len > 0) {
                    double move = Math.min(len, temperature);
                    x[i] += dx[i] / len * move;
                    y[i] += dy[i] / len * move;
                }
            }
        }
        // Labels are wide and short: spread the forces' picture more across than down.
        double meanWidth = part.stream()
                .mapToDouble(p -> textWidth(p.label()) + LABEL_OFFSET)
                .average()
                .orElse(0);
        double sx = Math.max(60, meanWidth * 0.55);
        double sy = BOX_HEIGHT * 2.2;
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        double cx = java.util.Arrays.stream(x).average().orElse(0);
        double cy = java.util.Arrays.stream(y).average().orElse(0);
        java.util.Arrays.sort(
                order,
                java.util.Comparator.comparingDouble(
                                (Integer i) -> (x[i] - cx) * (x[i] - cx) + (y[i] - cy) * (y[i] - cy))
                        .thenComparingInt(i -> i));
        Placed[] placed = new Placed[n];
        List<Box> taken = new ArrayList<>();
        for (int i : order) {
            Node node = part.get(i);
            Placed p = nearestFree(node, (x[i] - cx) * sx, (y[i] - cy) * sy, taken);
            taken.add(p.box().grown(GAP / 2));
            placed[i] = p;
        }
        return List.of(placed);
    }

    /**
     * The free place nearest to where a node wants to be: its wish, or beside (left, right, above, below) a box
     * already taken; below them all is always free.
     */
    static Placed nearestFree(Node node, double wantX, double wantY, List<Box> taken) {
        Box want = boxAt(wantX, wantY, node.label()).grown(GAP / 2);
        double leftReach = wantX - want.left();
        double rightReach = want.right() - wantX;
        double halfHeight = BOX_HEIGHT / 2 + GAP / 2;
        List<double[]> candidates = new ArrayList<>();
        candidates.add(new double[] {wantX, wantY});
        double lowest = Double.NEGATIVE_INFINITY;
        for (Box b : taken) {
            candidates.add(new double[] {b.right() + leftReach, wantY});
            candidates.add(new double[] {b.left() - rightReach, wantY});
            candidates.add(new double[] {wantX, b.top() - halfHeight});
            candidates.add(new double[] {wantX, b.bottom() + halfHeight});
            lowest = Math.max(lowest, b.bottom());
        }
        if (!taken.isEmpty()) {
            candidates.add(new double[] {wantX, lowest + halfHeight});
        }
        double[] best = null;
        double bestDistance = Double.POSITIVE_INFINITY;
        for (double[] c : candidates) {
            double d = (c[0] - wantX) * (c[0] - wantX) + (c[1] - wantY) * (c[1] - wantY);
            if (d >= bestDistance) {
                continue;
            }
            Box box = boxAt(c[0], c[1], node.label()).grown(GAP / 2);
            if (taken.stream().noneMatch(box::intersects)) {
                best = c;
                bestDistance = d;
            }
        }
        return new Placed(node.id(), best[0], best[1], boxAt(best[0], best[1], node.label()));
    }

    /** The group moved so that its boxes start at (0, 0). */
    private static List<Placed> normalised(List<Placed> group) {
        double left = group.stream().mapToDouble(p -> p.box().left()).min().orElse(0);
        double top = group.stream().mapToDouble(p -> p.box().top()).min().orElse(0);
        return moved(group, -left, -top);
    }

    private static List<Placed> moved(List<Placed> group, double byX, double byY) {
        return group.stream()
                .map(p -> new Placed(
                        p.id(),
                        p.x() + byX,
                        p.y() + byY,
                        new Box(
                                p.box().left() + byX,
                                p.box().top() + byY,
                                p.box().right() + byX,
                                p.box().bottom() + byY)))
                .toList();
    }

    private static double width(List<Placed> group) {
        return group.stream().mapToDouble(p -> p.box().right()).max().orElse(0);
    }

    private static double height(List<Placed> group) {
        return group.stream().mapToDouble(p -> p.box().bottom()).max().orElse(0);
    }

    /** The groups in rows, in order, with {@link #GROUP_GAP} between them; the places in the nodes' order. */
    private static Result packed(List<Node> nodes, List<List<Placed>> groups) {
        double area = 0;
        double widest = 0;
        for (List<Placed> g : groups) {
            area += (width(g) + GROUP_GAP) * (height(g) + GROUP_GAP);
            widest = Math.max(widest, width(g));
        }
        double rowWidth = Math.max(widest, Math.sqrt(area) * 1.3);
        Map<String, Placed> at = new HashMap<>();
        double left = MARGIN;
        double top = MARGIN;
        double rowHeight = 0;
        double right = 0;
        double bottom = 0;
        for (List<Placed> g : groups) {
            if (left > MARGIN && left - MARGIN + width(g) > rowWidth) {
                left = MARGIN;
                top += rowHeight + GROUP_GAP;
                rowHeight = 0;
            }
            for (Placed p : moved(g, left, top)) {
                at.put(p.id(), p);
                right = Math.max(right, p.box().right());
                bottom = Math.max(bottom, p.box().bottom());
            }
            left += width(g) + GROUP_GAP;
            rowHeight = Math.max(rowHeight, height(g));
        }
        List<Placed> inOrder = new ArrayList<>();
        Set<String> done = new LinkedHashSet<>();
        for (Node n : nodes) {
            if (done.add(n.id())) {
                inOrder.add(at.get(n.id()));
            }
        }
        return new Result(Math.ceil(right + MARGIN), Math.ceil(bottom + MARGIN), List.copyOf(inOrder));
    }
}
