package org.partnershipatlas.loaders.source;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.Triple;
import org.partnershipatlas.ontology.AtlasIris;

/**
 * Replaces the blank nodes of one source by skolem IRIs ({@link AtlasIris#skolem}) as it is read. A parser labels
 * blank nodes at random, so without this two loads of the same file would differ and every release diff would show
 * them all as changed. The n-th distinct blank node of source {@code s} becomes {@code genid/sha256(s, n)}: the same
 * file gives the same IRIs, and an edit moves only the blank nodes after it.
 */
final class Skolemiser {
    private final AtlasIris iris;
    private final String source;
    private final Map<Node, Node> minted = new HashMap<>();

    Skolemiser(AtlasIris iris, String source) {
        this.iris = iris;
        this.source = source;
    }

    Triple apply(Triple t) {
        if (!t.getSubject().isBlank() && !t.getObject().isBlank()) {
            return t;
        }
        return Triple.create(iri(t.getSubject()), t.getPredicate(), iri(t.getObject()));
    }

    private Node iri(Node n) {
        return n.isBlank() ? minted.computeIfAbsent(n, b -> iris.skolem(hash(source + "\n" + minted.size()))) : n;
    }

    private static String hash(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
