package org.partnershipatlas.loaders.releases;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.zip.GZIPInputStream;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.Triple;
import org.apache.jena.riot.RDFParser;
import org.apache.jena.sparql.graph.GraphFactory;
import org.apache.jena.vocabulary.DCTerms;
import org.partnershipatlas.ontology.Vocab.DCAT3;

/**
 * One published release, as its {@code release.ttl} describes it.
 *
 * @param version its version, a slug ({@code 2026-12-06}, {@code 3})
 * @param iri the release's IRI, {@code {base}id/release/{version}}
 * @param issued when it was written
 * @param previous the version of the release it follows, or null for the first
 * @param folder its folder
 */
public record Release(String version, String iri, Instant issued, String previous, Path folder) {
    /** The release's DCAT description, in its folder. */
    public static final String METADATA = "release.ttl";

    /** The RDF Patch from the previous release to this one. */
    public static final String CHANGES = "changes.rdfp";

    /** The same patch, gzipped (a first release's, which adds everything, may be written so). */
    public static final String CHANGES_GZIP = CHANGES + ".gz";

    /** The summary of the changes, for people. */
    public static final String SUMMARY = "CHANGES.md";

    /** How to cite it (Citation File Format). */
    public static final String CITATION = "CITATION.cff";

    /** Reads a release's folder. */
    static Release read(Path folder) {
        Path file = folder.resolve(METADATA);
        if (!Files.isRegularFile(file)) {
            throw new ReleaseException("the release folder " + folder + " has no " + METADATA);
        }
        Graph g = GraphFactory.createDefaultGraph();
        RDFParser.source(file).parse(g);
        Triple version = g.find(Node.ANY, DCAT3.version.asNode(), Node.ANY)
                .nextOptional()
                .orElseThrow(() -> new ReleaseException(file + " has no dcat:version"));
        Node release = version.getSubject();
        Instant issued = g.find(release, DCTerms.issued.asNode(), Node.ANY)
                .nextOptional()
                .map(t -> Instant.parse(t.getObject().getLiteralLexicalForm()))
                .orElseThrow(() -> new ReleaseException(file + " has no dcterms:issued"));
        String previous = g.find(release, DCAT3.previousVersion.asNode(), Node.ANY)
                .nextOptional()
                .map(t -> lastSegment(t.getObject().getURI()))
                .orElse(null);
        return new Release(version.getObject().getLiteralLexicalForm(), release.getURI(), issued, previous, folder);
    }

    private static String lastSegment(String iri) {
        return iri.substring(iri.lastIndexOf('/') + 1);
    }

    /** The release's patch file: {@code changes.rdfp}, or {@code changes.rdfp.gz} when it was written gzipped. */
    public Path patchFile() {
        Path plain = folder.resolve(CHANGES);
        Path gzipped = folder.resolve(CHANGES_GZIP);
        return !Files.exists(plain) && Files.exists(gzipped) ? gzipped : plain;
    }

    /**
     * Opens a patch file for reading, plain or gzipped (by its name's {@code .gz}): the one way release code reads a
     * patch, so either form works everywhere.
     */
    public static InputStream openPatch(Path patch) throws IOException {
        InputStream in = Files.newInputStream(patch);
        return patch.getFileName().toString().endsWith(".gz") ? new GZIPInputStream(in, 1 << 16) : in;
    }

    /** A file of the release. */
    public Path file(String name) {
        return folder.resolve(name);
    }
}
