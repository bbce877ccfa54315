package org.partnershipatlas.gatekeeper;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.apache.jena.datatypes.xsd.XSDDatatype;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.query.TxnType;
import org.apache.jena.shacl.ShaclValidator;
import org.apache.jena.shacl.validation.ReportEntry;
import org.apache.jena.shacl.validation.Severity;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.vocabulary.RDF;
import org.apache.jena.vocabulary.RDFS;
import org.partnershipatlas.ontology.AtlasIris;
import org.partnershipatlas.ontology.AtlasOntology;
import org.partnershipatlas.ontology.PA;
import org.partnershipatlas.ontology.Vocab.PROV;
import org.partnershipatlas.queries.precomputed.Precomputed;

/**
 * Records the gatekeeper's decisions, in PROV-O, in the graph {@code {base}graph/decisions}: the proposal, the check
 * it was judged on, and the decision (outcome, partnerships concerned, who, when, why), each citable by its IRI.
 * The decision is validated against the shapes before it is committed.
 */
public final class Decisions {
    /** The outcomes, by the notation used in requests. */
    public static final Set<String> OUTCOMES = Set.of("approved", "merged", "redirected", "rejected");

    private final DatasetGraph dsg;
    private final AtlasIris iris;

    public Decisions(DatasetGraph dsg, AtlasIris iris) {
        this.dsg = dsg;
        this.iris = iris;
    }

    /** The graph decisions are kept in. */
    public Node graph() {
        return iris.graph("decisions");
    }

    /**
     * Records a decision on a check; returns the decision's IRI.
     *
     * @param outcome approved, merged, redirected or rejected
     * @param concerns partnerships the decision concerns (for "merged", the one merged into)
     * @param decidedBy the gatekeeper's user name
     * @param reason why, in words
     */
    public String record(CheckResult check, String outcome, List<String> concerns, String decidedBy, String reason) {
        if (!OUTCOMES.contains(outcome)) {
            throw new ProposalException("outcome", "one of approved, merged, redirected, rejected");
        }
        if (reason == null || reason.isBlank()) {
            throw new ProposalException("reason", "say why the proposal was decided this way");
        }
        if (!AtlasIris.isSlug(decidedBy)) {
            throw new ProposalException("decidedBy", "a user name of letters, digits, '-', '.' or '_'");
        }
        CheckDocuments.Iris ids = CheckDocuments.Iris.mint(iris);
        Graph documents = CheckDocuments.rdf(check, ids);
        Node decision =
                NodeFactory.createURI(iris.id("decision", UUID.randomUUID().toString()));
        Node agent = NodeFactory.createURI(iris.id("agent", decidedBy));
        Node g = graph();
        dsg.begin(TxnType.WRITE);
        try {
            documents.find().forEach(t -> dsg.add(g, t.getSubject(), t.getPredicate(), t.getObject()));
            add(decision, RDF.type.asNode(), uri(PA.NS + "GatekeeperDecision"));
            add(decision, RDF.type.asNode(), PROV.Activity.asNode());
            add(
                    decision,
                    RDFS.label.asNode(),
                    NodeFactory.createLiteralLang(
                            "Decision on " + check.proposal().title() + ": " + outcome, "en"));
            add(decision, uri(PA.NS + "proposal"), uri(ids.proposal()));
            add(decision, uri(PA.NS + "check"), uri(ids.check()));
            add(decision, PROV.used.asNode(), uri(ids.check()));
            add(decision, uri(PA.NS + "decisionOutcome"), uri(PA.NS + outcome));
            concerns.forEach(p -> add(decision, uri(PA.NS + "concerns"), uri(p)));
            add(decision, PROV.wasAssociatedWith.asNode(), agent);
            add(
                    decision,
                    PROV.endedAtTime.asNode(),
                    NodeFactory.createLiteralDT(Instant.now().toString(), XSDDatatype.XSDdateTime));
            add(decision, RDFS.comment.asNode(), NodeFactory.createLiteralLang(reason, "en"));
            add(agent, RDF.type.asNode(), uri("http://www.w3.org/ns/prov#Agent"));
            add(agent, RDFS.label.asNode(), NodeFactory.createLiteralString(decidedBy));
            List<ReportEntry> violations =
                    ShaclValidator.get()
                            .validate(AtlasOntology.shapes(), dsg.getUnionGraph(), decision)
                            .getEntries()
                            .stream()
                            .filter(e -> Severity.Violation.equals(e.severity()))
                            .toList();
            if (!violations.isEmpty()) {
                ReportEntry first = violations.get(0);
                throw new ProposalException(
                        "concerns".equals(pathName(first)) ? "concerns" : null,
                        "the decision is not valid: " + first.message());
            }
            // The candidate summaries of the proposal's localities are brought in step with the data in the same
            // commit (a decision records a proposal, not a partnership, so today they stay as they were). A server's
            // gatekeeper keeps each locality's candidates across a decision (its cache is keyed by the loaded data's
            // version): a decision that changed partnerships would have to change that version too.
            Precomputed.refreshCandidates(
                    dsg,
                    iris,
                    check.proposal().localities().stream()
                            .map(NodeFactory::createURI)
                            .toList());
            dsg.commit();
            return decision.getURI();
        } catch (RuntimeException | Error e) {
            // Errors too: a full disk reaches TDB2's memory-mapped files as an InternalError.
            try {
                dsg.abort();
            } catch (RuntimeException | Error abortFailed) {
                e.addSuppressed(abortFailed);
            }
            throw e;
        } finally {
            try {
                dsg.end();
            } catch (RuntimeException endFailed) {
                // The transaction is over either way; the first failure is the one to report.
            }
        }
    }

    private static String pathName(ReportEntry e) {
        return e.resultPath() == null
                ? ""
                : e.resultPath().toString().replaceAll(".*[#/]", "").replace(">", "");
    }

    private void add(Node s, Node p, Node o) {
        dsg.add(graph(), s, p, o);
    }

    private static Node uri(String iri) {
        return NodeFactory.createURI(iri);
    }
}
