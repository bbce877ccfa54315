package org.partnershipatlas.loaders.generate;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.partnershipatlas.loaders.generate.Schemes.Concept;

/**
 * The concepts the generator uses, taken from the schemes, and the few hints that make the data look like the
 * period: which problem domains each kind of partnership works on, which kinds of organisation sit on partnerships
 * in each domain, who usually holds the money. Hints name concepts by slug; a hint the schemes do not have is
 * ignored, so a change to a scheme can make the data plainer but never invalid. Only the concepts the generator
 * cannot do without (the umbrella type with notation "LSP", the chair, accountable-body and member roles, the three
 * sectors and the council kind) are required.
 */
final class Vocabulary {
    /** Weights of the authority types by GSS prefix, roughly as many as England had. */
    private static final Map<String, Integer> AUTHORITY_WEIGHTS = Map.of("E06", 16, "E07", 70, "E08", 10, "E09", 10);

    private static final Map<String, List<String>> TYPE_DOMAINS = Map.ofEntries(
            Map.entry("cdrp", List.of("crime-and-community-safety")),
            Map.entry("dat", List.of("substance-misuse", "crime-and-community-safety")),
            Map.entry("yot", List.of("crime-and-community-safety", "children-and-young-people")),
            Map.entry("haz", List.of("health")),
            Map.entry("eaz", List.of("education-and-skills")),
            Map.entry("sure-start", List.of("children-and-young-people")),
            Map.entry("connexions", List.of("children-and-young-people", "education-and-skills")),
            Map.entry("employment-zone", List.of("employment")),
            Map.entry("ndc", List.of("regeneration", "housing", "employment")),
            Map.entry("childrens-fund", List.of("children-and-young-people")),
            Map.entry("eydcp", List.of("children-and-young-people", "education-and-skills")),
            Map.entry("learning-partnership", List.of("education-and-skills", "employment")),
            Map.entry("srb", List.of("regeneration", "employment")),
            Map.entry("clsp", List.of("social-inclusion")),
            Map.entry("neighbourhood-management", List.of("regeneration", "environment", "housing")),
            Map.entry("community-empowerment-network", List.of("regeneration", "social-inclusion")));

    private static final Map<String, List<String>> TYPE_LEADS = Map.of(
            "haz", List.of("health-authority", "primary-care-trust"),
            "dat", List.of("primary-care-trust", "council"),
            "connexions", List.of("careers-service", "council"),
            "employment-zone", List.of("employment-service"),
            "learning-partnership", List.of("college", "learning-and-skills-council"),
            "childrens-fund", List.of("voluntary-organisation", "council"),
            "community-empowerment-network", List.of("voluntary-organisation"));

    private static final Map<String, Set<String>> DOMAIN_KINDS = Map.ofEntries(
            Map.entry(
                    "crime-and-community-safety",
                    Set.of(
                            "police-force",
                            "police-authority",
                            "probation-service",
                            "youth-offending-service",
                            "fire-authority",
                            "community-group")),
            Map.entry(
                    "substance-misuse", Set.of("primary-care-trust", "police-force", "probation-service", "nhs-trust")),
            Map.entry("health", Set.of("primary-care-trust", "health-authority", "nhs-trust")),
            Map.entry(
                    "education-and-skills",
                    Set.of("school", "college", "university", "learning-and-skills-council", "careers-service")),
            Map.entry(
                    "employment",
                    Set.of(
                            "employment-service",
                            "learning-and-skills-council",
                            "business",
                            "business-association",
                            "college",
                            "regional-development-agency")),
            Map.entry(
                    "regeneration",
                    Set.of(
                            "business-association",
                            "housing-association",
                            "community-group",
                            "regional-development-agency",
                            "faith-group")),
            Map.entry("housing", Set.of("housing-association", "community-group")),
            Map.entry(
                    "children-and-young-people",
                    Set.of("school", "primary-care-trust", "careers-service", "youth-offending-service")),
            Map.entry("older-people", Set.of("primary-care-trust", "housing-association", "nhs-trust")),
            Map.entry(
                    "social-inclusion",
                    Set.of("voluntary-organisation", "community-group", "faith-group", "charitable-foundation")),
            Map.entry("environment", Set.of("community-group", "business")),
            Map.entry("transport", Set.of("business", "business-association")));

    final Schemes schemes;
    final Concept umbrellaType;
    final List<Concept> otherTypes;
    final Concept accountableBody;
    final Concept chair;
    final Concept member;
    final Concept responsibleAuthority;
    final Concept observer;
    final List<Concept> occasionalRoles;
    final List<Concept> authorityTypes;
    final List<Integer> authorityWeights;
    /** Problem domains by top concept: the top concept first, then its narrower ones. */
    final Map<String, List<Concept>> families;

    final List<Concept> workingIssues;
    final List<Concept> localDocumentKinds;
    final List<Concept> nationalGuidanceKinds;
    final List<Concept> resourceKinds;

    Vocabulary(Schemes schemes) {
        this.schemes = schemes;
        this.umbrellaType = schemes.of("partnership-type").stream()
                .filter(c -> "LSP".equals(c.notation()))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException(
                        "The generator needs a partnership type with notation \"LSP\", which the schemes lack"));
        this.otherTypes = schemes.of("partnership-type").stream()
                .filter(c -> c != umbrellaType)
                .toList();
        if (otherTypes.isEmpty()) {
            throw new IllegalArgumentException("The schemes have no partnership type besides the LSP");
        }
        this.accountableBody = schemes.require("role", "accountable-body");
        this.chair = schemes.require("role", "chair");
        this.member = schemes.require("role", "member");
        this.responsibleAuthority =
                schemes.find("role", "responsible-authority").orElse(null);
        this.observer = schemes.find("role", "observer").orElse(member);
        this.occasionalRoles = schemes.of("role").stream()
                .filter(c -> c != accountableBody && c != chair && c != member && c != responsibleAuthority)
                .toList();
        schemes.require("sector", "public");
        schemes.require("sector", "voluntary-community");
        schemes.require("sector", "private");
        schemes.require("organisation-kind", "council");

        this.authorityTypes = schemes.of("authority-type").stream()
                .filter(c -> c.notation() != null && c.notation().matches("E0[6-9]"))
                .toList();
        if (authorityTypes.isEmpty()) {
            throw new IllegalArgumentException(
                    "The generator needs authority types with the GSS prefixes E06-E09 as notations");
        }
        this.authorityWeights = authorityTypes.stream()
                .map(c -> AUTHORITY_WEIGHTS.getOrDefault(c.notation(), 10))
                .toList();

        this.families = new LinkedHashMap<>();
        List<Concept> domains = schemes.of("problem-domain");
        for (Concept c : domains) {
            if (c.broader() == null) {
                families.put(c.slug(), new ArrayList<>(List.of(c)));
            }
        }
        for (Concept c : domains) {
            if (c.broader() != null && families.containsKey(c.broader())) {
                families.get(c.broader()).add(c);
            }
        }

        this.workingIssues = schemes.of("working-issue");
        this.localDocumentKinds = schemes.preferring(
                "resource-kind", List.of("strategy", "report", "evaluation", "guidance", "management-paper"));
        this.nationalGuidanceKinds = schemes.preferring(
                "resource-kind", List.of("guidance", "circular", "strategy", "consultation-paper", "report"));
        this.resourceKinds = schemes.preferring(
                "resource-kind", List.of("toolkit", "website", "network", "research", "book", "knowledge-base"));
    }

    /** The top domains a partnership type works on, as far as the schemes have them (maybe none). */
    List<String> familiesOf(Concept type) {
        return TYPE_DOMAINS.getOrDefault(type.slug(), List.of()).stream()
                .filter(families::containsKey)
                .toList();
    }

    /** Kinds of organisation that usually hold the money of this type of partnership, best first. */
    List<String> leadKinds(Concept type) {
        return TYPE_LEADS.getOrDefault(type.slug(), List.of("council"));
    }

    /** Whether an organisation of this kind is usually found on partnerships in that family of domains. */
    static boolean relevant(String kind, String family) {
        return DOMAIN_KINDS.getOrDefault(family, Set.of()).contains(kind);
    }

    /** True if the organisation kind exists in the schemes. */
    boolean hasKind(String kind) {
        return schemes.find("organisation-kind", kind).isPresent();
    }
}
