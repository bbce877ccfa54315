package org.partnershipatlas.ontology;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Iterator;
import org.apache.jena.graph.Node;
import org.apache.jena.riot.out.NodeFmtLib;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.core.Quad;

/**
 * A digest of what one named graph holds, whatever order the store returns its quads in: the sum of the SHA-256 of
 * each quad's N-Quads form (two 64-bit halves, modulo 2<sup>64</sup>), with the count. Equal content, equal digest;
 * so a load whose graph came out as it was can be told from one that changed it. Call inside a transaction.
 */
public final class GraphDigest {
    private GraphDigest() {}

    /** The digest of {@code graph} in {@code dsg}, 32 hex digits. */
    public static String of(DatasetGraph dsg, Node graph) {
        MessageDigest sha;
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        long high = 0;
        long low = 0;
        long count = 0;
        for (Iterator<Quad> it = dsg.find(graph, Node.ANY, Node.ANY, Node.ANY); it.hasNext(); count++) {
            ByteBuffer h =
                    ByteBuffer.wrap(sha.digest(NodeFmtLib.strNQ(it.next()).getBytes(StandardCharsets.UTF_8)));
            high += h.getLong();
            low += h.getLong();
        }
        ByteBuffer total = ByteBuffer.allocate(24).putLong(high).putLong(low).putLong(count);
        sha.update(graph.getURI().getBytes(StandardCharsets.UTF_8));
        return HexFormat.of().formatHex(sha.digest(total.array()), 0, 16);
    }
}
