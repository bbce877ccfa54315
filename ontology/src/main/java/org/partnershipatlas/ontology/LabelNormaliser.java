package org.partnershipatlas.ontology;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Turns an organisation's name into comparable tokens (for link discovery and for the gatekeeper's name lookup): case and accents folded, punctuation dropped, "&" read as
 * "and", the abbreviations of UK public bodies spelt out ("LBC" is "london borough council", "PCT" "primary care
 * trust"), and the words that carry no identity ("the", "of", "and") left out.
 *
 * <pre>
 *   LabelNormaliser.tokens("Newham LBC")                  // [newham, london, borough, council]
 *   LabelNormaliser.tokens("London Borough of Newham")    // [london, borough, newham]
 *   LabelNormaliser.tokens("Co-ordination Unit")          // [coordination, unit]
 * </pre>
 */
public final class LabelNormaliser {
    static final Map<String, String> ABBREVIATIONS = Map.ofEntries(
            Map.entry("lbc", "london borough council"),
            Map.entry("lb", "london borough"),
            Map.entry("mbc", "metropolitan borough council"),
            Map.entry("bc", "borough council"),
            Map.entry("cc", "city council"),
            Map.entry("dc", "district council"),
            Map.entry("rbc", "royal borough council"),
            Map.entry("pct", "primary care trust"),
            Map.entry("ha", "health authority"),
            Map.entry("cvs", "council for voluntary service"),
            Map.entry("lsc", "learning and skills council"),
            Map.entry("dept", "department"),
            Map.entry("govt", "government"),
            Map.entry("assoc", "association"),
            Map.entry("st", "saint"),
            Map.entry("ltd", "limited"),
            Map.entry("co", "company"),
            Map.entry("hm", "her majestys"),
            Map.entry("uk", "united kingdom"));

    static final Set<String> STOP_WORDS = Set.of("the", "of", "and", "for", "in");

    private LabelNormaliser() {}

    /** The name's tokens, in order. */
    public static List<String> tokens(String label) {
        String folded = Normalizer.normalize(label, Normalizer.Form.NFKD)
                .replaceAll("\\p{M}", "")
                .toLowerCase(Locale.ROOT)
                .replaceAll("\\b(\\p{L})\\.(?=\\p{L}\\b)", "$1") // "C.V.S." is "CVS"
                .replaceAll("\\b(co|re|non|pre)-(?=\\p{L})", "$1") // "co-ordination" is "coordination"
                .replace("&", " and ")
                .replace("'", "")
                .replace("\u2019", "")
                .replaceAll("[^a-z0-9]+", " ")
                .strip();
        List<String> tokens = new ArrayList<>();
        for (String word : folded.split(" ")) {
            if (word.isEmpty()) {
                continue;
            }
            String expanded = ABBREVIATIONS.getOrDefault(word, word);
            for (String w : expanded.split(" ")) {
                if (!STOP_WORDS.contains(w)) {
                    tokens.add(w);
                }
            }
        }
        return tokens;
    }

    /** The tokens joined by single spaces: equal for names that differ only in form. */
    public static String key(String label) {
        return String.join(" ", tokens(label));
    }

    /** A URL reduced to what identifies a site: host without "www.", and path, without scheme or final slash. */
    public static String url(String url) {
        String u = url.strip()
                .toLowerCase(Locale.ROOT)
                .replaceFirst("^[a-z]+://", "")
                .replaceFirst("^www\\.", "");
        while (u.endsWith("/")) {
            u = u.substring(0, u.length() - 1);
        }
        return u;
    }
}
