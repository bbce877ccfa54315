package org.partnershipatlas.loaders.dumps;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.apache.jena.graph.Node;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.partnershipatlas.loaders.FixtureSources;
import org.partnershipatlas.loaders.Loader;
import org.partnershipatlas.loaders.store.AtlasStore;
import org.partnershipatlas.ontology.AtlasIris;

/**
 * Equal content gives equal bytes: the same sources, loaded into two stores, or loaded again into one, give
 * byte-identical sorted dumps; blank nodes become the same skolem IRIs every time.
 */
class DeterministicDumpsTest {
    static final List<String> SORTED = List.of(DumpWriter.ALL_QUADS, DumpWriter.UNION_NTRIPLES);

    @TempDir
    Path dir;

    Path sources() throws IOException {
        Path sources = FixtureSources.copy(dir);
        // A source with blank nodes, which a parser labels at random.
        Files.writeString(
                sources.resolve("notes.ttl"),
                "@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .\n"
                        + "<https://example.org/a> rdfs:seeAlso [ rdfs:label \"one\" ], [ rdfs:label \"two\" ] .\n",
                StandardCharsets.UTF_8);
        return sources;
    }

    @Test
    void anUnchangedReloadGivesByteIdenticalSortedDumpsAndAnotherStoreTheSameDataGraphs() throws IOException {
        Path sources = sources();
        try (AtlasStore first = AtlasStore.open(dir.resolve("a"));
                AtlasStore second = AtlasStore.open(dir.resolve("b"))) {
            assertThat(load(first, sources)).isTrue();
            Path one = dir.resolve("dumps-1");
            new DumpWriter(first, AtlasIris.DEFAULT).write(one);
            assertThat(load(first, sources)).isTrue();
            Path reloaded = dir.resolve("dumps-2");
            new DumpWriter(first, AtlasIris.DEFAULT).write(reloaded);
            for (String name : dataFiles(one)) {
                assertThat(changed(lines(one.resolve(name)), lines(reloaded.resolve(name))))
                        .as(name)
                        .isEmpty();
                assertThat(reloaded.resolve(name)).as(name).hasSameBinaryContentAs(one.resolve(name));
            }
            assertThat(dataFiles(one)).hasSizeGreaterThan(SORTED.size()).containsAll(SORTED);

            // Another store fills its node table in another order (and its loads ran at other times, which only
            // its provenance graph, and so the whole-store statistics, record): every data graph is still the same
            // bytes.
            assertThat(load(second, sources.resolve("notes.ttl"))).isTrue();
            assertThat(load(second, sources)).isTrue();
            Path other = dir.resolve("dumps-3");
            new DumpWriter(second, AtlasIris.DEFAULT).write(other);
            for (String name : dataFiles(one)) {
                // The whole-store statistics count the provenance graph's triples too.
                if (name.startsWith(DumpWriter.GRAPHS)
                        && !name.contains("provenance")
                        && !name.contains("store-statistics")) {
                    assertThat(other.resolve(name)).as(name).hasSameBinaryContentAs(one.resolve(name));
                }
            }

            // Sorted within each graph (atlas.nq.gz holds the graphs one after another, in IRI order).
            assertThat(lines(one.resolve(DumpWriter.GRAPHS + "/memberships.nt.gz")))
                    .hasSizeGreaterThan(10)
                    .isSortedAccordingTo(SortedLines.CODE_POINT_ORDER);
            assertThat(String.join("\n", lines(one.resolve(DumpWriter.ALL_QUADS))))
                    .doesNotContain("_:")
                    .contains("<" + AtlasIris.DEFAULT_BASE + ".well-known/genid/");
            long skolems = first.read(dsg -> dsg.stream()
                    .map(q -> q.getObject())
                    .filter(Node::isURI)
                    .filter(o -> o.getURI().contains("/.well-known/genid/"))
                    .distinct()
                    .count());
            assertThat(skolems).isEqualTo(2);
        }
    }

    @Test
    void codePointOrderPutsCharactersAboveUFfffAfterThoseBelow() {
        String high = new String(Character.toChars(0x1F600));
        assertThat(SortedLines.CODE_POINT_ORDER.compare(high, "\uFB01")).isPositive();
        assertThat(high.compareTo("\uFB01")).isNegative();
    }

    static boolean load(AtlasStore store, Path sources) {
        return Loader.into(store).sources(List.of(sources)).run().committed();
    }

    /** The sorted data files: the union Turtle is grouped by subject in store order, so not compared. */
    static List<String> dataFiles(Path dumps) throws IOException {
        try (Stream<Path> files = Files.walk(dumps)) {
            return files.filter(Files::isRegularFile)
                    .map(p -> dumps.relativize(p).toString())
                    .filter(n -> n.endsWith(".nq.gz") || n.endsWith(".nt.gz"))
                    .sorted()
                    .toList();
        }
    }

    /** The lines only one of the two holds, marked - and +. */
    static List<String> changed(List<String> before, List<String> after) {
        List<String> out = new java.util.ArrayList<>();
        before.stream().filter(l -> !after.contains(l)).forEach(l -> out.add("- " + l));
        after.stream().filter(l -> !before.contains(l)).forEach(l -> out.add("+ " + l));
        return out;
    }

    static List<String> lines(Path gz) throws IOException {
        try (InputStream in = new java.util.zip.GZIPInputStream(Files.newInputStream(gz))) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        }
    }
}
