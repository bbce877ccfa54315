package org.partnershipatlas.gatekeeper;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.system.Txn;
import org.apache.jena.vocabulary.ORG;
import org.apache.jena.vocabulary.SKOS;
import org.partnershipatlas.gatekeeper.Candidates.Candidate;
import org.partnershipatlas.gatekeeper.CheckResult.Overlap;
import org.partnershipatlas.gatekeeper.CheckResult.Parts;
import org.partnershipatlas.gatekeeper.CheckResult.Umbrella;
import org.partnershipatlas.ontology.AtlasIris;
import org.partnershipatlas.ontology.LabelNormaliser;
import org.partnershipatlas.ontology.PA;
import org.partnershipatlas.queries.DataStamp;
import org.partnershipatlas.queries.DomainTree;
import org.partnershipatlas.queries.QueryCatalogue;
import org.partnershipatlas.queries.QueryRunner;
import org.partnershipatlas.queries.precomputed.Precomputed;

/**
 * Checks a proposed partnership against the partnerships that exist in its localities; also makes a locality's
 * rationalisation report ({@link RationalisationReporter}) over the same lexicon and candidates ({@link Candidates}).
 *
 * <pre>
 *   Gatekeeper gatekeeper = new Gatekeeper(dsg, QueryCatalogue.load(), AtlasIris.DEFAULT, GatekeeperConfig.defaults());
 *   CheckResult result = gatekeeper.check(proposal);
 * </pre>
 *
 * First the proposal's names are resolved to IRIs (all problems reported at once). Each partnership working in
 * one of the proposal's localities (read from the candidate summaries every load computes, {@link Candidates}) (Local Strategic Partnerships aside: they are the umbrellas to consult, and
 * ended partnerships aside) that passes the topical gate gets a score between 0 and 1, the weighted sum of five
 * parts as {@link Overlaps} defines them (weights in {@link GatekeeperConfig}); the 20 best are put in words (the
 * reasons); then the recommendation rules run in order. What needs the whole Atlas (names, domain terms, IDF, and the
 * analysed text of every partnership: {@link Lexicon}) is computed once per data version.
 */
public final class Gatekeeper {
    /** Overlaps listed in a result, at most. */
    static final int MAX_OVERLAPS = 20;

    private final DatasetGraph dsg;
    private final QueryRunner queries;
    private final Candidates fetch;
    private final RationalisationReporter reporter;
    private final GatekeeperConfig config;
    private final AtlasIris iris;
    private final ProposalReader reader;
    private final Function<DatasetGraph, Object> dataVersion;
    private final QueryCatalogue catalogue;
    private final boolean plain;
    private final AtomicReference<Cached> cached;
    private final CandidateCache candidateCache = new CandidateCache();
    private final AtomicInteger lexiconBuilds = new AtomicInteger();
    private final AtomicInteger lexiconReads = new AtomicInteger();
    private final LexiconFile lexiconFile;

    /**
     * The data version of a gatekeeper made without one: the lexicon is computed once, and each locality's candidates
     * are kept until the next commit.
     */
    private static final Function<DatasetGraph, Object> FIXED = d -> "fixed";

    /** A gatekeeper over data that does not change while it runs (a command, a test, a benchmark). */
    public Gatekeeper(DatasetGraph dsg, QueryCatalogue catalogue, AtlasIris iris, GatekeeperConfig config) {
        this(dsg, catalogue, iris, config, FIXED);
    }

    /**
     * @param dataVersion names the data version a read transaction on {@code dsg} sees (called inside it); what the
     *     gatekeeper computes from the whole Atlas (names, domain terms, IDF) and each locality's candidates are kept
     *     until it changes, so it must change whenever partnerships, their members, domains or names may have (a
     *     server gives the version of the loaded data, which a gatekeeper decision does not change). Null from it
     *     means "unknown": computed afresh for that check, candidates kept until the next commit.
     */
    public Gatekeeper(
            DatasetGraph dsg,
            QueryCatalogue catalogue,
            AtlasIris iris,
            GatekeeperConfig config,
            Function<DatasetGraph, Object> dataVersion) {
        this(dsg, catalogue, iris, config, dataVersion, null);
    }

    /**
     * As {@link #Gatekeeper(DatasetGraph, QueryCatalogue, AtlasIris, GatekeeperConfig, Function)}, keeping the
     * lexicon of each data version on disk in {@code lexiconFolder} (null: not kept), so that a gatekeeper started
     * again on the same data reads it instead of building it. The version must then name the data across runs (a
     * server gives the store's: which load made each graph).
     */
    public Gatekeeper(
            DatasetGraph dsg,
            QueryCatalogue catalogue,
            AtlasIris iris,
            GatekeeperConfig config,
            Function<DatasetGraph, Object> dataVersion,
            Path lexiconFolder) {
        this(
                dsg,
                catalogue,
                iris,
                config,
                dataVersion,
                false,
                new AtomicReference<>(),
                lexiconFolder == null ? null : new LexiconFile(lexiconFolder));
    }

    private Gatekeeper(
            DatasetGraph dsg,
            QueryCatalogue catalogue,
            AtlasIris iris,
            GatekeeperConfig config,
            Function<DatasetGraph, Object> dataVersion,
            boolean plain,
            AtomicReference<Cached> cached,
            LexiconFile lexiconFile) {
        this.lexiconFile = dataVersion == FIXED ? null : lexiconFile;
        this.dsg = Objects.requireNonNull(dsg, "dsg");
        this.iris = Objects.requireNonNull(iris, "iris");
        this.catalogue = Objects.requireNonNull(catalogue, "catalogue");
        this.plain = plain;
        this.cached = cached;
        this.queries = new QueryRunner(this.dsg, catalogue, iris);
        QueryRunner plainQueries = new QueryRunner(this.dsg, QueryCatalogue.plain(), iris);
        this.fetch = new Candidates(this.dsg, Precomputed.candidatesGraph(iris), plainQueries, plain);
        this.reader = new ProposalReader(iris);
        this.config = Objects.requireNonNull(config, "config");
        this.dataVersion = Objects.requireNonNull(dataVersion, "dataVersion");
        this.reporter = new RationalisationReporter(queries, fetch, this.config);
    }

    public GatekeeperConfig config() {
        return config;
    }

    /**
     * The same gatekeeper reading each locality's candidates from the data itself ({@code plain/gatekeeper-candidates})
     * instead of the summaries every load computes, and analysing each candidate's text afresh instead of reading the
     * analysis the lexicon keeps: the twin that tests and benchmarks compare it with.
     */
    public Gatekeeper readingThePlainData() {
        // The twin shares the lexicon: it is the same for both.
        return plain ? this : new Gatekeeper(dsg, catalogue, iris, config, dataVersion, true, cached, lexiconFile);
    }

    /**
     * Checks a proposal; a proposal with problems (missing fields, names the Atlas does not know or cannot tell
     * apart) gets one {@link ProposalException} listing them all.
     */
    public CheckResult check(Proposal proposal) {
        return Txn.calculateRead(dsg, () -> checkInTransaction(proposal));
    }

    /**
     * The lexicon of the data this read transaction sees: computed at most once per data version (see
     * {@link #Gatekeeper(DatasetGraph, QueryCatalogue, AtlasIris, GatekeeperConfig, Function)}).
     */
    Lexicon lexicon() {
        return lexicon(dataVersion.apply(dsg));
    }

    private Lexicon lexicon(Object version) {
        Cached c = cached.get();
        if (c != null && version != null && version.equals(c.version())) {
            return c.lexicon();
        }
        if (version == null) {
            return buildLexicon();
        }
        // One build per version: a check that comes while the server's warm-up builds it waits for that build
        // (seconds at national scale) rather than making a second one beside it on the same cores.
        Lexicon built;
        synchronized (cached) {
            c = cached.get();
            if (c != null && version.equals(c.version())) {
                return c.lexicon();
            }
            Lexicon kept = keptLexicon(version);
            if (kept != null) {
                cached.set(new Cached(version, kept));
                return kept;
            }
            built = buildLexicon();
            cached.set(new Cached(version, built));
        }
        // Kept on disk outside the lock: the checks waiting for the build need not wait for the file too.
        if (lexiconFile != null) {
            lexiconFile.write(version, built.state());
        }
        return built;
    }

    /** The lexicon kept on disk for this version, over the domain tree read now; null if none can be read. */
    private Lexicon keptLexicon(Object version) {
        Lexicon.State state = lexiconFile == null ? null : lexiconFile.read(version);
        if (state == null) {
            return null;
        }
        lexiconReads.incrementAndGet();
        return new Lexicon(
                state,
                DomainTree.of(queries.select("problem-domain-tree", Map.of()).bindings()));
    }

    /** How many lexicons this gatekeeper has read from disk rather than built (for tests). */
    int lexiconReads() {
        return lexiconReads.get();
    }

    private Lexicon buildLexicon() {
        lexiconBuilds.incrementAndGet();
        DomainTree tree =
                DomainTree.of(queries.select("problem-domain-tree", Map.of()).bindings());
        return new Lexicon(queries.select("gatekeeper-lexicon", Map.of()).bindings(), tree);
    }

    /** A resource the proposal form offers, with its label. */
    public record Choice(String iri, String label) {}

    /**
     * The resources of a kind the lexicon knows ({@code pa:Locality}, {@code pa:ProblemDomain},
     * {@code org:FormalOrganization}, {@code pa:PartnershipType}), by label then IRI: what the proposal form offers,
     * from the lexicon the checks use rather than a query that sorts every resource of the kind (25 s for the form at
     * national scale).
     */
    public List<Choice> choices(String kind) {
        Lexicon lexicon = Txn.calculateRead(dsg, this::lexicon);
        return lexicon.all(kind).stream()
                .map(iri -> new Choice(iri, lexicon.label(iri) == null ? iri : lexicon.label(iri)))
                .sorted(Comparator.comparing(Choice::label).thenComparing(Choice::iri))
                .toList();
    }

    /** How many lexicons this gatekeeper has built (for tests). */
    int lexiconBuilds() {
        return lexiconBuilds.get();
    }

    /**
     * Computes the lexicon of the data now and reads the candidates of the first {@link CandidateCache#MAX_LOCALITIES}
     * localities (by IRI) into the cache, so that the first check of a locality does not wait for them (a server
     * calls this when it starts and after each load, in the background).
     */
    public void warmUp() {
        Txn.executeRead(dsg, () -> {
            Object version = dataVersion.apply(dsg);
            Lexicon lexicon = lexicon(version);
            CandidateCache.Key key = cacheKey(version);
            if (plain || key == null) {
                return;
            }
            lexicon.all(PA.Locality.getURI()).stream()
                    .limit(CandidateCache.MAX_LOCALITIES)
                    .forEach(locality -> candidateCache.in(key, locality, fetch::in));
        });
    }

    private record Cached(Object version, Lexicon lexicon) {}

    /**
     * What this read transaction's candidates are kept under: the data version given, except for a gatekeeper over
     * fixed data, whose candidates are kept only until the next commit; null if the store is not TDB2.
     */
    private CandidateCache.Key cacheKey(Object version) {
        DataStamp stamp = DataStamp.of(dsg);
        if (stamp == null) {
            return null;
        }
        return version == null || dataVersion == FIXED
                ? CandidateCache.Key.ofCommit(stamp)
                : new CandidateCache.Key(version, stamp);
    }

    /** How many localities' candidates checks have read rather than found kept (for tests). */
    long candidateReads() {
        return candidateCache.reads();
    }

    private CheckResult checkInTransaction(Proposal submitted) {
        Object version = dataVersion.apply(dsg);
        Lexicon lexicon = lexicon(version);
        Map<String, String> labels = new HashMap<>();
        Map<String, String> sectors = new HashMap<>();
        List<String> resolved = new ArrayList<>();
        Proposal proposal = resolve(submitted, lexicon, labels, sectors, resolved);
        DomainTree tree = lexicon.tree();
        labels.putAll(tree.labels());

        Map<String, Candidate> candidates = new LinkedHashMap<>();
        Overlaps.Rarity rarity = new Overlaps.Rarity();
        List<Umbrella> umbrellas = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        CandidateCache.Key key = cacheKey(version);
        for (String locality : proposal.localities()) {
            // The twin reads the data every time, as checks did before the cache.
            List<Candidate> here = plain ? fetch.in(locality) : candidateCache.in(key, locality, fetch::in);
            for (Candidate c : here) {
                labels.put(c.partnership(), c.label());
                if (seen.add(c.partnership())) {
                    rarity.add(c.members());
                }
                if (c.isUmbrella()) {
                    continue;
                }
                candidates.putIfAbsent(c.partnership(), c);
            }
            for (Umbrella u : Candidates.umbrellas(here)) {
                if (!umbrellas.contains(u)) {
                    umbrellas.add(u);
                }
            }
        }

        Lexicon.Text proposalText = lexicon.analyse(proposal.title() + ". " + nullToEmpty(proposal.purpose()));
        List<Scored> scored = new ArrayList<>();
        for (Candidate c : candidates.values()) {
            Scored s = score(proposal, c, lexicon, proposalText, rarity);
            if (s != null) {
                scored.add(s);
            }
        }
        scored.sort(Comparator.comparingDouble(Scored::rounded)
                .reversed()
                .thenComparing(s -> s.candidate().label()));
        // Only the overlaps a result lists are put in words.
        List<Overlap> overlaps = scored.stream()
                .limit(MAX_OVERLAPS)
                .map(s -> explain(proposal, s, lexicon, labels, proposalText))
                .toList();
        return recommend(proposal, labels, sectors, overlaps, umbrellas, resolved);
    }

    private CheckResult recommend(
            Proposal proposal,
            Map<String, String> labels,
            Map<String, String> sectors,
            List<Overlap> overlaps,
            List<Umbrella> umbrellas,
            List<String> resolved) {
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
                    resolved,
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
                    resolved,
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
                    resolved,
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
                    resolved,
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
                resolved,
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
            List<String> resolved,
            String recommendation,
            String text,
            String rule,
            String target) {
        return new CheckResult(
                proposal,
                Map.copyOf(labels),
                List.copyOf(overlaps),
                List.copyOf(umbrellas),
                List.copyOf(resolved),
                recommendation,
                text,
                rule,
                target,
                Instant.now(),
                config);
    }

    /** A candidate's overlap with a proposal in figures, before it is put in words ({@link #explain}). */
    private record Scored(
            Candidate candidate,
            Lexicon.Vector text,
            Overlaps.DomainPart domains,
            Overlaps.DomainPart theirs,
            double domain,
            double purpose,
            Overlaps.MemberPart members,
            List<String> sharedLocalities,
            double locality,
            double type,
            double score) {
        /** The score as a result gives it, and sorts by. */
        double rounded() {
            return round(score);
        }
    }

    /**
     * The overlap with one candidate in figures, or null if it has no topical evidence (see {@link Overlaps}). The
     * candidate's analysed text is the one the lexicon keeps of it; the plain twin analyses it afresh, as every check
     * once did, so that the two can be compared.
     */
    private Scored score(Proposal p, Candidate c, Lexicon lexicon, Lexicon.Text proposalText, Overlaps.Rarity rarity) {
        DomainTree tree = lexicon.tree();
        Overlaps.DomainPart domains = Overlaps.domains(p.domains(), c.domains(), tree, config);
        Overlaps.DomainPart theirs = Overlaps.domains(c.domains(), p.domains(), tree, config);
        double domain = Overlaps.mutual(domains, theirs);
        Lexicon.Vector candidateText = plain
                ? lexicon.vectorAfresh(c.text(), c.domains())
                : lexicon.vector(c.partnership(), c.text(), c.domains());
        double purpose = lexicon.similarity(proposalText, candidateText);
        if (!Overlaps.topical(domain, purpose, config)) {
            return null;
        }
        Overlaps.MemberPart members =
                Overlaps.members(p.members(), p.newMembers().size(), c.members(), rarity);
        List<String> sharedLocalities =
                p.localities().stream().filter(c.localities()::contains).toList();
        double locality = (double) sharedLocalities.size() / p.localities().size();
        double type = p.type() != null && p.type().equals(c.type()) ? 1 : 0;
        double score = Overlaps.score(locality, domain, members.value(), purpose, type, config);
        return new Scored(
                c, candidateText, domains, theirs, domain, purpose, members, sharedLocalities, locality, type, score);
    }

    /** An overlap with the reasons for it in words. */
    private Overlap explain(
            Proposal p, Scored s, Lexicon lexicon, Map<String, String> labels, Lexicon.Text proposalText) {
        DomainTree tree = lexicon.tree();
        Candidate c = s.candidate();
        Overlaps.DomainPart domains = s.domains();
        Overlaps.DomainPart theirs = s.theirs();
        double domain = s.domain();
        double purpose = s.purpose();
        Lexicon.Vector candidateText = s.text();
        List<String> reasons = new ArrayList<>();
        for (Overlaps.DomainMatch m : domains.matches()) {
            String matched = labels.getOrDefault(m.matched(), m.matched());
            String wanted = labels.getOrDefault(m.proposed(), m.proposed());
            reasons.add(
                    switch (m.relation()) {
                        case SAME -> "addresses " + matched + ", as proposed (counts 1)";
                        case BROADER, NARROWER ->
                            "addresses " + matched + ", " + m.relation().words + " than the proposed " + wanted
                                    + " (counts " + m.credit() + ")";
                        case SIBLING ->
                            "addresses " + matched + ", a sibling of the proposed " + wanted + " (both under "
                                    + labels.getOrDefault(tree.broader(m.proposed()), "the same domain")
                                    + "; counts " + m.credit() + ")";
                    });
        }
        if (domains.matches().isEmpty()) {
            reasons.add("no problem domain in common: the overlap rests on the purpose alone");
        } else {
            reasons.add("the proposal's domains count " + round(domains.value()) + " against its "
                    + c.domains().size() + " domain(s), which count " + round(theirs.value())
                    + " against the proposal's: domain part " + round(domain) + " (the mean)");
        }
        if (purpose > 0) {
            List<String> shared = lexicon.shared(proposalText, candidateText, 6);
            reasons.add("its purpose reads alike (similarity " + round(purpose)
                    + (shared.isEmpty() ? "" : "; shared: " + String.join(", ", shared)) + ")");
        }

        Overlaps.MemberPart members = s.members();
        if (!members.shared().isEmpty()) {
            reasons.add(members.shared().size() + " of " + p.organisationCount() + " proposed members sit on it: "
                    + String.join(
                            "; ",
                            members.shared().stream()
                                    .map(m -> labels.getOrDefault(m.member(), m.member()) + " ("
                                            + Overlaps.specificity(m) + ")")
                                    .toList()));
        }

        List<String> sharedLocalities = s.sharedLocalities();
        reasons.add("works in "
                + String.join(
                        ", ",
                        sharedLocalities.stream()
                                .map(l -> labels.getOrDefault(l, l))
                                .toList()) + " (" + sharedLocalities.size() + " of the proposal's "
                + p.localities().size() + " localities)");

        double type = s.type();
        if (type > 0) {
            reasons.add("it is of the proposed type, " + labels.getOrDefault(c.type(), c.typeNotation()));
        }

        return new Overlap(
                c.partnership(),
                c.label(),
                s.rounded(),
                new Parts(round(s.locality()), round(domain), round(members.value()), round(purpose), type),
                List.copyOf(reasons),
                domains.matches().stream()
                        .map(Overlaps.DomainMatch::matched)
                        .distinct()
                        .toList(),
                members.shared().stream().map(Overlaps.SharedMember::member).toList());
    }

    /** The rationalisation report of a locality; an unknown locality gets a {@link ProposalException}. */
    public RationalisationReport report(String locality) {
        return Txn.calculateRead(dsg, () -> reporter.report(locality, lexicon()));
    }

    /**
     * The proposal with every reference resolved to an IRI of the right kind: IRIs, {@code id/...} paths and slugs
     * as they are, names (labels, alternative labels, notations; compared as {@link #normalise} does) to the one
     * resource that has them. A name the Atlas does not know, or knows for more than one resource, is a problem
     * naming the field, with the closest names; all problems are reported at once. Collects the labels of what the
     * proposal names and the sectors of its members; says in {@code resolved} which names were resolved.
     */
    private Proposal resolve(
            Proposal p,
            Lexicon lexicon,
            Map<String, String> labels,
            Map<String, String> sectors,
            List<String> resolved) {
        List<ProposalException.Problem> problems = new ArrayList<>();
        if (p.title() == null || p.title().isBlank()) {
            problems.add(new ProposalException.Problem("title", "give the proposed partnership a name"));
        }
        if (p.localities().isEmpty()) {
            problems.add(new ProposalException.Problem(
                    "localities", "name at least one locality it would work in, e.g. \"Newham\" or newham"));
        }
        if (p.domains().isEmpty()) {
            problems.add(new ProposalException.Problem(
                    "domains",
                    "name at least one problem domain it would address, e.g. \"Volume crime\" or volume-crime"));
        }
        List<String> localities = resolveAll(
                "localities",
                p.localities(),
                "locality",
                List.of(PA.Locality.getURI()),
                "a locality",
                lexicon,
                labels,
                resolved,
                problems);
        List<String> domains = resolveAll(
                "domains",
                p.domains(),
                "problem-domain",
                List.of(PA.ProblemDomain.getURI()),
                "a problem domain",
                lexicon,
                labels,
                resolved,
                problems);
        List<String> organisationKinds = List.of(ORG.FormalOrganization.getURI(), PA.Partnership.getURI());
        List<String> members = resolveAll(
                "members",
                p.members(),
                "organisation",
                organisationKinds,
                "an organisation",
                lexicon,
                labels,
                resolved,
                problems);
        // A "new" member the Atlas knows by that exact name is counted as the member it is.
        List<String> newMembers = new ArrayList<>();
        for (String name : p.newMembers()) {
            Set<String> known = lexicon.byName(ORG.FormalOrganization.getURI(), name);
            if (known.size() == 1) {
                String iri = known.iterator().next();
                if (!members.contains(iri)) {
                    members.add(iri);
                }
                labels.put(iri, lexicon.label(iri));
                resolved.add("newMembers: '" + name + "' is in the Atlas as " + lexicon.label(iri) + " <" + iri
                        + ">, counted as a known member");
            } else if (!name.isBlank() && !newMembers.contains(name.strip())) {
                newMembers.add(name.strip());
            }
        }
        String type = null;
        if (p.type() != null) {
            List<String> t = resolveAll(
                    "type",
                    List.of(p.type()),
                    "partnership-type",
                    List.of(PA.PartnershipType.getURI()),
                    "a partnership type",
                    lexicon,
                    labels,
                    resolved,
                    problems);
            type = t.isEmpty() ? null : t.get(0);
        }
        if (!problems.isEmpty()) {
            throw new ProposalException(problems);
        }
        Graph union = dsg.getUnionGraph();
        for (String m : members) {
            // What resource-profile answers of a member's sector, by two look-ups (its optimiser cost more).
            Node sector = Candidates.value(union, NodeFactory.createURI(m), PA.sector.asNode());
            if (sector != null && sector.isURI()) {
                // The sector is the concept's IRI (the scheme has no notations); its label names it in words.
                sectors.put(m, sector.getURI());
                Node label = Candidates.value(union, sector, SKOS.prefLabel.asNode());
                if (label != null && label.isLiteral()) {
                    labels.putIfAbsent(sector.getURI(), label.getLiteralLexicalForm());
                }
            }
        }
        return new Proposal(p.title().strip(), p.purpose(), localities, domains, members, newMembers, type);
    }

    private List<String> resolveAll(
            String field,
            List<String> references,
            String idType,
            List<String> kinds,
            String what,
            Lexicon lexicon,
            Map<String, String> labels,
            List<String> resolved,
            List<ProposalException.Problem> problems) {
        List<String> out = new ArrayList<>();
        for (String reference : references) {
            String r = reference.strip();
            if (r.isEmpty()) {
                continue;
            }
            String iri = reader.reference(r, idType);
            if (iri != null && kinds.stream().anyMatch(k -> lexicon.isA(iri, k))) {
                add(out, iri, lexicon, labels);
                continue;
            }
            // Not an IRI or slug of the right kind: try it as a name (a slug-like word such as "Newham" too).
            String name = iri != null && !r.contains("/")
                    ? r
                    : iri == null ? r : Lexicon.slug(iri).replace('-', ' ');
            Set<String> found = new LinkedHashSet<>();
            kinds.forEach(k -> found.addAll(lexicon.byName(k, name)));
            boolean shortened = false;
            if (found.isEmpty()) {
                // A name officers shorten ("Youth Justice Board"): the beginning of one resource's name in full.
                kinds.forEach(k -> found.addAll(lexicon.byNamePrefix(k, name)));
                shortened = true;
            }
            if (found.size() == 1) {
                String match = found.iterator().next();
                add(out, match, lexicon, labels);
                resolved.add(field + ": '" + reference + "' is " + lexicon.label(match) + " <" + match + ">"
                        + (shortened ? " (the one name of " + what + " that begins so)" : ""));
            } else if (found.size() > 1) {
                problems.add(new ProposalException.Problem(
                        field,
                        "'" + reference + "' " + (shortened ? "begins the names of " : "names ") + found.size()
                                + " resources; say which: "
                                + String.join(
                                        ", ",
                                        found.stream()
                                                .limit(8)
                                                .map(f -> "'" + lexicon.label(f) + "' (" + Lexicon.slug(f) + ")")
                                                .toList())));
            } else {
                List<String> near = new ArrayList<>();
                kinds.forEach(k -> near.addAll(lexicon.closest(k, name, 3)));
                String advice =
                        field.equals("members") ? "; an organisation the Atlas does not hold goes in newMembers" : "";
                problems.add(new ProposalException.Problem(
                        field,
                        "'" + reference + "' is not " + what + " the Atlas knows"
                                + (near.isEmpty()
                                        ? ""
                                        : "; did you mean "
                                                + String.join(" or ", near.subList(0, Math.min(3, near.size())))
                                                + "?")
                                + advice));
            }
        }
        return out;
    }

    private static void add(List<String> out, String iri, Lexicon lexicon, Map<String, String> labels) {
        if (!out.contains(iri)) {
            out.add(iri);
        }
        if (lexicon.label(iri) != null) {
            labels.put(iri, lexicon.label(iri));
        }
    }

    /**
     * Names compared for "the same thing", normalised as link discovery does ({@link LabelNormaliser}): case, accents
     * and punctuation folded, "&" read as "and", abbreviations spelt out ("PCT", "CVS", "LBC"), "the", "of", "and",
     * "for", "in" left out.
     */
    static String normalise(String name) {
        return LabelNormaliser.key(name);
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
