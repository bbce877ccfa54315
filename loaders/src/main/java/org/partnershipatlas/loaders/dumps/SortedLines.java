package org.partnershipatlas.loaders.dumps;

import java.io.BufferedOutputStream;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.PriorityQueue;
import java.util.zip.Deflater;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.io.FileUtils;
import org.apache.jena.riot.out.NodeFmtLib;
import org.apache.jena.sparql.core.Quad;

/**
 * Writes quads as N-Quads (or, for the default graph, N-Triples) lines in Unicode code-point order, so that equal
 * content gives equal bytes and two dumps can be compared with {@code diff} or {@code comm}. {@link #write(Iterator,
 * OutputStream, Path)} sorts any number of lines in bounded memory: runs of {@link #RUN_LINES} lines are sorted and
 * spilled to gzipped files, then merged (a national store's union is 8 million lines, more than a 1 GiB heap holds).
 */
public final class SortedLines {
    /** Code-point order; {@link String#compareTo} orders UTF-16 units, which differs above U+FFFF. */
    public static final Comparator<String> CODE_POINT_ORDER = SortedLines::compareCodePoints;

    /**
     * The same order on lines in UTF-8: unsigned byte order of UTF-8 is code-point order, and comparing bytes is a
     * vectorised mismatch rather than a loop over characters (sorting a dump's lines is much of writing it).
     */
    public static final Comparator<byte[]> UTF8_ORDER = Arrays::compareUnsigned;

    /** Lines sorted in memory at a time (about 200 bytes each). */
    static final int RUN_LINES = 500_000;

    private SortedLines() {}

    /**
     * Writes the lines of {@code quads} sorted, each ending in a newline, spilling sorted runs into a new folder
     * under {@code spill} (deleted before returning) when there are more than {@link #RUN_LINES}; returns how many.
     */
    public static long write(Iterator<Quad> quads, OutputStream out, Path spill) throws IOException {
        return write(quads, out, spill, RUN_LINES);
    }

    /** As {@link #write(Iterator, OutputStream, Path)}, with runs of {@code runLines} (small in tests). */
    static long write(Iterator<Quad> quads, OutputStream out, Path spill, int runLines) throws IOException {
        List<byte[]> run = new ArrayList<>();
        List<Path> runs = new ArrayList<>();
        Path folder = null;
        try {
            while (quads.hasNext()) {
                run.add(utf8(quads.next()));
                if (run.size() == runLines) {
                    if (folder == null) {
                        folder = Files.createTempDirectory(spill, ".sort-");
                    }
                    runs.add(spillRun(run, folder, runs.size()));
                    run.clear();
                }
            }
            run.sort(UTF8_ORDER);
            if (runs.isEmpty()) {
                return writeBytes(run, out);
            }
            runs.add(spillRun(run, folder, runs.size()));
            run.clear();
            return merge(runs, out);
        } finally {
            if (folder != null) {
                FileUtils.deleteDirectory(folder.toFile());
            }
        }
    }

    /** A quad's N-Quads line in UTF-8, whose unsigned byte order is the code-point order of the line. */
    public static byte[] utf8(Quad quad) {
        return NodeFmtLib.strNQ(quad).getBytes(StandardCharsets.UTF_8);
    }

    private static Path spillRun(List<byte[]> lines, Path folder, int n) throws IOException {
        lines.sort(UTF8_ORDER);
        Path file = folder.resolve("run-" + n + ".gz");
        try (OutputStream out = new BufferedOutputStream(
                new GZIPOutputStream(Files.newOutputStream(file), 1 << 16) {
                    {
                        def.setLevel(Deflater.BEST_SPEED);
                    }
                },
                1 << 16)) {
            writeBytes(lines, out);
        }
        return file;
    }

    private static long writeBytes(List<byte[]> lines, OutputStream out) throws IOException {
        for (byte[] line : lines) {
            out.write(line);
            out.write('\n');
        }
        return lines.size();
    }

    /** Merges sorted runs: the smallest head line next, each run read as it is used. */
    private static long merge(List<Path> runs, OutputStream out) throws IOException {
        List<BufferedReader> readers = new ArrayList<>();
        PriorityQueue<Head> heads = new PriorityQueue<>((a, b) -> CODE_POINT_ORDER.compare(a.line, b.line));
        try {
            for (Path run : runs) {
                BufferedReader reader = new BufferedReader(
                        new InputStreamReader(
                                new GZIPInputStream(Files.newInputStream(run), 1 << 16), StandardCharsets.UTF_8),
                        1 << 16);
                readers.add(reader);
                String first = reader.readLine();
                if (first != null) {
                    heads.add(new Head(first, reader));
                }
            }
            long n = 0;
            while (!heads.isEmpty()) {
                Head head = heads.poll();
                out.write(head.line.getBytes(StandardCharsets.UTF_8));
                out.write('\n');
                n++;
                String next = head.reader.readLine();
                if (next != null) {
                    heads.add(new Head(next, head.reader));
                }
            }
            return n;
        } finally {
            for (BufferedReader reader : readers) {
                reader.close();
            }
        }
    }

    private record Head(String line, BufferedReader reader) {}

    /**
     * The lines of {@code quads}, sorted in memory; quads in the default graph become N-Triples lines. For comparing
     * small stores; dumps use {@link #write(Iterator, OutputStream, Path)}.
     */
    public static List<String> of(Iterator<Quad> quads) {
        List<String> lines = new ArrayList<>();
        quads.forEachRemaining(q -> lines.add(NodeFmtLib.strNQ(q)));
        lines.sort(CODE_POINT_ORDER);
        return lines;
    }

    private static int compareCodePoints(String a, String b) {
        int n = Math.min(a.length(), b.length());
        for (int i = 0; i < n; i++) {
            char x = a.charAt(i);
            char y = b.charAt(i);
            if (x != y) {
                return Integer.compare(rank(x), rank(y));
            }
        }
        return Integer.compare(a.length(), b.length());
    }

    /** Moves the surrogates (U+D800 to U+DFFF) above U+FFFF, where the code points they encode belong. */
    private static int rank(char c) {
        return Character.isSurrogate(c) ? c + 0x10000 : c;
    }
}
