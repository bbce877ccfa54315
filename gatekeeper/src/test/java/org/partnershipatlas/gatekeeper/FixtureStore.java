package org.partnershipatlas.gatekeeper;

import org.apache.jena.riot.Lang;
import org.apache.jena.riot.RDFParser;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.system.Txn;
import org.apache.jena.tdb2.DatabaseMgr;
import org.apache.jena.tdb2.TDB2;
import org.partnershipatlas.ontology.AtlasIris;
import org.partnershipatlas.ontology.AtlasOntology;
import org.partnershipatlas.queries.precomputed.Precomputed;

/** The gatekeeper fixture ({@code gatekeeper-fixture.trig}) in an in-memory TDB2 dataset, as a load leaves a store. */
final class FixtureStore {
    private FixtureStore() {}

    /**
     * The fixture with the ontology graph (the shapes a decision is validated against see the class hierarchy and the
     * decision outcomes through it) and, as every load writes them, the candidate summaries the check reads.
     */
    static DatasetGraph withOntology(AtlasIris iris) {
        DatasetGraph dsg = DatabaseMgr.createDatasetGraph();
        dsg.getContext().set(TDB2.symUnionDefaultGraph, true);
        Txn.executeWrite(dsg, () -> {
            RDFParser.source(FixtureStore.class.getResourceAsStream(
                            "/org/partnershipatlas/gatekeeper/gatekeeper-fixture.trig"))
                    .lang(Lang.TRIG)
                    .parse(dsg);
            AtlasOntology.graph()
                    .find()
                    .forEach(t -> dsg.add(iris.ontologyGraph(), t.getSubject(), t.getPredicate(), t.getObject()));
            Precomputed.rebuild(dsg, iris);
        });
        return dsg;
    }
}
