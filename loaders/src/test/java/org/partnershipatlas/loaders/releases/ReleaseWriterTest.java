package org.partnershipatlas.loaders.releases;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPInputStream;
import org.apache.jena.datatypes.xsd.XSDDatatype;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.rdfpatch.RDFPatchOps;
import org.apache.jena.riot.Lang;
import org.apache.jena.riot.RDFParser;
import org.apache.jena.shacl.ShaclValidator;
import org.apache.jena.shacl.ValidationReport;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.core.DatasetGraphFactory;
import org.apache.jena.sparql.util.FmtUtils;
import org.apache.jena.system.Txn;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.partnershipatlas.loaders.Checksums;
import org.partnershipatlas.loaders.FixtureSources;
import org.partnershipatlas.loaders.Loader;
import org.partnershipatlas.loaders.dumps.DumpFile;
import org.partnershipatlas.loaders.dumps.DumpManifest;
import org.partnershipatlas.loaders.dumps.DumpWriter;
import org.partnershipatlas.loaders.store.AtlasStore;
import org.partnershipatlas.loaders.store.DiskSpace;
import org.partnershipatlas.loaders.store.InsufficientSpaceException;
import org.partnershipatlas.loaders.store.Staging;
import org.partnershipatlas.ontology.AtlasIris;
import org.partnershipatlas.ontology.Vocab.ADMS;
import org.partnershipatlas.ontology.Vocab.DCAT3;
import org.partnershipatlas.ontology.Vocab.SPDX;

/**
 * Releases of a real TDB2 store: an unchanged store gives byte-identical data files and an empty patch; over three
 * releases, release N-1 plus its successor's changes.rdfp is release N; the DCAT metadata links each release to the
 * previous one, its checksums match the files and it conforms to the release shapes (which refuse metadata without
 * notes or with a malformed checksum); used and withdrawn versions are refused; the release the store holds is known.
 */
class ReleaseWriterTest {
    @TempDir
    Path dir;

    @Test
    void threeReleasesChainDeterministicallyAndEachPatchTurnsTheLastIntoTheNext() throws Exception {
        Path sources = FixtureSources.copy(dir);
        Path memberships = sources.resolve("memberships.csv");
        ReleaseArchive archive = new ReleaseArchive(dir.resolve("releases"));
        try (AtlasStore store = AtlasStore.open(dir.resolve("tdb2"))) {
            ReleaseWriter writer = new ReleaseWriter(store, AtlasIris.DEFAULT, archive, "http://localhost:3030/");
            load(store, sources);
            Release one = writer.write("1");
            // The first patch adds every quad: gzipped, and counted by the next release's free-space check.
            assertThat(one.patchFile().getFileName()).hasToString(Release.CHANGES_GZIP);
            assertThat(one.file(Release.CHANGES)).doesNotExist();
            assertThat(ReleaseWriter.spaceNeeded(archive, 0).bytes()).isGreaterThan(DiskSpace.sizeOf(one.folder()));
            // A reserve above the free space: the other test JVM deletes its temporary files meanwhile, so a reserve
            // of "free minus half a release" could be met by the time the release checks it (seen once in CI).
            long free = DiskSpace.free(archive.directory());
            store.diskSpace(DiskSpace.reserving(free + (1L << 30)));
            assertThatThrownBy(() -> writer.write("refused"))
                    .isInstanceOf(InsufficientSpaceException.class)
                    .hasMessageContaining("for the release");
            assertThat(archive.directory().resolve("refused")).doesNotExist();
            store.diskSpace(DiskSpace.reserving(DiskSpace.DEFAULT_RESERVE));
            // What a release killed half-way left goes with the next release; a live writer's folder stays.
            Process ended = new ProcessBuilder("true").start();
            ended.waitFor();
            Path abandoned = Files.createDirectories(archive.directory().resolve(".new-" + ended.pid() + "-0"));
            Path live = Files.createDirectories(Staging.folder(archive.directory(), ""));
            Release two = writer.write("2");
            assertThat(abandoned).doesNotExist();
            assertThat(live).isDirectory();
            Files.delete(live);
            assertThat(two.patchFile().getFileName()).hasToString(Release.CHANGES);
            assertThat(archive.holding(store).map(Release::version)).contains("2");
            // Same store: same data bytes, an empty patch.
            for (String name : List.of(DumpWriter.ALL_QUADS, DumpWriter.UNION_NTRIPLES)) {
                assertThat(two.file(name)).hasSameBinaryContentAs(one.file(name));
            }
            assertThat(patchLines(two)).isEmpty();
            assertThat(Files.readString(two.file(Release.SUMMARY))).contains("No changes since release 1");

            List<String> lines = Files.readAllLines(memberships, StandardCharsets.UTF_8);
            Files.write(memberships, lines.subList(0, lines.size() - 1), StandardCharsets.UTF_8);
            load(store, sources);
            Release three = writer.write("3");
            assertThat(patchLines(three)).isNotEmpty().allMatch(l -> l.startsWith("A ") || l.startsWith("D "));
            assertThat(Files.readString(three.file(Release.SUMMARY)))
                    .contains("removed")
                    .contains("| org:Membership | 0 | 1 | 0 |");

            assertThat(archive.releases()).extracting(Release::version).containsExactly("1", "2", "3");
            assertThat(archive.releases()).extracting(Release::previous).containsExactly(null, "1", "2");
            for (Release r : archive.releases()) {
                // The previous release + this one's patch = this one.
                DatasetGraph rebuilt = DatasetGraphFactory.createTxnMem();
                if (r.previous() != null) {
                    readNq(archive.require(r.previous()).file(DumpWriter.ALL_QUADS), rebuilt);
                }
                try (InputStream in = Release.openPatch(r.patchFile())) {
                    RDFPatchOps.applyChange(rebuilt, in);
                }
                DatasetGraph expected = DatasetGraphFactory.createTxnMem();
                readNq(r.file(DumpWriter.ALL_QUADS), expected);
                assertThat(sorted(rebuilt)).as(r.version()).isEqualTo(sorted(expected));

                // DCAT: previousVersion on all but the first, checksums that match the files.
                Graph meta = RDFParser.source(r.file(Release.METADATA)).toGraph();
                ValidationReport shaped = ShaclValidator.get().validate(ReleaseMetadata.shapes(), meta);
                assertThat(shaped.conforms())
                        .as(r.version() + ": " + shaped.getEntries())
                        .isTrue();
                Node release = AtlasIris.DEFAULT.release(r.version());
                assertThat(meta.contains(release, DCAT3.previousVersion.asNode(), Node.ANY))
                        .isEqualTo(r.previous() != null);
                List<Node> sums = meta.find(Node.ANY, SPDX.checksumValue.asNode(), Node.ANY)
                        .mapWith(t -> t.getObject())
                        .toList();
                assertThat(sums).hasSizeGreaterThan(3);
                assertThat(sums).anyMatch(n -> n.getLiteralLexicalForm().equals(sha(r.patchFile())));
                assertThat(sums).anyMatch(n -> n.getLiteralLexicalForm().equals(sha(r.file(DumpWriter.ALL_QUADS))));
                assertThat(Files.readString(r.file("SHA256SUMS")))
                        .contains(sha(r.file(Release.METADATA)) + "  " + Release.METADATA);
            }
            // The store holds what release 3 holds (2 and 1 hold older data).
            assertThat(archive.holding(store).map(Release::version)).contains("3");
            Graph catalog = new ReleaseMetadata(AtlasIris.DEFAULT, "http://localhost:3030/")
                    .catalog(archive.releases(), archive.holding(store));
            assertThat(catalog.find(AtlasIris.DEFAULT.dataset(), DCAT3.hasVersion.asNode(), Node.ANY)
                            .toList())
                    .hasSize(3);
            assertThat(catalog.contains(
                            AtlasIris.DEFAULT.dataset(),
                            DCAT3.hasCurrentVersion.asNode(),
                            AtlasIris.DEFAULT.release("3")))
                    .isTrue();

            // A used version is refused; a withdrawn one is gone and never used again.
            assertThatThrownBy(() -> writer.write("3")).isInstanceOf(ReleaseException.class);
            archive.withdraw("3", "a test");
            assertThat(archive.find("3")).isEmpty();
            assertThat(archive.withdrawn("3")).isTrue();
            assertThat(archive.withdrawalReason("3")).contains("a test");
            assertThatThrownBy(() -> writer.write("3"))
                    .isInstanceOf(ReleaseException.class)
                    .hasMessageContaining("withdrawn");
            assertThat(archive.latest().map(Release::version)).contains("2");
            assertThat(archive.holding(store)).isEmpty();
        }
    }

    @Test
    void releaseMetadataMissingNotesOrWithABadChecksumDoesNotConformToTheShapes() throws IOException {
        Path sources = FixtureSources.copy(dir);
        try (AtlasStore store = AtlasStore.open(dir.resolve("tdb2"))) {
            load(store, sources);
            Release r = new ReleaseWriter(
                            store, AtlasIris.DEFAULT, new ReleaseArchive(dir.resolve("releases")), "http://localhost/")
                    .write("1");
            Graph good = RDFParser.source(r.file(Release.METADATA)).toGraph();
            assertThat(ShaclValidator.get()
                            .validate(ReleaseMetadata.shapes(), good)
                            .conforms())
                    .isTrue();

            Graph noNotes = RDFParser.source(r.file(Release.METADATA)).toGraph();
            noNotes.remove(Node.ANY, ADMS.versionNotes.asNode(), Node.ANY);
            ValidationReport missing = ShaclValidator.get().validate(ReleaseMetadata.shapes(), noNotes);
            assertThat(missing.conforms()).isFalse();
            assertThat(missing.getEntries().toString()).contains("versionNotes");

            Graph badSum = RDFParser.source(r.file(Release.METADATA)).toGraph();
            var sum =
                    badSum.find(Node.ANY, SPDX.checksumValue.asNode(), Node.ANY).next();
            badSum.delete(sum);
            badSum.add(
                    sum.getSubject(), sum.getPredicate(), NodeFactory.createLiteralDT("abc", XSDDatatype.XSDhexBinary));
            assertThat(ShaclValidator.get()
                            .validate(ReleaseMetadata.shapes(), badSum)
                            .conforms())
                    .isFalse();
        }
    }

    @Test
    void dumpsOfTheDataAReleaseHoldsAreThatReleasesFilesAndWrittenAfreshOnceTheDataChanges() throws IOException {
        Path sources = FixtureSources.copy(dir);
        Path releases = dir.resolve("releases");
        try (AtlasStore store = AtlasStore.open(dir.resolve("tdb2"))) {
            load(store, sources);
            Release one =
                    new ReleaseWriter(store, AtlasIris.DEFAULT, new ReleaseArchive(releases), "http://x/").write("1");
            DumpManifest written = new DumpWriter(store, AtlasIris.DEFAULT).write(dir.resolve("written"));
            DumpManifest reused =
                    new DumpWriter(store, AtlasIris.DEFAULT).reusing(releases).write(dir.resolve("dumps"));
            // The same files, down to their checksums and counts, and the very files of the release (hard links).
            assertThat(reused.files()).isEqualTo(written.files());
            assertThat(reused.files()).extracting(DumpFile::name).contains(DumpWriter.ALL_QUADS);
            for (DumpFile f : reused.files()) {
                assertThat(Files.isSameFile(dir.resolve("dumps").resolve(f.name()), one.file(f.name())))
                        .as(f.name())
                        .isTrue();
                assertThat(Files.mismatch(
                                dir.resolve("dumps").resolve(f.name()),
                                dir.resolve("written").resolve(f.name())))
                        .as(f.name())
                        .isEqualTo(-1);
            }
            assertThat(reused.holds(written.dataVersion(), written.changeLogHead()))
                    .isTrue();

            // Changed data: no release holds it, so the files are written again.
            Path memberships = sources.resolve("memberships.csv");
            List<String> lines = Files.readAllLines(memberships, StandardCharsets.UTF_8);
            Files.write(memberships, lines.subList(0, lines.size() - 1), StandardCharsets.UTF_8);
            load(store, sources);
            DumpManifest after =
                    new DumpWriter(store, AtlasIris.DEFAULT).reusing(releases).write(dir.resolve("dumps"));
            assertThat(after.file(DumpWriter.ALL_QUADS).orElseThrow().sha256())
                    .isNotEqualTo(
                            written.file(DumpWriter.ALL_QUADS).orElseThrow().sha256());
            assertThat(Files.isSameFile(
                            dir.resolve("dumps").resolve(DumpWriter.ALL_QUADS), one.file(DumpWriter.ALL_QUADS)))
                    .isFalse();
        }
    }

    private static void readNq(Path gz, DatasetGraph into) throws IOException {
        try (InputStream in = new GZIPInputStream(Files.newInputStream(gz))) {
            Txn.executeWrite(into, () -> RDFParser.source(in).lang(Lang.NQUADS).parse(into));
        }
    }

    private static void load(AtlasStore store, Path sources) {
        assertThat(Loader.into(store).sources(List.of(sources)).run().committed())
                .isTrue();
    }

    private static List<String> patchLines(Release r) throws IOException {
        return Files.readAllLines(r.file(Release.CHANGES)).stream() // a later release's patch: plain text
                .filter(l -> !l.startsWith("H ") && !l.startsWith("TX") && !l.startsWith("TC"))
                .toList();
    }

    private static List<String> sorted(DatasetGraph dsg) {
        return Txn.calculateRead(
                dsg, () -> dsg.stream().map(FmtUtils::stringForQuad).sorted().toList());
    }

    private static String sha(Path file) {
        try {
            return Checksums.sha256(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
