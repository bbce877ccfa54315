package org.partnershipatlas.gatekeeper;

import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import java.util.function.ToDoubleFunction;
import org.apache.jena.graph.Node;
import org.apache.jena.sparql.engine.binding.Binding;
import org.apache.jena.vocabulary.DCTerms;
import org.apache.jena.vocabulary.ORG;
import org.apache.jena.vocabulary.SKOS;
import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.OffsetAttribute;
import org.partnershipatlas.ontology.PA;
import org.partnershipatlas.queries.DomainTree;

/**
 * What the gatekeeper knows of the whole Atlas, computed once per data version (by {@link Gatekeeper}) from the
 * {@code gatekeeper-lexicon} query: the names of localities, problem domains, organisations and partnership types
 * (to resolve the names in a proposal), the problem-domain scheme's terms (to recognise a domain in a purpose), the
 * words of place and organisation names, partnerships' included (which say nothing about a purpose) and the document frequency of every
 * purpose term over all partnerships (for TF-IDF).
 *
 * <p>Texts are analysed with Lucene's {@link EnglishAnalyzer} (lower case, English stop words and possessives
 * removed, Porter stemming), so "offenders" and "offending" meet. A purpose's terms are its stems, less the stems of
 * place and organisation names that are not also words of the domain scheme, plus one term per problem domain whose
 * label, alternative label or hidden label occurs in it as a phrase ({@code @<domain IRI>}, weight 1) and its broader
 * domain (weight 0.5): "burglary" and "car crime" both bring in Volume crime, so they meet a partnership on volume crime.
 */
final class Lexicon {
    /** A purpose term that stands for a problem domain starts with this. */
    static final String DOMAIN_TERM = "@";

    /** Words too common in partnership purposes to tell two apart, on top of Lucene's English stop words. */
    private static final List<String> EXTRA_STOP = List.of(
            "partnership",
            "partnerships",
            "local",
            "area",
            "areas",
            "work",
            "working",
            "across",
            "between",
            "through",
            "together",
            "also",
            "within",
            "every",
            "three",
            "year",
            "years");

    private static final EnglishAnalyzer ANALYZER = analyzer();

    private final DomainTree tree;
    private final Map<String, Set<String>> kinds = new HashMap<>();
    private final Map<String, String> labels = new HashMap<>();
    private final Map<String, Map<String, Set<String>>> names = new HashMap<>();
    private final Map<String, List<Term>> termsByFirstStem = new HashMap<>();
    private final Set<String> nameStems = new HashSet<>();
    private final Map<String, Integer> documentFrequency = new HashMap<>();
    private int documents;

    /** Partnerships' texts analysed, at most this many kept (a few hundred bytes each: see {@link Vector}). */
    static final int MAX_VECTORS = 50_000;

    /** A number for each term a {@link Vector} holds, so that a vector is two arrays rather than a map. */
    private final Map<String, Integer> termIds = new ConcurrentHashMap<>();

    private final AtomicInteger nextTermId = new AtomicInteger();

    /**
     * The analysed texts of the Atlas's partnerships (by IRI), least recently used dropped beyond {@link #MAX_VECTORS}:
     * filled as the lexicon is made and on a miss. A lexicon is made afresh for each data version, so a text the data
     * no longer holds is never read; a vector is only used for the very text and domains it was made from.
     */
    private final Map<String, Vector> vectors = Collections.synchronizedMap(new LinkedHashMap<>(1 << 16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Vector> eldest) {
            return size() > MAX_VECTORS;
        }
    });

    /** A domain's label, alternative or hidden label, analysed. */
    record Term(String domain, List<String> stems, String text) implements Serializable {}

    /** An analysed purpose: its weighted terms, and for each a word of the text or domain label to show. */
    record Text(Map<String, Double> terms, Map<String, String> shown) {
        static final Text EMPTY = new Text(Map.of(), Map.of());
    }

    /**
     * A partnership's analysed text ({@link #partnership(String, Collection)}) in compact form, as a check compares
     * it: its terms' numbers in ascending order with their weights, and its TF-IDF norm, computed in the order of
     * the terms in the text as {@link #similarity(Text, Text)} computes it, so that the similarities are the same to
     * the last bit. Made from a text and domains, and used only for them: it keeps their {@link #digest} rather than
     * the text itself (a purpose is some hundreds of bytes, and the lexicon keeps a vector for every partnership).
     */
    record Vector(long source, int[] ids, double[] weights, double norm) implements Serializable {
        /** The weight of a term, or 0 if the text does not have it. */
        double weight(Integer id) {
            if (id == null) {
                return 0;
            }
            int at = Arrays.binarySearch(ids, id);
            return at < 0 ? 0 : weights[at];
        }

        boolean madeFrom(String text, Collection<String> domains) {
            return source == digest(text, domains);
        }
    }

    /**
     * A 64-bit FNV-1a digest of a text and its domains in the order given: what a {@link Vector} was made from. Two
     * different sources of one partnership meeting on the same digest (odds about 1 in 10^19) would be the only way
     * to read a stale vector.
     */
    static long digest(String text, Collection<String> domains) {
        long h = 0xcbf29ce484222325L;
        h = fnv(h, text);
        for (String d : domains) {
            h = fnv(h ^ 0x1f, d);
        }
        return h;
    }

    private static long fnv(long h, String s) {
        for (int i = 0; i < s.length(); i++) {
            h ^= s.charAt(i);
            h *= 0x100000001b3L;
        }
        // The length ends each part, so that "ab" + "c" and "a" + "bc" differ.
        h ^= s.length();
        return h * 0x100000001b3L;
    }

    /**
     * @param rows the {@code gatekeeper-lexicon} answer: {@code ?resource ?kind ?property ?text}
     * @param tree the problem-domain tree
     */
    Lexicon(List<Binding> rows, DomainTree tree) {
        this.tree = tree;
        Map<String, StringBuilder> partnershipTexts = new LinkedHashMap<>();
        Map<String, List<String>> partnershipDomains = new HashMap<>();
        Map<String, String> descriptions = new HashMap<>();
        Set<String> schemeStems = new HashSet<>();
        List<String> nameTexts = new ArrayList<>();
        for (Binding b : rows) {
            String resource = b.get("resource").getURI();
            String kind = b.get("kind").getURI();
            String property = b.get("property").getURI();
            Node value = b.get("text");
            kinds.computeIfAbsent(resource, k -> new HashSet<>()).add(kind);
            if (kind.equals(PA.Partnership.getURI()) && property.equals(ORG.purpose.getURI()) && value.isURI()) {
                partnershipDomains
                        .computeIfAbsent(resource, k -> new ArrayList<>())
                        .add(value.getURI());
                partnershipTexts.computeIfAbsent(resource, k -> new StringBuilder());
            }
            if (!value.isLiteral()) {
                continue;
            }
            String text = value.getLiteralLexicalForm();
            boolean label = property.equals(SKOS.prefLabel.getURI());
            boolean name = label
                    || property.equals(SKOS.altLabel.getURI())
                    || property.equals(SKOS.hiddenLabel.getURI())
                    || property.equals(SKOS.notation.getURI());
            if (label) {
                labels.putIfAbsent(resource, text);
            }
            if (name && !kind.equals(PA.Partnership.getURI())) {
                names.computeIfAbsent(kind, k -> new HashMap<>())
                        .computeIfAbsent(Gatekeeper.normalise(text), k -> new LinkedHashSet<>())
                        .add(resource);
            }
            if (kind.equals(PA.ProblemDomain.getURI())) {
                List<String> stems = stems(text).stream().map(Token::stem).toList();
                if (name && !property.equals(SKOS.notation.getURI()) && !stems.isEmpty()) {
                    // Only the words of labels are kept out of the name words: definitions are in everyday
                    // English ("can", "people"), and would keep "Canning Town" ("can") as a purpose word.
                    schemeStems.addAll(stems);
                    termsByFirstStem
                            .computeIfAbsent(stems.get(0), k -> new ArrayList<>())
                            .add(new Term(resource, stems, text));
                }
            } else if (kind.equals(PA.Locality.getURI()) || kind.equals(ORG.FormalOrganization.getURI())) {
                if (name && !property.equals(SKOS.notation.getURI())) {
                    nameTexts.add(text);
                }
            } else if (kind.equals(PA.Partnership.getURI())
                    && (label || property.equals(DCTerms.description.getURI()))) {
                if (name) {
                    // Partnerships are organisations too, and their names hold place names ("Sure Start Canning
                    // Town", "Aylesbury Estate NDC") that are no locality's name.
                    nameTexts.add(text);
                }
                partnershipTexts
                        .computeIfAbsent(resource, k -> new StringBuilder())
                        .append(text)
                        .append(". ");
                if (property.equals(DCTerms.description.getURI())) {
                    descriptions.putIfAbsent(resource, text);
                }
            }
        }
        // Longest phrases first, so "car crime" is tried before "crime".
        termsByFirstStem
                .values()
                .forEach(l -> l.sort(
                        Comparator.comparingInt((Term t) -> t.stems().size()).reversed()));
        for (String text : nameTexts) {
            for (Token t : stems(text)) {
                if (!schemeStems.contains(t.stem())) {
                    nameStems.add(t.stem());
                }
            }
        }
        // Each partnership's text is analysed once: for the document frequencies and, in the form a check reads it
        // (Candidates.Candidate#text, its domains in order), for the vector kept of it. The norms wait for the IDF.
        Map<String, Vector> unnormed = new LinkedHashMap<>();
        partnershipTexts.forEach((partnership, text) -> {
            String read = text.toString();
            Text base = analyse(read);
            List<String> domains = partnershipDomains.getOrDefault(partnership, List.of());
            withDomains(base, domains).terms().keySet().forEach(t -> documentFrequency.merge(t, 1, Integer::sum));
            documents++;
            String label = labels.get(partnership);
            if (label != null && unnormed.size() < MAX_VECTORS) {
                String asChecked = label + ". " + descriptions.getOrDefault(partnership, "");
                // The same words in the same order give the same analysis: "label. purpose. " reads as
                // "label. purpose" (most rows come so); otherwise the text is analysed again in the check's form.
                Text checked = read.equals(asChecked) || read.equals(asChecked + ". ") ? base : analyse(asChecked);
                List<String> sorted = List.copyOf(new TreeSet<>(domains));
                unnormed.put(partnership, compact(asChecked, sorted, withDomains(checked, sorted), Double.NaN));
            }
        });
        String[] terms = new String[nextTermId.get()];
        termIds.forEach((term, id) -> terms[id] = term);
        unnormed.forEach((partnership, v) -> vectors.put(partnership, normed(v, terms)));
    }

    /**
     * The version of what a lexicon holds and of how it analyses texts: a lexicon kept on disk ({@link LexiconFile})
     * under another is not read. Change it whenever the analysis, the stop words or the fields below change.
     */
    static final int FORMAT = 1;

    /** What a lexicon holds, as kept on disk between runs ({@link LexiconFile}); the domain tree is read afresh. */
    record State(
            Map<String, Set<String>> kinds,
            Map<String, String> labels,
            Map<String, Map<String, Set<String>>> names,
            Map<String, List<Term>> termsByFirstStem,
            Set<String> nameStems,
            Map<String, Integer> documentFrequency,
            int documents,
            Map<String, Integer> termIds,
            Map<String, Vector> vectors)
            implements Serializable {}

    /** What this lexicon holds now (its analysed texts as kept at this moment). */
    State state() {
        Map<String, Vector> kept;
        synchronized (vectors) {
            kept = new LinkedHashMap<>(vectors);
        }
        return new State(
                kinds,
                labels,
                names,
                termsByFirstStem,
                nameStems,
                documentFrequency,
                documents,
                new HashMap<>(termIds),
                kept);
    }

    /** A lexicon as it was kept ({@link #state()}), over the domain tree of the same data. */
    Lexicon(State state, DomainTree tree) {
        this.tree = tree;
        kinds.putAll(state.kinds());
        labels.putAll(state.labels());
        names.putAll(state.names());
        termsByFirstStem.putAll(state.termsByFirstStem());
        nameStems.addAll(state.nameStems());
        documentFrequency.putAll(state.documentFrequency());
        documents = state.documents();
        termIds.putAll(state.termIds());
        nextTermId.set(
                termIds.values().stream().mapToInt(Integer::intValue).max().orElse(-1) + 1);
        vectors.putAll(state.vectors());
    }

    DomainTree tree() {
        return tree;
    }

    /** The preferred label of a resource the lexicon knows, or null. */
    String label(String iri) {
        return labels.get(iri);
    }

    /** The resources of a class, in IRI order. */
    List<String> all(String kind) {
        return kinds.entrySet().stream()
                .filter(e -> e.getValue().contains(kind))
                .map(Map.Entry::getKey)
                .sorted()
                .toList();
    }

    /** True if the resource is of the class. */
    boolean isA(String iri, String kind) {
        return kinds.getOrDefault(iri, Set.of()).contains(kind);
    }

    /** The resources of a class whose name (label, alternative or hidden label, notation) normalises alike. */
    Set<String> byName(String kind, String name) {
        return names.getOrDefault(kind, Map.of()).getOrDefault(Gatekeeper.normalise(name), Set.of());
    }

    /**
     * The resources of a class one of whose names begins with the whole of a name of at least two words (compared
     * as {@link #byName} compares them): "Youth Justice Board" begins "Youth Justice Board for England and Wales".
     * For a name that is no resource's name in full; one resource found is what the name means, several are a
     * question to ask.
     */
    Set<String> byNamePrefix(String kind, String name) {
        String wanted = Gatekeeper.normalise(name);
        Set<String> out = new LinkedHashSet<>();
        if (wanted.indexOf(' ') < 0) {
            return out;
        }
        names.getOrDefault(kind, Map.of()).forEach((normal, iris) -> {
            if (normal.startsWith(wanted + " ")) {
                out.addAll(iris);
            }
        });
        return out;
    }

    /** Up to {@code n} names of a class closest to a name (by edit distance of their normal forms), for "did you mean". */
    List<String> closest(String kind, String name, int n) {
        String wanted = Gatekeeper.normalise(name);
        Map<String, Integer> best = new HashMap<>();
        names.getOrDefault(kind, Map.of()).forEach((normal, iris) -> {
            int d = distance(wanted, normal);
            if (normal.contains(wanted) || wanted.contains(normal)) {
                d = Math.min(d, Math.max(1, Math.abs(normal.length() - wanted.length()) / 4));
            }
            if (d <= Math.max(2, wanted.length() / 3)) {
                for (String iri : iris) {
                    best.merge(iri, d, Math::min);
                }
            }
        });
        return best.entrySet().stream()
                .sorted(Map.Entry.<String, Integer>comparingByValue()
                        .thenComparing(e -> labels.getOrDefault(e.getKey(), e.getKey())))
                .limit(n)
                .map(e -> "'" + labels.getOrDefault(e.getKey(), e.getKey()) + "' (" + slug(e.getKey()) + ")")
                .toList();
    }

    static String slug(String iri) {
        return iri.substring(iri.lastIndexOf('/') + 1);
    }

    /** The analysed terms of a purpose: stems less name words, plus the domains it mentions (see the class). */
    Text analyse(String text) {
        if (text == null || text.isBlank()) {
            return Text.EMPTY;
        }
        List<Token> tokens = stems(text);
        Map<String, Double> terms = new LinkedHashMap<>();
        Map<String, String> shown = new HashMap<>();
        // Domain terms: the longest phrase that starts at each word, and none that starts inside one already found
        // (so "social exclusion" does not also count as "exclusion").
        for (int i = 0; i < tokens.size(); i++) {
            for (Term term : termsByFirstStem.getOrDefault(tokens.get(i).stem(), List.of())) {
                if (matches(tokens, i, term.stems())) {
                    addDomain(terms, shown, term.domain(), 1.0);
                    String broader = tree.broader(term.domain());
                    if (broader != null) {
                        addDomain(terms, shown, broader, 0.5);
                    }
                    i += term.stems().size() - 1;
                    break;
                }
            }
        }
        for (Token t : tokens) {
            if (nameStems.contains(t.stem())
                    || t.stem().length() < 2
                    || t.stem().chars().allMatch(Character::isDigit)) {
                continue;
            }
            terms.merge(t.stem(), 1.0, Double::sum);
            shown.putIfAbsent(t.stem(), t.word());
        }
        return new Text(terms, shown);
    }

    /**
     * The analysed text of a partnership of the Atlas, with the words to show for each term (the rationalisation
     * report compares a locality's partnerships pairwise with these; a check reads the compact {@link #vector}).
     */
    Text partnership(String iri, String text, Collection<String> domains) {
        return partnership(text, domains);
    }

    /**
     * The analysed text of a partnership: its label and purpose as {@link #analyse} reads them, plus the problem
     * domains it declares as domain terms (weight 1, their broader domains 0.5), so that a proposal's words about
     * burglary meet a partnership on volume crime even when its purpose does not say "burglary".
     */
    Text partnership(String text, Collection<String> domains) {
        return withDomains(analyse(text), domains);
    }

    private Text withDomains(Text t, Collection<String> domains) {
        if (domains.isEmpty()) {
            return t;
        }
        Map<String, Double> terms = new LinkedHashMap<>(t.terms());
        Map<String, String> shown = new HashMap<>(t.shown());
        for (String d : domains) {
            addDomain(terms, shown, d, 1.0);
            String broader = tree.broader(d);
            if (broader != null) {
                addDomain(terms, shown, broader, 0.5);
            }
        }
        return new Text(terms, shown);
    }

    /**
     * The analysed text of a partnership of the Atlas in compact form, as {@link #partnership(String, Collection)}
     * makes it: the one kept if it was made from this text and these domains (iterated in the order given), else made
     * afresh and kept.
     */
    Vector vector(String partnership, String text, Collection<String> domains) {
        Vector v = vectors.get(partnership);
        if (v != null && v.madeFrom(text, domains)) {
            return v;
        }
        v = vectorAfresh(text, domains);
        vectors.put(partnership, v);
        return v;
    }

    /** The analysed text of a partnership in compact form, made afresh (what {@link #vector} keeps). */
    Vector vectorAfresh(String text, Collection<String> domains) {
        Text t = partnership(text, domains);
        return compact(text, domains, t, norm(t));
    }

    /** How many partnerships' analysed texts are kept now. */
    int vectorsKept() {
        return vectors.size();
    }

    /** The terms of an analysed text as two arrays, in the order of the text (sorted by {@link #normed}). */
    private Vector compact(String text, Collection<String> domains, Text t, double norm) {
        int[] ids = new int[t.terms().size()];
        double[] weights = new double[ids.length];
        int i = 0;
        for (var e : t.terms().entrySet()) {
            ids[i] = termIds.computeIfAbsent(e.getKey(), k -> nextTermId.getAndIncrement());
            weights[i++] = e.getValue();
        }
        Vector v = new Vector(digest(text, domains), ids, weights, norm);
        return Double.isNaN(norm) ? v : sorted(v);
    }

    /** A vector made before the IDF was known: its norm, summed in the order of its text, then sorted. */
    private Vector normed(Vector v, String[] terms) {
        double s = 0;
        for (int i = 0; i < v.ids().length; i++) {
            double w = v.weights()[i] * idf(terms[v.ids()[i]]);
            s += w * w;
        }
        return sorted(new Vector(v.source(), v.ids(), v.weights(), Math.sqrt(s)));
    }

    private static Vector sorted(Vector v) {
        Integer[] order = new Integer[v.ids().length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, Comparator.comparingInt(i -> v.ids()[i]));
        int[] ids = new int[order.length];
        double[] weights = new double[order.length];
        for (int i = 0; i < order.length; i++) {
            ids[i] = v.ids()[order[i]];
            weights[i] = v.weights()[order[i]];
        }
        return new Vector(v.source(), ids, weights, v.norm());
    }

    private void addDomain(Map<String, Double> terms, Map<String, String> shown, String domain, double weight) {
        String key = DOMAIN_TERM + domain;
        terms.merge(key, weight, Math::max);
        shown.putIfAbsent(key, "domain term: " + labels.getOrDefault(domain, slug(domain)));
    }

    private static boolean matches(List<Token> tokens, int at, List<String> phrase) {
        if (at + phrase.size() > tokens.size()) {
            return false;
        }
        for (int j = 0; j < phrase.size(); j++) {
            if (!tokens.get(at + j).stem().equals(phrase.get(j))) {
                return false;
            }
        }
        return true;
    }

    /** Inverse document frequency of a term over all the Atlas's partnerships (smoothed; unseen terms weigh most). */
    double idf(String term) {
        return Math.log((documents + 1.0) / (documentFrequency.getOrDefault(term, 0) + 1.0)) + 1.0;
    }

    /** How many partnership texts the IDF was computed over. */
    int documents() {
        return documents;
    }

    /** Cosine similarity of two analysed texts' TF-IDF vectors, between 0 and 1. */
    double similarity(Text a, Text b) {
        double dot = 0;
        for (var e : a.terms().entrySet()) {
            Double other = b.terms().get(e.getKey());
            if (other != null) {
                double idf = idf(e.getKey());
                dot += e.getValue() * other * idf * idf;
            }
        }
        double na = norm(a);
        double nb = norm(b);
        return na == 0 || nb == 0 ? 0 : Math.min(1.0, dot / (na * nb));
    }

    /**
     * Cosine similarity of a text and a partnership's vector: {@link #similarity(Text, Text)} to the last bit (the
     * same products summed in the same order), without a map per partnership.
     */
    double similarity(Text a, Vector b) {
        double dot = 0;
        for (var e : a.terms().entrySet()) {
            double other = b.weight(termIds.get(e.getKey()));
            if (other != 0) {
                double idf = idf(e.getKey());
                dot += e.getValue() * other * idf * idf;
            }
        }
        double na = norm(a);
        double nb = b.norm();
        return na == 0 || nb == 0 ? 0 : Math.min(1.0, dot / (na * nb));
    }

    /** The terms a text shares with a partnership's vector, weightiest first, in words (as {@link #shared}). */
    List<String> shared(Text a, Vector b, int limit) {
        return shared(a, t -> b.weight(termIds.get(t)) != 0, t -> b.weight(termIds.get(t)), limit);
    }

    /** The terms two texts share, weightiest first, in words. */
    List<String> shared(Text a, Text b, int limit) {
        return shared(a, b.terms()::containsKey, t -> b.terms().get(t), limit);
    }

    /** The terms of {@code a} that the other side has, by the product of both weights and the IDF squared. */
    private List<String> shared(Text a, Predicate<String> inOther, ToDoubleFunction<String> otherWeight, int limit) {
        return a.terms().keySet().stream()
                .filter(inOther)
                .sorted(Comparator.comparingDouble(
                                (String t) -> -a.terms().get(t) * otherWeight.applyAsDouble(t) * idf(t) * idf(t))
                        .thenComparing(t -> t))
                .limit(limit)
                .map(t -> t.startsWith(DOMAIN_TERM)
                        ? a.shown().get(t)
                        : "'" + a.shown().get(t) + "'")
                .toList();
    }

    private double norm(Text t) {
        double s = 0;
        for (var e : t.terms().entrySet()) {
            double w = e.getValue() * idf(e.getKey());
            s += w * w;
        }
        return Math.sqrt(s);
    }

    /** A stem and the word of the text it came from. */
    record Token(String stem, String word) {}

    static List<Token> stems(String text) {
        List<Token> out = new ArrayList<>();
        try (TokenStream ts = ANALYZER.tokenStream("purpose", text)) {
            CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
            OffsetAttribute offset = ts.addAttribute(OffsetAttribute.class);
            ts.reset();
            while (ts.incrementToken()) {
                out.add(new Token(
                        term.toString(),
                        text.substring(offset.startOffset(), offset.endOffset()).toLowerCase(Locale.ROOT)));
            }
            ts.end();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    private static EnglishAnalyzer analyzer() {
        CharArraySet stop = new CharArraySet(EnglishAnalyzer.ENGLISH_STOP_WORDS_SET, true);
        stop.addAll(EXTRA_STOP);
        return new EnglishAnalyzer(stop);
    }

    /** Levenshtein distance. */
    static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}
