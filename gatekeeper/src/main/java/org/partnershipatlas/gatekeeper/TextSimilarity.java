package org.partnershipatlas.gatekeeper;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Similarity of short English texts (purposes of partnerships): TF-IDF vectors over a small corpus, compared by
 * cosine. Words are lower-cased, stop words and words under three letters dropped, and a plural 's' removed, so
 * "Reducing burglaries" and "reduce burglary" share "burglary".
 */
final class TextSimilarity {
    private static final Set<String> STOP = Set.of(
            "the",
            "and",
            "for",
            "with",
            "that",
            "this",
            "from",
            "into",
            "its",
            "their",
            "are",
            "was",
            "were",
            "has",
            "have",
            "had",
            "will",
            "which",
            "who",
            "whom",
            "all",
            "any",
            "each",
            "other",
            "than",
            "then",
            "them",
            "they",
            "our",
            "out",
            "over",
            "under",
            "more",
            "most",
            "such",
            "not",
            "but",
            "also",
            "can",
            "may",
            "per",
            "local",
            "area",
            "areas",
            "partnership",
            "partnerships",
            "work",
            "working",
            "between",
            "through",
            "across");

    private final List<Map<String, Double>> vectors = new ArrayList<>();
    private final Map<String, Integer> documentFrequency = new HashMap<>();

    /** Words of a text, normalised. */
    static List<String> words(String text) {
        List<String> words = new ArrayList<>();
        if (text == null) {
            return words;
        }
        for (String raw : text.toLowerCase(Locale.ROOT).split("[^a-z]+")) {
            if (raw.length() < 3 || STOP.contains(raw)) {
                continue;
            }
            String word = raw;
            if (word.endsWith("ies") && word.length() > 4) {
                word = word.substring(0, word.length() - 3) + "y";
            } else if (word.endsWith("s") && !word.endsWith("ss") && word.length() > 3) {
                word = word.substring(0, word.length() - 1);
            }
            if (word.endsWith("ing") && word.length() > 5) {
                word = word.substring(0, word.length() - 3);
            } else if (word.endsWith("ed") && word.length() > 4) {
                word = word.substring(0, word.length() - 2);
            }
            words.add(word);
        }
        return words;
    }

    /** Adds a document to the corpus; returns its index. */
    int add(String text) {
        Map<String, Double> tf = new HashMap<>();
        for (String w : words(text)) {
            tf.merge(w, 1.0, Double::sum);
        }
        tf.keySet().forEach(w -> documentFrequency.merge(w, 1, Integer::sum));
        vectors.add(tf);
        return vectors.size() - 1;
    }

    /** Cosine similarity of two documents' TF-IDF vectors, between 0 and 1. */
    double similarity(int a, int b) {
        Map<String, Double> va = weighted(vectors.get(a));
        Map<String, Double> vb = weighted(vectors.get(b));
        double dot = 0;
        for (var e : va.entrySet()) {
            dot += e.getValue() * vb.getOrDefault(e.getKey(), 0.0);
        }
        double na = norm(va);
        double nb = norm(vb);
        return na == 0 || nb == 0 ? 0 : Math.min(1.0, dot / (na * nb));
    }

    /** The words two documents share, most weighty first. */
    List<String> sharedWords(int a, int b) {
        Map<String, Double> va = weighted(vectors.get(a));
        Map<String, Double> vb = weighted(vectors.get(b));
        return va.keySet().stream()
                .filter(vb::containsKey)
                .sorted((x, y) -> Double.compare(va.get(y) * vb.get(y), va.get(x) * vb.get(x)))
                .limit(5)
                .toList();
    }

    private Map<String, Double> weighted(Map<String, Double> tf) {
        int n = vectors.size();
        Map<String, Double> v = new HashMap<>();
        tf.forEach((w, f) -> v.put(w, f * (Math.log((n + 1.0) / (documentFrequency.get(w) + 1.0)) + 1.0)));
        return v;
    }

    private static double norm(Map<String, Double> v) {
        double s = 0;
        for (double x : v.values()) {
            s += x * x;
        }
        return Math.sqrt(s);
    }
}
