package org.partnershipatlas.loaders.dumps;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import org.apache.jena.riot.out.NodeFmtLib;
import org.apache.jena.sparql.core.Quad;

/**
 * Writes quads as N-Quads (or, for the default graph, N-Triples) lines in Unicode code-point order, so that equal
 * content gives equal bytes and two dumps can be compared with {@code diff} or {@code comm}. The lines of one call
 * are sorted in memory (about 200 bytes a quad; one graph at a time).
 */
public final class SortedLines {
    /** Code-point order; {@link String#compareTo} orders UTF-16 units, which differs above U+FFFF. */
    public static final Comparator<String> CODE_POINT_ORDER = SortedLines::compareCodePoints;

    private SortedLines() {}

    /** The lines of {@code quads}, sorted; quads in the default graph become N-Triples lines. */
    public static List<String> of(Iterator<Quad> quads) {
        List<String> lines = new ArrayList<>();
        quads.forEachRemaining(q -> lines.add(NodeFmtLib.strNQ(q)));
        lines.sort(CODE_POINT_ORDER);
        return lines;
    }

    /** Writes the lines, each ending in a newline; returns how many. */
    public static long write(List<String> lines, OutputStream out) throws IOException {
        for (String line : lines) {
            out.write(line.getBytes(StandardCharsets.UTF_8));
            out.write('\n');
        }
        return lines.size();
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
