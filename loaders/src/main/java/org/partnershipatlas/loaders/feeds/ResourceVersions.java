package org.partnershipatlas.loaders.feeds;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.zip.GZIPInputStream;
import org.partnershipatlas.loaders.dumps.SortedLines;

/**
 * The resources whose description changed from one release to the next, found by walking both releases' sorted union
 * dumps ({@code atlas.nt.gz}: N-Triples in code-point order, so a subject's triples are adjacent, whatever graphs they
 * came from) side by side, once, in bounded memory. A resource is a subject IRI; its description in a release is the
 * set of triples with it as subject in the union of the graphs. Blank-node subjects are skipped (the loader
 * skolemises them, so there are none in practice).
 *
 * <pre>
 *   ResourceVersions.compare(previousUnion, union, v -&gt; System.out.println(v.kind() + " " + v.resource()));
 * </pre>
 */
public final class ResourceVersions {
    private ResourceVersions() {}

    /** What happened to the resource in the release. */
    public enum Kind {
        CREATE,
        UPDATE,
        DELETE
    }

    /**
     * A version of a resource.
     *
     * @param resource its IRI
     * @param kind created, updated or deleted in the release
     * @param triples its N-Triples lines in the release (none for a deletion)
     */
    public record Version(String resource, Kind kind, List<String> triples) {}

    /**
     * Compares two sorted union dumps and gives each changed resource's new version to {@code each}, in code-point
     * order of the IRIs; returns how many.
     *
     * @param before the earlier release's union dump, or null for none (every resource is created)
     */
    public static long compare(Path before, Path after, Consumer<Version> each) {
        try (Subjects a = new Subjects(before);
                Subjects b = new Subjects(after)) {
            long n = 0;
            Subject x = a.next();
            Subject y = b.next();
            while (x != null || y != null) {
                int c = x == null ? 1 : y == null ? -1 : x.compareTo(y);
                Version v = null;
                if (c < 0) {
                    v = new Version(x.iri, Kind.DELETE, List.of());
                    x = a.next();
                } else if (c > 0) {
                    v = new Version(y.iri, Kind.CREATE, y.lines);
                    y = b.next();
                } else {
                    if (!x.lines.equals(y.lines)) {
                        v = new Version(y.iri, Kind.UPDATE, y.lines);
                    }
                    x = a.next();
                    y = b.next();
                }
                if (v != null) {
                    n++;
                    each.accept(v);
                }
            }
            return n;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot compare " + before + " with " + after + ": " + e.getMessage(), e);
        }
    }

    /** The lines of one subject. */
    private static final class Subject implements Comparable<Subject> {
        final String term;
        final String iri;
        final List<String> lines = new ArrayList<>();

        Subject(String term) {
            this.term = term;
            this.iri = term.substring(1, term.length() - 1);
        }

        @Override
        public int compareTo(Subject o) {
            // Lines are ordered by their text, so subjects by their text followed by the space after them.
            return SortedLines.CODE_POINT_ORDER.compare(term + " ", o.term + " ");
        }
    }

    /** Reads a sorted N-Triples dump subject by subject, IRI subjects only, duplicate lines dropped. */
    private static final class Subjects implements AutoCloseable {
        private final BufferedReader in;
        private String pending;

        Subjects(Path file) throws IOException {
            this.in = file == null
                    ? null
                    : new BufferedReader(new InputStreamReader(
                            new GZIPInputStream(Files.newInputStream(file), 1 << 16), StandardCharsets.UTF_8));
            this.pending = in == null ? null : in.readLine();
        }

        Subject next() throws IOException {
            while (pending != null && !pending.startsWith("<")) {
                pending = in.readLine();
            }
            if (pending == null) {
                return null;
            }
            Subject s = new Subject(pending.substring(0, pending.indexOf(' ')));
            String prefix = s.term + " ";
            while (pending != null && pending.startsWith(prefix)) {
                if (s.lines.isEmpty() || !s.lines.get(s.lines.size() - 1).equals(pending)) {
                    s.lines.add(pending);
                }
                pending = in.readLine();
            }
            return s;
        }

        @Override
        public void close() throws IOException {
            if (in != null) {
                in.close();
            }
        }
    }
}
