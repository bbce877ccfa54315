package org.partnershipatlas.loaders.feeds;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.zip.GZIPInputStream;
import org.apache.jena.vocabulary.DCTerms;
import org.apache.jena.vocabulary.RDF;
import org.partnershipatlas.loaders.dumps.DumpWriter;
import org.partnershipatlas.loaders.releases.ChangeReport;
import org.partnershipatlas.loaders.releases.Release;
import org.partnershipatlas.loaders.releases.ReleaseArchive;
import org.partnershipatlas.ontology.PA;
import org.partnershipatlas.ontology.Vocab.ORG;

/**
 * A release's changes for people, as the Atom feed lists them: one {@link Entry} per partnership, organisation or
 * guidance document the release changed, with the changes in {@link ChangeReport}'s words ("member added — Newham
 * Faith Forum (member)") and what it is about (its localities, problem domains and partnership type), so a reader can
 * follow "new partnerships on crime in Leeds". A first release, which adds everything, is one entry saying so.
 *
 * <p>What a resource is about is read from the release's sorted union dump in one streaming pass (from the release
 * before it for a resource removed), for the resources changed only: memory grows with the change, not the release.
 *
 * <pre>
 *   for (ChangeEntries.Entry e : ChangeEntries.of(archive, archive.require("2"))) System.out.println(e.title());
 * </pre>
 */
public final class ChangeEntries {
    private static final String TYPE = RDF.type.getURI();
    private static final String LOCALITY = DCTerms.spatial.getURI();
    private static final Set<String> DOMAIN = Set.of(ORG.purpose.getURI(), DCTerms.subject.getURI());
    private static final String PARTNERSHIP_TYPE = ORG.classification.getURI();
    private static final Map<String, String> KINDS = Map.of(
            PA.Partnership.getURI(), "partnership",
            ORG.FormalOrganization.getURI(), "organisation",
            ORG.Organization.getURI(), "organisation",
            PA.GuidanceDocument.getURI(), "guidance");

    private ChangeEntries() {}

    /**
     * A changed resource, or a first release.
     *
     * @param release the release's version
     * @param issued when it was published
     * @param iri the resource (for a first release: the release)
     * @param label its label
     * @param kind added, removed or changed
     * @param about {@code partnership}, {@code organisation}, {@code guidance}, or {@code release}
     * @param changes the changes in words
     * @param localities the IRIs of the localities it works in ({@code dcterms:spatial})
     * @param domains the IRIs of its problem domains ({@code org:purpose}, a document's {@code dcterms:subject})
     * @param types the IRIs of its classifications ({@code org:classification}: a partnership's type)
     */
    public record Entry(
            String release,
            Instant issued,
            String iri,
            String label,
            ChangeReport.Kind kind,
            String about,
            List<String> changes,
            Set<String> localities,
            Set<String> domains,
            Set<String> types) {
        /** The entry's title: "Leeds Community Safety Partnership: partnership changed". */
        public String title() {
            return label + ": " + about + " " + kind.name().toLowerCase(Locale.ROOT);
        }
    }

    /** The entries of a release, in the order of its patch. */
    public static List<Entry> of(ReleaseArchive archive, Release release) {
        if (release.previous() == null) {
            return List.of(new Entry(
                    release.version(),
                    release.issued(),
                    release.iri(),
                    "Release " + release.version(),
                    ChangeReport.Kind.ADDED,
                    "release",
                    List.of("the first release: everything in it is new (see its CHANGES.md for the counts)"),
                    Set.of(),
                    Set.of(),
                    Set.of()));
        }
        List<ChangeReport.ResourceChanges> changed = new ArrayList<>();
        Path before = LdesPages.previousFile(archive, release, DumpWriter.ALL_QUADS);
        ChangeReport.read(release.patchFile(), List.of(release.file(DumpWriter.ALL_QUADS), before), changed::add);
        Set<String> wanted = new HashSet<>();
        changed.forEach(c -> wanted.add(c.iri()));
        Map<String, Map<String, Set<String>>> facts = new HashMap<>();
        read(release.file(DumpWriter.UNION_NTRIPLES), wanted, facts);
        wanted.removeAll(facts.keySet());
        if (!wanted.isEmpty()) {
            read(LdesPages.previousFile(archive, release, DumpWriter.UNION_NTRIPLES), wanted, facts);
        }
        List<Entry> out = new ArrayList<>();
        for (ChangeReport.ResourceChanges c : changed) {
            Map<String, Set<String>> f = facts.getOrDefault(c.iri(), Map.of());
            String about = f.getOrDefault(TYPE, Set.of()).stream()
                    .map(KINDS::get)
                    .filter(k -> k != null)
                    .findFirst()
                    .orElse(null);
            if (about == null) {
                continue;
            }
            Set<String> domains = new HashSet<>();
            DOMAIN.forEach(p -> domains.addAll(f.getOrDefault(p, Set.of())));
            out.add(new Entry(
                    release.version(),
                    release.issued(),
                    c.iri(),
                    c.label(),
                    c.kind(),
                    about,
                    c.changes(),
                    f.getOrDefault(LOCALITY, Set.of()),
                    domains,
                    f.getOrDefault(PARTNERSHIP_TYPE, Set.of())));
        }
        return out;
    }

    /** Reads the types, localities, domains and classifications of the wanted subjects from a sorted union dump. */
    private static void read(Path union, Set<String> wanted, Map<String, Map<String, Set<String>>> facts) {
        if (union == null || !Files.isRegularFile(union)) {
            return;
        }
        try (BufferedReader in = new BufferedReader(new InputStreamReader(
                new GZIPInputStream(Files.newInputStream(union), 1 << 16), StandardCharsets.UTF_8))) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                int s = line.indexOf(' ');
                if (s < 3 || line.charAt(0) != '<' || !wanted.contains(line.substring(1, s - 1))) {
                    continue;
                }
                int p = line.indexOf(' ', s + 1);
                String predicate = line.substring(s + 2, p - 1);
                boolean useful = predicate.equals(TYPE)
                        || predicate.equals(LOCALITY)
                        || DOMAIN.contains(predicate)
                        || predicate.equals(PARTNERSHIP_TYPE);
                if (useful && line.charAt(p + 1) == '<') {
                    String object = line.substring(p + 2, line.indexOf('>', p + 2));
                    facts.computeIfAbsent(line.substring(1, s - 1), x -> new HashMap<>())
                            .computeIfAbsent(predicate, x -> new HashSet<>())
                            .add(object);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + union + ": " + e.getMessage(), e);
        }
    }
}
