package org.partnershipatlas.loaders.changes;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.apache.jena.datatypes.xsd.XSDDatatype;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.rdfpatch.RDFChanges;
import org.apache.jena.rdfpatch.RDFPatchOps;
import org.apache.jena.rdfpatch.text.RDFChangesWriterText;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.core.Quad;
import org.partnershipatlas.loaders.dumps.SortedLines;
import org.partnershipatlas.ontology.AtlasIris;
import org.partnershipatlas.ontology.Vocab.AS;

/**
 * Watches the writes of one write transaction ({@link LoggedDataset}) and keeps only the real changes: a quad added
 * that was already there, or deleted and added back (a load replaces each graph it reloads), is no change. At commit,
 * if anything changed, it appends the RDF Patch of the changes (sorted, so equal changes give equal bytes) to the
 * {@link ChangeLog} and records the entry's id as the store's head, in the same transaction, before the data commits.
 * One writer at a time: TDB2 runs one write transaction at a time.
 */
final class ChangeRecorder implements RDFChanges {
    static final String CAUSE = "cause";
    static final String TIME = "time";

    private final DatasetGraph base;
    private final ChangeLog log;
    private final Node logGraph;
    private final ThreadLocal<String> cause = new ThreadLocal<>();
    private final Set<Quad> added = new HashSet<>();
    private final Set<Quad> deleted = new HashSet<>();
    private Path pending;
    /** The id of the pending entry once the replicas' log has it (null before, or with no log to publish to). */
    private String published;

    ChangeRecorder(DatasetGraph base, ChangeLog log) {
        this.base = base;
        this.log = log;
        this.logGraph = AtlasIris.CHANGE_LOG_GRAPH;
    }

    /** The id of the newest entry the store has committed, or null; call inside a transaction. */
    static String head(DatasetGraph dsg) {
        var it = dsg.find(AtlasIris.CHANGE_LOG_GRAPH, AtlasIris.CHANGE_LOG, AS.last.asNode(), Node.ANY);
        return it.hasNext() ? uuidOf(it.next().getObject()) : null;
    }

    static String uuidOf(Node id) {
        String iri = id.getURI();
        return iri.startsWith("urn:uuid:") ? iri.substring("urn:uuid:".length()) : iri;
    }

    /** Sets what the writes of this thread are, in words, for the entries they make; null clears it. */
    void cause(String what) {
        if (what == null) {
            cause.remove();
        } else {
            cause.set(what);
        }
    }

    @Override
    public void add(Node g, Node s, Node p, Node o) {
        Quad q = Quad.create(g, s, p, o);
        if (logGraph.equals(g) || base.contains(q)) {
            return;
        }
        if (!deleted.remove(q)) {
            added.add(q);
        }
    }

    @Override
    public void delete(Node g, Node s, Node p, Node o) {
        Quad q = Quad.create(g, s, p, o);
        if (logGraph.equals(g) || !base.contains(q)) {
            return;
        }
        if (!added.remove(q)) {
            deleted.add(q);
        }
    }

    @Override
    public void txnBegin() {
        reset();
    }

    @Override
    public void txnCommit() {
        if (added.isEmpty() && deleted.isEmpty()) {
            return;
        }
        String id = UUID.randomUUID().toString();
        String prev = head(base);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        RDFChangesWriterText patch = RDFPatchOps.textWriter(out);
        patch.start();
        String why = cause.get();
        writeHeader(patch, id, prev, why == null ? "a write" : why);
        patch.txnBegin();
        for (Quad q : sorted(deleted)) {
            patch.delete(q.getGraph(), q.getSubject(), q.getPredicate(), q.getObject());
        }
        for (Quad q : sorted(added)) {
            patch.add(q.getGraph(), q.getSubject(), q.getPredicate(), q.getObject());
        }
        patch.txnCommit();
        patch.finish();
        byte[] entry = out.toByteArray();
        try {
            pending = log.append(id, entry);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the change log entry into " + log.directory(), e);
        }
        // Before the commit: an entry the replicas' log did not take must not count (the commit fails, the entry goes).
        long offset = log.publish(id, entry);
        if (offset >= 0) {
            published = id;
        }
        markHead(base, id);
        if (offset >= 0) {
            // Where the writer's own entries end in the topic: after a restart it reads on from here
            // (read-your-writes).
            markOffset(base, offset);
        }
    }

    /** The header every entry has: {@code id}, {@code prev} (none for the first), {@code time} and {@code cause}. */
    static void writeHeader(RDFChangesWriterText patch, String id, String prev, String cause) {
        patch.header("id", NodeFactory.createURI("urn:uuid:" + id));
        if (prev != null) {
            patch.header("prev", NodeFactory.createURI("urn:uuid:" + prev));
        }
        patch.header(TIME, NodeFactory.createLiteralDT(Instant.now().toString(), XSDDatatype.XSDdateTime));
        patch.header(CAUSE, NodeFactory.createLiteralString(cause));
    }

    /** Records {@code id} as the store's head; inside a write transaction. */
    static void markHead(DatasetGraph dsg, String id) {
        Node graph = AtlasIris.CHANGE_LOG_GRAPH;
        Node log = AtlasIris.CHANGE_LOG;
        dsg.deleteAny(graph, log, AS.last.asNode(), Node.ANY);
        dsg.add(graph, log, AS.last.asNode(), NodeFactory.createURI("urn:uuid:" + id));
        dsg.add(graph, log, org.apache.jena.vocabulary.RDF.type.asNode(), AS.OrderedCollection.asNode());
    }

    /** Records the topic offset of the newest entry; inside a write transaction. */
    static void markOffset(DatasetGraph dsg, long offset) {
        dsg.deleteAny(AtlasIris.CHANGE_LOG_GRAPH, AtlasIris.CHANGE_LOG, AtlasIris.KAFKA_OFFSET, Node.ANY);
        dsg.add(
                AtlasIris.CHANGE_LOG_GRAPH,
                AtlasIris.CHANGE_LOG,
                AtlasIris.KAFKA_OFFSET,
                NodeFactory.createLiteralDT(Long.toString(offset), XSDDatatype.XSDlong));
    }

    /** The data commit failed after the entry was written: the entry goes, as the change never happened. */
    void commitFailed() {
        if (pending != null) {
            log.discard(pending);
        }
        if (published != null) {
            log.notCommitted(published);
        }
        reset();
    }

    /** The data committed: the entry stands. */
    void committed() {
        reset();
    }

    @Override
    public void txnAbort() {
        reset();
    }

    private void reset() {
        added.clear();
        deleted.clear();
        pending = null;
        published = null;
    }

    private static List<Quad> sorted(Set<Quad> quads) {
        record Line(byte[] text, Quad quad) {}
        List<Line> lines = new ArrayList<>();
        quads.forEach(q -> lines.add(new Line(SortedLines.utf8(q), q)));
        lines.sort((a, b) -> SortedLines.UTF8_ORDER.compare(a.text(), b.text()));
        return lines.stream().map(Line::quad).toList();
    }

    @Override
    public void header(String field, Node value) {}

    @Override
    public void addPrefix(Node gn, String prefix, String uriStr) {}

    @Override
    public void deletePrefix(Node gn, String prefix) {}

    @Override
    public void segment() {}

    @Override
    public void start() {}

    @Override
    public void finish() {}
}
