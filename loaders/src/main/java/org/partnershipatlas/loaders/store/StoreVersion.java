package org.partnershipatlas.loaders.store;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import org.apache.jena.graph.Node;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.core.Quad;
import org.partnershipatlas.ontology.Vocab.PROV;

/**
 * The version of the data in a store: a digest of which load produced each graph ({@code <graph>
 * prov:wasGeneratedBy <load>} in the provenance). Every committed load changes it; recording a gatekeeper decision
 * does not. Things derived from the data (the text index, the dumps) record the version they were made from, so a
 * copy left stale by a crash can be recognised and rebuilt. Call inside a read transaction.
 */
public final class StoreVersion {
    private StoreVersion() {}

    /** The version; "empty" for a store with no loads. */
    public static String of(DatasetGraph dsg) {
        List<String> pairs = new ArrayList<>();
        Node generatedBy = PROV.wasGeneratedBy.asNode();
        for (Iterator<Quad> it = dsg.find(Node.ANY, Node.ANY, generatedBy, Node.ANY); it.hasNext(); ) {
            Quad q = it.next();
            if (q.getSubject().isURI() && q.getObject().isURI() && dsg.containsGraph(q.getSubject())) {
                pairs.add(q.getSubject().getURI() + " " + q.getObject().getURI());
            }
        }
        if (pairs.isEmpty()) {
            return "empty";
        }
        pairs.sort(null);
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            pairs.forEach(p -> digest.update((p + "\n").getBytes(StandardCharsets.UTF_8)));
            return HexFormat.of().formatHex(digest.digest()).substring(0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
