package org.partnershipatlas.endpoint.gatekeeper;

import java.util.List;
import org.partnershipatlas.endpoint.Routes;
import org.partnershipatlas.gatekeeper.CheckResult;
import org.partnershipatlas.ontology.AtlasIris;

/** A check result as the HTML report shows it: labels, links and percentages, no logic left for the template. */
public record ReportModel(
        String title,
        String purpose,
        List<Link> localities,
        List<Link> domains,
        List<Link> members,
        List<String> newMembers,
        Link type,
        String recommendation,
        String recommendationText,
        String rule,
        List<Link> consult,
        List<Row> overlaps,
        String checkedAt,
        String weights,
        List<String> resolved) {

    /** A labelled link. */
    public record Link(String text, String href) {}

    /** One overlap in the table. */
    public record Row(int rank, Link partnership, int percent, String parts, List<String> reasons) {}

    static ReportModel of(CheckResult r, String contextPath, AtlasIris iris) {
        var p = r.proposal();
        List<Row> rows = new java.util.ArrayList<>();
        int rank = 1;
        for (CheckResult.Overlap o : r.overlaps()) {
            rows.add(new Row(
                    rank++,
                    link(r, o.partnership(), contextPath, iris),
                    (int) Math.round(o.score() * 100),
                    "locality " + o.parts().locality() + ", domain " + o.parts().domain() + ", member "
                            + o.parts().member() + ", purpose " + o.parts().purpose() + ", type "
                            + o.parts().type(),
                    o.reasons()));
        }
        var c = r.config();
        String weights = "weights: locality " + c.localityWeight() + ", domain " + c.domainWeight()
                + " (related domain "
                + c.relatedDomainFactor() + ", sibling " + c.siblingDomainFactor() + "), member " + c.memberWeight()
                + ", purpose " + c.purposeWeight()
                + ", type "
                + c.typeWeight() + "; join at " + c.joinThreshold() + ", consult at " + c.consultThreshold()
                + ", a partnership needs " + c.minimumOrganisations() + " organisations; an overlap needs a related"
                + " domain or a purpose similarity of " + c.purposeFloor();
        return new ReportModel(
                p.title(),
                p.purpose(),
                p.localities().stream().map(i -> link(r, i, contextPath, iris)).toList(),
                p.domains().stream().map(i -> link(r, i, contextPath, iris)).toList(),
                p.members().stream().map(i -> link(r, i, contextPath, iris)).toList(),
                p.newMembers(),
                p.type() == null ? null : link(r, p.type(), contextPath, iris),
                r.recommendation(),
                r.recommendationText(),
                r.rule(),
                r.umbrellas().stream()
                        .map(u -> new Link(u.label(), Routes.docHref(iris, contextPath, u.partnership())))
                        .toList(),
                rows,
                r.checkedAt().toString(),
                weights,
                r.resolved());
    }

    private static Link link(CheckResult r, String iri, String contextPath, AtlasIris iris) {
        return new Link(r.label(iri), Routes.docHref(iris, contextPath, iri));
    }
}
