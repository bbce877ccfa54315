package org.partnershipatlas.gatekeeper;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.jena.sparql.core.DatasetGraph;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.partnershipatlas.ontology.AtlasIris;
import org.partnershipatlas.queries.QueryCatalogue;

/**
 * The lexicon kept on disk per data version: a gatekeeper started again on the same data reads it and answers as the
 * one that built it; another version, or a file that cannot be read, is built again and replaces it.
 */
class LexiconFileTest {
    static final AtlasIris IRIS = AtlasIris.DEFAULT;

    @TempDir
    Path folder;

    DatasetGraph dsg;
    Proposal proposal;

    @BeforeEach
    void load() {
        dsg = FixtureStore.withOntology(IRIS);
        proposal = new ProposalReader(IRIS).fromJson(CandidateCacheTest.PROPOSAL);
    }

    Gatekeeper at(String version) {
        return new Gatekeeper(dsg, QueryCatalogue.load(), IRIS, GatekeeperConfig.defaults(), d -> version, folder);
    }

    static String answer(CheckResult r) {
        return String.join(
                "\n",
                r.recommendation(),
                r.rule(),
                r.overlaps().toString(),
                r.umbrellas().toString());
    }

    List<String> files() throws Exception {
        try (var list = Files.list(folder)) {
            return list.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void aGatekeeperStartedAgainReadsTheLexiconAndAnswersAlike() throws Exception {
        Gatekeeper first = at("load-1");
        String built = answer(first.check(proposal));
        assertThat(first.lexiconBuilds()).isEqualTo(1);
        assertThat(files()).containsExactly("lexicon-" + Lexicon.FORMAT + "-load-1.ser.gz");

        Gatekeeper again = at("load-1");
        String read = answer(again.check(proposal));
        assertThat(again.lexiconBuilds()).isZero();
        assertThat(again.lexiconReads()).isEqualTo(1);
        assertThat(read).isEqualTo(built);
        assertThat(again.lexicon().state().documentFrequency())
                .isEqualTo(first.lexicon().state().documentFrequency());
    }

    @Test
    void anotherVersionIsBuiltAndReplacesTheFile() throws Exception {
        at("load-1").check(proposal);
        Gatekeeper next = at("load-2");
        next.check(proposal);
        assertThat(next.lexiconBuilds()).isEqualTo(1);
        assertThat(next.lexiconReads()).isZero();
        assertThat(files()).containsExactly("lexicon-" + Lexicon.FORMAT + "-load-2.ser.gz");
    }

    @Test
    void aFileThatCannotBeReadIsBuiltAgain() throws Exception {
        Files.write(folder.resolve("lexicon-" + Lexicon.FORMAT + "-load-3.ser.gz"), new byte[] {31, -117, 8, 0, 1});
        Gatekeeper gatekeeper = at("load-3");
        String answer = answer(gatekeeper.check(proposal));
        assertThat(gatekeeper.lexiconBuilds()).isEqualTo(1);

        Gatekeeper again = at("load-3");
        assertThat(answer(again.check(proposal))).isEqualTo(answer);
        assertThat(again.lexiconReads()).isEqualTo(1);
    }

    @Test
    void aVersionThatCannotNameAFileIsNotKept() throws Exception {
        Gatekeeper gatekeeper = at("../elsewhere");
        gatekeeper.check(proposal);
        assertThat(gatekeeper.lexiconBuilds()).isEqualTo(1);
        assertThat(files()).isEmpty();
    }
}
