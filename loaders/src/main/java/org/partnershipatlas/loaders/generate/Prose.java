package org.partnershipatlas.loaders.generate;

import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Descriptive text for generated records: a few sentences built from varied phrases and the labels of the
 * records' problem domains and working issues, so that a full-text index has real words to work on.
 */
final class Prose {
    private static final List<String> GROUPS = List.of(
            "young people at risk of offending",
            "older residents living alone",
            "families on low incomes",
            "tenants on the outer estates",
            "ex-offenders leaving custody",
            "people with mental health problems",
            "lone parents",
            "small and new businesses",
            "black and minority ethnic communities",
            "rough sleepers",
            "pupils excluded from school",
            "unpaid carers",
            "refugees and asylum seekers",
            "disabled people",
            "problem drug users",
            "children under four and their parents",
            "long-term unemployed adults",
            "victims of domestic violence",
            "travellers",
            "school leavers without qualifications");
    private static final List<String> ACTIONS = List.of(
            "co-ordinates",
            "commissions",
            "plans and monitors",
            "pools funding for",
            "joins up",
            "brings together the agencies responsible for",
            "sets local targets for",
            "reviews",
            "agrees a shared strategy on",
            "steers",
            "oversees",
            "champions");
    private static final List<String> METHODS = List.of(
            "a pooled budget",
            "an information-sharing protocol",
            "joint commissioning",
            "neighbourhood action plans",
            "a single performance framework",
            "community consultation events",
            "outreach workers",
            "a multi-agency panel",
            "a shared database of referrals",
            "secondments between agencies",
            "a joint training programme",
            "ward-level theme groups",
            "a residents' panel",
            "mentoring schemes",
            "a one-stop shop in the town centre",
            "a mobile advice bus",
            "small grants to community groups",
            "a joint needs assessment",
            "quarterly performance clinics",
            "a common assessment form");
    private static final List<String> PROBLEMS = List.of(
            "duplicated meetings",
            "competing targets",
            "short-term funding",
            "unclear accountability",
            "weak community representation",
            "poor data sharing",
            "consultation fatigue",
            "high staff turnover",
            "boundaries that do not match",
            "rivalry between agencies",
            "slow decision-making",
            "too many separate plans");
    private static final List<String> RESULTS = List.of(
            "fewer meetings for the same officers",
            "one plan where there had been three",
            "a clearer line of accountability to the LSP",
            "faster referrals between agencies",
            "more residents taking part in decisions",
            "savings in administration that went to front-line work",
            "a better-informed board",
            "targets that partners could actually share",
            "a common evidence base",
            "improved trust between the statutory and voluntary sectors",
            "a simpler route for bidding for funds");
    private static final List<String> OPENERS =
            List.of("Drawing on", "Building on", "Learning from", "Following", "In response to");
    private static final List<String> SOURCES = List.of(
            "the first round of local audits",
            "a review by the Audit Commission",
            "a survey of members",
            "the neighbourhood renewal floor targets",
            "an away day of the board",
            "a mapping of local partnerships",
            "complaints from voluntary groups",
            "the findings of the 2001 census",
            "an external evaluation",
            "the comments of residents' forums");
    private static final List<String> OFFERS = List.of(
            "practical advice",
            "worked examples",
            "checklists",
            "case studies",
            "templates for agreements",
            "training materials",
            "a directory of contacts",
            "model terms of reference",
            "self-assessment tools",
            "discussion exercises",
            "summaries of research",
            "answers to common questions");
    private static final List<String> READERS = List.of(
            "board members",
            "partnership co-ordinators",
            "voluntary sector representatives",
            "council officers",
            "community representatives",
            "chairs of theme groups",
            "health and police managers",
            "newcomers to partnership work",
            "accountable bodies",
            "funders and commissioners");

    private Prose() {}

    /** What a partnership is for: two or three sentences. */
    static String purpose(
            String typeLabel, String place, List<String> domains, boolean umbrella, SplittableRandom random) {
        StringBuilder text = new StringBuilder();
        if (umbrella) {
            text.append("Umbrella partnership for ")
                    .append(place)
                    .append(": prepares the community strategy, agrees local targets on ")
                    .append(list(domains))
                    .append(" and brings the area's other partnerships together.");
        } else {
            text.append(capitalise(article(typeLabel)))
                    .append(" ")
                    .append(typeLabel)
                    .append(" that ")
                    .append(pick(ACTIONS, random))
                    .append(" work on ")
                    .append(list(domains))
                    .append(" in ")
                    .append(place)
                    .append(".");
        }
        text.append(" It works with ")
                .append(two(GROUPS, random))
                .append(" through ")
                .append(pick(METHODS, random))
                .append(".");
        if (random.nextInt(2) == 0) {
            text.append(" ")
                    .append(pick(OPENERS, random))
                    .append(" ")
                    .append(pick(SOURCES, random))
                    .append(", it has made ")
                    .append(pick(METHODS, random))
                    .append(" its priority.");
        }
        return text.toString();
    }

    /** A local document's description: two to four sentences. */
    static String localDocument(
            String kindLabel, String partnership, List<String> domains, List<String> issues, SplittableRandom random) {
        StringBuilder text = new StringBuilder();
        text.append(capitalise(kindLabel))
                .append(" of the ")
                .append(partnership)
                .append(" covering ")
                .append(list(domains))
                .append(".");
        text.append(" It sets out ")
                .append(two(METHODS, random))
                .append(" for ")
                .append(pick(GROUPS, random))
                .append(".");
        if (!issues.isEmpty()) {
            text.append(" Partners are asked to address ")
                    .append(list(issues))
                    .append(", after ")
                    .append(pick(PROBLEMS, random))
                    .append(" held back earlier work.");
        }
        if (random.nextInt(3) == 0) {
            text.append(" ")
                    .append(pick(OPENERS, random))
                    .append(" ")
                    .append(pick(SOURCES, random))
                    .append(", it promises ")
                    .append(pick(RESULTS, random))
                    .append(".");
        }
        return text.toString();
    }

    /** A national guidance document's description. */
    static String nationalGuidance(
            String kindLabel, List<String> domains, List<String> issues, SplittableRandom random) {
        StringBuilder text = new StringBuilder();
        text.append(capitalise(kindLabel))
                .append(" for local partnerships working on ")
                .append(list(domains))
                .append(".");
        text.append(" It gives ")
                .append(pick(READERS, random))
                .append(" ")
                .append(pick(OFFERS, random))
                .append(" on ")
                .append(list(issues))
                .append(".");
        text.append(" ")
                .append(pick(OPENERS, random))
                .append(" ")
                .append(pick(SOURCES, random))
                .append(", it recommends ")
                .append(pick(METHODS, random))
                .append(" and warns against ")
                .append(pick(PROBLEMS, random))
                .append(".");
        return text.toString();
    }

    /** A non-government resource's description. */
    static String resource(
            String kindLabel, String publisher, List<String> domains, List<String> issues, SplittableRandom random) {
        StringBuilder text = new StringBuilder();
        text.append(capitalise(kindLabel))
                .append(" from ")
                .append(publisher)
                .append(" offering ")
                .append(two(OFFERS, random))
                .append(" for ")
                .append(pick(READERS, random))
                .append(".");
        text.append(" Topics include ").append(list(domains));
        if (!issues.isEmpty()) {
            text.append(", with a focus on ").append(list(issues));
        }
        text.append(".");
        if (random.nextInt(2) == 0) {
            text.append(" Written for ")
                    .append(pick(READERS, random))
                    .append(" dealing with ")
                    .append(pick(PROBLEMS, random))
                    .append(".");
        }
        return text.toString();
    }

    /** What was done in a best-practice case: three to five sentences. */
    static String caseDescription(
            String partnership, List<String> others, List<String> domains, SplittableRandom random) {
        StringBuilder text = new StringBuilder();
        text.append(pick(OPENERS, random))
                .append(" ")
                .append(pick(SOURCES, random))
                .append(", the ")
                .append(partnership)
                .append(" found ")
                .append(two(PROBLEMS, random))
                .append(" in its work on ")
                .append(list(domains))
                .append(".");
        if (!others.isEmpty()) {
            text.append(" It mapped its membership against the ")
                    .append(list(others))
                    .append(" and found the same officers on each board.");
        }
        text.append(" Partners agreed ")
                .append(two(METHODS, random))
                .append(", with ")
                .append(pick(GROUPS, random))
                .append(" as the first priority.");
        if (random.nextInt(2) == 0) {
            text.append(" The accountable body kept the money while ")
                    .append(pick(READERS, random))
                    .append(" took on the day-to-day work.");
        }
        return text.toString();
    }

    /** What a best-practice case achieved. */
    static String caseOutcome(SplittableRandom random) {
        String first = pick(RESULTS, random);
        String second = pick(RESULTS, random);
        return capitalise(first) + (first.equals(second) ? "." : ", and " + second + ".");
    }

    /** Lower-cases the first letter of a concept label unless it starts an acronym. */
    static String lower(String label) {
        if (label.length() > 1 && Character.isUpperCase(label.charAt(1))) {
            return label;
        }
        return label.substring(0, 1).toLowerCase(Locale.ROOT) + label.substring(1);
    }

    static String capitalise(String text) {
        return text.substring(0, 1).toUpperCase(Locale.ROOT) + text.substring(1);
    }

    /** "a, b and c". */
    static String list(List<String> items) {
        if (items.size() == 1) {
            return items.get(0);
        }
        return String.join(", ", items.subList(0, items.size() - 1)) + " and " + items.get(items.size() - 1);
    }

    private static String article(String word) {
        return "aeiouAEIOU".indexOf(word.charAt(0)) >= 0 ? "an" : "a";
    }

    /** Two different phrases: "a and b". */
    private static String two(List<String> list, SplittableRandom random) {
        int first = random.nextInt(list.size());
        int second = (first + 1 + random.nextInt(list.size() - 1)) % list.size();
        return list.get(first) + " and " + list.get(second);
    }

    private static <T> T pick(List<T> list, SplittableRandom random) {
        return Names.pick(list, random);
    }
}
