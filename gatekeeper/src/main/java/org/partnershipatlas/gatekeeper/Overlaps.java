package org.partnershipatlas.gatekeeper;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.partnershipatlas.queries.DomainTree;

/**
 * The one definition of how much two pieces of partnership work overlap, used by the proposal check and by the
 * rationalisation report alike. An overlap has up to three topical parts and two circumstantial ones:
 *
 * <ul>
 *   <li><b>domain</b>: for each problem domain of one side, the best relation to a domain of the other: the same
 *       domain counts 1, a broader or narrower one {@code factor.relatedDomain}, a sibling (another domain under the
 *       same broader domain) {@code factor.siblingDomain}; averaged over that side's domains. The check takes the
 *       mean of both ways ({@link #mutual}): how much of the proposal the partnership covers, and how much of the
 *       partnership's work the proposal covers, so that a proposal on one of a broad partnership's several domains
 *       is a partial overlap, not a duplicate. The report takes the way that gives more (see {@link #pair});
 *   <li><b>purpose</b>: cosine similarity of the two purposes' TF-IDF vectors ({@link Lexicon}: English stemming,
 *       names dropped, domain terms added for the domain labels a text uses and, for a partnership, for the
 *       domains it declares; IDF over every partnership in the Atlas);
 *   <li><b>member</b>: shared members weighted by how specific they are. An organisation that sits on {@code n} of
 *       the {@code N} partnerships of the localities concerned weighs {@code ln(N/n)/ln(N)}: 0 if it sits on all of
 *       them, 1 if on one (a member new to the locality weighs 1). The part is the weight of the shared members over
 *       the weight of the proposed ones, at least 1, so that sharing only the council and the police says little;
 *   <li><b>locality</b> (check only): the share of the proposal's localities the partnership works in (one that works
 *       in more places as well covers the proposal's area no less);
 *   <li><b>type</b> (check only): 1 if the partnership is of the proposed type.
 * </ul>
 *
 * <p><b>The topical gate:</b> there is an overlap only if the domain part is above 0 or the purpose part reaches
 * {@code floor.purpose}. Without topical evidence, sharing a locality and the organisations that sit on everything
 * is not an overlap, whatever the other parts say.
 */
final class Overlaps {
    private Overlaps() {}

    /** How a domain of one side stands to the closest domain of the other. */
    enum Relation {
        SAME("the same"),
        BROADER("broader"),
        NARROWER("narrower"),
        SIBLING("a sibling");

        final String words;

        Relation(String words) {
            this.words = words;
        }
    }

    /** One proposed domain and the domain of the other side it meets. */
    record DomainMatch(String proposed, String matched, Relation relation, double credit) {}

    /** The domain part and what made it. */
    record DomainPart(double value, List<DomainMatch> matches) {}

    static DomainPart domains(
            Collection<String> proposed, Collection<String> theirs, DomainTree tree, GatekeeperConfig config) {
        double sum = 0;
        List<DomainMatch> matches = new ArrayList<>();
        for (String d : proposed) {
            DomainMatch best = null;
            if (theirs.contains(d)) {
                best = new DomainMatch(d, d, Relation.SAME, 1);
            } else {
                for (String x : theirs) {
                    DomainMatch m = null;
                    if (tree.isBroader(x, d)) {
                        m = new DomainMatch(d, x, Relation.BROADER, config.relatedDomainFactor());
                    } else if (tree.isBroader(d, x)) {
                        m = new DomainMatch(d, x, Relation.NARROWER, config.relatedDomainFactor());
                    } else if (tree.siblings(d, x)) {
                        m = new DomainMatch(d, x, Relation.SIBLING, config.siblingDomainFactor());
                    }
                    if (m != null && (best == null || m.credit() > best.credit())) {
                        best = m;
                    }
                }
            }
            if (best != null && best.credit() > 0) {
                sum += best.credit();
                matches.add(best);
            }
        }
        return new DomainPart(proposed.isEmpty() ? 0 : sum / proposed.size(), List.copyOf(matches));
    }

    /**
     * The domain part of a proposal against a partnership: the mean of how much of the proposal the partnership
     * covers ({@code proposed}, the proposal's domains against the partnership's) and how much of the partnership's
     * work the proposal covers ({@code theirs}, the partnership's domains against the proposal's). A proposal that
     * repeats a partnership's work scores 1; one on a single domain of a partnership that has three, less.
     */
    static double mutual(DomainPart proposed, DomainPart theirs) {
        return (proposed.value() + theirs.value()) / 2;
    }

    /** How many of the localities' partnerships each organisation sits on. */
    static final class Rarity {
        private final Map<String, Integer> counts = new HashMap<>();
        private int partnerships;

        void add(Collection<String> members) {
            partnerships++;
            members.forEach(m -> counts.merge(m, 1, Integer::sum));
        }

        int on(String member) {
            return counts.getOrDefault(member, 0);
        }

        int partnerships() {
            return partnerships;
        }

        /** {@code ln(N/n)/ln(N)}: 0 for an organisation on every partnership, 1 for one on one (or none). */
        double weight(String member) {
            int n = on(member);
            if (n == 0 || partnerships <= 1) {
                return 1;
            }
            return Math.log((double) partnerships / n) / Math.log(partnerships);
        }
    }

    /** A shared member, how many partnerships it sits on and its weight. */
    record SharedMember(String member, int on, int of, double weight) {}

    /** The member part and what made it. */
    record MemberPart(double value, List<SharedMember> shared) {}

    /**
     * @param proposed the known members of one side
     * @param newcomers how many members of that side the Atlas does not know (each weighs 1)
     * @param theirs the members of the other side
     */
    static MemberPart members(Collection<String> proposed, int newcomers, Set<String> theirs, Rarity rarity) {
        double total = newcomers;
        double shared = 0;
        List<SharedMember> list = new ArrayList<>();
        for (String m : proposed) {
            double w = rarity.weight(m);
            total += w;
            if (theirs.contains(m)) {
                shared += w;
                list.add(new SharedMember(m, rarity.on(m), rarity.partnerships(), w));
            }
        }
        return new MemberPart(shared / Math.max(1.0, total), List.copyOf(list));
    }

    /**
     * The score of an overlap with a proposal: the five parts weighted as {@link GatekeeperConfig} says, over the
     * sum of the weights.
     */
    static double score(
            double locality, double domain, double member, double purpose, double type, GatekeeperConfig config) {
        return (config.localityWeight() * locality
                        + config.domainWeight() * domain
                        + config.memberWeight() * member
                        + config.purposeWeight() * purpose
                        + config.typeWeight() * type)
                / config.totalWeight();
    }

    /** The overlap of two partnerships of one locality, and the parts that made it. */
    record Pair(double score, DomainPart domain, MemberPart member, double purpose) {}

    /**
     * The overlap of two partnerships of one locality (the report's edges): the parts as the check measures them,
     * each taken the way round that gives more (the pair overlaps as much as the more contained of the two is
     * covered by the other), and only the topical parts weighed: within one locality the locality part says
     * nothing, and no type was proposed. Null if the pair fails the topical gate.
     */
    static Pair pair(
            Candidates.Candidate a,
            Candidates.Candidate b,
            Lexicon.Text aText,
            Lexicon.Text bText,
            Lexicon lexicon,
            Rarity rarity,
            GatekeeperConfig config) {
        DomainTree tree = lexicon.tree();
        DomainPart ab = domains(a.domains(), b.domains(), tree, config);
        DomainPart ba = domains(b.domains(), a.domains(), tree, config);
        DomainPart domain = ab.value() >= ba.value() ? ab : ba;
        MemberPart mab = members(a.members(), 0, b.members(), rarity);
        MemberPart mba = members(b.members(), 0, a.members(), rarity);
        MemberPart member = mab.value() >= mba.value() ? mab : mba;
        double purpose = lexicon.similarity(aText, bText);
        if (!topical(domain.value(), purpose, config)) {
            return null;
        }
        double weights = config.domainWeight() + config.memberWeight() + config.purposeWeight();
        double score = (config.domainWeight() * domain.value()
                        + config.memberWeight() * member.value()
                        + config.purposeWeight() * purpose)
                / weights;
        return new Pair(score, domain, member, purpose);
    }

    /** The topical gate (see the class). */
    static boolean topical(double domain, double purpose, GatekeeperConfig config) {
        return domain > 0 || purpose >= config.purposeFloor();
    }

    /** How specific a member is, in words. */
    static String specificity(SharedMember m) {
        String where = "on " + m.on() + " of the " + m.of() + " partnerships here";
        if (m.weight() < 0.2) {
            return where + ": says little";
        }
        return m.weight() < 0.6 ? where + ": fairly specific" : where + ": specific";
    }
}
