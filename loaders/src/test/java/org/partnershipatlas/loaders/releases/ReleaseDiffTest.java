package org.partnershipatlas.loaders.releases;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;
import org.apache.jena.rdfpatch.RDFPatchOps;
import org.apache.jena.riot.Lang;
import org.apache.jena.riot.RDFParser;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.core.DatasetGraphFactory;
import org.apache.jena.sparql.util.FmtUtils;
import org.apache.jena.system.Txn;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.partnershipatlas.loaders.FixtureSources;
import org.partnershipatlas.loaders.Loader;
import org.partnershipatlas.loaders.dumps.DumpWriter;
import org.partnershipatlas.loaders.store.AtlasStore;
import org.partnershipatlas.ontology.AtlasIris;

/**
 * {@code atlas diff} over three releases of changed fixture data (a real TDB2 store): release 2 adds a membership and
 * rewords a partnership's purpose, release 3 removes a membership, ends another and adds an organisation. The changes read for
 * people with labels, grouped by resource; the patch between releases that do not follow each other turns the one's
 * dump into the other's.
 */
class ReleaseDiffTest {
    @TempDir
    static Path dir;

    static ReleaseArchive archive;

    @BeforeAll
    static void threeReleases() throws IOException {
        Path sources = FixtureSources.copy(dir);
        archive = new ReleaseArchive(dir.resolve("releases"));
        try (AtlasStore store = AtlasStore.open(dir.resolve("tdb2"))) {
            ReleaseWriter writer = new ReleaseWriter(store, AtlasIris.DEFAULT, archive, "http://localhost/");
            load(store, sources);
            writer.write("1");

            Files.writeString(
                    sources.resolve("memberships.csv"),
                    "newham-cdrp,hackney-council,member,2002-01,,,true\n",
                    StandardCharsets.UTF_8,
                    StandardOpenOption.APPEND);
            replace(
                    sources.resolve("partnerships.csv"),
                    "Cuts crime and disorder in Newham.",
                    "Cuts crime, disorder and drug misuse in Newham.");
            load(store, sources);
            writer.write("2");

            replace(sources.resolve("memberships.csv"), "newham-lsp,met-police,member,2001,,,true\n", "");
            replace(
                    sources.resolve("memberships.csv"),
                    "newham-cdrp,met-police,member,1998-09,,,true",
                    "newham-cdrp,met-police,member,1998-09,2003-03,,true");
            Files.writeString(
                    sources.resolve("organisations.csv"),
                    "newham-faith-forum,Newham Faith Forum,,council,public,newham,,,,true\n",
                    StandardCharsets.UTF_8,
                    StandardOpenOption.APPEND);
            load(store, sources);
            writer.write("3");
        }
    }

    @Test
    void theChangesOfTheNextReleaseReadForPeopleWithLabels() {
        List<String> lines = people("1", "2");
        assertThat(lines)
                .contains(
                        "Newham Crime and Disorder Reduction Partnership: member added — Hackney Council, London (Member)")
                .anyMatch(l -> l.startsWith("Newham Crime and Disorder Reduction Partnership: ")
                        && l.endsWith("changed — Cuts crime and disorder in Newham. → Cuts crime, disorder and drug"
                                + " misuse in Newham."));
        assertThat(people("2", "3"))
                .contains("Newham Local Strategic Partnership: member removed — Metropolitan Police Service (Member)")
                .anyMatch(l -> l.startsWith("Newham Faith Forum: added ("))
                // A membership's own change is told as its partnership's, with the member and role.
                .anyMatch(l -> l.startsWith("Newham Crime and Disorder Reduction Partnership: membership of"
                                + " Metropolitan Police Service (Member): ")
                        && l.endsWith("— 2003-03"));
    }

    @Test
    void changesOfOneResourceAreGatheredTogether() {
        List<ChangeReport.ResourceChanges> resources = new ArrayList<>();
        new ReleaseDiff(archive, "1", "3").people(resources::add);
        // Each resource once, with all its changes: the CDRP's purpose (its source's graph) and its new member (the
        // memberships' graph) together.
        assertThat(resources.stream().map(ChangeReport.ResourceChanges::iri).toList())
                .doesNotHaveDuplicates();
        ChangeReport.ResourceChanges cdrp = resources.stream()
                .filter(r -> r.iri().endsWith("/partnership/newham-cdrp"))
                .findFirst()
                .orElseThrow();
        assertThat(cdrp.changes())
                .contains("member added — Hackney Council, London (Member)")
                .anyMatch(c -> c.endsWith("→ Cuts crime, disorder and drug misuse in Newham."));
        assertThat(resources.stream().flatMap(r -> r.lines().stream()))
                .contains(
                        "Newham Crime and Disorder Reduction Partnership: member added — Hackney Council, London (Member)")
                .contains("Newham Local Strategic Partnership: member removed — Metropolitan Police Service (Member)");
    }

    @Test
    void thePatchBetweenReleasesThatDoNotFollowEachOtherTurnsTheOneIntoTheOther() throws IOException {
        StringWriter patch = new StringWriter();
        new ReleaseDiff(archive, "1", "3").patch(patch);
        DatasetGraph rebuilt = read(archive.require("1").file(DumpWriter.ALL_QUADS));
        RDFPatchOps.applyChange(
                rebuilt, new ByteArrayInputStream(patch.toString().getBytes(StandardCharsets.UTF_8)));
        assertThat(sorted(rebuilt)).isEqualTo(sorted(read(archive.require("3").file(DumpWriter.ALL_QUADS))));

        // Between a release and the one it follows, the patch is the release's own.
        StringWriter own = new StringWriter();
        new ReleaseDiff(archive, "2", "3").patch(own);
        assertThat(own.toString())
                .isEqualTo(Files.readString(archive.require("3").file(Release.CHANGES)));
    }

    @Test
    void noChangeBetweenAReleaseAndItselfAndAnUnknownReleaseIsRefused() {
        assertThat(people("2", "2")).isEmpty();
        assertThatThrownBy(() -> new ReleaseDiff(archive, "1", "9"))
                .isInstanceOf(ReleaseException.class)
                .hasMessageContaining("no release 9");
    }

    private static List<String> people(String from, String to) {
        List<String> lines = new ArrayList<>();
        new ReleaseDiff(archive, from, to).people(r -> lines.addAll(r.lines()));
        return lines;
    }

    private static void replace(Path file, String from, String to) throws IOException {
        String text = Files.readString(file, StandardCharsets.UTF_8);
        assertThat(text).contains(from);
        Files.writeString(file, text.replace(from, to), StandardCharsets.UTF_8);
    }

    private static void load(AtlasStore store, Path sources) {
        assertThat(Loader.into(store).sources(List.of(sources)).run().committed())
                .isTrue();
    }

    private static DatasetGraph read(Path gz) throws IOException {
        DatasetGraph dsg = DatasetGraphFactory.createTxnMem();
        try (InputStream in = new GZIPInputStream(Files.newInputStream(gz))) {
            Txn.executeWrite(dsg, () -> RDFParser.source(in).lang(Lang.NQUADS).parse(dsg));
        }
        return dsg;
    }

    private static List<String> sorted(DatasetGraph dsg) {
        return Txn.calculateRead(
                dsg, () -> dsg.stream().map(FmtUtils::stringForQuad).sorted().toList());
    }
}
