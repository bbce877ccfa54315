package org.partnershipatlas.loaders.generate;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.partnershipatlas.loaders.generate.Organisations.Body;
import org.partnershipatlas.loaders.generate.Organisations.Org;
import org.partnershipatlas.loaders.generate.Organisations.Template;
import org.partnershipatlas.loaders.generate.Schemes.Concept;

/**
 * Makes up the records and writes them: first the national and regional bodies with national guidance and
 * resources, then one locality at a time with its organisations, partnerships, memberships, local documents,
 * resources and cases. Only the current locality and its area are held in memory. Every locality draws from its
 * own random stream, derived from the seed and its number.
 */
final class Synthesiser {
    /** Chance (per cent) that a partnership publishes an annual report in a year it runs: the main size knob. */
    static final int ANNUAL_REPORT_PERCENT = 90;

    private static final long LOCALITY = 0x1F0C_A117_0000_0001L;
    private static final long AREA = 0x2A2E_A000_0000_0002L;
    private static final long NATIONAL = 0x3DA7_1000_0000_0003L;
    private static final long RESOURCE = 0x4E50_0000_0000_0004L;

    private final Vocabulary vocabulary;
    private final Tables tables;
    private final Names names;
    private final long seed;
    private final int localities;
    private final int perLocality;

    private final int[] gss;
    private final List<Org> governmentOffices = new ArrayList<>();
    private final List<Org> developmentAgencies = new ArrayList<>();

    private int areaIndex = -1;
    private int areaFirst;
    private int areaEnd;
    private List<String> areaLocalities = List.of();
    private List<Org> areaOrgs = List.of();

    Synthesiser(Vocabulary vocabulary, Tables tables, long seed, int localities, int perLocality) {
        this.vocabulary = vocabulary;
        this.tables = tables;
        this.names = new Names(seed);
        this.seed = seed;
        this.localities = localities;
        this.perLocality = perLocality;
        this.gss = new int[vocabulary.authorityTypes.size()];
        SplittableRandom start = random(AREA, -1);
        for (int t = 0; t < gss.length; t++) {
            gss[t] = 100 + start.nextInt(400);
        }
    }

    // ---- National ------------------------------------------------------------------------------------------

    /** National and regional bodies, national guidance and national resources. */
    void national() {
        List<Org> government = new ArrayList<>();
        List<Org> others = new ArrayList<>();
        for (Body body : Organisations.NATIONAL) {
            if (!vocabulary.hasKind(body.kind())) {
                continue;
            }
            String parent = body.parent() != null
                            && Organisations.NATIONAL.stream()
                                    .anyMatch(b -> b.id().equals(body.parent()) && vocabulary.hasKind(b.kind()))
                    ? body.parent()
                    : null;
            Org org = organisation(body.id(), body.name(), body.altName(), body.kind(), body.sector(), "", parent, "");
            (body.publisher() ? government : others).add(org);
        }
        for (List<String> region : Organisations.REGIONS) {
            String name = region.get(0);
            String office = "Government Office for "
                    + (name.equals("London") || name.startsWith("Yorkshire") ? "" : "the ") + name;
            if (vocabulary.hasKind("government-unit")) {
                governmentOffices.add(organisation(
                        Names.slug(office),
                        office,
                        "GO " + name,
                        "government-unit",
                        Organisations.PUBLIC,
                        "",
                        vocabulary.hasKind("government-department") ? "odpm" : null,
                        ""));
            }
            if (vocabulary.hasKind("regional-development-agency")) {
                developmentAgencies.add(organisation(
                        Names.slug(region.get(1)),
                        region.get(1),
                        null,
                        "regional-development-agency",
                        Organisations.PUBLIC,
                        "",
                        null,
                        ""));
            }
        }
        if (government.isEmpty()) {
            government.add(governmentOffices.isEmpty() ? others.get(0) : governmentOffices.get(0));
        }
        if (others.isEmpty()) {
            others.addAll(government);
        }
        int guidance = 30 + localities / 5;
        for (int j = 0; j < guidance; j++) {
            nationalGuidance(j, government, random(NATIONAL, j));
        }
        int resources = 20 + localities / 10;
        for (int j = 0; j < resources; j++) {
            SplittableRandom random = random(RESOURCE, j);
            Org publisher = Names.pick(others, random);
            resource("national-" + (j + 1), "", publisher, random);
        }
    }

    private void nationalGuidance(int j, List<Org> publishers, SplittableRandom random) {
        Concept kind = Names.pick(vocabulary.nationalGuidanceKinds, random);
        List<Concept> domains = domains(List.of(), 1 + random.nextInt(3), random);
        List<Concept> issues = issues(1 + random.nextInt(3), random);
        int year = 1998 + random.nextInt(7);
        String topic = domains.get(0).label();
        String title = switch (kind.slug()) {
            case "guidance" -> topic + ": guidance for local partnerships";
            case "circular" -> "Circular " + (j + 1) + "/" + two(year) + ": " + Prose.lower(topic) + " partnerships";
            case "strategy" -> "A national strategy for " + Prose.lower(topic);
            case "consultation-paper" -> topic + " in partnership: a consultation paper";
            case "report" -> topic + " partnerships: a progress report";
            default -> kind.label() + ": " + Prose.lower(topic) + " and local partnerships";
        };
        String id = Names.slug(title) + "-" + (j + 1);
        List<String> publisher = new ArrayList<>();
        publisher.add(Names.pick(publishers, random).id());
        if (random.nextInt(4) == 0) {
            String second = Names.pick(publishers, random).id();
            if (!publisher.contains(second)) {
                publisher.add(second);
            }
        }
        tables.guidance
                .row()
                .set("id", id)
                .set("title", title)
                .set("publisher", publisher)
                .set("issued", year + "-" + month(random))
                .set("kind", kind.slug())
                .set("domains", slugs(domains))
                .set("working_issues", slugs(issues))
                .set("government", "true")
                .set("identifier", kind.slug().equals("circular") ? "Circular " + (j + 1) + "/" + two(year) : "")
                .set("description", Prose.nationalGuidance(kind.label(), labels(domains), labels(issues), random))
                .set(
                        "url",
                        random.nextInt(2) == 0 ? "http://www." + publisher.get(0) + ".gov.uk/pubs/" + id + ".pdf" : "")
                .set("illustrative", "true")
                .write();
    }

    // ---- Localities ----------------------------------------------------------------------------------------

    /** Locality {@code i} with everything in it. */
    void locality(int i) {
        if (i >= areaEnd) {
            startArea(i);
        }
        SplittableRandom random = random(LOCALITY, i);
        String name = names.locality(i);
        String slug = Names.slug(name);
        int t = weighted(vocabulary.authorityWeights, random);
        Concept authority = vocabulary.authorityTypes.get(t);
        gss[t] += 1 + random.nextInt(9);
        tables.localities
                .row()
                .set("id", slug)
                .set("name", name)
                .set("gss_code", authority.notation() + String.format(Locale.ROOT, "%06d", gss[t]))
                .set("authority_type", authority.slug())
                .write();
        Locality locality = new Locality(i, slug, name, Names.wards(name, random), random);
        locality.organisations(authority);
        locality.partnerships();
        locality.resources();
        locality.cases();
    }

    private void startArea(int first) {
        areaIndex++;
        SplittableRandom random = random(AREA, areaIndex);
        areaFirst = first;
        areaEnd = Math.min(localities, first + 5 + random.nextInt(6));
        List<String> members = new ArrayList<>();
        for (int j = first; j < areaEnd; j++) {
            members.add(Names.slug(names.locality(j)));
        }
        areaLocalities = members;
        String area = names.area(areaIndex);
        String areaSlug = Names.slug(area);
        List<Org> orgs = new ArrayList<>();
        for (Template template : Organisations.AREA) {
            if (!vocabulary.hasKind(template.kind())) {
                continue;
            }
            String orgName = Names.pick(template.names(), random).replace("{L}", area);
            orgs.add(organisation(
                    areaSlug + "-" + template.kind(),
                    orgName,
                    null,
                    template.kind(),
                    template.sector(),
                    String.join(";", members),
                    null,
                    random.nextInt(3) == 0 ? "http://www." + areaSlug + "-" + template.kind() + ".gov.uk/" : ""));
        }
        areaOrgs = orgs;
    }

    /** One locality being written: its organisations and partnerships are kept until it is done. */
    private final class Locality {
        private final int index;
        private final String slug;
        private final String name;
        private final List<String> wards;
        private final SplittableRandom random;
        private final List<Org> orgs = new ArrayList<>();
        private final List<Org> pool = new ArrayList<>();
        private final List<Partnership> partnerships = new ArrayList<>();
        private final Map<String, Integer> typeCounts = new HashMap<>();
        private final List<List<Partnership>> clusters = new ArrayList<>();
        private Org council;
        private int wardCursor;

        Locality(int index, String slug, String name, List<String> wards, SplittableRandom random) {
            this.index = index;
            this.slug = slug;
            this.name = name;
            this.wards = wards;
            this.random = random;
        }

        // -- organisations

        void organisations(Concept authority) {
            String councilName = switch (authority.notation()) {
                case "E09" -> "London Borough of " + name;
                case "E08" -> name + (random.nextInt(3) == 0 ? " City Council" : " Metropolitan Borough Council");
                case "E07" -> name + (random.nextInt(2) == 0 ? " District Council" : " Borough Council");
                default -> name + (random.nextInt(3) == 0 ? " City Council" : " Council");
            };
            council = organisation(
                    slug + "-council",
                    councilName,
                    councilName.equals(name + " Council") ? null : name + " Council",
                    "council",
                    Organisations.PUBLIC,
                    slug,
                    null,
                    "http://www." + slug.replace("-", "") + ".gov.uk/");
            orgs.add(council);
            for (Template template : Organisations.LOCAL) {
                if (!vocabulary.hasKind(template.kind())) {
                    continue;
                }
                int count = template.min() + random.nextInt(template.max() - template.min() + 1);
                List<String> patterns = Names.shuffled(template.names(), random);
                for (int k = 0; k < count; k++) {
                    String orgName = patterns.get(k % patterns.size())
                            .replace("{L}", name)
                            .replace("{W}", ward())
                            .replace("{S}", Names.surname(random))
                            .replace("{F}", Names.firm(random));
                    String id = slug + "-" + template.kind() + (k == 0 ? "" : "-" + (k + 1));
                    boolean partOfCouncil = template.kind().equals("youth-offending-service")
                            || template.kind().equals("school");
                    orgs.add(organisation(
                            id,
                            orgName,
                            null,
                            template.kind(),
                            template.sector(),
                            slug,
                            partOfCouncil ? council.id() : null,
                            random.nextInt(4) == 0 ? "http://www." + id + ".org.uk/" : ""));
                }
            }
            pool.addAll(orgs);
            pool.addAll(areaOrgs);
            int region = areaIndex % Organisations.REGIONS.size();
            if (!governmentOffices.isEmpty()) {
                pool.add(governmentOffices.get(region % governmentOffices.size()));
            }
            if (!developmentAgencies.isEmpty()) {
                pool.add(developmentAgencies.get(region % developmentAgencies.size()));
            }
        }

        private String ward() {
            return wards.get(wardCursor++ % wards.size());
        }

        // -- partnerships

        void partnerships() {
            List<Concept> slots = new ArrayList<>();
            List<Integer> clusterOf = new ArrayList<>();
            slots.add(vocabulary.umbrellaType);
            clusterOf.add(-1);
            int others = perLocality - 1;
            int clusterCount = others >= 3 ? Math.max(1, others / 15) : (others == 2 ? 1 : 0);
            List<String> clusterFamilies = new ArrayList<>();
            for (int c = 0; c < clusterCount && others - (slots.size() - 1) >= 2; c++) {
                int size = Math.min(others - (slots.size() - 1), 3 + random.nextInt(3));
                Concept first = Names.pick(vocabulary.otherTypes, random);
                List<String> families = vocabulary.familiesOf(first);
                String family = families.isEmpty()
                        ? Names.pick(new ArrayList<>(vocabulary.families.keySet()), random)
                        : Names.pick(families, random);
                List<Concept> candidates = vocabulary.otherTypes.stream()
                        .filter(type -> vocabulary.familiesOf(type).contains(family))
                        .toList();
                if (candidates.isEmpty()) {
                    candidates = List.of(first);
                }
                clusterFamilies.add(family);
                for (int s = 0; s < size; s++) {
                    slots.add(Names.pick(candidates, random));
                    clusterOf.add(c);
                }
            }
            List<Concept> firstOfEach = Names.shuffled(vocabulary.otherTypes, random);
            for (int k = 0; slots.size() < perLocality; k++) {
                slots.add(k < firstOfEach.size() ? firstOfEach.get(k) : Names.pick(vocabulary.otherTypes, random));
                clusterOf.add(-1);
            }

            List<Concept> coreDomains = new ArrayList<>();
            List<Org> coreMembers = new ArrayList<>();
            int currentCluster = -1;
            Partnership umbrella = null;
            for (int s = 0; s < slots.size(); s++) {
                Concept type = slots.get(s);
                int cluster = clusterOf.get(s);
                if (cluster >= 0 && cluster != currentCluster) {
                    currentCluster = cluster;
                    clusters.add(new ArrayList<>());
                    String family = clusterFamilies.get(cluster);
                    coreDomains = sample(
                            vocabulary.families.get(family),
                            Math.min(vocabulary.families.get(family).size(), 2 + random.nextInt(2)),
                            random);
                    if (coreDomains.size() < 2) {
                        coreDomains = new ArrayList<>(coreDomains);
                        for (Concept extra : domains(List.of(), 2, random)) {
                            if (coreDomains.size() < 2 && !coreDomains.contains(extra)) {
                                coreDomains.add(extra);
                            }
                        }
                    }
                    coreMembers = new ArrayList<>();
                    coreMembers.add(lead(type));
                    addMembers(coreMembers, 4 + random.nextInt(3), List.of(family));
                }
                Partnership p = cluster >= 0
                        ? partnership(type, umbrella, coreDomains, coreMembers)
                        : partnership(type, umbrella, null, null);
                if (s == 0) {
                    umbrella = p;
                }
                if (cluster >= 0) {
                    clusters.get(cluster).add(p);
                }
                partnerships.add(p);
            }
        }

        private Partnership partnership(
                Concept type, Partnership umbrella, List<Concept> coreDomains, List<Org> coreMembers) {
            boolean isUmbrella = umbrella == null;
            int k = typeCounts.merge(type.slug(), 1, Integer::sum);
            String id = slug + "-" + type.slug() + (k == 1 ? "" : "-" + k);
            String place = name;
            if (k > 1) {
                int w = (k - 2 + 7 * vocabulary.otherTypes.indexOf(type)) % wards.size();
                int round = (k - 2) / wards.size();
                place = wards.get(Math.floorMod(w, wards.size())) + (round == 0 ? "" : " " + (round + 1));
            }
            String pName = place + " " + type.label();
            List<String> altNames = new ArrayList<>();
            if (type.notation() != null) {
                altNames.add(place + " " + type.notation());
            }

            List<String> families = vocabulary.familiesOf(type);
            List<Concept> domains;
            List<Org> members;
            if (isUmbrella) {
                domains = domains(List.of(), 3 + random.nextInt(2), random);
                members = new ArrayList<>();
                members.add(council);
                addMembers(members, 10 + random.nextInt(3), List.of());
            } else if (coreDomains != null) {
                domains = new ArrayList<>(coreDomains);
                if (domains.size() < 4 && random.nextInt(5) < 2) {
                    for (Concept extra : domains(families, 1, random)) {
                        if (!domains.contains(extra)) {
                            domains.add(extra);
                        }
                    }
                }
                members = new ArrayList<>(coreMembers);
                addMembers(members, Math.min(12, members.size() + random.nextInt(4)), families);
            } else {
                domains = domains(families, 1 + weighted(List.of(20, 35, 30, 15), random), random);
                members = new ArrayList<>();
                members.add(lead(type));
                addMembers(
                        members,
                        3 + Math.max(random.nextInt(10), Math.max(random.nextInt(10), random.nextInt(10))),
                        families);
            }

            int from = Math.max(1998, Math.min(2004, type.mandateYear()));
            int startYear = from >= 2003 ? from : from + random.nextInt(2004 - from);
            String start = date(startYear, random);
            int endYear = 0;
            if (!isUmbrella && startYear < 2004 && random.nextInt(100) < 12) {
                endYear = startYear + 1 + random.nextInt(2004 - startYear);
            }
            String end = endYear == 0 ? "" : endYear + "-" + month(random);

            List<String> spatial = new ArrayList<>(List.of(slug));
            if (!isUmbrella && coreDomains == null && random.nextInt(100) < 5) {
                if (index + 1 < areaEnd) {
                    spatial.add(areaLocalities.get(index + 1 - areaFirst));
                }
            }
            tables.partnerships
                    .row()
                    .set("id", id)
                    .set("name", pName)
                    .set("alt_name", altNames)
                    .set("type", type.slug())
                    .set("localities", spatial)
                    .set("umbrella", isUmbrella ? "" : umbrella.id())
                    .set("domains", slugs(domains))
                    .set("purpose", Prose.purpose(type.label(), place, labels(domains), isUmbrella, random))
                    .set("start_date", start)
                    .set("end_date", end)
                    .set("homepage", random.nextInt(10) < 3 ? "http://www." + id + ".org.uk/" : "")
                    .set("illustrative", "true")
                    .write();
            Partnership p = new Partnership(id, pName, type, domains, members, startYear, endYear);
            memberships(p, start, end);
            documents(p);
            return p;
        }

        private void memberships(Partnership p, String start, String end) {
            boolean statutory = p.type().statutory() && vocabulary.responsibleAuthority != null;
            Org lead = p.members().get(0);
            int chairAt =
                    random.nextInt(2) == 0 ? 0 : 1 + random.nextInt(p.members().size() - 1);
            int last = p.endYear() == 0 ? 2004 : p.endYear() - 1;
            for (int m = 0; m < p.members().size(); m++) {
                Org org = p.members().get(m);
                List<Concept> roles = new ArrayList<>();
                if (m == 0) {
                    roles.add(vocabulary.accountableBody);
                    if (statutory) {
                        roles.add(vocabulary.responsibleAuthority);
                    }
                }
                if (m == chairAt) {
                    roles.add(vocabulary.chair);
                } else if (m > 0) {
                    if (governmentOffices.contains(org) || developmentAgencies.contains(org)) {
                        roles.add(vocabulary.observer);
                    } else if (statutory
                            && org.sector().equals(Organisations.PUBLIC)
                            && relevant(org, p.type())
                            && random.nextInt(2) == 0) {
                        roles.add(vocabulary.responsibleAuthority);
                    } else if (!vocabulary.occasionalRoles.isEmpty() && random.nextInt(10) == 0) {
                        roles.add(Names.pick(vocabulary.occasionalRoles, random));
                    } else {
                        roles.add(vocabulary.member);
                    }
                }
                String joined = start;
                int joinedYear = p.startYear();
                if (m > 0 && m != chairAt && random.nextInt(10) < 3 && last > p.startYear()) {
                    joinedYear = p.startYear() + 1 + random.nextInt(last - p.startYear());
                    joined = joinedYear + "-" + month(random);
                }
                String left = end;
                if (left.isEmpty() && joinedYear < 2004 && random.nextInt(100) < 8) {
                    left = (joinedYear + 1 + random.nextInt(2004 - joinedYear)) + "-" + month(random);
                }
                for (Concept role : new LinkedHashSet<>(roles)) {
                    tables.memberships
                            .row()
                            .set("partnership", p.id())
                            .set("member", org.id())
                            .set("role", role.slug())
                            .set("start_date", joined)
                            .set("end_date", left)
                            .set("illustrative", "true")
                            .write();
                }
            }
        }

        /**
         * The partnership's own papers: a strategy when it starts, an annual report for most years it runs, and now
         * and then terms of reference, an evaluation or a guide for partners.
         */
        private void documents(Partnership p) {
            int last = p.endYear() == 0 ? 2004 : p.endYear();
            List<String> kinds = new ArrayList<>();
            List<Integer> years = new ArrayList<>();
            kinds.add("strategy");
            years.add(p.startYear());
            if (random.nextInt(10) < 3) {
                kinds.add("management-paper");
                years.add(p.startYear());
            }
            for (int y = p.startYear() + 1; y <= last; y++) {
                if (random.nextInt(100) < ANNUAL_REPORT_PERCENT) {
                    kinds.add("report");
                    years.add(y);
                }
            }
            if (random.nextInt(10) < 3) {
                kinds.add("evaluation");
                years.add(Math.min(last, p.startYear() + 1 + random.nextInt(3)));
            }
            if (random.nextInt(10) < 2) {
                kinds.add("guidance");
                years.add(p.startYear() + random.nextInt(last - p.startYear() + 1));
            }
            for (int d = 0; d < kinds.size(); d++) {
                Concept kind = vocabulary
                        .schemes
                        .find("resource-kind", kinds.get(d))
                        .filter(vocabulary.localDocumentKinds::contains)
                        .orElseGet(() -> Names.pick(vocabulary.localDocumentKinds, random));
                int year = years.get(d);
                List<Concept> domains = sample(
                        p.domains(), 1 + random.nextInt(Math.min(3, p.domains().size())), random);
                List<Concept> issues = issues(1 + random.nextInt(4), random);
                String title = switch (kind.slug()) {
                    case "strategy" ->
                        p.name() + ": " + Prose.lower(domains.get(0).label()) + " strategy " + year + "-"
                                + two(year + 3);
                    case "report" -> p.name() + " annual report " + (year - 1) + "-" + two(year);
                    case "evaluation" -> "Evaluation of the " + p.name() + ", " + year;
                    case "guidance" -> p.name() + ": a guide for partners";
                    case "management-paper" -> p.name() + ": terms of reference and working protocol";
                    default -> p.name() + ": " + kind.label() + " " + year;
                };
                List<String> publishers =
                        new ArrayList<>(List.of(p.members().get(0).id()));
                if (random.nextInt(10) < 3 && p.members().size() > 1) {
                    publishers.add(p.members()
                            .get(1 + random.nextInt(p.members().size() - 1))
                            .id());
                }
                String id = p.id() + "-" + kind.slug() + "-" + (d + 1);
                tables.guidance
                        .row()
                        .set("id", id)
                        .set("title", title)
                        .set("publisher", publishers)
                        .set("issued", year + "-" + month(random))
                        .set("kind", kind.slug())
                        .set("domains", slugs(domains))
                        .set("working_issues", slugs(issues))
                        .set("government", "false")
                        .set(
                                "description",
                                Prose.localDocument(kind.label(), p.name(), labels(domains), labels(issues), random))
                        .set(
                                "url",
                                random.nextInt(10) < 4
                                        ? "http://www." + slug.replace("-", "") + ".gov.uk/partnerships/" + id + ".pdf"
                                        : "")
                        .set("illustrative", "true")
                        .write();
            }
        }

        private boolean relevant(Org org, Concept type) {
            return vocabulary.familiesOf(type).stream().anyMatch(f -> Vocabulary.relevant(org.kind(), f));
        }

        /** The organisation that holds the money: the first of the type's usual lead kinds in this locality. */
        private Org lead(Concept type) {
            for (String kind : vocabulary.leadKinds(type)) {
                for (Org org : pool) {
                    if (org.kind().equals(kind)) {
                        return org;
                    }
                }
            }
            return council;
        }

        /** Adds organisations from the pool until there are {@code target}, favouring kinds that fit the domains. */
        private void addMembers(List<Org> members, int target, List<String> families) {
            List<Org> candidates = new ArrayList<>(pool);
            candidates.removeAll(members);
            List<Integer> weights = new ArrayList<>();
            for (Org org : candidates) {
                int w = 2;
                for (String family : families) {
                    if (Vocabulary.relevant(org.kind(), family)) {
                        w += 8;
                        break;
                    }
                }
                if (org.kind().equals("council") || org.kind().equals("voluntary-organisation")) {
                    w += 4;
                }
                weights.add(w);
            }
            while (members.size() < target && !candidates.isEmpty()) {
                int i = weighted(weights, random);
                members.add(candidates.remove(i));
                weights.remove(i);
            }
        }

        // -- resources and cases

        void resources() {
            int count = 1 + perLocality / 5;
            List<Org> voluntary = orgs.stream()
                    .filter(o -> o.sector().equals(Organisations.VOLUNTARY))
                    .toList();
            for (int k = 1; k <= count; k++) {
                Org publisher = voluntary.isEmpty() ? council : Names.pick(voluntary, random);
                resource(slug + "-" + k, name, publisher, random);
            }
        }

        void cases() {
            int count = Math.max(1, perLocality / 4);
            Concept rationalisation = vocabulary
                    .schemes
                    .find("working-issue", "rationalisation-and-exit")
                    .orElse(null);
            for (int k = 0; k < count; k++) {
                Partnership p;
                List<String> others = new ArrayList<>();
                if (k < clusters.size()) {
                    List<Partnership> cluster = clusters.get(k);
                    p = cluster.get(0);
                    cluster.subList(1, cluster.size()).forEach(o -> others.add(o.name()));
                } else {
                    p = partnerships.size() == 1
                            ? partnerships.get(0)
                            : partnerships.get(1 + random.nextInt(partnerships.size() - 1));
                }
                List<Concept> issues = new ArrayList<>(issues(1 + random.nextInt(3), random));
                if (!others.isEmpty() && rationalisation != null && !issues.contains(rationalisation)) {
                    issues.add(0, rationalisation);
                }
                String topic = Prose.lower(p.domains().get(0).label());
                String title = switch (random.nextInt(5)) {
                    case 0 -> "Joining up work on " + topic + " in " + name;
                    case 1 -> "How the " + p.name() + " shared its board";
                    case 2 ->
                        others.isEmpty()
                                ? "A single plan for " + topic + " in " + name
                                : "One board instead of " + (others.size() + 1) + " in " + name;
                    case 3 -> "Lessons from the " + p.name();
                    default -> capitalise(topic) + ": what worked in " + name;
                };
                int issued = Math.min(2004, p.startYear() + 1 + random.nextInt(3));
                tables.cases
                        .row()
                        .set("id", slug + "-case-" + (k + 1))
                        .set("title", title)
                        .set("partnership", p.id())
                        .set("partnership_type", p.type().slug())
                        .set("localities", slug)
                        .set("domains", slugs(p.domains()))
                        .set("working_issues", slugs(issues))
                        .set("description", Prose.caseDescription(p.name(), others, labels(p.domains()), random))
                        .set("outcome", Prose.caseOutcome(random))
                        .set("issued", issued + "-" + month(random))
                        .set("illustrative", "true")
                        .write();
            }
        }
    }

    /** A partnership as the rest of its locality needs it. */
    private record Partnership(
            String id,
            String name,
            Concept type,
            List<Concept> domains,
            List<Org> members,
            int startYear,
            int endYear) {}

    // ---- Shared pieces -------------------------------------------------------------------------------------

    private void resource(String key, String place, Org publisher, SplittableRandom random) {
        Concept kind = Names.pick(vocabulary.resourceKinds, random);
        List<Concept> domains = domains(List.of(), 1 + random.nextInt(3), random);
        List<Concept> issues = issues(1 + random.nextInt(3), random);
        String topic = domains.get(0).label();
        String where = place.isEmpty() ? "" : " in " + place;
        String title = switch (kind.slug()) {
            case "toolkit" -> topic + ": a toolkit for partnerships" + where;
            case "website" -> topic + " online" + where;
            case "network" -> topic + " network" + where;
            case "research" -> topic + ": what residents told us" + where;
            case "book" -> "Working together on " + Prose.lower(topic) + where;
            case "knowledge-base" -> "Partnership knowledge base: " + Prose.lower(topic) + where;
            default -> kind.label() + ": " + Prose.lower(topic) + where;
        };
        List<String> creators = new ArrayList<>();
        for (int c = random.nextInt(3); c > 0; c--) {
            creators.add(Names.person(random));
        }
        tables.resources
                .row()
                .set("id", Names.slug(kind.slug() + "-" + key))
                .set("title", title)
                .set("kind", kind.slug())
                .set("creator", creators)
                .set("publisher", publisher.id())
                .set("issued", (1998 + random.nextInt(7)) + "-" + month(random))
                .set("domains", slugs(domains))
                .set("working_issues", slugs(issues))
                .set(
                        "description",
                        Prose.resource(kind.label(), publisher.name(), labels(domains), labels(issues), random))
                .set(
                        "url",
                        random.nextInt(2) == 0 ? "http://www." + publisher.id() + ".org.uk/" + kind.slug() + "/" : "")
                .set("illustrative", "true")
                .write();
    }

    private Org organisation(
            String id,
            String name,
            String altName,
            String kind,
            String sector,
            String locality,
            String parent,
            String homepage) {
        tables.organisations
                .row()
                .set("id", id)
                .set("name", name)
                .set("alt_name", altName)
                .set("kind", kind)
                .set("sector", sector)
                .set("locality", locality)
                .set("parent", parent)
                .set("homepage", homepage)
                .set("illustrative", "true")
                .write();
        return new Org(id, name, kind, sector);
    }

    /**
     * {@code count} distinct problem domains: the first from one of {@code families} (any family if none), the
     * others mostly from the same families, now and then from another.
     */
    private List<Concept> domains(List<String> families, int count, SplittableRandom random) {
        List<String> all = new ArrayList<>(vocabulary.families.keySet());
        Set<Concept> chosen = new LinkedHashSet<>();
        int attempts = 0;
        while (chosen.size() < count && attempts++ < 100) {
            String family = !families.isEmpty() && (chosen.isEmpty() || random.nextInt(4) != 0)
                    ? Names.pick(families, random)
                    : Names.pick(all, random);
            chosen.add(Names.pick(vocabulary.families.get(family), random));
        }
        return new ArrayList<>(chosen);
    }

    private List<Concept> issues(int count, SplittableRandom random) {
        return sample(vocabulary.workingIssues, Math.min(count, vocabulary.workingIssues.size()), random);
    }

    private static <T> List<T> sample(List<T> list, int count, SplittableRandom random) {
        return Names.shuffled(list, random).subList(0, count);
    }

    private static int weighted(List<Integer> weights, SplittableRandom random) {
        int total = 0;
        for (int w : weights) {
            total += w;
        }
        int r = random.nextInt(total);
        for (int i = 0; i < weights.size(); i++) {
            r -= weights.get(i);
            if (r < 0) {
                return i;
            }
        }
        return weights.size() - 1;
    }

    private static List<String> slugs(List<Concept> concepts) {
        return concepts.stream().map(Concept::slug).toList();
    }

    private static List<String> labels(List<Concept> concepts) {
        return concepts.stream().map(c -> Prose.lower(c.label())).toList();
    }

    private static String capitalise(String text) {
        return Prose.capitalise(text);
    }

    private static String date(int year, SplittableRandom random) {
        int form = random.nextInt(20);
        if (form < 5) {
            return Integer.toString(year);
        }
        if (form < 17) {
            return year + "-" + month(random);
        }
        return year + "-" + month(random) + "-" + String.format(Locale.ROOT, "%02d", 1 + random.nextInt(28));
    }

    private static String month(SplittableRandom random) {
        return String.format(Locale.ROOT, "%02d", 1 + random.nextInt(12));
    }

    private static String two(int year) {
        return String.format(Locale.ROOT, "%02d", year % 100);
    }

    /** A random stream of its own for each (purpose, number), derived from the seed. */
    private SplittableRandom random(long purpose, int number) {
        long z = seed ^ purpose ^ (number * 0x9E3779B97F4A7C15L);
        z = (z ^ (z >>> 33)) * 0xFF51AFD7ED558CCDL;
        z = (z ^ (z >>> 33)) * 0xC4CEB9FE1A85EC53L;
        return new SplittableRandom(z ^ (z >>> 33));
    }
}
