package org.partnershipatlas.loaders.changes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.query.ReadWrite;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.core.DatasetGraphFactory;
import org.apache.jena.sparql.core.DatasetGraphWrapper;
import org.apache.jena.sparql.core.Quad;
import org.apache.jena.sparql.util.FmtUtils;
import org.apache.jena.system.Txn;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.partnershipatlas.loaders.FixtureSources;
import org.partnershipatlas.loaders.Loader;
import org.partnershipatlas.loaders.store.AtlasStore;
import org.partnershipatlas.ontology.AtlasIris;

/**
 * Every committed load that changes the data appends one RDF Patch of exactly the real changes; an unchanged reload
 * appends none; the patches replayed from nothing give the store; entries whose commit never happened are set
 * aside when the store is opened. A real TDB2 store on disk.
 */
class ChangeLogTest {

    @TempDir
    Path dir;

    static void load(AtlasStore store, Path sources) {
        assertThat(Loader.into(store).sources(List.of(sources)).run().committed())
                .isTrue();
    }

    /** The store's quads but the change log's head, as sorted N-Quads lines. */
    static List<String> data(DatasetGraph dsg) {
        return dsg.stream()
                .filter(q -> !AtlasIris.CHANGE_LOG_GRAPH.equals(q.getGraph()))
                .map(FmtUtils::stringForQuad)
                .sorted()
                .toList();
    }

    @Test
    void loadsAppendTheRealChangesAndTheWholeLogReplayedGivesTheStore() throws IOException {
        Path sources = FixtureSources.copy(dir);
        Path memberships = sources.resolve("memberships.csv");
        try (AtlasStore store = AtlasStore.open(dir.resolve("tdb2"))) {
            ChangeLog log = store.changeLog();
            assertThat(log.entries()).isEmpty();

            load(store, sources);
            assertThat(log.entries()).hasSize(1);
            ChangeLog.Entry first = log.entries().get(0);
            assertThat(first.prev()).isNull();
            assertThat(first.cause()).isEqualTo("the load");
            assertThat(first.counts()[1]).isZero();
            assertThat(store.read(ChangeRecorder::head)).isEqualTo(first.id());

            // An unchanged reload: every graph is deleted and added back, which is no change.
            load(store, sources);
            assertThat(log.entries()).hasSize(1);

            // One membership fewer: the patch deletes its quads (and the figures derived from it), adds nothing new
            // to the memberships graph.
            List<String> lines = Files.readAllLines(memberships, StandardCharsets.UTF_8);
            Files.write(memberships, lines.subList(0, lines.size() - 1), StandardCharsets.UTF_8);
            load(store, sources);
            assertThat(log.entries()).hasSize(2);
            ChangeLog.Entry second = log.entries().get(1);
            assertThat(second.prev()).isEqualTo(first.id());
            String patch = Files.readString(second.file(), StandardCharsets.UTF_8);
            assertThat(patch)
                    .contains("D <https://w3id.org/partnership-atlas/id/membership/")
                    .doesNotContain("A <https://w3id.org/partnership-atlas/id/membership/");
            assertThat(second.counts()[0] + second.counts()[1]).isLessThan(first.counts()[0] / 5);

            // Back again: a third entry that adds the membership back.
            Files.write(memberships, lines, StandardCharsets.UTF_8);
            load(store, sources);
            assertThat(log.entries()).hasSize(3);
            assertThat(Files.readString(log.entries().get(2).file(), StandardCharsets.UTF_8))
                    .contains("A <https://w3id.org/partnership-atlas/id/membership/");

            DatasetGraph replayed = DatasetGraphFactory.createTxnMem();
            assertThat(Replay.apply(log.entries(), replayed)).isEqualTo(3);
            assertThat(store.read(ChangeLogTest::data)).hasSizeGreaterThan(100);
            assertThat(Replay.differences(store.datasetGraph(), replayed)).isEmpty();
            // The comparison can fail: without the last entry, the membership is missing.
            DatasetGraph partial = DatasetGraphFactory.createTxnMem();
            Replay.apply(log.entries().subList(0, 2), partial);
            assertThat(Replay.differences(store.datasetGraph(), partial))
                    .anyMatch(d -> d.startsWith("- <https://w3id.org/partnership-atlas/id/membership/"));
            assertThat(log.since(first.id()))
                    .extracting(ChangeLog.Entry::id)
                    .containsExactly(second.id(), log.entries().get(2).id());
        }
    }

    @Test
    void anEntryWhoseCommitNeverHappenedIsSetAsideWhenTheStoreIsOpened() throws IOException {
        Path sources = FixtureSources.copy(dir);
        Path store = dir.resolve("tdb2");
        String head;
        Path logDir;
        try (AtlasStore atlas = AtlasStore.open(store)) {
            load(atlas, sources);
            head = atlas.changeLog().entries().get(0).id();
            logDir = atlas.changeLog().directory();
        }
        // As if the process died after the entry was synced and before TDB2 committed the data.
        Path stray = logDir.resolve("0000000002-00000000-0000-4000-8000-000000000000.rdfp");
        Files.writeString(stray, "H id <urn:uuid:00000000-0000-4000-8000-000000000000> .\nTX .\nTC .\n");
        try (AtlasStore atlas = AtlasStore.open(store)) {
            assertThat(atlas.changeLog().entries())
                    .extracting(ChangeLog.Entry::id)
                    .containsExactly(head);
            assertThat(logDir.resolve(ChangeLog.DISCARDED).resolve(stray.getFileName()))
                    .exists();
            // The next change follows the committed head.
            Files.writeString(
                    sources.resolve("localities.csv"),
                    Files.readString(sources.resolve("localities.csv")).replace("Newham", "Newham Borough"));
            load(atlas, sources);
            assertThat(atlas.changeLog().entries()).hasSize(2);
            assertThat(atlas.changeLog().entries().get(1).prev()).isEqualTo(head);
            assertThat(atlas.changeLog().entries().get(1).seq()).isEqualTo(2);
        }
    }

    static void entry(Path logDir, int seq, String id, String prev) throws IOException {
        Files.createDirectories(logDir);
        Files.writeString(
                logDir.resolve(String.format("%010d-%s.rdfp", seq, id)),
                "H id <urn:uuid:" + id + "> .\n" + (prev == null ? "" : "H prev <urn:uuid:" + prev + "> .\n")
                        + "TX .\nTC .\n");
    }

    @Test
    void aStoreWithoutAHeadNeverSetsAsideALogOfSeveralEntries() throws IOException {
        Path logDir = dir.resolve("log");
        String a = "00000000-0000-4000-8000-00000000000a";
        String b = "00000000-0000-4000-8000-00000000000b";
        entry(logDir, 1, a, null);
        entry(logDir, 2, b, a);
        // A store made anew beside an old log: the log is the only record of those changes, and stays.
        assertThat(ChangeLog.open(logDir, null).entries())
                .extracting(ChangeLog.Entry::id)
                .containsExactly(a, b);
        assertThat(logDir.resolve(ChangeLog.DISCARDED)).doesNotExist();
    }

    @Test
    void aStoreWithoutAHeadSetsAsideTheFirstEntryOfACommitThatNeverHappened() throws IOException {
        Path logDir = dir.resolve("log");
        String a = "00000000-0000-4000-8000-00000000000a";
        entry(logDir, 1, a, null);
        // What a crash during a store's very first commit leaves.
        assertThat(ChangeLog.open(logDir, null).entries()).isEmpty();
        assertThat(logDir.resolve(ChangeLog.DISCARDED).resolve("0000000001-" + a + ".rdfp"))
                .exists();
    }

    @Test
    void aPublishedEntryWhoseCommitFailsIsNamedToThePublisherAndGoes() {
        DatasetGraph mem = DatasetGraphFactory.createTxnMem();
        DatasetGraph failingCommit = new DatasetGraphWrapper(mem) {
            @Override
            public void commit() {
                if (transactionMode() == ReadWrite.WRITE) {
                    throw new IllegalStateException("the disk is full (simulated)");
                }
                super.commit();
            }
        };
        LoggedDataset logged = LoggedDataset.open(failingCommit, dir.resolve("log"));
        List<String> published = new ArrayList<>();
        List<String> notCommitted = new ArrayList<>();
        logged.log().publishTo(new ChangeLog.Publisher() {
            @Override
            public long publish(String id, byte[] entry) {
                published.add(id);
                return 7;
            }

            @Override
            public void notCommitted(String id) {
                notCommitted.add(id);
            }
        });
        Quad q = Quad.create(
                NodeFactory.createURI("urn:x:g"),
                NodeFactory.createURI("urn:x:s"),
                NodeFactory.createURI("urn:x:p"),
                NodeFactory.createLiteralString("o"));
        assertThatThrownBy(() -> Txn.executeWrite(logged, () -> logged.add(q))).hasMessageContaining("simulated");
        // The publisher has the entry, the store does not: it hears which entry that is, so it can refuse to go on.
        assertThat(published).hasSize(1);
        assertThat(notCommitted).isEqualTo(published);
        assertThat(logged.log().entries()).isEmpty();
    }
}
