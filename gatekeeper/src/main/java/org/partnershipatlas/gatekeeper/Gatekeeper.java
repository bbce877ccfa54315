package org.partnershipatlas.gatekeeper;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import org.apache.jena.query.Query;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.engine.binding.Binding;
import org.apache.jena.sparql.exec.QueryExec;
import org.apache.jena.system.Txn;
import org.apache.jena.vocabulary.ORG;
import org.partnershipatlas.gatekeeper.CheckResult.Overlap;
import org.partnershipatlas.gatekeeper.CheckResult.Parts;
import org.partnershipatlas.gatekeeper.CheckResult.Umbrella;
import org.partnershipatlas.ontology.AtlasIris;
import org.partnershipatlas.ontology.PA;
import org.partnershipatlas.queries.QueryBinder;
import org.partnershipatlas.queries.QueryCatalogue;

/**
 * Checks a proposed partnership against the partnerships that exist in its localities.
 *
 * <pre>
 *   Gatekeeper gatekeeper = new Gatekeeper(dsg, QueryCatalogue.load(), AtlasIris.DEFAULT, GatekeeperConfig.defaults());
 *   CheckResult result = gatekeeper.check(proposal);
 * </pre>
 *
 * Each partnership working in one of the proposal's localities (Local Strategic Partnerships aside: they are the
 * umbrellas to consult, and ended partnerships aside) gets a score between 0 and 1, the weighted sum of five parts
 * ({@link GatekeeperConfig}), with the reasons in words; then the recommendation rules run in order.
 */
public final class Gatekeeper {
    /** Overlaps listed in a result, at most. */
    static final int MAX_OVERLAPS = 20;

    private final DatasetGraph dsg;
    private final QueryCatalogue catalogue;
    private final QueryBinder binder;
    private final GatekeeperConfig config;

    public Gatekeeper(DatasetGraph dsg, QueryCatalogue catalogue, AtlasIris iris, GatekeeperConfig config) {
        this.dsg = Objects.requireNonNull(dsg, "dsg");
        this.catalogue = Objects.requireNonNull(catalogue, "catalogue");
        this.binder = new QueryBinder(iris);
        this.config = Objects.requireNonNull(config, "config");
    }

    public GatekeeperConfig config() {
        return config;
    }

    /** Checks a proposal; a proposal that names unknown things gets a {@link ProposalException}. */
    public CheckResult check(Proposal proposal) {
        return Txn.calculateRead(dsg, () -> checkInTransaction(proposal));
    }

    private record Candidate(
            String partnership,
            String label,
            String type,
            String typeNotation,
            String purpose,
            Set<String> localities,
            Set<String> domains,
            Set<String> members,
            Set<String> memberLabels) {}

    private CheckResult checkInTransaction(Proposal proposal) {
        Map<String, String> labels = new HashMap<>();
        Map<String, String> sectors = new HashMap<>();
        validate(proposal, labels, sectors);
        DomainTree tree = new DomainTree(select("problem-domain-tree", Map.of(), b -> b));
        labels.putAll(tree.labels());

        Map<String, Candidate> candidates = new LinkedHashMap<>();
        List<Umbrella> umbrellas = new ArrayList<>();
        for (String locality : proposal.localities()) {
            for (Binding b : select("gatekeeper-candidates", Map.of("locality", locality), b -> b)) {
                Candidate c = candidate(b);
                labels.put(c.partnership(), c.label());
                if ("LSP".equals(c.typeNotation())) {
                    continue;
                }
                candidates.putIfAbsent(c.partnership(), c);
            }
            for (Binding b : select("umbrella-partnerships", Map.of("locality", locality), b -> b)) {
                Umbrella u = new Umbrella(
                        b.get("partnership").getURI(), b.get("label").getLiteralLexicalForm());
                if (!umbrellas.contains(u)) {
                    umbrellas.add(u);
                }
            }
        }

        TextSimilarity text = new TextSimilarity();
        int proposalText = text.add(proposal.title() + " " + proposal.purpose());
        Map<String, Integer> texts = new HashMap<>();
        candidates
                .values()
                .forEach(c -> texts.put(c.partnership(), text.add(c.label() + " " + nullToEmpty(c.purpose()))));

        List<Overlap> overlaps = new ArrayList<>();
        for (Candidate c : candidates.values()) {
            Overlap o = score(proposal, c, tree, labels, text, proposalText, texts.get(c.partnership()));
            if (o.parts().domain() > 0 || o.parts().member() > 0 || o.parts().purpose() > 0) {
                overlaps.add(o);
            }
        }
        overlaps.sort(Comparator.comparingDouble(Overlap::score).reversed().thenComparing(Overlap::label));
        if (overlaps.size() > MAX_OVERLAPS) {
            overlaps = new ArrayList<>(overlaps.subList(0, MAX_OVERLAPS));
        }
        return recommend(proposal, labels, sectors, overlaps, umbrellas);
    }

    private CheckResult recommend(
            Proposal proposal,
            Map<String, String> labels,
            Map<String, String> sectors,
            List<Overlap> overlaps,
            List<Umbrella> umbrellas) {
        Overlap best = overlaps.isEmpty() ? null : overlaps.get(0);
        Set<String> knownSectors = new HashSet<>(sectors.values());
        String consult = umbrellas.isEmpty()
                ? "the local strategic partnership"
                : String.join(" and ", umbrellas.stream().map(Umbrella::label).toList());
        if (proposal.organisationCount() < config.minimumOrganisations()) {
            return result(
                    proposal,
                    labels,
                    overlaps,
                    umbrellas,
                    "single-organisation",
                    "Deliver this through a single organisation, or two working jointly: it brings together only "
                            + proposal.organisationCount()
                            + " organisation(s), and a partnership is not needed for that.",
                    "fewer than " + config.minimumOrganisations() + " distinct organisations (minimum.organisations)",
                    null);
        }
        if (best != null && best.score() >= config.joinThreshold()) {
            return result(
                    proposal,
                    labels,
                    overlaps,
                    umbrellas,
                    "join",
                    "Join or extend " + best.label() + " instead of creating a new partnership: it already covers "
                            + "much of this (overlap " + percent(best.score()) + ").",
                    "best overlap " + round(best.score()) + " >= threshold.join " + config.joinThreshold(),
                    best.partnership());
        }
        if (proposal.newMembers().isEmpty() && knownSectors.size() == 1) {
            return result(
                    proposal,
                    labels,
                    overlaps,
                    umbrellas,
                    "single-organisation",
                    "Deliver this through a single organisation, or two working jointly: all its members are in the "
                            + sectorName(labels, knownSectors.iterator().next())
                            + ", so a wide range of organisations is not needed.",
                    "all members in one sector ("
                            + sectorName(labels, knownSectors.iterator().next()) + ")",
                    null);
        }
        if (best != null && best.score() >= config.consultThreshold()) {
            return result(
                    proposal,
                    labels,
                    overlaps,
                    umbrellas,
                    "consult",
                    "Proceed only after consulting " + consult + " about the overlap with " + best.label()
                            + " (overlap " + percent(best.score()) + ").",
                    "best overlap " + round(best.score()) + " >= threshold.consult " + config.consultThreshold()
                            + " and < threshold.join " + config.joinThreshold(),
                    null);
        }
        return result(
                proposal,
                labels,
                overlaps,
                umbrellas,
                "proceed",
                "Proceed: no existing partnership overlaps it enough to matter"
                        + (best == null
                                ? "."
                                : " (the closest, " + best.label() + ", overlaps " + percent(best.score()) + ").")
                        + " Tell " + consult + ".",
                best == null
                        ? "no overlap"
                        : "best overlap " + round(best.score()) + " < threshold.consult " + config.consultThreshold(),
                null);
    }

    private CheckResult result(
            Proposal proposal,
            Map<String, String> labels,
            List<Overlap> overlaps,
            List<Umbrella> umbrellas,
            String recommendation,
            String text,
            String rule,
            String target) {
        return new CheckResult(
                proposal,
                Map.copyOf(labels),
                List.copyOf(overlaps),
                List.copyOf(umbrellas),
                recommendation,
                text,
                rule,
                target,
                Instant.now(),
                config);
    }

    private Overlap score(
            Proposal p,
            Candidate c,
            DomainTree tree,
            Map<String, String> labels,
            TextSimilarity text,
            int proposalText,
            int candidateText) {
        List<String> reasons = new ArrayList<>();

        Set<String> allLocalities = new LinkedHashSet<>(p.localities());
        allLocalities.addAll(c.localities());
        List<String> sharedLocalities =
                p.localities().stream().filter(c.localities()::contains).toList();
        double locality = (double) sharedLocalities.size() / allLocalities.size();
        reasons.add("works in "
                + String.join(
                        ", ",
                        sharedLocalities.stream()
                                .map(l -> labels.getOrDefault(l, l))
                                .toList()) + " (" + sharedLocalities.size() + " of " + allLocalities.size()
                + " localities of the two shared)");

        double domainSum = 0;
        List<String> sharedDomains = new ArrayList<>();
        for (String d : p.domains()) {
            if (c.domains().contains(d)) {
                domainSum += 1;
                sharedDomains.add(d);
                reasons.add("addresses " + labels.getOrDefault(d, d) + ", as proposed");
                continue;
            }
            String related = c.domains().stream()
                    .filter(x -> tree.related(d, x))
                    .findFirst()
                    .orElse(null);
            if (related != null) {
                domainSum += config.relatedDomainFactor();
                sharedDomains.add(related);
                reasons.add("addresses " + labels.getOrDefault(related, related) + ", "
                        + (tree.isBroader(related, d) ? "broader" : "narrower") + " than the proposed "
                        + labels.getOrDefault(d, d) + " (counts " + config.relatedDomainFactor() + ")");
            }
        }
        double domain = p.domains().isEmpty() ? 0 : domainSum / p.domains().size();

        List<String> sharedMembers = new ArrayList<>(
                p.members().stream().filter(c.members()::contains).toList());
        Set<String> candidateNames = new HashSet<>();
        c.memberLabels().forEach(l -> candidateNames.add(normalise(l)));
        for (String name : p.newMembers()) {
            if (candidateNames.contains(normalise(name))) {
                sharedMembers.add(name);
            }
        }
        double member = p.organisationCount() == 0 ? 0 : (double) sharedMembers.size() / p.organisationCount();
        if (!sharedMembers.isEmpty()) {
            reasons.add(sharedMembers.size() + " of " + p.organisationCount() + " proposed members sit on it: "
                    + String.join(
                            ", ",
                            sharedMembers.stream()
                                    .map(m -> labels.getOrDefault(m, m))
                                    .toList()));
        }

        double purpose = text.similarity(proposalText, candidateText);
        if (purpose >= 0.05) {
            reasons.add("its purpose reads alike (similarity " + round(purpose) + "; shared words: "
                    + String.join(", ", text.sharedWords(proposalText, candidateText)) + ")");
        }

        double type = p.type() != null && p.type().equals(c.type()) ? 1 : 0;
        if (type > 0) {
            reasons.add("it is of the proposed type, " + labels.getOrDefault(c.type(), c.typeNotation()));
        }

        double score = (config.localityWeight() * locality
                        + config.domainWeight() * domain
                        + config.memberWeight() * member
                        + config.purposeWeight() * purpose
                        + config.typeWeight() * type)
                / config.totalWeight();
        return new Overlap(
                c.partnership(),
                c.label(),
                round(score),
                new Parts(round(locality), round(domain), round(member), round(purpose), type),
                List.copyOf(reasons),
                List.copyOf(sharedDomains),
                List.copyOf(sharedMembers));
    }

    /** The rationalisation report of a locality; an unknown locality gets a {@link ProposalException}. */
    public RationalisationReport report(String locality) {
        return Txn.calculateRead(dsg, () -> reportInTransaction(locality));
    }

    private RationalisationReport reportInTransaction(String locality) {
        Map<String, String> labels = new HashMap<>();
        require("locality", locality, PA.Locality.getURI(), "a locality", labels, null);
        DomainTree tree = new DomainTree(select("problem-domain-tree", Map.of(), b -> b));
        List<Candidate> partnerships = new ArrayList<>();
        for (Binding b : select("gatekeeper-candidates", Map.of("locality", locality), b -> b)) {
            Candidate c = candidate(b);
            if (!"LSP".equals(c.typeNotation())) {
                partnerships.add(c);
            }
        }
        TextSimilarity text = new TextSimilarity();
        List<Integer> docs = partnerships.stream()
                .map(c -> text.add(c.label() + " " + nullToEmpty(c.purpose())))
                .toList();
        double weights = config.domainWeight() + config.memberWeight() + config.purposeWeight();
        List<RationalisationReport.Edge> edges = new ArrayList<>();
        Map<String, Set<String>> neighbours = new LinkedHashMap<>();
        partnerships.forEach(c -> neighbours.put(c.partnership(), new LinkedHashSet<>()));
        for (int i = 0; i < partnerships.size(); i++) {
            for (int j = i + 1; j < partnerships.size(); j++) {
                Candidate a = partnerships.get(i);
                Candidate b = partnerships.get(j);
                List<String> sharedDomains = new ArrayList<>();
                double domainSum = 0;
                for (String d : a.domains()) {
                    if (b.domains().contains(d)) {
                        domainSum += 1;
                        sharedDomains.add(tree.labels().getOrDefault(d, d));
                    } else if (b.domains().stream().anyMatch(x -> tree.related(d, x))) {
                        domainSum += config.relatedDomainFactor();
                        sharedDomains.add(tree.labels().getOrDefault(d, d) + " (related)");
                    }
                }
                int smaller =
                        Math.max(1, Math.min(a.domains().size(), b.domains().size()));
                double domain = Math.min(1.0, domainSum / smaller);
                Set<String> shared = new LinkedHashSet<>(a.members());
                shared.retainAll(b.members());
                double member = (double) shared.size()
                        / Math.max(1, Math.min(a.members().size(), b.members().size()));
                double purpose = text.similarity(docs.get(i), docs.get(j));
                double score = round((config.domainWeight() * domain
                                + config.memberWeight() * member
                                + config.purposeWeight() * purpose)
                        / weights);
                if (domain > 0 && score >= config.reportEdgeThreshold()) {
                    edges.add(new RationalisationReport.Edge(
                            a.partnership(),
                            a.label(),
                            b.partnership(),
                            b.label(),
                            score,
                            List.copyOf(sharedDomains),
                            List.copyOf(shared)));
                    neighbours.get(a.partnership()).add(b.partnership());
                    neighbours.get(b.partnership()).add(a.partnership());
                }
            }
        }
        edges.sort(Comparator.comparingDouble(RationalisationReport.Edge::score).reversed());

        List<List<String>> clusters = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (String start : neighbours.keySet()) {
            if (seen.contains(start) || neighbours.get(start).isEmpty()) {
                continue;
            }
            List<String> cluster = new ArrayList<>();
            java.util.ArrayDeque<String> queue = new java.util.ArrayDeque<>(List.of(start));
            seen.add(start);
            while (!queue.isEmpty()) {
                String next = queue.poll();
                cluster.add(next);
                for (String n : neighbours.get(next)) {
                    if (seen.add(n)) {
                        queue.add(n);
                    }
                }
            }
            clusters.add(List.copyOf(cluster));
        }
        clusters.sort(Comparator.comparingInt((List<String> c) -> c.size()).reversed());

        List<RationalisationReport.Node> nodes = new ArrayList<>();
        int n = partnerships.size();
        double radius = Math.max(160, n * 14);
        for (int i = 0; i < n; i++) {
            Candidate c = partnerships.get(i);
            double angle = 2 * Math.PI * i / Math.max(1, n) - Math.PI / 2;
            nodes.add(new RationalisationReport.Node(
                    c.partnership(),
                    c.label(),
                    c.typeNotation() == null ? "" : c.typeNotation(),
                    round(radius * Math.cos(angle)),
                    round(radius * Math.sin(angle))));
        }
        List<RationalisationReport.Load> heaviest = select(
                "busiest-organisations-in-locality",
                Map.of("locality", locality),
                b -> new RationalisationReport.Load(
                        b.get("organisation").getURI(),
                        b.get("name").getLiteralLexicalForm(),
                        Integer.parseInt(b.get("partnerships").getLiteralLexicalForm()),
                        b.get("roles").getLiteralLexicalForm()));
        List<RationalisationReport.Outside> outside = select(
                "outside-umbrella",
                Map.of("locality", locality),
                b -> new RationalisationReport.Outside(
                        b.get("partnership").getURI(),
                        b.get("label").getLiteralLexicalForm(),
                        (b.contains("umbrella")
                                        ? "its umbrella is not this locality's LSP"
                                        : "it has no umbrella partnership")
                                + (b.contains("ended")
                                        ? " (ended " + b.get("ended").getLiteralLexicalForm() + ")"
                                        : "")));
        return new RationalisationReport(
                locality,
                labels.getOrDefault(locality, locality),
                List.copyOf(nodes),
                List.copyOf(edges),
                List.copyOf(clusters),
                heaviest.subList(0, Math.min(10, heaviest.size())),
                outside,
                config.reportEdgeThreshold());
    }

    /** Checks every IRI in the proposal names a thing of the right kind, collecting labels and sectors. */
    private void validate(Proposal p, Map<String, String> labels, Map<String, String> sectors) {
        if (p.title() == null || p.title().isBlank()) {
            throw new ProposalException("title", "give the proposed partnership a name");
        }
        if (p.purpose() == null || p.purpose().isBlank()) {
            throw new ProposalException("purpose", "say in a sentence or two what the partnership would do");
        }
        if (p.localities().isEmpty()) {
            throw new ProposalException(
                    "localities", "name at least one locality it would work in, e.g. id/locality/newham");
        }
        if (p.domains().isEmpty()) {
            throw new ProposalException(
                    "domains",
                    "name at least one problem domain it would address, e.g. id/problem-domain/volume-crime");
        }
        for (String l : p.localities()) {
            require("localities", l, PA.Locality.getURI(), "a locality", labels, null);
        }
        for (String d : p.domains()) {
            require("domains", d, PA.ProblemDomain.getURI(), "a problem domain", labels, null);
        }
        for (String m : p.members()) {
            require("members", m, ORG.FormalOrganization.getURI(), "an organisation", labels, sectors);
        }
        if (p.type() != null) {
            require("type", p.type(), PA.PartnershipType.getURI(), "a partnership type", labels, null);
        }
    }

    private void require(
            String field,
            String iri,
            String type,
            String what,
            Map<String, String> labels,
            Map<String, String> sectors) {
        List<Binding> rows = select("resource-profile", Map.of("resource", iri), b -> b);
        boolean typed = rows.stream()
                .anyMatch(b -> b.get("type").getURI().equals(type)
                        || type.equals(ORG.FormalOrganization.getURI())
                                && b.get("type").getURI().equals(PA.Partnership.getURI()));
        if (!typed) {
            throw new ProposalException(field, "<" + iri + "> is not " + what + " the Atlas knows");
        }
        rows.stream()
                .filter(b -> b.contains("label"))
                .findFirst()
                .ifPresent(b -> labels.put(iri, b.get("label").getLiteralLexicalForm()));
        if (sectors != null) {
            // The sector is the concept's IRI (the sectors scheme has no notations); its label names it in words.
            rows.stream().filter(b -> b.contains("sector")).findFirst().ifPresent(b -> {
                String sector = b.get("sector").getURI();
                sectors.put(iri, sector);
                if (b.contains("sectorLabel")) {
                    labels.putIfAbsent(sector, b.get("sectorLabel").getLiteralLexicalForm());
                }
            });
        }
    }

    private static Candidate candidate(Binding b) {
        return new Candidate(
                b.get("partnership").getURI(),
                b.get("label").getLiteralLexicalForm(),
                b.contains("type") ? b.get("type").getURI() : null,
                b.contains("typeNotation") ? b.get("typeNotation").getLiteralLexicalForm() : null,
                b.contains("purpose") ? b.get("purpose").getLiteralLexicalForm() : null,
                split(b, "localities", " "),
                split(b, "domains", " "),
                split(b, "members", " "),
                split(b, "memberLabels", "|"));
    }

    private static Set<String> split(Binding b, String var, String separator) {
        if (!b.contains(var) || b.get(var).getLiteralLexicalForm().isEmpty()) {
            return Set.of();
        }
        return new LinkedHashSet<>(
                Arrays.asList(b.get(var).getLiteralLexicalForm().split(java.util.regex.Pattern.quote(separator))));
    }

    private <T> List<T> select(String name, Map<String, String> values, Function<Binding, T> row) {
        Query query = binder.bind(catalogue.require(name), values);
        List<T> out = new ArrayList<>();
        try (QueryExec exec = QueryExec.dataset(dsg).query(query).build()) {
            exec.select().forEachRemaining(b -> out.add(row.apply(b)));
        }
        return out;
    }

    /** Names compared for "the same organisation": case, punctuation and common words ignored. */
    static String normalise(String name) {
        String n = name.toLowerCase(Locale.ROOT)
                .replace("&", " and ")
                .replaceAll("\\b(the|of|ltd|limited|plc)\\b", " ")
                .replaceAll("[^a-z0-9]+", " ")
                .strip();
        return n.replaceAll("\\s+", " ");
    }

    /** A sector in words: its label ("Public sector"), else the last segment of its IRI. */
    private static String sectorName(Map<String, String> labels, String sector) {
        String label = labels.get(sector);
        return label != null ? label : sector.substring(sector.lastIndexOf('/') + 1) + " sector";
    }

    static double round(double x) {
        return Math.round(x * 1000) / 1000.0;
    }

    private static String percent(double score) {
        return Math.round(score * 100) + "%";
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }
}
