package org.partnershipatlas.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * An SVG chart of the research corpus: per question, the Atlas's repeat median over Virtuoso's on a log scale (one
 * bar per set of statistics), with the 1x and 3x lines of issue 22's targets; a question that failed or timed out
 * is drawn to the chart's edge in red. Plain SVG so that BENCHMARKS.md can show it without a library.
 */
final class RatioChart {
    private static final String[] COLOURS = {"#999999", "#1f6fb2"};
    private static final double MIN = 0.1;
    private static final double MAX = 100;

    private RatioChart() {}

    static void write(
            Path file,
            List<ResearchQuestion> corpus,
            Map<String, ResearchQueries.Timing> virtuoso,
            Map<String, Map<String, ResearchQueries.Timing>> atlas)
            throws IOException {
        int labelWidth = 260;
        int plotWidth = 520;
        int bar = 6;
        int rowHeight = bar * atlas.size() + 6;
        int top = 40;
        int height = top + rowHeight * corpus.size() + 30;
        StringBuilder svg = new StringBuilder();
        svg.append(String.format(
                "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" font-family=\"sans-serif\""
                        + " font-size=\"10\">%n<rect width=\"100%%\" height=\"100%%\" fill=\"white\"/>%n",
                labelWidth + plotWidth + 20, height));
        svg.append("<text x=\"4\" y=\"14\" font-size=\"12\">Atlas / Virtuoso, repeat median (log scale);");
        int i = 0;
        for (String kind : atlas.keySet()) {
            svg.append(String.format(" <tspan fill=\"%s\">■ %s statistics</tspan>", COLOURS[i++ % 2], kind));
        }
        svg.append("</text>\n");
        for (double tick : new double[] {0.1, 1, 3, 10, 100}) {
            double x = labelWidth + x(tick, plotWidth);
            svg.append(String.format(
                    "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"%s\"/>"
                            + "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%sx</text>%n",
                    x,
                    top - 6,
                    x,
                    height - 24,
                    tick == 1 || tick == 3 ? "#cc6600" : "#dddddd",
                    x,
                    top - 10,
                    tick < 1 ? "0.1" : String.valueOf((int) tick)));
        }
        int y = top;
        for (ResearchQuestion q : corpus) {
            svg.append(String.format(
                    "<text x=\"%d\" y=\"%d\" text-anchor=\"end\">%s</text>%n",
                    labelWidth - 6, y + rowHeight / 2 + 3, escape(q.name())));
            int k = 0;
            for (var e : atlas.entrySet()) {
                ResearchQueries.Timing at = e.getValue().get(q.name());
                ResearchQueries.Timing vt = virtuoso.get(q.name());
                double ratio = at.ok() && vt.ok() ? at.medianMs() / Math.max(0.01, vt.medianMs()) : MAX;
                String colour = at.ok() ? COLOURS[k % 2] : "#cc0000";
                double w = x(Math.max(MIN, Math.min(MAX, ratio)), plotWidth);
                svg.append(String.format(
                        "<rect x=\"%d\" y=\"%d\" width=\"%.1f\" height=\"%d\" fill=\"%s\"/>%n",
                        labelWidth, y + k * bar, Math.max(1, w), bar - 1, colour));
                k++;
            }
            y += rowHeight;
        }
        svg.append("</svg>\n");
        Files.writeString(file, svg, StandardCharsets.UTF_8);
    }

    /** The position of a ratio on the log axis from {@link #MIN} to {@link #MAX}. */
    private static double x(double ratio, int width) {
        return width * (Math.log10(ratio) - Math.log10(MIN)) / (Math.log10(MAX) - Math.log10(MIN));
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;");
    }
}
