package org.partnershipatlas.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * How cost grows with the store (issue 18): reads, for each store size, the tables {@code bench/portal} (every kind of
 * page, one client) and the {@code queries} section of {@code bench/run national} (every library query) printed, and
 * writes one Markdown table of p95 by size (pages on their first visit and again; queries warm, in process and over
 * HTTP), with the growth from the smallest store to the largest, and an SVG chart of first visits and of queries in
 * process (log-log; a line that grows more than {@value #STEEP}x is drawn in red and named). Plain SVG, as
 * {@link RatioChart}, so that BENCHMARKS.md shows it without a library.
 */
@Command(
        name = "growth-chart",
        mixinStandardHelpOptions = true,
        description = "p95 per page and per library query against store size, as Markdown and SVG.")
final class GrowthChart implements Callable<Integer> {
    /** Growth (largest store over smallest) above which a line is drawn in red and named. */
    static final double STEEP = 3;

    @Option(names = "--chart", required = true, description = "The SVG file to write.")
    Path chart;

    @Parameters(
            paramLabel = "N=PAGES[,QUERIES]",
            description = "Localities of a store, then the file bench/portal printed for it and, if it was run, the"
                    + " one bench/run national --sections queries printed.")
    List<String> inputs;

    /** One line of the chart or row of the table: a page's or a query's p95, per store size in localities. */
    record Series(String name, TreeMap<Long, Double> p95) {
        double growth() {
            if (p95.size() < 2) {
                return Double.NaN;
            }
            double first = p95.firstEntry().getValue();
            double last = p95.lastEntry().getValue();
            return Double.isNaN(first) || Double.isNaN(last) ? Double.NaN : last / Math.max(first, 1);
        }
    }

    private static final Pattern QUADS = Pattern.compile("^- ([\\d,]+) quads in \\d+ graphs");

    public static void main(String[] args) {
        System.exit(new CommandLine(new GrowthChart()).execute(args));
    }

    @Override
    public Integer call() throws IOException {
        Map<String, Series> pages = new LinkedHashMap<>();
        Map<String, Series> pagesAgain = new LinkedHashMap<>();
        Map<String, Series> queries = new LinkedHashMap<>();
        Map<String, Series> queriesHttp = new LinkedHashMap<>();
        // Localities -> what the store held ("8.9 M quads"), when the queries' output says.
        Map<Long, String> sizes = new TreeMap<>();
        for (String input : inputs) {
            String[] parts = input.split("=", 2);
            String[] files = parts.length == 2 ? parts[1].split(",") : new String[0];
            if (files.length < 1 || files.length > 2 || !parts[0].matches("\\d+")) {
                throw new CommandLine.ParameterException(
                        new CommandLine(this), "expected N=PAGES[,QUERIES], got " + input);
            }
            long n = Long.parseLong(parts[0]);
            sizes.put(n, "");
            for (String[] row : table(Files.readAllLines(Path.of(files[0]), StandardCharsets.UTF_8), "| page | n |")) {
                String kind = row[0].replaceAll(" \\(status.*\\)$", "");
                add(pages, kind, n, number(row[3]));
                add(pagesAgain, kind, n, number(row[6]));
            }
            if (files.length == 2) {
                List<String> library = Files.readAllLines(Path.of(files[1]), StandardCharsets.UTF_8);
                sizes.put(n, quads(library));
                for (String[] row : table(library, "| query | rows | cold in process")) {
                    String name = row[0].replace("*", "").replace("`", "");
                    add(queries, name, n, number(row[5]));
                    add(queriesHttp, name, n, number(row[7]));
                }
            }
        }
        System.out.printf("| page or query | %s | growth |%n", String.join(" | ", headings(sizes)));
        System.out.printf("|---|%s---:|%n", "---:|".repeat(sizes.size()));
        printRows("page, first visit", pages, sizes);
        printRows("page, again", pagesAgain, sizes);
        printRows("query, warm in process", queries, sizes);
        printRows("query, warm over HTTP", queriesHttp, sizes);
        Files.writeString(
                chart,
                svg(
                        List.of(
                                new Panel("Pages: first visit after a start, p95 ms (1 client)", pages, 100),
                                new Panel("Library queries in process, warm p95 ms", queries, 50)),
                        sizes),
                StandardCharsets.UTF_8);
        return 0;
    }

    private static List<String> headings(Map<Long, String> sizes) {
        List<String> headings = new ArrayList<>();
        sizes.forEach((n, quads) -> headings.add("p95 ms, N=" + n + (quads.isEmpty() ? "" : " (" + quads + ")")));
        return headings;
    }

    private static void printRows(String what, Map<String, Series> series, Map<Long, String> sizes) {
        for (Series s : series.values()) {
            StringBuilder row = new StringBuilder("| " + s.name() + " (" + what + ")");
            for (long n : sizes.keySet()) {
                Double v = s.p95().get(n);
                row.append(" | ").append(v == null || v.isNaN() ? "–" : Figures.ms(v));
            }
            double g = s.growth();
            row.append(" | ")
                    .append(Double.isNaN(g) ? "–" : String.format(Locale.ROOT, "%.1fx", g))
                    .append(" |");
            System.out.println(row);
        }
    }

    private static void add(Map<String, Series> series, String name, long n, double p95) {
        series.computeIfAbsent(name, k -> new Series(k, new TreeMap<>())).p95().put(n, p95);
    }

    private static String quads(List<String> lines) {
        for (String line : lines) {
            Matcher m = QUADS.matcher(line);
            if (m.find()) {
                return String.format(
                        Locale.ROOT, "%.1f M quads", Long.parseLong(m.group(1).replace(",", "")) / 1e6);
            }
        }
        return "";
    }

    /** The rows of the first Markdown table whose header starts so, as trimmed cells. */
    static List<String[]> table(List<String> lines, String header) {
        List<String[]> rows = new ArrayList<>();
        boolean in = false;
        for (String line : lines) {
            if (!in) {
                in = line.startsWith(header);
            } else if (line.startsWith("|---")) {
                continue;
            } else if (line.startsWith("|")) {
                String[] cells = line.substring(1).split("\\|", -1);
                for (int i = 0; i < cells.length; i++) {
                    cells[i] = cells[i].trim();
                }
                rows.add(cells);
            } else {
                break;
            }
        }
        return rows;
    }

    /** A figure of a table (thousands separated by commas), or NaN for a dash, a timeout or a failure. */
    static double number(String cell) {
        try {
            return Double.parseDouble(cell.replace(",", ""));
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }

    private record Panel(String title, Map<String, Series> series, double target) {}

    private static final int WIDTH = 460;
    private static final int HEIGHT = 360;
    private static final int LEFT = 50;
    private static final int TOP = 40;
    private static final int LABELS = 230;
    private static final double MIN_MS = 1;
    private static final double MAX_MS = 100_000;

    private static String svg(List<Panel> panels, Map<Long, String> sizes) {
        int panelWidth = LEFT + WIDTH + LABELS;
        StringBuilder svg = new StringBuilder();
        svg.append(String.format(
                Locale.ROOT,
                "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" font-family=\"sans-serif\""
                        + " font-size=\"10\">%n<rect width=\"100%%\" height=\"100%%\" fill=\"white\"/>%n",
                panelWidth * panels.size(),
                TOP + HEIGHT + 50));
        long min = sizes.keySet().stream().min(Long::compare).orElseThrow();
        long max = sizes.keySet().stream().max(Long::compare).orElseThrow();
        for (int p = 0; p < panels.size(); p++) {
            Panel panel = panels.get(p);
            int x0 = p * panelWidth + LEFT;
            svg.append(String.format(
                    Locale.ROOT,
                    "<text x=\"%d\" y=\"16\" font-size=\"12\">%s; red: grows more than %.0fx</text>%n",
                    x0 - 40,
                    escape(panel.title()),
                    STEEP));
            for (double ms = MIN_MS; ms <= MAX_MS; ms *= 10) {
                double y = y(ms);
                svg.append(String.format(
                        Locale.ROOT,
                        "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#dddddd\"/>"
                                + "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%s</text>%n",
                        x0,
                        y,
                        x0 + WIDTH,
                        y,
                        x0 - 4,
                        y + 3,
                        ms >= 1000 ? (long) (ms / 1000) + " s" : (long) ms + " ms"));
            }
            double ty = y(panel.target());
            svg.append(String.format(
                    Locale.ROOT,
                    "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#cc6600\" stroke-dasharray=\"4 3\"/>"
                            + "<text x=\"%d\" y=\"%.1f\" fill=\"#cc6600\">target %s ms</text>%n",
                    x0,
                    ty,
                    x0 + WIDTH,
                    ty,
                    x0 + 4,
                    ty - 3,
                    Figures.ms(panel.target())));
            for (var size : sizes.entrySet()) {
                double x = x0 + x(size.getKey(), min, max);
                svg.append(String.format(
                        Locale.ROOT,
                        "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"#dddddd\"/>"
                                + "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">N=%s</text>"
                                + "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%s</text>%n",
                        x,
                        TOP,
                        x,
                        TOP + HEIGHT,
                        x,
                        TOP + HEIGHT + 14,
                        size.getKey(),
                        x,
                        TOP + HEIGHT + 26,
                        size.getValue()));
            }
            List<Series> steep = new ArrayList<>();
            for (Series s : panel.series().values()) {
                boolean red = s.growth() > STEEP;
                if (red) {
                    steep.add(s);
                }
                svg.append(line(s, x0, min, max, red ? "#cc0000" : "#9db8d2", red ? 1.6 : 1));
            }
            // Names of the steep lines at their right end, moved apart so that they do not overlap.
            steep.sort((a, b) -> Double.compare(
                    y(a.p95().lastEntry().getValue()), y(b.p95().lastEntry().getValue())));
            double last = Double.NEGATIVE_INFINITY;
            for (Series s : steep) {
                double y = Math.max(last + 11, y(s.p95().lastEntry().getValue()) + 3);
                last = y;
                svg.append(String.format(
                        Locale.ROOT,
                        "<text x=\"%d\" y=\"%.1f\" fill=\"#cc0000\">%s (%.0fx)</text>%n",
                        x0 + WIDTH + 6,
                        y,
                        escape(s.name()),
                        s.growth()));
            }
        }
        svg.append("</svg>\n");
        return svg.toString();
    }

    private static String line(Series s, int x0, long min, long max, String colour, double width) {
        StringBuilder points = new StringBuilder();
        for (var e : s.p95().entrySet()) {
            if (!e.getValue().isNaN()) {
                points.append(String.format(Locale.ROOT, "%.1f,%.1f ", x0 + x(e.getKey(), min, max), y(e.getValue())));
            }
        }
        return String.format(
                Locale.ROOT,
                "<polyline points=\"%s\" fill=\"none\" stroke=\"%s\" stroke-width=\"%.1f\"><title>%s</title></polyline>%n",
                points.toString().trim(),
                colour,
                width,
                escape(s.name()));
    }

    private static double x(long quads, long min, long max) {
        return min == max ? WIDTH / 2.0 : WIDTH * (Math.log(quads) - Math.log(min)) / (Math.log(max) - Math.log(min));
    }

    private static double y(double ms) {
        double clamped = Math.max(MIN_MS, Math.min(MAX_MS, ms));
        return TOP
                + HEIGHT * (1 - (Math.log10(clamped) - Math.log10(MIN_MS)) / (Math.log10(MAX_MS) - Math.log10(MIN_MS)));
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;");
    }
}
