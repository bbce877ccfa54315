package org.partnershipatlas.gatekeeper;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.partnershipatlas.gatekeeper.Candidates.Candidate;
import org.partnershipatlas.ontology.PA;
import org.partnershipatlas.queries.DomainTree;
import org.partnershipatlas.queries.QueryRunner;

/**
 * The rationalisation report of a locality: its partnerships (LSPs aside) compared pairwise by the check's overlap
 * ({@link Overlaps#pair}), the pairs at or above {@code threshold.reportEdge} as the edges of a graph, its connected
 * groups as merger candidates, with the organisations carrying the heaviest load and the partnerships outside the
 * LSP's umbrella.
 */
final class RationalisationReporter {
    private final QueryRunner queries;
    private final Candidates candidates;
    private final GatekeeperConfig config;

    RationalisationReporter(QueryRunner queries, Candidates candidates, GatekeeperConfig config) {
        this.queries = queries;
        this.candidates = candidates;
        this.config = config;
    }

    /** The report of a locality, in the caller's read transaction, over the lexicon of the data it sees. */
    RationalisationReport report(String locality, Lexicon lexicon) {
        if (!lexicon.isA(locality, PA.Locality.getURI())) {
            throw new ProposalException("locality", "<" + locality + "> is not a locality the Atlas knows");
        }
        Map<String, String> labels = new HashMap<>();
        labels.put(locality, lexicon.label(locality));
        DomainTree tree = lexicon.tree();
        List<Candidate> partnerships = new ArrayList<>();
        Overlaps.Rarity rarity = new Overlaps.Rarity();
        for (Candidate c : candidates.in(locality)) {
            rarity.add(c.members());
            if (!c.isUmbrella()) {
                partnerships.add(c);
            }
        }
        List<Lexicon.Text> texts = partnerships.stream()
                .map(c -> lexicon.partnership(c.partnership(), c.text(), c.domains()))
                .toList();
        List<RationalisationReport.Edge> edges = new ArrayList<>();
        Map<String, Set<String>> neighbours = new LinkedHashMap<>();
        partnerships.forEach(c -> neighbours.put(c.partnership(), new LinkedHashSet<>()));
        for (int i = 0; i < partnerships.size(); i++) {
            for (int j = i + 1; j < partnerships.size(); j++) {
                Candidate a = partnerships.get(i);
                Candidate b = partnerships.get(j);
                Overlaps.Pair pair = Overlaps.pair(a, b, texts.get(i), texts.get(j), lexicon, rarity, config);
                if (pair == null) {
                    continue;
                }
                double score = Gatekeeper.round(pair.score());
                Overlaps.DomainPart domain = pair.domain();
                Overlaps.MemberPart member = pair.member();
                if (score >= config.reportEdgeThreshold()) {
                    List<String> sharedDomains = domain.matches().stream()
                            .map(m -> tree.labels().getOrDefault(m.matched(), m.matched())
                                    + (m.relation() == Overlaps.Relation.SAME ? "" : " (" + m.relation().words + ")"))
                            .distinct()
                            .toList();
                    edges.add(new RationalisationReport.Edge(
                            a.partnership(),
                            a.label(),
                            b.partnership(),
                            b.label(),
                            score,
                            sharedDomains,
                            member.shared().stream()
                                    .map(Overlaps.SharedMember::member)
                                    .toList()));
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

        List<RationalisationReport.Node> nodes = partnerships.stream()
                .map(c -> new RationalisationReport.Node(
                        c.partnership(), c.label(), c.typeNotation() == null ? "" : c.typeNotation()))
                .toList();
        List<RationalisationReport.Load> heaviest = queries.select(
                "busiest-organisations-in-locality",
                Map.of("locality", locality),
                b -> new RationalisationReport.Load(
                        b.get("organisation").getURI(),
                        b.get("name").getLiteralLexicalForm(),
                        Integer.parseInt(b.get("partnerships").getLiteralLexicalForm()),
                        b.get("roles").getLiteralLexicalForm()));
        List<RationalisationReport.Outside> outside = queries.select(
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
}
