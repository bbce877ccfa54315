package org.partnershipatlas.loaders.links;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.Triple;
import org.apache.jena.query.Query;
import org.apache.jena.riot.RDFLanguages;
import org.apache.jena.riot.RDFParser;
import org.apache.jena.riot.RiotException;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.core.Var;
import org.apache.jena.sparql.engine.binding.Binding;
import org.apache.jena.sparql.engine.binding.BindingFactory;
import org.apache.jena.sparql.exec.http.QueryExecHTTP;
import org.apache.jena.sparql.graph.GraphFactory;
import org.apache.jena.system.Txn;
import org.apache.jena.vocabulary.RDF;
import org.partnershipatlas.loaders.store.AtlasStore;
import org.partnershipatlas.ontology.AtlasIris;
import org.partnershipatlas.ontology.LabelNormaliser;
import org.partnershipatlas.ontology.SafeParsing;
import org.partnershipatlas.queries.QueryBinder;
import org.partnershipatlas.queries.QueryCatalogue;

/**
 * Finds links between Atlas resources and the records of another dataset, by identifier and by name, each with a
 * confidence; writes those at or above the spec's accept threshold into the linkset graph (replacing it, so a rerun
 * gives the same graph) and those between the review and accept thresholds into a review file.
 *
 * <pre>
 *   LinkSpec spec = LinkSpec.read(Path.of("links/register.json"));
 *   Graph target = LinkDiscovery.readTarget(spec, endpoint -> Optional.empty());   // or a refusal for the host
 *   LinkDiscovery.Result r = LinkDiscovery.run(store, AtlasIris.DEFAULT, spec, target);
 * </pre>
 *
 * Names are compared as {@link LabelNormaliser} tokens weighted by rarity (a shared "newham" counts for more than a
 * shared "council"), with one-letter typos in longer words forgiven. A record matched as well by two Atlas resources,
 * or a resource matching two records almost equally, goes to review rather than into the linkset. Candidates are
 * only the records sharing a rare word, so the work grows with the data, not with its square.
 */
public final class LinkDiscovery {
    /** Two candidates closer than this are too close to call. */
    static final double AMBIGUITY_MARGIN = 0.05;

    /** A word in at least one name in ten (idf of ln 11) is common: "council", "police", "pct". */
    static final double COMMON_IDF = Math.log(1.0 + 10.0);

    private LinkDiscovery() {}

    /** A proposed link with its confidence (1.0 for a shared identifier) and why. */
    public record Candidate(
            Node atlas, String atlasLabel, Node target, String targetLabel, double confidence, String reason) {}

    /** What a run found and wrote. */
    public record Result(
            List<Candidate> accepted, List<Candidate> review, int atlasResources, int targetResources, long written) {}

    /**
     * Reads the spec's target dataset: its file (parsed without fetching anything), or the labels and identifiers
     * from its SPARQL endpoint, which {@code refusal} must allow (it returns why not, or empty).
     */
    public static Graph readTarget(LinkSpec spec, Function<String, Optional<String>> refusal) {
        Graph g = GraphFactory.createDefaultGraph();
        if (spec.targetFile() != null) {
            var lang =
                    RDFLanguages.filenameToLang(spec.targetFile().getFileName().toString());
            if (lang == null) {
                throw new LinkException(spec.targetFile() + ": not an RDF file name (.ttl, .nt, .rdf, .jsonld)");
            }
            try (InputStream in = SafeParsing.markable(Files.newInputStream(spec.targetFile()))) {
                SafeParsing.apply(RDFParser.source(in)).lang(lang).parse(g);
            } catch (IOException e) {
                throw new LinkException("cannot read " + spec.targetFile() + ": " + e.getMessage());
            } catch (RiotException e) {
                throw new LinkException(spec.targetFile() + ": not valid RDF: " + e.getMessage());
            }
            return g;
        }
        refusal.apply(spec.targetEndpoint()).ifPresent(reason -> {
            throw new LinkException(reason);
        });
        Query query = targetQuery(spec);
        try {
            return QueryExecHTTP.service(spec.targetEndpoint()).query(query).construct();
        } catch (RuntimeException e) {
            throw new LinkException("the target endpoint " + spec.targetEndpoint() + " failed: " + e.getMessage());
        }
    }

    /**
     * The library's query for the target's records ({@code linkset-target}, or {@code linkset-target-any-class}
     * when the spec names no class), fetching the spec's label and identifier properties.
     */
    static Query targetQuery(LinkSpec spec) {
        QueryCatalogue library = QueryCatalogue.load();
        // The class is an absolute IRI, so the base the binder resolves relative IRIs against does not matter.
        QueryBinder binder = new QueryBinder(AtlasIris.DEFAULT);
        Query query = spec.targetClass() != null
                ? binder.bind(
                        library.require("linkset-target"),
                        Map.of("class", spec.targetClass().getURI()))
                : binder.bind(library.require("linkset-target-any-class"), Map.of());
        Var p = Var.alloc("p");
        List<Binding> properties = new ArrayList<>();
        spec.targetLabels().forEach(label -> properties.add(BindingFactory.binding(p, label)));
        spec.identifiers().forEach(i -> properties.add(BindingFactory.binding(p, i.target())));
        query.setValuesDataBlock(List.of(p), properties);
        return query;
    }

    /** Matches, then writes the linkset (one write transaction) and the review file. */
    public static Result run(AtlasStore store, AtlasIris iris, LinkSpec spec, Graph target) {
        List<Resource> atlas = store.read(dsg -> atlasResources(dsg, spec));
        List<Resource> records = targetResources(target, spec);
        Matcher matcher = new Matcher(spec, atlas, records);
        List<Candidate> all = matcher.bestPerAtlasResource();
        List<Candidate> accepted = new ArrayList<>();
        List<Candidate> review = new ArrayList<>();
        for (Candidate c : oneToOne(all, spec)) {
            if (c.confidence() >= spec.accept()) {
                accepted.add(c);
            } else if (c.confidence() >= spec.review()) {
                review.add(c);
            }
        }
        Comparator<Candidate> order = Comparator.comparing(
                        (Candidate c) -> c.atlas().getURI())
                .thenComparing(c -> c.target().getURI());
        accepted.sort(order);
        review.sort(order);
        List<Triple> links = accepted.stream()
                .map(c -> Triple.create(c.atlas(), spec.linkPredicate(), c.target()))
                .toList();
        // A linkset is a few triples per link; a megabyte per thousand links is generous.
        long written = store.write(
                "writing the linkset " + spec.name(),
                (links.size() / 1000 + 1) * (1L << 20),
                () -> Txn.calculateWrite(
                        store.logged(),
                        () -> Linksets.write(
                                store.logged(),
                                iris,
                                new Linksets.Description(
                                        spec.name(), spec.title(), spec.linkPredicate(), spec.targetDataset()),
                                links,
                                "Link discovery: " + spec.title())));
        writeReview(spec.reviewFile(), review);
        return new Result(List.copyOf(accepted), List.copyOf(review), atlas.size(), records.size(), written);
    }

    /** A resource on either side: its labels and its identifier values (normalised), by identifier index. */
    record Resource(Node node, List<String> labels, Map<Integer, Set<String>> identifiers) {}

    private static List<Resource> atlasResources(DatasetGraph dsg, LinkSpec spec) {
        Graph union = dsg.getUnionGraph();
        Set<Node> subjects = new HashSet<>();
        union.find(Node.ANY, RDF.type.asNode(), spec.atlasClass()).forEach(t -> subjects.add(t.getSubject()));
        List<Resource> out = new ArrayList<>();
        for (Node s : subjects) {
            out.add(resource(union, s, spec.atlasLabels(), spec, true));
        }
        return out;
    }

    private static List<Resource> targetResources(Graph g, LinkSpec spec) {
        Set<Node> subjects = new HashSet<>();
        if (spec.targetClass() != null) {
            g.find(Node.ANY, RDF.type.asNode(), spec.targetClass()).forEach(t -> subjects.add(t.getSubject()));
        } else {
            for (Node p : spec.targetLabels()) {
                g.find(Node.ANY, p, Node.ANY).forEach(t -> subjects.add(t.getSubject()));
            }
        }
        List<Resource> out = new ArrayList<>();
        for (Node s : subjects) {
            if (s.isURI()) {
                out.add(resource(g, s, spec.targetLabels(), spec, false));
            }
        }
        return out;
    }

    private static Resource resource(Graph g, Node s, List<Node> labelProperties, LinkSpec spec, boolean atlasSide) {
        List<String> labels = new ArrayList<>();
        for (Node p : labelProperties) {
            g.find(s, p, Node.ANY).forEach(t -> {
                if (t.getObject().isLiteral()) {
                    labels.add(t.getObject().getLiteralLexicalForm());
                }
            });
        }
        Map<Integer, Set<String>> ids = new HashMap<>();
        for (int i = 0; i < spec.identifiers().size(); i++) {
            LinkSpec.Identifier id = spec.identifiers().get(i);
            Node p = atlasSide ? id.atlas() : id.target();
            Set<String> values = new HashSet<>();
            g.find(s, p, Node.ANY).forEach(t -> {
                Node o = t.getObject();
                String v = o.isURI() ? o.getURI() : o.isLiteral() ? o.getLiteralLexicalForm() : null;
                if (v != null && !v.isBlank()) {
                    values.add(
                            id.kind().equals("url")
                                    ? LabelNormaliser.url(v)
                                    : v.strip().toUpperCase(Locale.ROOT));
                }
            });
            ids.put(i, values);
        }
        labels.sort(null);
        return new Resource(s, List.copyOf(labels), ids);
    }

    /** A record claimed by several resources keeps its best; the others are demoted below the accept threshold. */
    private static List<Candidate> oneToOne(List<Candidate> candidates, LinkSpec spec) {
        Map<Node, List<Candidate>> byTarget = candidates.stream()
                .collect(Collectors.groupingBy(Candidate::target, LinkedHashMap::new, Collectors.toList()));
        List<Candidate> out = new ArrayList<>();
        for (List<Candidate> claims : byTarget.values()) {
            claims.sort(Comparator.comparingDouble(Candidate::confidence).reversed());
            Candidate winner = claims.get(0);
            out.add(winner);
            for (Candidate other : claims.subList(1, claims.size())) {
                if (winner.confidence() >= spec.accept()
                        && winner.confidence() - other.confidence() >= AMBIGUITY_MARGIN) {
                    continue; // the record is clearly taken: nothing for a reviewer to decide
                }
                out.add(new Candidate(
                        other.atlas(),
                        other.atlasLabel(),
                        other.target(),
                        other.targetLabel(),
                        Math.min(other.confidence(), spec.accept() - 0.001),
                        other.reason() + "; the record also matches "
                                + claims.get(0).atlas().getURI()));
            }
        }
        return out;
    }

    private static void writeReview(Path file, List<Candidate> review) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Path partial = file.resolveSibling(file.getFileName() + ".partial");
            try (Writer w = Files.newBufferedWriter(partial, StandardCharsets.UTF_8)) {
                w.write("confidence\tatlas\tatlas_label\ttarget\ttarget_label\treason\n");
                for (Candidate c : review) {
                    w.write(String.format(
                            Locale.ROOT,
                            "%.3f\t%s\t%s\t%s\t%s\t%s%n",
                            c.confidence(),
                            c.atlas().getURI(),
                            clean(c.atlasLabel()),
                            c.target().getURI(),
                            clean(c.targetLabel()),
                            clean(c.reason())));
                }
            }
            Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String clean(String s) {
        return s == null ? "" : s.replaceAll("[\\t\\r\\n]+", " ");
    }

    /** The scoring: rarity-weighted token overlap, with an inverted index to find candidates. */
    static final class Matcher {
        private final LinkSpec spec;
        private final List<Resource> atlas;
        private final List<Resource> records;
        private final Map<String, Double> idf = new HashMap<>();
        private final Map<String, List<Resource>> byToken = new HashMap<>();
        private final List<Map<String, List<Resource>>> byIdentifier = new ArrayList<>();

        Matcher(LinkSpec spec, List<Resource> atlas, List<Resource> records) {
            this.spec = spec;
            this.atlas = atlas;
            this.records = records;
            Map<String, Integer> df = new HashMap<>();
            for (Resource r : concat(atlas, records)) {
                r.labels().stream()
                        .flatMap(l -> LabelNormaliser.tokens(l).stream())
                        .distinct()
                        .forEach(t -> df.merge(t, 1, Integer::sum));
            }
            int n = atlas.size() + records.size();
            df.forEach((t, f) -> idf.put(t, Math.log(1.0 + (double) n / f)));
            for (Resource r : records) {
                r.labels().stream()
                        .flatMap(l -> LabelNormaliser.tokens(l).stream())
                        .distinct()
                        .forEach(t -> byToken.computeIfAbsent(t, k -> new ArrayList<>())
                                .add(r));
            }
            for (int i = 0; i < spec.identifiers().size(); i++) {
                Map<String, List<Resource>> index = new HashMap<>();
                for (Resource r : records) {
                    for (String v : r.identifiers().get(i)) {
                        index.computeIfAbsent(v, k -> new ArrayList<>()).add(r);
                    }
                }
                byIdentifier.add(index);
            }
        }

        private static List<Resource> concat(List<Resource> a, List<Resource> b) {
            List<Resource> all = new ArrayList<>(a);
            all.addAll(b);
            return all;
        }

        List<Candidate> bestPerAtlasResource() {
            List<Candidate> out = new ArrayList<>();
            for (Resource a : atlas) {
                byIdentifierMatch(a).or(() -> byLabel(a)).ifPresent(out::add);
            }
            return out;
        }

        private Optional<Candidate> byIdentifierMatch(Resource a) {
            for (int i = 0; i < spec.identifiers().size(); i++) {
                Set<Resource> found = new HashSet<>();
                for (String v : a.identifiers().get(i)) {
                    found.addAll(byIdentifier.get(i).getOrDefault(v, List.of()));
                }
                if (found.size() == 1) {
                    Resource r = found.iterator().next();
                    return Optional.of(new Candidate(
                            a.node(),
                            first(a),
                            r.node(),
                            first(r),
                            1.0,
                            "same " + spec.identifiers().get(i).target().getLocalName()));
                }
                if (found.size() > 1) {
                    Resource r = found.iterator().next();
                    return Optional.of(new Candidate(
                            a.node(),
                            first(a),
                            r.node(),
                            first(r),
                            spec.review(),
                            found.size() + " records share its "
                                    + spec.identifiers().get(i).target().getLocalName()));
                }
            }
            return Optional.empty();
        }

        private Optional<Candidate> byLabel(Resource a) {
            // Candidates: records sharing a word that is not among the commonest (those are in most names).
            Set<Resource> candidates = new HashSet<>();
            for (String label : a.labels()) {
                for (String t : LabelNormaliser.tokens(label)) {
                    if (!isCommon(t)) {
                        candidates.addAll(byToken.getOrDefault(t, List.of()));
                    }
                }
            }
            Resource best = null;
            double bestScore = 0;
            double second = 0;
            String bestPair = "";
            for (Resource r : candidates) {
                double score = 0;
                String pair = "";
                for (String la : distinctive(a.labels())) {
                    for (String lr : distinctive(r.labels())) {
                        double s = similarity(la, lr);
                        if (s > score) {
                            score = s;
                            pair = "'" + la + "' ~ '" + lr + "'";
                        }
                    }
                }
                if (score > bestScore) {
                    second = bestScore;
                    bestScore = score;
                    best = r;
                    bestPair = pair;
                } else if (score > second) {
                    second = score;
                }
            }
            if (best == null) {
                return Optional.empty();
            }
            double confidence = bestScore;
            String reason = "name " + bestPair;
            if (bestScore - second < AMBIGUITY_MARGIN && bestScore < 1.0) {
                confidence = Math.min(confidence, spec.accept() - 0.001);
                reason += String.format(Locale.ROOT, "; another record scores %.2f", second);
            }
            return Optional.of(new Candidate(a.node(), first(a), best.node(), first(best), round(confidence), reason));
        }

        /**
         * The labels with at least one uncommon word: an alternative name such as "PCT" or "local LSC" names a kind
         * of body, not one body, so it must not decide a match.
         */
        private List<String> distinctive(List<String> labels) {
            return labels.stream()
                    .filter(l -> LabelNormaliser.tokens(l).stream().anyMatch(t -> !isCommon(t)))
                    .toList();
        }

        private boolean isCommon(String token) {
            return idf.getOrDefault(token, 0.0) <= COMMON_IDF
                    && byToken.getOrDefault(token, List.of()).size() >= 5;
        }

        /** 1.0 for names equal after normalising; otherwise the rarity-weighted Dice overlap of their words. */
        double similarity(String a, String b) {
            List<String> ta = LabelNormaliser.tokens(a);
            List<String> tb = LabelNormaliser.tokens(b);
            if (ta.isEmpty() || tb.isEmpty()) {
                return 0;
            }
            if (new HashSet<>(ta).equals(new HashSet<>(tb))) {
                return 1.0;
            }
            double matched = matchedWeight(ta, tb) + matchedWeight(tb, ta);
            double total = weight(ta) + weight(tb);
            return Math.min(0.99, matched / total);
        }

        private double matchedWeight(List<String> from, List<String> to) {
            double w = 0;
            for (String t : new HashSet<>(from)) {
                double best = 0;
                for (String u : to) {
                    best = Math.max(best, tokenSimilarity(t, u));
                }
                w += best * idf.getOrDefault(t, 1.0);
            }
            return w;
        }

        private double weight(List<String> tokens) {
            return new HashSet<>(tokens)
                    .stream().mapToDouble(t -> idf.getOrDefault(t, 1.0)).sum();
        }

        /** 1 for the same word; 0.8 for a one-letter slip in a word of five letters or more. */
        static double tokenSimilarity(String a, String b) {
            if (a.equals(b)) {
                return 1;
            }
            if (Math.min(a.length(), b.length()) >= 5
                    && Math.abs(a.length() - b.length()) <= 1
                    && editDistanceAtMostOne(a, b)) {
                return 0.8;
            }
            return 0;
        }

        static boolean editDistanceAtMostOne(String a, String b) {
            if (a.length() > b.length()) {
                return editDistanceAtMostOne(b, a);
            }
            int i = 0;
            while (i < a.length() && a.charAt(i) == b.charAt(i)) {
                i++;
            }
            if (a.length() == b.length()) {
                return a.substring(i + 1).equals(b.substring(i + 1))
                        || i + 1 < a.length()
                                && a.charAt(i) == b.charAt(i + 1)
                                && a.charAt(i + 1) == b.charAt(i)
                                && a.substring(i + 2).equals(b.substring(i + 2));
            }
            return a.substring(i).equals(b.substring(i + 1));
        }

        private static String first(Resource r) {
            return r.labels().isEmpty() ? r.node().getURI() : r.labels().get(0);
        }

        private static double round(double d) {
            return Math.round(d * 1000) / 1000.0;
        }
    }
}
