package org.partnershipatlas.ontology;

import org.apache.jena.rdf.model.Property;
import org.apache.jena.rdf.model.Resource;
import org.apache.jena.rdf.model.ResourceFactory;

/**
 * The {@code pa:} namespace and the terms of it that Java code uses. Every constant here must be declared in
 * {@code atlas.ttl}; {@code VocabConsistencyTest} checks that.
 */
public final class PA {
    public static final String NS = "https://w3id.org/partnership-atlas/def#";
    public static final String PREFIX = "pa";
    /** The ontology IRI (the namespace without its '#'). */
    public static final String ONTOLOGY = "https://w3id.org/partnership-atlas/def";

    public static final Resource Partnership = resource("Partnership");
    public static final Resource Locality = resource("Locality");
    public static final Resource GuidanceDocument = resource("GuidanceDocument");
    public static final Resource BestPracticeCase = resource("BestPracticeCase");
    public static final Resource ExternalResource = resource("ExternalResource");
    public static final Resource PartnershipProposal = resource("PartnershipProposal");
    public static final Resource ProblemDomain = resource("ProblemDomain");
    public static final Resource PartnershipType = resource("PartnershipType");

    public static final Property umbrellaPartnership = property("umbrellaPartnership");
    public static final Property gssCode = property("gssCode");
    public static final Property sector = property("sector");
    public static final Property illustrative = property("illustrative");
    public static final Property governmentPublication = property("governmentPublication");
    public static final Property sourceRecords = property("sourceRecords");

    // Computed by every load (graph/overlaps, graph/statistics, graph/newest-guidance): see the queries module's
    // precomputed package.
    public static final Resource PartnershipOverlap = resource("PartnershipOverlap");
    public static final Property organisation = property("organisation");
    public static final Property partnership = property("partnership");
    public static final Property dataQualityProblem = property("dataQualityProblem");
    public static final Property problemDetail = property("problemDetail");
    public static final Resource byOrganisation = resource("byOrganisation");
    public static final Resource dataQuality = resource("dataQuality");
    public static final Property firstPartnership = property("firstPartnership");
    public static final Property secondPartnership = property("secondPartnership");
    public static final Property sharedDomainCount = property("sharedDomainCount");
    public static final Property sharedMemberCount = property("sharedMemberCount");
    public static final Property sharedDomainLabels = property("sharedDomainLabels");
    public static final Property sharedMemberLabels = property("sharedMemberLabels");
    public static final Property problemDomain = property("problemDomain");
    public static final Property partnershipCount = property("partnershipCount");
    public static final Property documentCount = property("documentCount");
    public static final Property localStrategicPartnership = property("localStrategicPartnership");
    public static final Resource byDomainAndLocality = resource("byDomainAndLocality");
    public static final Resource byDomain = resource("byDomain");
    public static final Resource byLocality = resource("byLocality");
    public static final Property newestGuidance = property("newestGuidance");
    public static final Resource OverlapPage = resource("OverlapPage");
    public static final Property pageOf = property("pageOf");
    public static final Property pageNumber = property("pageNumber");
    public static final Property pageItem = property("pageItem");
    public static final Resource GuidanceList = resource("GuidanceList");
    public static final Resource GuidancePage = resource("GuidancePage");
    public static final Resource GuidanceRow = resource("GuidanceRow");
    public static final Property rowOf = property("rowOf");
    public static final Property rowTitle = property("rowTitle");
    public static final Resource CasePage = resource("CasePage");
    public static final Resource CaseRow = resource("CaseRow");
    // graph/candidates: what the gatekeeper compares a proposal with, per partnership working in a locality.
    public static final Resource CandidateSummary = resource("CandidateSummary");
    public static final Property summarises = property("summarises");
    public static final Property candidateIn = property("candidateIn");
    public static final Property candidateLocalities = property("candidateLocalities");
    public static final Property candidateDomains = property("candidateDomains");
    public static final Property candidateMembers = property("candidateMembers");
    public static final Property candidateMemberLabels = property("candidateMemberLabels");

    // Written by atlas check-links into graph/link-health: see the loaders' linkhealth package.
    public static final Resource CheckedLink = resource("CheckedLink");
    public static final Property linkStatus = property("linkStatus");
    public static final Property httpStatus = property("httpStatus");
    public static final Property finalUrl = property("finalUrl");
    public static final Property redirectsTo = property("redirectsTo");
    public static final Property lastChecked = property("lastChecked");
    public static final Property lastOk = property("lastOk");
    public static final Property consecutiveFailures = property("consecutiveFailures");
    public static final Property failingSince = property("failingSince");
    public static final Property deadSince = property("deadSince");
    public static final Property etag = property("etag");
    public static final Property lastModifiedHeader = property("lastModifiedHeader");
    public static final Property checkDetail = property("checkDetail");
    public static final Property linksChecked = property("linksChecked");

    private PA() {}

    private static Resource resource(String local) {
        return ResourceFactory.createResource(NS + local);
    }

    private static Property property(String local) {
        return ResourceFactory.createProperty(NS + local);
    }
}
