package org.partnershipatlas.loaders.releases;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.partnershipatlas.loaders.dumps.SortedLines;

/**
 * The changes between two sorted N-Quads dumps ({@code atlas.nq.gz}: graph by graph, lines in code-point order), found
 * by walking both once, side by side. In such a file the quads of one subject in one graph are next to each other, so
 * the changes come out grouped by resource, in file order, in bounded memory.
 *
 * <pre>
 *   ReleaseChanges.compare(before, after, change -&gt; System.out.println(change.subject() + " " + change.kind()));
 * </pre>
 */
public final class ReleaseChanges {
    static final String RDF_TYPE = "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>";

    private ReleaseChanges() {}

    /** What happened to a resource in a graph. */
    public enum Kind {
        ADDED,
        REMOVED,
        CHANGED
    }

    /**
     * The changes of one resource (a subject) in one graph.
     *
     * @param graph the graph, as an N-Quads term ({@code <https://...>})
     * @param subject the subject, as an N-Quads term
     * @param classes its {@code rdf:type}s as terms (after the change; before it, for a removed resource)
     * @param deleted the N-Quads lines removed
     * @param added the N-Quads lines added
     */
    public record Change(
            String graph, String subject, Kind kind, List<String> classes, List<String> deleted, List<String> added) {}

    /** The totals of a comparison. */
    public record Totals(long quadsAdded, long quadsDeleted, long resourcesAdded, long resourcesRemoved, long changed) {
        public boolean unchanged() {
            return quadsAdded == 0 && quadsDeleted == 0;
        }
    }

    /**
     * Compares two dumps and gives each changed resource to {@code each}, in file order.
     *
     * @param before the earlier dump, or null for none (everything is added)
     */
    public static Totals compare(Path before, Path after, Consumer<Change> each) {
        try (Groups a = new Groups(before);
                Groups b = new Groups(after)) {
            long[] n = new long[5];
            Group x = a.next();
            Group y = b.next();
            while (x != null || y != null) {
                int c = x == null ? 1 : y == null ? -1 : x.compareTo(y);
                Change change;
                if (c < 0) {
                    change = new Change(x.graph, x.subject, Kind.REMOVED, classes(x), x.lines, List.of());
                    x = a.next();
                } else if (c > 0) {
                    change = new Change(y.graph, y.subject, Kind.ADDED, classes(y), List.of(), y.lines);
                    y = b.next();
                } else {
                    change = changed(x, y);
                    x = a.next();
                    y = b.next();
                }
                if (change != null) {
                    n[0] += change.added().size();
                    n[1] += change.deleted().size();
                    n[2 + change.kind().ordinal()]++;
                    each.accept(change);
                }
            }
            return new Totals(n[0], n[1], n[2], n[3], n[4]);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot compare " + before + " with " + after + ": " + e.getMessage(), e);
        }
    }

    /**
     * Writes the changes between two dumps as an RDF Patch file (headers {@code id} and {@code prev}, one transaction,
     * each resource's deleted then added quads, in file order) and gives each change to {@code each} too. A file named
     * {@code *.gz} is written gzipped (a first release's patch, which adds every quad of the store).
     *
     * @param prev the IRI of the release the patch applies to, or null for none
     * @param before the earlier dump, or null for none
     */
    public static Totals writePatch(Path patch, String id, String prev, Path before, Path after, Consumer<Change> each)
            throws IOException {
        OutputStream file = Files.newOutputStream(patch);
        if (patch.getFileName().toString().endsWith(".gz")) {
            file = new GZIPOutputStream(file, 1 << 16);
        }
        try (BufferedWriter out = new BufferedWriter(new OutputStreamWriter(file, StandardCharsets.UTF_8), 1 << 16)) {
            out.write("H id <" + id + "> .\n");
            if (prev != null) {
                out.write("H prev <" + prev + "> .\n");
            }
            out.write("TX .\n");
            Totals totals = compare(before, after, change -> {
                each.accept(change);
                write(out, change);
            });
            out.write("TC .\n");
            return totals;
        }
    }

    private static void write(BufferedWriter out, Change change) {
        try {
            for (String line : change.deleted()) {
                out.write("D ");
                out.write(line);
                out.write('\n');
            }
            for (String line : change.added()) {
                out.write("A ");
                out.write(line);
                out.write('\n');
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Change changed(Group x, Group y) {
        List<String> deleted = new ArrayList<>();
        List<String> added = new ArrayList<>();
        int i = 0;
        int j = 0;
        while (i < x.lines.size() || j < y.lines.size()) {
            int c = i == x.lines.size()
                    ? 1
                    : j == y.lines.size() ? -1 : SortedLines.CODE_POINT_ORDER.compare(x.lines.get(i), y.lines.get(j));
            if (c == 0) {
                i++;
                j++;
            } else if (c < 0) {
                deleted.add(x.lines.get(i++));
            } else {
                added.add(y.lines.get(j++));
            }
        }
        if (deleted.isEmpty() && added.isEmpty()) {
            return null;
        }
        return new Change(y.graph, y.subject, Kind.CHANGED, classes(y), deleted, added);
    }

    private static List<String> classes(Group g) {
        String prefix = g.subject + " " + RDF_TYPE + " ";
        List<String> out = new ArrayList<>();
        for (String line : g.lines) {
            if (line.startsWith(prefix)) {
                out.add(line.substring(prefix.length(), line.length() - g.graph.length() - 3));
            }
        }
        return out;
    }

    /** The graph term of an N-Quads line: its last IRI. */
    static String graphOf(String line) {
        return line.substring(line.lastIndexOf('<'), line.length() - 2);
    }

    /** The subject term of an N-Quads line. */
    static String subjectOf(String line) {
        return line.substring(0, line.indexOf(' '));
    }

    /** The lines of one subject in one graph. */
    private static final class Group implements Comparable<Group> {
        final String graph;
        final String subject;
        final List<String> lines = new ArrayList<>();

        Group(String graph, String subject) {
            this.graph = graph;
            this.subject = subject;
        }

        @Override
        public int compareTo(Group o) {
            int c = SortedLines.CODE_POINT_ORDER.compare(graph, o.graph);
            // Lines are ordered by their text, so subjects by their text followed by the space after them.
            return c != 0 ? c : SortedLines.CODE_POINT_ORDER.compare(subject + " ", o.subject + " ");
        }
    }

    /** Reads a sorted dump group by group. */
    private static final class Groups implements AutoCloseable {
        private final BufferedReader in;
        private String pending;

        Groups(Path file) throws IOException {
            this.in = file == null
                    ? null
                    : new BufferedReader(new InputStreamReader(
                            new GZIPInputStream(Files.newInputStream(file), 1 << 16), StandardCharsets.UTF_8));
            this.pending = in == null ? null : in.readLine();
        }

        Group next() throws IOException {
            while (pending != null && pending.isBlank()) {
                pending = in.readLine();
            }
            if (pending == null) {
                return null;
            }
            Group g = new Group(graphOf(pending), subjectOf(pending));
            String prefix = g.subject + " ";
            while (pending != null
                    && pending.startsWith(prefix)
                    && graphOf(pending).equals(g.graph)) {
                g.lines.add(pending);
                pending = in.readLine();
            }
            return g;
        }

        @Override
        public void close() throws IOException {
            if (in != null) {
                in.close();
            }
        }
    }
}
