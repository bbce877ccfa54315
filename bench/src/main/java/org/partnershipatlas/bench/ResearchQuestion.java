package org.partnershipatlas.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * One question of the research-question corpus ({@code research/*.rq} beside this class; see its README): its file
 * name, the question in words (the file's first comment line) and its SPARQL.
 */
record ResearchQuestion(String name, String words, String text) {
    /** The corpus's index: the files in order. */
    static final String INDEX = "research/index.txt";

    /** Every question, in file order. */
    static List<ResearchQuestion> corpus() {
        List<ResearchQuestion> all = new ArrayList<>();
        for (String line : read(INDEX).split("\n")) {
            if (!line.isBlank()) {
                all.add(named(line.strip().replaceFirst("\\.rq$", "")));
            }
        }
        return all;
    }

    /** The question in {@code research/NAME.rq}. */
    static ResearchQuestion named(String name) {
        String text = read("research/" + name + ".rq");
        String first = text.lines().findFirst().orElse("");
        return new ResearchQuestion(name, first.replaceFirst("^#\\s*", ""), text);
    }

    private static String read(String resource) {
        try (InputStream in = ResearchQuestion.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalArgumentException("no research question file " + resource);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
