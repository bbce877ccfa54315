package org.partnershipatlas.endpoint.ld;

import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.jena.vocabulary.ORG;
import org.apache.jena.vocabulary.SKOS;
import org.partnershipatlas.ontology.PA;
import org.partnershipatlas.ontology.Vocab.QB;

/**
 * The index pages: which class each {@code /doc/{type}} lists. The type segments are the ones the source mappings
 * mint ({@code docs/data-model.md}, "IRIs"); {@code LinkedDataIT} checks that every type in the sample data has one.
 */
final class TypeIndex {
    /** Type segment, in the order the index of indexes shows them, to the class it lists and a heading. */
    record Entry(String type, String classIri, String heading) {}

    static final Map<String, Entry> ENTRIES = new LinkedHashMap<>();

    static {
        add("partnership", PA.Partnership.getURI(), "Partnerships");
        add("organisation", ORG.FormalOrganization.getURI(), "Organisations");
        add("locality", PA.Locality.getURI(), "Localities");
        add("problem-domain", PA.ProblemDomain.getURI(), "Problem domains");
        add("guidance", PA.GuidanceDocument.getURI(), "Guidance documents");
        add("resource", PA.ExternalResource.getURI(), "Non-government resources");
        add("case", PA.BestPracticeCase.getURI(), "Best-practice cases");
        add("partnership-type", PA.PartnershipType.getURI(), "Partnership types");
        add("membership", ORG.Membership.getURI(), "Memberships");
        add("scheme", SKOS.ConceptScheme.getURI(), "Concept schemes");
        add("mandate", PA.NS + "Mandate", "Statutes and programmes");
        add("role", PA.NS + "Role", "Roles");
        add("sector", PA.NS + "Sector", "Sectors");
        add("organisation-kind", PA.NS + "OrganisationKind", "Kinds of organisation");
        add("authority-type", PA.NS + "AuthorityType", "Types of local authority area");
        add("resource-kind", PA.NS + "ResourceKind", "Kinds of guidance and resource");
        add("working-issue", PA.NS + "WorkingIssue", "Partnership working issues");
        add("document-status", PA.NS + "DocumentStatus", "Document statuses");
        // Computed by every load (the queries module's precomputed package).
        add("overlap", PA.PartnershipOverlap.getURI(), "Overlapping pairs of partnerships");
        add("overlap-page", PA.OverlapPage.getURI(), "Pages of a locality's overlapping pairs");
        add("candidate", PA.CandidateSummary.getURI(), "Candidate summaries (what the gatekeeper compares)");
        add("guidance-list", PA.GuidanceList.getURI(), "Guidance lists kept in pages");
        add("guidance-page", PA.GuidancePage.getURI(), "Pages of the guidance lists");
        add("case-page", PA.CasePage.getURI(), "Pages of a problem domain's best-practice cases");
        add("statistics", QB.DataSet.getURI(), "Statistics (W3C Data Cube datasets)");
    }

    private TypeIndex() {}

    private static void add(String type, String classIri, String heading) {
        ENTRIES.put(type, new Entry(type, classIri, heading));
    }
}
