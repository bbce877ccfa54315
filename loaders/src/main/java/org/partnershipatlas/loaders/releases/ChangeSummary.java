package org.partnershipatlas.loaders.releases;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import org.apache.jena.shared.PrefixMapping;
import org.partnershipatlas.ontology.AtlasOntology;

/**
 * The counts of a release's changes, per graph and per class (resources added, removed and changed), and the same
 * in words ({@code CHANGES.md}). Fed one {@link ReleaseChanges.Change} at a time.
 */
public final class ChangeSummary implements Consumer<ReleaseChanges.Change> {
    private static final String NO_CLASS = "(no class)";

    private final Map<String, long[]> byGraph = new TreeMap<>();
    private final Map<String, long[]> byClass = new TreeMap<>();
    private final PrefixMapping prefixes = AtlasOntology.prefixes();

    @Override
    public void accept(ReleaseChanges.Change change) {
        int k = change.kind().ordinal();
        byGraph.computeIfAbsent(shortForm(change.graph()), g -> new long[3])[k]++;
        List<String> classes = change.classes().isEmpty() ? List.of(NO_CLASS) : change.classes();
        for (String c : classes) {
            byClass.computeIfAbsent(shortForm(c), x -> new long[3])[k]++;
        }
    }

    /** Resources {added, removed, changed} per graph (short names), sorted. */
    public Map<String, long[]> byGraph() {
        return byGraph;
    }

    /** Resources {added, removed, changed} per class (prefixed names), sorted. */
    public Map<String, long[]> byClass() {
        return byClass;
    }

    private String shortForm(String term) {
        if (!term.startsWith("<")) {
            return term;
        }
        String iri = term.substring(1, term.length() - 1);
        String shortened = prefixes.shortForm(iri);
        return shortened.equals(iri) ? "<" + iri + ">" : shortened;
    }

    /** One sentence: what changed since the previous release. */
    public static String sentence(String previous, ReleaseChanges.Totals t) {
        String since = previous == null ? "the first release (everything is added)" : "since release " + previous;
        if (t.unchanged()) {
            return "No changes " + since + ".";
        }
        return String.format(
                "Changes %s: %d resources added, %d removed, %d changed (%d statements added, %d removed).",
                since, t.resourcesAdded(), t.resourcesRemoved(), t.changed(), t.quadsAdded(), t.quadsDeleted());
    }

    /** The summary as Markdown. */
    public String markdown(String version, String issued, String previous, ReleaseChanges.Totals totals) {
        StringBuilder out = new StringBuilder();
        out.append("# Partnership Atlas release ").append(version).append("\n\n");
        out.append("Issued ")
                .append(issued)
                .append(". ")
                .append(sentence(previous, totals))
                .append("\n");
        if (!totals.unchanged()) {
            table(out, "Resources per graph", "graph", byGraph);
            table(out, "Resources per class", "class", byClass);
        }
        if (previous == null) {
            out.append("\nThe statements themselves are in `")
                    .append(Release.CHANGES_GZIP)
                    .append("` (RDF Patch, gzipped): applied to an empty store it gives this release.\n");
        } else {
            out.append("\nThe statements themselves are in `")
                    .append(Release.CHANGES)
                    .append("` (RDF Patch): apply it to the previous release's `atlas.nq.gz` to get this one.\n");
        }
        return out.toString();
    }

    private static void table(StringBuilder out, String title, String what, Map<String, long[]> rows) {
        out.append("\n## ").append(title).append("\n\n");
        out.append("| ").append(what).append(" | added | removed | changed |\n|---|---:|---:|---:|\n");
        rows.forEach((name, n) -> out.append(String.format("| %s | %d | %d | %d |%n", name, n[0], n[1], n[2])));
    }
}
