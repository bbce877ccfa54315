package org.partnershipatlas.endpoint.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.system.Txn;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.partnershipatlas.endpoint.SampleData;
import org.partnershipatlas.gatekeeper.CheckResult;
import org.partnershipatlas.gatekeeper.Decisions;
import org.partnershipatlas.gatekeeper.Gatekeeper;
import org.partnershipatlas.gatekeeper.GatekeeperConfig;
import org.partnershipatlas.gatekeeper.Proposal;
import org.partnershipatlas.loaders.Loader;
import org.partnershipatlas.loaders.generate.Generator;
import org.partnershipatlas.loaders.store.AtlasStore;
import org.partnershipatlas.ontology.AtlasIris;
import org.partnershipatlas.ontology.Vocab.PROV;
import org.partnershipatlas.queries.QueryCatalogue;
import org.partnershipatlas.queries.QueryRunner;
import org.partnershipatlas.queries.precomputed.StoreStatistics;

/**
 * The dataset description's counts (quads, resources of the id space, each graph's triples) from what the load kept
 * against the same counts made by reading the data, on generated data: after a load, a gatekeeper decision (its graph
 * counted when asked) and a reload of one source; and, once a graph a load made has been changed by something else,
 * the kept counts are not used.
 */
class DescriptionCountsIT {
    static final AtlasIris IRIS = AtlasIris.DEFAULT;

    @TempDir
    Path dir;

    @Test
    void theKeptCountsAreTheCountsOfTheData() throws IOException {
        Path sources = dir.resolve("generated");
        Generator.to(sources)
                .localities(3)
                .partnershipsPerLocality(30)
                .seed(7)
                .schemes(SampleData.directory().resolve("schemes"))
                .run();
        try (AtlasStore store = AtlasStore.open(dir.resolve("tdb2"))) {
            DatasetGraph dsg = store.datasetGraph();
            DatasetDescription description = new DatasetDescription(dsg, QueryCatalogue.load(), IRIS);
            assertThat(Loader.into(store).sources(List.of(sources)).run().committed())
                    .isTrue();
            DatasetDescription.Counted afterLoad = assertSameCounts(dsg, description, "after the load");
            assertThat(afterLoad.entities()).isGreaterThan(100);

            String locality = Txn.calculateRead(
                    dsg,
                    () -> new QueryRunner(dsg, QueryCatalogue.plain(), IRIS)
                            .select("partnerships-per-locality", Map.of())
                            .bindings()
                            .get(0)
                            .get("locality")
                            .getURI());
            Proposal proposal = new Proposal(
                    "A burglary group",
                    "Reduce burglary on the estates",
                    List.of(locality),
                    List.of(IRIS.id("problem-domain", "volume-crime")),
                    List.of(),
                    List.of("A new residents' group"),
                    null);
            CheckResult check =
                    new Gatekeeper(dsg, QueryCatalogue.load(), IRIS, GatekeeperConfig.defaults()).check(proposal);
            new Decisions(store.logged(), IRIS).record(check, "approved", List.of(), "gatekeeper", "Approved.");
            DatasetDescription.Counted afterDecision = assertSameCounts(dsg, description, "after a decision");
            assertThat(afterDecision.entities()).isGreaterThan(afterLoad.entities());
            assertThat(afterDecision.graphs()).containsKey(new Decisions(dsg, IRIS).graph());

            Path memberships = sources.resolve("memberships.csv");
            List<String> lines = Files.readAllLines(memberships);
            List<String> kept = new ArrayList<>(lines.subList(0, lines.size() / 2));
            Path changed = dir.resolve("changed");
            Files.createDirectories(changed);
            Files.write(changed.resolve("memberships.csv"), kept);
            assertThat(Loader.into(store).sources(List.of(changed)).run().committed())
                    .isTrue();
            DatasetDescription.Counted afterReload = assertSameCounts(dsg, description, "after a reload");
            assertThat(afterReload.quads()).isLessThan(afterDecision.quads());

            // Another activity made a loaded graph since: the kept counts no longer say what it holds.
            Node graph = IRIS.graph("memberships");
            Txn.executeWrite(
                    dsg,
                    () -> dsg.add(
                            IRIS.provenanceGraph(),
                            graph,
                            PROV.wasGeneratedBy.asNode(),
                            NodeFactory.createURI(IRIS.id("activity", "by-hand"))));
            Txn.executeRead(dsg, () -> assertThat(description.keptCounts()).isEmpty());
        }
    }

    static DatasetDescription.Counted assertSameCounts(DatasetGraph dsg, DatasetDescription d, String when) {
        return Txn.calculateRead(dsg, () -> {
            assertThat(StoreStatistics.graphCounts(dsg, IRIS)).as(when).isPresent();
            Optional<DatasetDescription.Counted> kept = d.keptCounts();
            assertThat(kept).as(when).isPresent();
            DatasetDescription.Counted counted = d.countedNow();
            assertThat(kept.get()).as(when).isEqualTo(counted);
            return counted;
        });
    }
}
