package org.partnershipatlas.gatekeeper;

import java.math.BigDecimal;
import java.util.List;
import java.util.UUID;
import org.apache.jena.atlas.json.JsonArray;
import org.apache.jena.atlas.json.JsonNumber;
import org.apache.jena.atlas.json.JsonObject;
import org.apache.jena.datatypes.xsd.XSDDatatype;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.graph.Triple;
import org.apache.jena.sparql.graph.GraphFactory;
import org.apache.jena.vocabulary.DCTerms;
import org.apache.jena.vocabulary.RDF;
import org.partnershipatlas.gatekeeper.CheckResult.Overlap;
import org.partnershipatlas.gatekeeper.CheckResult.Umbrella;
import org.partnershipatlas.ontology.AtlasIris;
import org.partnershipatlas.ontology.AtlasOntology;
import org.partnershipatlas.ontology.PA;
import org.partnershipatlas.ontology.Vocab.PROV;

/** A check result as JSON (for programs) and as RDF (so a check can be stored and cited). */
public final class CheckDocuments {
    private CheckDocuments() {}

    /** The JSON document of a check. */
    public static JsonObject json(CheckResult r) {
        JsonObject doc = new JsonObject();
        JsonObject p = new JsonObject();
        p.put("title", r.proposal().title());
        p.put("purpose", r.proposal().purpose());
        p.put("localities", array(r.proposal().localities()));
        p.put("domains", array(r.proposal().domains()));
        p.put("members", array(r.proposal().members()));
        p.put("newMembers", array(r.proposal().newMembers()));
        if (r.proposal().type() != null) {
            p.put("type", r.proposal().type());
        }
        doc.put("proposal", p);
        doc.put("resolved", array(r.resolved()));
        JsonObject rec = new JsonObject();
        rec.put("recommendation", r.recommendation());
        rec.put("text", r.recommendationText());
        rec.put("rule", r.rule());
        if (r.target() != null) {
            rec.put("partnership", r.target());
        }
        doc.put("recommendation", rec);
        JsonArray umbrellas = new JsonArray();
        for (Umbrella u : r.umbrellas()) {
            JsonObject o = new JsonObject();
            o.put("partnership", u.partnership());
            o.put("label", u.label());
            umbrellas.add(o);
        }
        doc.put("consult", umbrellas);
        JsonArray overlaps = new JsonArray();
        int rank = 1;
        for (Overlap o : r.overlaps()) {
            JsonObject j = new JsonObject();
            j.put("rank", rank++);
            j.put("partnership", o.partnership());
            j.put("label", o.label());
            j.put("score", JsonNumber.value(o.score()));
            JsonObject parts = new JsonObject();
            parts.put("locality", JsonNumber.value(o.parts().locality()));
            parts.put("domain", JsonNumber.value(o.parts().domain()));
            parts.put("member", JsonNumber.value(o.parts().member()));
            parts.put("purpose", JsonNumber.value(o.parts().purpose()));
            parts.put("type", JsonNumber.value(o.parts().type()));
            j.put("parts", parts);
            j.put("reasons", array(o.reasons()));
            j.put("sharedDomains", array(o.sharedDomains()));
            j.put("sharedMembers", array(o.sharedMembers()));
            overlaps.add(j);
        }
        doc.put("overlaps", overlaps);
        JsonObject config = new JsonObject();
        GatekeeperConfig c = r.config();
        config.put("weight.locality", JsonNumber.value(c.localityWeight()));
        config.put("weight.domain", JsonNumber.value(c.domainWeight()));
        config.put("factor.relatedDomain", JsonNumber.value(c.relatedDomainFactor()));
        config.put("factor.siblingDomain", JsonNumber.value(c.siblingDomainFactor()));
        config.put("floor.purpose", JsonNumber.value(c.purposeFloor()));
        config.put("weight.member", JsonNumber.value(c.memberWeight()));
        config.put("weight.purpose", JsonNumber.value(c.purposeWeight()));
        config.put("weight.type", JsonNumber.value(c.typeWeight()));
        config.put("threshold.join", JsonNumber.value(c.joinThreshold()));
        config.put("threshold.consult", JsonNumber.value(c.consultThreshold()));
        config.put("minimum.organisations", c.minimumOrganisations());
        doc.put("configuration", config);
        doc.put("checkedAt", r.checkedAt().toString());
        return doc;
    }

    /** New IRIs for a proposal and its check. */
    public record Iris(String proposal, String check) {
        public static Iris mint(AtlasIris iris) {
            String id = UUID.randomUUID().toString();
            return new Iris(iris.id("proposal", id), iris.id("check", id));
        }
    }

    /** The RDF of a check: the proposal, the check, its overlaps and recommendation (PROV-O time stamped). */
    public static Graph rdf(CheckResult r, Iris ids) {
        Graph g = GraphFactory.createDefaultGraph();
        g.getPrefixMapping().setNsPrefixes(AtlasOntology.prefixes());
        Node proposal = uri(ids.proposal());
        Node check = uri(ids.check());
        add(g, proposal, RDF.type.asNode(), PA.PartnershipProposal.asNode());
        add(
                g,
                proposal,
                DCTerms.title.asNode(),
                NodeFactory.createLiteralString(r.proposal().title()));
        add(
                g,
                proposal,
                DCTerms.description.asNode(),
                NodeFactory.createLiteralString(r.proposal().purpose()));
        r.proposal().localities().forEach(l -> add(g, proposal, pa("proposedLocality"), uri(l)));
        r.proposal().domains().forEach(d -> add(g, proposal, pa("proposedDomain"), uri(d)));
        r.proposal().members().forEach(m -> add(g, proposal, pa("proposedMember"), uri(m)));
        r.proposal()
                .newMembers()
                .forEach(n -> add(g, proposal, pa("proposedMemberName"), NodeFactory.createLiteralString(n)));
        if (r.proposal().type() != null) {
            add(g, proposal, pa("partnershipType"), uri(r.proposal().type()));
        }

        add(g, check, RDF.type.asNode(), pa("ProposalCheck"));
        add(g, check, pa("proposal"), proposal);
        add(
                g,
                check,
                PROV.generatedAtTime.asNode(),
                NodeFactory.createLiteralDT(r.checkedAt().toString(), XSDDatatype.XSDdateTime));
        add(g, check, pa("recommendation"), pa(recommendationTerm(r.recommendation())));
        add(g, check, pa("rule"), NodeFactory.createLiteralString(r.rule()));
        add(g, check, pa("reason"), NodeFactory.createLiteralLang(r.recommendationText(), "en"));
        r.umbrellas().forEach(u -> add(g, check, pa("consult"), uri(u.partnership())));
        int rank = 1;
        for (Overlap o : r.overlaps()) {
            Node overlap = uri(ids.check() + "#overlap-" + rank);
            add(g, check, pa("overlap"), overlap);
            add(g, overlap, RDF.type.asNode(), pa("Overlap"));
            add(g, overlap, pa("overlapsWith"), uri(o.partnership()));
            add(
                    g,
                    overlap,
                    pa("score"),
                    NodeFactory.createLiteralDT(BigDecimal.valueOf(o.score()).toPlainString(), XSDDatatype.XSDdecimal));
            add(g, overlap, pa("rank"), NodeFactory.createLiteralDT(Integer.toString(rank), XSDDatatype.XSDinteger));
            o.reasons().forEach(reason -> add(g, overlap, pa("reason"), NodeFactory.createLiteralLang(reason, "en")));
            rank++;
        }
        return g;
    }

    /** The ontology term of a recommendation notation. */
    static String recommendationTerm(String notation) {
        return switch (notation) {
            case "join" -> "join";
            case "single-organisation" -> "singleOrganisation";
            case "consult" -> "consultFirst";
            default -> "proceed";
        };
    }

    private static JsonArray array(List<String> values) {
        JsonArray a = new JsonArray();
        values.forEach(a::add);
        return a;
    }

    private static Node pa(String local) {
        return uri(PA.NS + local);
    }

    private static Node uri(String iri) {
        return NodeFactory.createURI(iri);
    }

    private static void add(Graph g, Node s, Node p, Node o) {
        g.add(Triple.create(s, p, o));
    }
}
