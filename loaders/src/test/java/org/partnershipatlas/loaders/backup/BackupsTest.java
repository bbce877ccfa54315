package org.partnershipatlas.loaders.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.jena.graph.Node;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.util.IsoMatcher;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.partnershipatlas.loaders.FixtureSources;
import org.partnershipatlas.loaders.Loader;
import org.partnershipatlas.loaders.changes.ChangeLog;
import org.partnershipatlas.loaders.store.AtlasStore;
import org.partnershipatlas.ontology.AtlasIris;

/** Backups of a real on-disk store, restored into another, compared graph by graph. */
class BackupsTest {

    @TempDir
    Path dir;

    Path storeDir;

    @BeforeEach
    void load() throws IOException {
        Path sources = FixtureSources.copy(dir);
        storeDir = dir.resolve("tdb2");
        try (AtlasStore store = AtlasStore.open(storeDir)) {
            assertThat(Loader.into(store).sources(List.of(sources)).run().committed())
                    .isTrue();
        }
    }

    @Test
    void aBackupRestoresToTheSameGraphs() {
        Backups.Backup backup;
        try (AtlasStore store = AtlasStore.open(storeDir)) {
            backup = Backups.write(store, dir.resolve("backups"));
            assertThat(backup.quads()).isEqualTo(quads(store));
        }
        assertThat(Backups.verify(backup.file())).isEqualTo(backup.sha256());
        assertThat(Backups.list(dir.resolve("backups"))).containsExactly(backup.file());

        Path restored = dir.resolve("restored");
        long quads = Backups.restore(backup.file(), restored);
        assertThat(quads).isEqualTo(backup.quads());
        try (AtlasStore original = AtlasStore.open(storeDir);
                AtlasStore copy = AtlasStore.open(restored)) {
            assertSameGraphs(original, copy);
            // The restored store is searchable: its text index was built from the restored data.
            assertThat(copy.textIndex().search("Newham", 5)).isNotEmpty();
            assertThat(copy.dataVersion()).isEqualTo(original.dataVersion());
            ChangeLog.Entry restore = copy.changeLog().last().orElseThrow();
            assertThat(restore.snapshot()).isPresent();
            assertThat(copy.read(ChangeLog::headOf)).isEqualTo(restore.id());
        }
    }

    @Test
    void restoringOverAStoreKeepsTheOldOneBesideIt() throws IOException {
        Backups.Backup backup;
        try (AtlasStore store = AtlasStore.open(storeDir)) {
            backup = Backups.write(store, dir.resolve("backups"));
        }
        Backups.restore(backup.file(), storeDir);
        try (var siblings = Files.list(dir)) {
            assertThat(siblings.map(p -> p.getFileName().toString()))
                    .anyMatch(n -> n.startsWith("tdb2.replaced-"))
                    .anyMatch(n -> n.startsWith("tdb2-text.replaced-"))
                    .noneMatch(n -> n.contains("restoring"));
        }
        try (AtlasStore store = AtlasStore.open(storeDir)) {
            assertThat(quads(store)).isEqualTo(backup.quads());
        }
    }

    @Test
    void aDamagedBackupIsRefusedAndTheStoreIsUntouched() throws IOException {
        Backups.Backup backup;
        long before;
        try (AtlasStore store = AtlasStore.open(storeDir)) {
            backup = Backups.write(store, dir.resolve("backups"));
            before = quads(store);
        }
        byte[] bytes = Files.readAllBytes(backup.file());
        bytes[bytes.length / 2] ^= 0x5A;
        Files.write(backup.file(), bytes);
        assertThatThrownBy(() -> Backups.restore(backup.file(), storeDir))
                .isInstanceOf(BackupException.class)
                .hasMessageContaining("does not match its checksum");
        Files.delete(Backups.checksumFile(backup.file()));
        assertThatThrownBy(() -> Backups.restore(backup.file(), storeDir))
                .isInstanceOf(BackupException.class)
                .hasMessageContaining("no checksum file");
        try (AtlasStore store = AtlasStore.open(storeDir)) {
            assertThat(quads(store)).isEqualTo(before);
        }
        try (var siblings = Files.list(dir)) {
            assertThat(siblings.map(p -> p.getFileName().toString())).noneMatch(n -> n.contains("replaced"));
        }
    }

    @Test
    void aBackupThatIsNotNQuadsIsRefusedWithoutTouchingTheStore() throws IOException {
        Path fake = dir.resolve("backups").resolve(Backups.PREFIX + "fake" + Backups.SUFFIX);
        Files.createDirectories(fake.getParent());
        try (var out = new java.util.zip.GZIPOutputStream(Files.newOutputStream(fake))) {
            out.write("<http://example.org/s> <http://example.org/p> \"unterminated .\n".getBytes());
        }
        Files.writeString(
                Backups.checksumFile(fake),
                org.partnershipatlas.loaders.Checksums.sha256(fake) + "  " + fake.getFileName() + "\n");
        assertThatThrownBy(() -> Backups.restore(fake, storeDir))
                .isInstanceOf(BackupException.class)
                .hasMessageContaining("not a readable N-Quads backup");
        try (var siblings = Files.list(dir)) {
            assertThat(siblings.map(p -> p.getFileName().toString()))
                    .noneMatch(n -> n.contains("replaced") || n.contains("restoring"));
        }
    }

    static long quads(AtlasStore store) {
        Long n = store.read(dsg -> dsg.stream().count());
        return n;
    }

    static void assertSameGraphs(AtlasStore a, AtlasStore b) {
        a.read(da -> b.read(db -> {
            List<Node> graphs = graphs(da);
            assertThat(graphs(db)).containsExactlyInAnyOrderElementsOf(graphs);
            for (Node g : graphs) {
                if (g.equals(AtlasIris.CHANGE_LOG_GRAPH)) {
                    // The head: a restored store's names the restore's own snapshot entry.
                    continue;
                }
                assertThat(IsoMatcher.isomorphic(da.getGraph(g), db.getGraph(g)))
                        .as("graph %s", g)
                        .isTrue();
            }
            return null;
        }));
    }

    static List<Node> graphs(DatasetGraph dsg) {
        List<Node> list = new java.util.ArrayList<>();
        dsg.listGraphNodes().forEachRemaining(list::add);
        return list;
    }
}
