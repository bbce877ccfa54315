package org.partnershipatlas.loaders.releases;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Optional;
import org.apache.jena.datatypes.xsd.XSDDatatype;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.graph.Triple;
import org.apache.jena.riot.Lang;
import org.apache.jena.riot.RDFDataMgr;
import org.apache.jena.riot.RDFParser;
import org.partnershipatlas.ontology.AtlasIris;

/**
 * The Kafka offset recorded with a release (issue 20's replicas): in its {@code release.ttl}, the triple
 * {@code <release> urn:partnership-atlas:change-log:kafka-offset "N"^^xsd:long}, the change log's own term for a
 * position in the topic. For a bulk load's or a restore's release it is the offset of the snapshot entry naming it;
 * for {@code atlas release} on a writer, the offset of the writer's newest published entry. A replica that starts
 * from the release consumes from the message after it. A release made without Kafka has none.
 */
public final class ReleaseOffset {
    private ReleaseOffset() {}

    /** The triple to add to a release's description. */
    static Triple triple(String releaseIri, long offset) {
        return Triple.create(
                NodeFactory.createURI(releaseIri),
                AtlasIris.KAFKA_OFFSET,
                NodeFactory.createLiteralDT(Long.toString(offset), XSDDatatype.XSDlong));
    }

    /** The offset a release description records, if any. */
    public static Optional<Long> of(Graph description, Node release) {
        return description
                .find(release, AtlasIris.KAFKA_OFFSET, Node.ANY)
                .nextOptional()
                .map(t -> Long.parseLong(t.getObject().getLiteralLexicalForm()));
    }

    /** The offset recorded with a published release, if any. */
    public static Optional<Long> of(Release release) {
        Graph g = RDFParser.source(release.file(Release.METADATA)).toGraph();
        return of(g, NodeFactory.createURI(release.iri()));
    }

    /**
     * Adds the offset of the release's snapshot entry to its {@code release.ttl}, once Kafka has taken the entry (which
     * names the release's checksum, so it cannot be known when the release is written). The file is replaced whole
     * (written beside, synced, renamed): it is never half-written. Done before the new store is swapped in, so no
     * server has served the release without it.
     */
    static void record(Release release, long offset) {
        Path file = release.file(Release.METADATA);
        Graph g = RDFParser.source(file).toGraph();
        g.find(NodeFactory.createURI(release.iri()), AtlasIris.KAFKA_OFFSET, Node.ANY)
                .toList()
                .forEach(g::delete);
        g.add(triple(release.iri(), offset));
        Path partial = file.resolveSibling("." + Release.METADATA + ".partial");
        try {
            try (OutputStream out = Files.newOutputStream(partial)) {
                RDFDataMgr.write(out, g, Lang.TURTLE);
            }
            try (FileChannel c = FileChannel.open(partial, StandardOpenOption.READ)) {
                c.force(true);
            }
            Files.move(partial, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "cannot record the Kafka offset " + offset + " in " + file + ": " + e.getMessage(), e);
        }
    }
}
