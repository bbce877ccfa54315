package org.partnershipatlas.gatekeeper;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What a gatekeeper check found.
 *
 * @param proposal the proposal checked
 * @param labels labels of the IRIs the proposal and result mention, for people
 * @param overlaps existing partnerships that overlap, strongest first
 * @param umbrellas the umbrella partnerships (LSPs) of the proposal's localities, to consult
 * @param resolved the names in the proposal that were resolved to IRIs, in words
 * @param recommendation the notation of the recommendation: join, single-organisation, consult or proceed
 * @param recommendationText the recommendation in words
 * @param rule the rule that produced it, with the thresholds it used
 * @param target the partnership to join or extend, for a "join" recommendation, else null
 * @param checkedAt when the check ran
 * @param config the weights and thresholds used
 */
public record CheckResult(
        Proposal proposal,
        Map<String, String> labels,
        List<Overlap> overlaps,
        List<Umbrella> umbrellas,
        List<String> resolved,
        String recommendation,
        String recommendationText,
        String rule,
        String target,
        Instant checkedAt,
        GatekeeperConfig config) {

    /** An existing partnership the proposal overlaps. */
    public record Overlap(
            String partnership,
            String label,
            double score,
            Parts parts,
            List<String> reasons,
            List<String> sharedDomains,
            List<String> sharedMembers) {}

    /** The parts of a score, each between 0 and 1, before weighting. */
    public record Parts(double locality, double domain, double member, double purpose, double type) {}

    /** An umbrella partnership to consult. */
    public record Umbrella(String partnership, String label) {}

    public String label(String iri) {
        return labels.getOrDefault(iri, iri);
    }
}
