package org.partnershipatlas.loaders.changes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.io.FileUtils;
import org.apache.jena.rdfpatch.RDFPatchOps;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.core.DatasetGraphFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.partnershipatlas.loaders.BulkLoader;
import org.partnershipatlas.loaders.Checksums;
import org.partnershipatlas.loaders.FixtureSources;
import org.partnershipatlas.loaders.Loader;
import org.partnershipatlas.loaders.backup.Backups;
import org.partnershipatlas.loaders.dumps.DumpWriter;
import org.partnershipatlas.loaders.releases.Release;
import org.partnershipatlas.loaders.releases.ReleaseArchive;
import org.partnershipatlas.loaders.releases.SnapshotRelease;
import org.partnershipatlas.loaders.store.AtlasStore;
import org.partnershipatlas.ontology.AtlasIris;

/**
 * A bulk load and a restore append a snapshot entry naming the release they wrote, and the log goes on through them:
 * the entries before stay, the next transactional load follows the snapshot, and the newest snapshot's release plus
 * the patches after it replayed give the store. A release that does not match its entry stops a replay. Real TDB2
 * stores on disk; the small fixture sources.
 */
class SnapshotEntriesIT {
    @TempDir
    Path dir;

    Path store() {
        return dir.resolve("tdb2");
    }

    Path releases() {
        return dir.resolve("releases");
    }

    static void load(AtlasStore store, Path sources) {
        assertThat(Loader.into(store).sources(List.of(sources)).run().committed())
                .isTrue();
    }

    /** Renames a locality in the sources: a small change for a transactional load. */
    static void rename(Path sources, String from, String to) throws IOException {
        Path localities = sources.resolve("localities.csv");
        String text = Files.readString(localities, StandardCharsets.UTF_8);
        assertThat(text).contains(from);
        Files.writeString(localities, text.replace(from, to), StandardCharsets.UTF_8);
    }

    static List<String> replayedDifferences(AtlasStore store, Path releases) {
        DatasetGraph replayed = DatasetGraphFactory.createTxnMem();
        Replay.rebuild(store.changeLog().entries(), releases, replayed);
        return Replay.differences(store.datasetGraph(), replayed);
    }

    @Test
    void aBulkLoadAppendsASnapshotTheLogGoesOnFromAndReplayStartsFrom() throws IOException {
        Path sources = FixtureSources.copy(dir);
        String first;
        try (AtlasStore store = AtlasStore.open(store())) {
            load(store, sources);
            first = store.changeLog().last().orElseThrow().id();
        }
        rename(sources, "Newham", "Newham Borough");
        assertThat(BulkLoader.into(store())
                        .sources(List.of(sources))
                        .strategy(BulkLoader.Strategy.BASIC)
                        .run()
                        .committed())
                .isTrue();

        ChangeLog.Entry snapshot;
        try (AtlasStore store = AtlasStore.open(store())) {
            ChangeLog log = store.changeLog();
            // The transactional load's entry stays; the bulk load's follows it.
            assertThat(log.entries()).hasSize(2);
            assertThat(log.entries().get(0).id()).isEqualTo(first);
            snapshot = log.entries().get(1);
            assertThat(snapshot.prev()).isEqualTo(first);
            assertThat(snapshot.cause()).isEqualTo("the bulk load");
            assertThat(snapshot.counts()).containsExactly(0, 0);
            assertThat(store.read(ChangeLog::headOf)).isEqualTo(snapshot.id());
            // It still parses and applies as an RDF Patch (as no change).
            DatasetGraph empty = DatasetGraphFactory.createTxnMem();
            RDFPatchOps.applyChange(empty, Files.newInputStream(snapshot.file()));
            assertThat(empty.isEmpty()).isTrue();

            ChangeLog.Snapshot s = snapshot.snapshot().orElseThrow();
            Release release = new ReleaseArchive(releases()).require(s.version());
            assertThat(s.release()).isEqualTo(release.iri());
            assertThat(s.sha256()).isEqualTo(Checksums.sha256(release.file(DumpWriter.ALL_QUADS)));
            // The release holds exactly the live data: it was written from the new store, head and all.
            assertThat(new ReleaseArchive(releases()).holding(store).map(Release::version))
                    .contains(s.version());
            assertThat(replayedDifferences(store, releases())).isEmpty();

            // A transactional load after the bulk load follows the snapshot.
            rename(sources, "Newham Borough", "London Borough of Newham");
            load(store, sources);
            ChangeLog.Entry after = log.last().orElseThrow();
            assertThat(after.prev()).isEqualTo(snapshot.id());
            assertThat(after.snapshot()).isEmpty();

            DatasetGraph replayed = DatasetGraphFactory.createTxnMem();
            Replay.Result r = Replay.rebuild(log.entries(), releases(), replayed);
            assertThat(r.snapshot().id()).isEqualTo(snapshot.id());
            assertThat(r.patches()).isEqualTo(1);
            assertThat(r.releaseQuads()).isGreaterThan(100);
            assertThat(Replay.differences(store.datasetGraph(), replayed)).isEmpty();
            // The comparison can fail: the snapshot alone lacks the last load's rename.
            DatasetGraph snapshotOnly = DatasetGraphFactory.createTxnMem();
            Replay.rebuild(log.entries().subList(0, 2), releases(), snapshotOnly);
            assertThat(Replay.differences(store.datasetGraph(), snapshotOnly))
                    .anyMatch(d -> d.startsWith("- ") && d.contains("London Borough of Newham"));
        }

        // A damaged release stops a replay, saying which and why; so does a missing one.
        Path quads =
                releases().resolve(snapshot.snapshot().orElseThrow().version()).resolve(DumpWriter.ALL_QUADS);
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(quads))) {
            out.write("<urn:x:s> <urn:x:p> <urn:x:o> <urn:x:g> .\n".getBytes(StandardCharsets.UTF_8));
        }
        try (AtlasStore store = AtlasStore.open(store())) {
            assertThatThrownBy(() -> replayedDifferences(store, releases()))
                    .isInstanceOf(ReplayException.class)
                    .hasMessageContaining("does not match the change log entry " + snapshot.id())
                    .hasMessageContaining(snapshot.snapshot().orElseThrow().sha256());
            FileUtils.deleteDirectory(quads.getParent().toFile());
            assertThatThrownBy(() -> replayedDifferences(store, releases()))
                    .isInstanceOf(ReplayException.class)
                    .hasMessageContaining("does not exist");
        }
    }

    @Test
    void aRestoreAppendsASnapshotAndKeepsTheEntriesSinceTheBackup() throws IOException {
        Path sources = FixtureSources.copy(dir);
        Backups.Backup backup;
        List<String> before;
        try (AtlasStore store = AtlasStore.open(store())) {
            load(store, sources);
            backup = Backups.write(store, dir.resolve("backups"));
            before = Replay.differences(store.datasetGraph(), DatasetGraphFactory.createTxnMem());
            rename(sources, "Newham", "Newham Borough");
            load(store, sources);
        }
        List<String> entriesBefore;
        try (AtlasStore store = AtlasStore.open(store())) {
            entriesBefore = store.changeLog().entries().stream()
                    .map(ChangeLog.Entry::id)
                    .toList();
        }
        assertThat(entriesBefore).hasSize(2);

        Backups.restore(
                backup.file(),
                store(),
                org.partnershipatlas.loaders.store.DiskSpace.reserving(0),
                SnapshotRelease.besideStore(store(), AtlasIris.DEFAULT));

        try (AtlasStore store = AtlasStore.open(store())) {
            List<ChangeLog.Entry> entries = store.changeLog().entries();
            // The backup's head was the first entry; the second (after the backup) is not set aside.
            assertThat(entries).hasSize(3);
            assertThat(entries.subList(0, 2)).extracting(ChangeLog.Entry::id).isEqualTo(entriesBefore);
            ChangeLog.Entry restore = entries.get(2);
            assertThat(restore.prev()).isEqualTo(entriesBefore.get(1));
            assertThat(restore.cause())
                    .isEqualTo("the restore of " + backup.file().getFileName());
            assertThat(restore.snapshot()).isPresent();
            assertThat(store.read(ChangeLog::headOf)).isEqualTo(restore.id());
            assertThat(Replay.differences(store.datasetGraph(), DatasetGraphFactory.createTxnMem()))
                    .isEqualTo(before);
            assertThat(replayedDifferences(store, releases())).isEmpty();
        }
    }

    @Test
    void aSnapshotEntryKafkaDoesNotTakeLeavesTheStoreAsItWasAndOneItTakesRecordsItsOffset() throws IOException {
        Path sources = FixtureSources.copy(dir);
        String head;
        try (AtlasStore store = AtlasStore.open(store())) {
            load(store, sources);
            head = store.changeLog().last().orElseThrow().id();
        }
        rename(sources, "Newham", "Newham Borough");
        BulkLoader refused = BulkLoader.into(store())
                .sources(List.of(sources))
                .strategy(BulkLoader.Strategy.BASIC)
                .publishTo((id, entry) -> {
                    throw new IllegalStateException("Kafka did not take change " + id);
                });
        assertThatThrownBy(refused::run).hasMessageContaining("Kafka did not take change");
        try (AtlasStore store = AtlasStore.open(store())) {
            assertThat(store.read(ChangeLog::headOf)).isEqualTo(head);
            assertThat(store.changeLog().last().orElseThrow().id()).isEqualTo(head);
            assertThat(store.read(ChangeLog::offsetOf)).isNull();
            assertThat(store.read(SnapshotEntriesIT::hasNewhamBorough))
                    .as("the old data")
                    .isFalse();
        }
        // The release written before the publish stays, as after a crash there, and names no offset.
        Release unpublished = new ReleaseArchive(releases()).latest().orElseThrow();
        assertThat(org.partnershipatlas.loaders.releases.ReleaseOffset.of(unpublished))
                .isEmpty();

        assertThat(BulkLoader.into(store())
                        .sources(List.of(sources))
                        .strategy(BulkLoader.Strategy.BASIC)
                        .publishTo((id, entry) -> {
                            assertThat(new String(entry, StandardCharsets.UTF_8))
                                    .contains("H snapshot");
                            return 42L;
                        })
                        .run()
                        .committed())
                .isTrue();
        try (AtlasStore store = AtlasStore.open(store())) {
            assertThat(store.read(ChangeLog::offsetOf)).isEqualTo(42L);
            assertThat(store.read(SnapshotEntriesIT::hasNewhamBorough)).isTrue();
            Release published = new ReleaseArchive(releases()).latest().orElseThrow();
            assertThat(published.version()).isNotEqualTo(unpublished.version());
            assertThat(org.partnershipatlas.loaders.releases.ReleaseOffset.of(published))
                    .contains(42L);
        }
    }

    private static boolean hasNewhamBorough(DatasetGraph dsg) {
        return dsg.stream()
                .anyMatch(q -> q.getObject().isLiteral()
                        && q.getObject().getLiteralLexicalForm().equals("Newham Borough"));
    }
}
