package org.partnershipatlas.loaders.dumps;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.sparql.core.Quad;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SortedLinesTest {
    @TempDir
    Path spill;

    @Test
    void moreLinesThanOneRunAreMergedInCodePointOrderAndTheSpillFilesRemoved() throws Exception {
        List<Quad> quads = new ArrayList<>();
        Random random = new Random(7);
        // Small runs, so that three are spilled and merged without a million lines in memory.
        int runLines = 5_000;
        int n = runLines * 2 + 1234;
        for (int i = 0; i < n; i++) {
            // Some above U+FFFF, where UTF-16 order and code-point order differ.
            String text = Integer.toString(random.nextInt(1_000_000), 36) + (i % 97 == 0 ? "\uD83D\uDE00" : "\uFF5E");
            quads.add(Quad.create(
                    NodeFactory.createURI("https://example.org/g"),
                    NodeFactory.createURI("https://example.org/s" + random.nextInt(5000)),
                    NodeFactory.createURI("https://example.org/p"),
                    NodeFactory.createLiteralString(text)));
        }
        Collections.shuffle(quads, random);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        long written = SortedLines.write(quads.iterator(), out, spill, runLines);

        assertThat(written).isEqualTo(n);
        List<String> expected = SortedLines.of(quads.iterator());
        List<String> lines = List.of(out.toString(StandardCharsets.UTF_8).split("\n"));
        assertThat(lines).containsExactlyElementsOf(expected);
        try (Stream<Path> left = Files.list(spill)) {
            assertThat(left).isEmpty();
        }
    }

    @Test
    void linesSortedInMemoryAsBytesAreInCodePointOrderToo() throws Exception {
        // U+1F600 (a surrogate pair in UTF-16) sorts after U+FF5E in code points, before it in UTF-16 units.
        List<Quad> quads = new ArrayList<>();
        for (String text : List.of("a\uD83D\uDE00", "a\uFF5E", "a~", "a\u00E9", "a")) {
            quads.add(Quad.create(
                    Quad.defaultGraphIRI,
                    NodeFactory.createURI("https://example.org/s"),
                    NodeFactory.createURI("https://example.org/p"),
                    NodeFactory.createLiteralString(text)));
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        SortedLines.write(quads.iterator(), out, spill);
        List<String> lines = List.of(out.toString(StandardCharsets.UTF_8).split("\n"));
        assertThat(lines).containsExactlyElementsOf(SortedLines.of(quads.iterator()));
        assertThat(lines.get(4)).contains("\uD83D\uDE00");
    }

    @Test
    void fewLinesAreSortedWithoutSpilling() throws Exception {
        List<Quad> quads = List.of(
                Quad.create(
                        Quad.defaultGraphIRI,
                        NodeFactory.createURI("https://example.org/b"),
                        NodeFactory.createURI("https://example.org/p"),
                        NodeFactory.createLiteralString("x")),
                Quad.create(
                        Quad.defaultGraphIRI,
                        NodeFactory.createURI("https://example.org/a"),
                        NodeFactory.createURI("https://example.org/p"),
                        NodeFactory.createLiteralString("y")));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertThat(SortedLines.write(quads.iterator(), out, spill)).isEqualTo(2);
        assertThat(out.toString(StandardCharsets.UTF_8))
                .isEqualTo("<https://example.org/a> <https://example.org/p> \"y\" .\n"
                        + "<https://example.org/b> <https://example.org/p> \"x\" .\n");
        try (Stream<Path> left = Files.list(spill)) {
            assertThat(left).isEmpty();
        }
    }
}
