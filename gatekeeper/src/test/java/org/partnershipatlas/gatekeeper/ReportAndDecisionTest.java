package org.partnershipatlas.gatekeeper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.system.Txn;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.partnershipatlas.ontology.AtlasIris;
import org.partnershipatlas.queries.QueryCatalogue;

class ReportAndDecisionTest {
    static final AtlasIris IRIS = AtlasIris.DEFAULT;
    DatasetGraph dsg;
    Gatekeeper gatekeeper;

    @BeforeEach
    void load() {
        dsg = FixtureStore.withOntology(IRIS);
        gatekeeper = new Gatekeeper(dsg, QueryCatalogue.load(), IRIS, GatekeeperConfig.defaults());
    }

    static String p(String slug) {
        return IRIS.id("partnership", slug);
    }

    @Test
    void reportFindsTheDuplicateClusterTheHeaviestLoadAndWhatIsOutsideTheUmbrella() {
        RationalisationReport r = gatekeeper.report(IRIS.id("locality", "testborough"));
        assertThat(r.localityLabel()).isEqualTo("Testborough");
        assertThat(r.nodes())
                .extracting(RationalisationReport.Node::partnership)
                .containsExactlyInAnyOrder(p("tb-csp"), p("tb-safer-streets"), p("tb-dat"), p("tb-sure-start"));
        assertThat(r.edges()).hasSize(1);
        assertThat(List.of(r.edges().get(0).a(), r.edges().get(0).b()))
                .containsExactlyInAnyOrder(p("tb-csp"), p("tb-safer-streets"));
        assertThat(r.clusters()).hasSize(1);
        assertThat(r.clusters().get(0)).containsExactlyInAnyOrder(p("tb-csp"), p("tb-safer-streets"));
        assertThat(r.heaviest().get(0).label()).isEqualTo("Testborough Borough Council");
        assertThat(r.heaviest().get(0).partnerships()).isEqualTo(5);
        assertThat(r.outsideUmbrella())
                .extracting(RationalisationReport.Outside::partnership)
                .containsExactly(p("tb-old-srb"));
        assertThatThrownBy(() -> gatekeeper.report(IRIS.id("locality", "atlantis")))
                .isInstanceOf(ProposalException.class);
    }

    @Test
    void aDecisionIsStoredInProvOAndValidated() {
        CheckResult check = gatekeeper.check(new ProposalReader(IRIS).fromJson("""
                {"title": "Testborough Burglary Task Force", "purpose": "Reduce burglary.",
                 "localities": ["testborough"], "domains": ["volume-crime"], "members": ["tb-council", "tb-police", "tb-pct"]}
                """));
        Decisions decisions = new Decisions(dsg, IRIS);
        String decision =
                decisions.record(check, "merged", List.of(p("tb-csp")), "gatekeeper", "The CSP already does this.");
        Node d = NodeFactory.createURI(decision);
        Txn.executeRead(dsg, () -> {
            assertThat(dsg.contains(decisions.graph(), d, Node.ANY, NodeFactory.createURI(p("tb-csp"))))
                    .isTrue();
            assertThat(dsg.contains(
                            decisions.graph(),
                            d,
                            NodeFactory.createURI("http://www.w3.org/ns/prov#wasAssociatedWith"),
                            NodeFactory.createURI(IRIS.id("agent", "gatekeeper"))))
                    .isTrue();
        });
        long before = Txn.calculateRead(dsg, () -> dsg.stream().count());
        assertThatThrownBy(() -> decisions.record(check, "merged", List.of(), "gatekeeper", "No target"))
                .isInstanceOf(ProposalException.class)
                .hasMessageContaining("merged");
        assertThatThrownBy(() -> decisions.record(check, "postponed", List.of(), "gatekeeper", "x"))
                .hasMessageContaining("approved, merged");
        assertThat(Txn.calculateRead(dsg, () -> dsg.stream().count())).isEqualTo(before);
    }
}
