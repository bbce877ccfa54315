package org.partnershipatlas.gatekeeper;

import java.util.List;

/**
 * A proposed partnership. As read ({@link ProposalReader}), its references are as given: IRIs, {@code id/...}
 * paths, slugs or names. {@link Gatekeeper#check} resolves them; the proposal in its {@link CheckResult} holds
 * absolute IRIs only.
 *
 * @param title its proposed name
 * @param purpose what it would do, in words
 * @param localities the localities it would work in
 * @param domains the problem domains it would address
 * @param members existing organisations proposed as members
 * @param newMembers names of proposed members the Atlas does not know
 * @param type the partnership type, or null
 */
public record Proposal(
        String title,
        String purpose,
        List<String> localities,
        List<String> domains,
        List<String> members,
        List<String> newMembers,
        String type) {

    public Proposal {
        localities = List.copyOf(localities);
        domains = List.copyOf(domains);
        members = List.copyOf(members);
        newMembers = List.copyOf(newMembers);
    }

    /** How many distinct organisations it would bring together. */
    public int organisationCount() {
        return members.size() + newMembers.size();
    }
}
