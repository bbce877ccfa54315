package org.partnershipatlas.endpoint.gatekeeper;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class OverlapLayoutTest {
    static final String[] KINDS = {
        "Crime and Disorder Reduction Partnership",
        "Drug Action Team",
        "Youth Offending Team",
        "Health Action Zone",
        "Sure Start Local Programme",
        "Neighbourhood Renewal Board",
        "Children's Fund Partnership",
        "Connexions Local Management Committee",
        "Early Years Development and Childcare Partnership",
        "WW Mmm Wide Labels",
    };

    /** 120 partnerships: clusters of 40, 25, 15, 10 and 5, densely joined, and 25 overlapping nothing. */
    record Graph(List<OverlapLayout.Node> nodes, List<OverlapLayout.Edge> edges, List<List<String>> clusters) {}

    static Graph graph(long seed) {
        Random random = new Random(seed);
        List<OverlapLayout.Node> nodes = new ArrayList<>();
        for (int i = 0; i < 120; i++) {
            nodes.add(new OverlapLayout.Node(
                    "p" + i, Drawing.shortened("Southwark " + KINDS[i % KINDS.length] + " " + (i + 1))));
        }
        List<OverlapLayout.Edge> edges = new ArrayList<>();
        List<List<String>> clusters = new ArrayList<>();
        int start = 0;
        for (int size : new int[] {40, 25, 15, 10, 5}) {
            List<String> cluster = new ArrayList<>();
            for (int i = start; i < start + size; i++) {
                cluster.add("p" + i);
                if (i > start) {
                    // Joined to one before it, so the cluster is connected, and to others by chance.
                    edges.add(new OverlapLayout.Edge("p" + i, "p" + (start + random.nextInt(i - start)), 0.5));
                }
                for (int j = start; j < i - 1; j++) {
                    if (random.nextDouble() < 0.3) {
                        edges.add(new OverlapLayout.Edge("p" + i, "p" + j, random.nextDouble()));
                    }
                }
            }
            clusters.add(cluster);
            start += size;
        }
        return new Graph(nodes, edges, clusters);
    }

    @Test
    void noTwoLabelsOverlapAtOneHundredAndTwentyPartnerships() {
        Graph g = graph(7);
        OverlapLayout.Result result = OverlapLayout.layout(g.nodes(), g.edges(), g.clusters());
        List<OverlapLayout.Placed> placed = result.placed();
        assertThat(placed).hasSize(120);
        for (int i = 0; i < placed.size(); i++) {
            OverlapLayout.Placed p = placed.get(i);
            assertThat(p.id()).isEqualTo(g.nodes().get(i).id());
            // The box holds the dot and the estimated label.
            assertThat(p.box().left()).isLessThanOrEqualTo(p.x() - OverlapLayout.DOT_RADIUS);
            assertThat(p.box().right())
                    .isGreaterThanOrEqualTo(p.labelX()
                            + OverlapLayout.textWidth(g.nodes().get(i).label())
                            - 1e-6);
            assertThat(p.box().left()).isGreaterThanOrEqualTo(0);
            assertThat(p.box().top()).isGreaterThanOrEqualTo(0);
            assertThat(p.box().right()).isLessThanOrEqualTo(result.width());
            assertThat(p.box().bottom()).isLessThanOrEqualTo(result.height());
            for (int j = i + 1; j < placed.size(); j++) {
                assertThat(p.box().intersects(placed.get(j).box()))
                        .as(
                                "%s and %s",
                                g.nodes().get(i).label(), g.nodes().get(j).label())
                        .isFalse();
            }
        }
    }

    @Test
    void clustersAreDrawnApart() {
        Graph g = graph(7);
        OverlapLayout.Result result = OverlapLayout.layout(g.nodes(), g.edges(), g.clusters());
        List<OverlapLayout.Box> areas = new ArrayList<>();
        for (List<String> cluster : g.clusters()) {
            areas.add(area(result, cluster));
        }
        List<String> alone =
                g.nodes().subList(95, 120).stream().map(OverlapLayout.Node::id).toList();
        areas.add(area(result, alone));
        for (int i = 0; i < areas.size(); i++) {
            for (int j = i + 1; j < areas.size(); j++) {
                assertThat(areas.get(i).grown(OverlapLayout.GROUP_GAP / 2 - 1).intersects(areas.get(j)))
                        .as("groups %d and %d", i, j)
                        .isFalse();
            }
        }
    }

    @Test
    void theSameGraphGivesTheSameLayout() {
        Graph g = graph(11);
        OverlapLayout.Result first = OverlapLayout.layout(g.nodes(), g.edges(), g.clusters());
        Graph again = graph(11);
        assertThat(OverlapLayout.layout(again.nodes(), again.edges(), again.clusters()))
                .isEqualTo(first);
    }

    @Test
    void nearestFreePlaceIsTheWishWhenFreeAndNeverOnATakenBox() {
        OverlapLayout.Node node = new OverlapLayout.Node("a", "Label");
        OverlapLayout.Placed free = OverlapLayout.nearestFree(node, 100, 100, List.of());
        assertThat(free.x()).isEqualTo(100);
        assertThat(free.y()).isEqualTo(100);
        OverlapLayout.Box taken =
                OverlapLayout.boxAt(100, 100, "Something else").grown(2);
        OverlapLayout.Placed moved = OverlapLayout.nearestFree(node, 100, 100, List.of(taken));
        assertThat(moved.box().intersects(taken)).isFalse();
        // Moving down or up one row is nearer than moving past the other label.
        assertThat(moved.x()).isEqualTo(100);
        assertThat(Math.abs(moved.y() - 100)).isLessThan(OverlapLayout.BOX_HEIGHT + OverlapLayout.GAP + 1);
    }

    @Test
    void wideLettersAreEstimatedWider() {
        assertThat(OverlapLayout.textWidth("WWWW")).isGreaterThan(OverlapLayout.textWidth("iiii") * 2);
        assertThat(OverlapLayout.textWidth("")).isEqualTo(2);
    }

    static OverlapLayout.Box area(OverlapLayout.Result result, List<String> ids) {
        List<OverlapLayout.Box> boxes = result.placed().stream()
                .filter(p -> ids.contains(p.id()))
                .map(OverlapLayout.Placed::box)
                .toList();
        assertThat(boxes).hasSize(ids.size());
        return new OverlapLayout.Box(
                boxes.stream().mapToDouble(OverlapLayout.Box::left).min().orElseThrow(),
                boxes.stream().mapToDouble(OverlapLayout.Box::top).min().orElseThrow(),
                boxes.stream().mapToDouble(OverlapLayout.Box::right).max().orElseThrow(),
                boxes.stream().mapToDouble(OverlapLayout.Box::bottom).max().orElseThrow());
    }
}
