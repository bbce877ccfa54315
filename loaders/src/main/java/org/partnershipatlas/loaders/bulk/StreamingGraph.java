package org.partnershipatlas.loaders.bulk;

import java.nio.charset.StandardCharsets;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.Triple;
import org.apache.jena.graph.impl.GraphBase;
import org.apache.jena.riot.system.StreamRDF;
import org.apache.jena.sparql.core.Quad;
import org.apache.jena.util.iterator.ExtendedIterator;

/**
 * A write-only graph that passes each triple added to it on to a stream as a quad of one named graph, so that the
 * CSV and RDF mappers, written against {@link org.apache.jena.graph.Graph}, can feed a TDB2 bulk loader without
 * holding anything. The one question the CSV mapper asks of its target, whether a subject is already defined by an
 * earlier row, is answered from a set of 64-bit hashes of the subjects written (16 bytes a record), not from the
 * data.
 *
 * <pre>
 *   Graph target = new StreamingGraph(loader.stream(), graphName, true);
 *   new CsvMapper(schema, iris).map(path, "partnerships.csv", target);
 * </pre>
 */
public final class StreamingGraph extends GraphBase {
    private final StreamRDF out;
    private final Node graphName;
    private final LongHashSet subjects;
    private Node lastSubject;
    private long triples;
    private long subjectsWritten;

    /**
     * @param trackSubjects remember the subjects written, to answer {@code contains(s, ANY, ANY)}
     */
    public StreamingGraph(StreamRDF out, Node graphName, boolean trackSubjects) {
        this.out = out;
        this.graphName = graphName;
        this.subjects = trackSubjects ? new LongHashSet() : null;
    }

    /** The triples written so far (as given: duplicates are counted, the store keeps one). */
    public long triples() {
        return triples;
    }

    /** How many times the subject changed from one triple to the next: the records, for a mapper's output. */
    public long subjects() {
        return subjectsWritten;
    }

    @Override
    public void performAdd(Triple t) {
        out.quad(Quad.create(graphName, t));
        triples++;
        if (!t.getSubject().equals(lastSubject)) {
            lastSubject = t.getSubject();
            subjectsWritten++;
            if (subjects != null) {
                subjects.add(hash(lastSubject));
            }
        }
    }

    @Override
    protected boolean graphBaseContains(Triple t) {
        if (subjects != null
                && t.getSubject().isConcrete()
                && !t.getPredicate().isConcrete()
                && !t.getObject().isConcrete()) {
            // A hash collision between two different subjects would read as a duplicate: with 64 bits and a million
            // records, about one chance in 10^7.
            return subjects.contains(hash(t.getSubject()));
        }
        throw new UnsupportedOperationException("a streaming graph only answers whether a subject was written");
    }

    @Override
    protected ExtendedIterator<Triple> graphBaseFind(Triple triplePattern) {
        throw new UnsupportedOperationException("a streaming graph is write-only");
    }

    /** 64-bit FNV-1a of the node's text. */
    static long hash(Node node) {
        String text = node.isURI() ? node.getURI() : node.toString();
        long h = 0xcbf29ce484222325L;
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            h ^= b & 0xff;
            h *= 0x100000001b3L;
        }
        return h;
    }
}
