package org.partnershipatlas.endpoint.ld;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Objects;
import org.apache.jena.sparql.core.DatasetGraph;
import org.partnershipatlas.queries.DataStamp;

/**
 * Rendered resource documents, kept until the data changes, and their strong ETags.
 *
 * <p>Every key holds the {@link DataStamp} of the data it was rendered from. A document
 * rendered from older data is therefore never served again, whatever path changed the data, and the first request
 * that sees a newer stamp empties the cache so the old documents do not wait for eviction. TDB2 starts counting
 * again at every start of the JVM, so ETags also carry a random number drawn when the server starts.
 *
 * <p>The cache is bounded by the total size of the bodies it holds (Caffeine, weighed in bytes).
 */
final class DocCache {
    /** Roughly what an entry costs besides its body and key text: the objects and the cache's own node. */
    private static final int ENTRY_OVERHEAD = 160;

    /**
     * Everything the bytes of a document depend on: the data, the resource, the format, and {@code base}: the
     * JSON-LD context URL for JSON-LD, the context path for HTML links, empty for the other formats.
     */
    record Key(DataStamp stamp, String iri, RdfFormat format, String base) {}

    /** A rendered document. */
    record Doc(byte[] body, String contentType) {}

    private final DatasetGraph dsg;
    private final Cache<Key, Doc> cache;
    private final String epoch;
    private volatile DataStamp newest;

    /** A cache of at most {@code maxBytes} of documents from {@code dsg}; 0 keeps none (ETags still work). */
    DocCache(DatasetGraph dsg, long maxBytes) {
        if (maxBytes < 0) {
            throw new IllegalArgumentException("The document cache size must not be negative: " + maxBytes);
        }
        this.dsg = Objects.requireNonNull(dsg, "dsg");
        this.cache = maxBytes == 0
                ? null
                : Caffeine.newBuilder()
                        .maximumWeight(maxBytes)
                        .weigher(DocCache::weigh)
                        .build();
        byte[] random = new byte[4];
        new SecureRandom().nextBytes(random);
        this.epoch = HexFormat.of().formatHex(random);
    }

    private static int weigh(Key key, Doc doc) {
        long weight = (long) doc.body().length
                + 2L
                        * (key.iri().length()
                                + key.base().length()
                                + doc.contentType().length())
                + ENTRY_OVERHEAD;
        return (int) Math.min(weight, Integer.MAX_VALUE);
    }

    /**
     * The stamp of the data the current read transaction sees, or null if the store is not TDB2 or there is no
     * transaction (then nothing is cached and no ETag is given).
     */
    DataStamp stamp() {
        return DataStamp.of(dsg);
    }

    /** The strong ETag of the document under {@code key} (quoted, as sent). */
    String etag(Key key) {
        return "\"" + epoch + "-" + Integer.toHexString(key.stamp().storage()) + "-"
                + key.stamp().version() + "-"
                + Long.toHexString(fnv64(key.iri() + " " + key.format().suffix() + " " + key.base())) + "\"";
    }

    /** The cached document, or null. A key with a newer stamp than any seen before empties the cache first. */
    Doc get(Key key) {
        if (cache == null) {
            return null;
        }
        DataStamp seen = newest;
        if (!key.stamp().equals(seen)) {
            if (seen == null
                    || key.stamp().storage() != seen.storage()
                    || key.stamp().version() > seen.version()) {
                advance(key.stamp());
            }
            return null;
        }
        return cache.getIfPresent(key);
    }

    /** Keeps a document rendered under {@code key}, unless newer data has been seen since. */
    void put(Key key, Doc doc) {
        if (cache != null && key.stamp().equals(newest)) {
            cache.put(key, doc);
        }
    }

    private synchronized void advance(DataStamp stamp) {
        DataStamp seen = newest;
        if (seen == null || stamp.storage() != seen.storage() || stamp.version() > seen.version()) {
            newest = stamp;
            cache.invalidateAll();
        }
    }

    /** The number of documents held, after pending maintenance (for tests). */
    long size() {
        if (cache == null) {
            return 0;
        }
        cache.cleanUp();
        return cache.estimatedSize();
    }

    /** The total weight held, in bytes (for tests). */
    long weight() {
        if (cache == null) {
            return 0;
        }
        cache.cleanUp();
        return cache.policy().eviction().orElseThrow().weightedSize().orElse(0);
    }

    private static long fnv64(String s) {
        long hash = 0xcbf29ce484222325L;
        for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
            hash ^= b & 0xff;
            hash *= 0x100000001b3L;
        }
        return hash;
    }
}
