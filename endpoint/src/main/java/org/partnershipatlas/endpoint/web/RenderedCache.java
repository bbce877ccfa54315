package org.partnershipatlas.endpoint.web;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Map;
import java.util.Objects;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.system.Txn;
import org.partnershipatlas.queries.DataStamp;

/**
 * Rendered answers (resource documents, portal pages), kept until the data changes, and their strong ETags.
 *
 * <p>Every key holds the {@link DataStamp} of the data it was rendered from. An answer rendered from older data is
 * therefore never served again, whatever path changed the data, and the first request that sees a newer stamp
 * empties the cache so the old answers do not wait for eviction. TDB2 starts counting again at every start of the
 * JVM, so ETags also carry a random number drawn when the server starts.
 *
 * <p>The cache is bounded by the total size of the bodies it holds (Caffeine, weighed in bytes); the server has one,
 * shared by everything it renders.
 */
public final class RenderedCache {
    /** Roughly what an entry costs besides its body and key text: the objects and the cache's own node. */
    private static final int ENTRY_OVERHEAD = 160;

    /**
     * What names a rendered answer: the data it was made from, and everything else its bytes depend on ({@link
     * #name()}: e.g. the resource, the format and the base of its links). Implementations are records, so that
     * keys of different kinds never collide.
     */
    public interface Key {
        /** The data the answer is rendered from. */
        DataStamp stamp();

        /** Everything else the answer's bytes depend on, as text (hashed into the ETag, counted in the weight). */
        String name();
    }

    /** A rendered answer: its body, its content type and any other headers it is sent with. */
    public record Rendered(byte[] body, String contentType, Map<String, String> headers) {
        public Rendered(byte[] body, String contentType) {
            this(body, contentType, Map.of());
        }
    }

    private final DatasetGraph dsg;
    private final Cache<Key, Rendered> cache;
    private final String epoch;
    private volatile DataStamp newest;

    /** A cache of at most {@code maxBytes} of answers from {@code dsg}; 0 keeps none (ETags still work). */
    public RenderedCache(DatasetGraph dsg, long maxBytes) {
        if (maxBytes < 0) {
            throw new IllegalArgumentException("The cache size must not be negative: " + maxBytes);
        }
        this.dsg = Objects.requireNonNull(dsg, "dsg");
        this.cache = maxBytes == 0
                ? null
                : Caffeine.newBuilder()
                        .maximumWeight(maxBytes)
                        .weigher(RenderedCache::weigh)
                        .build();
        byte[] random = new byte[4];
        new SecureRandom().nextBytes(random);
        this.epoch = HexFormat.of().formatHex(random);
    }

    private static int weigh(Key key, Rendered answer) {
        long headers = 0;
        for (Map.Entry<String, String> h : answer.headers().entrySet()) {
            headers += h.getKey().length() + h.getValue().length();
        }
        long weight = (long) answer.body().length
                + 2L * (key.name().length() + answer.contentType().length() + headers)
                + ENTRY_OVERHEAD;
        return (int) Math.min(weight, Integer.MAX_VALUE);
    }

    /**
     * The stamp of the data the current read transaction sees, or null if the store is not TDB2 or there is no
     * transaction (then nothing is cached and no ETag is given).
     */
    public DataStamp stamp() {
        return DataStamp.of(dsg);
    }

    /** The stamp of the newest committed data (in a read transaction of its own), or null if the store is not TDB2. */
    public DataStamp latestStamp() {
        return Txn.calculateRead(dsg, this::stamp);
    }

    /** The strong ETag of the answer under {@code key} (quoted, as sent). */
    public String etag(Key key) {
        return "\"" + epoch + "-" + Integer.toHexString(key.stamp().storage()) + "-"
                + key.stamp().version() + "-"
                + Long.toHexString(fnv64(key.name())) + "\"";
    }

    /** The cached answer, or null. A key with a newer stamp than any seen before empties the cache first. */
    public Rendered get(Key key) {
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

    /** Keeps an answer rendered under {@code key}, unless newer data has been seen since. */
    public void put(Key key, Rendered answer) {
        if (cache != null && key.stamp().equals(newest)) {
            cache.put(key, answer);
        }
    }

    private synchronized void advance(DataStamp stamp) {
        DataStamp seen = newest;
        if (seen == null || stamp.storage() != seen.storage() || stamp.version() > seen.version()) {
            newest = stamp;
            cache.invalidateAll();
        }
    }

    /** The number of answers held, after pending maintenance (for tests). */
    public long size() {
        if (cache == null) {
            return 0;
        }
        cache.cleanUp();
        return cache.estimatedSize();
    }

    /** The total weight held, in bytes (for tests). */
    public long weight() {
        if (cache == null) {
            return 0;
        }
        cache.cleanUp();
        return cache.policy().eviction().orElseThrow().weightedSize().orElse(0);
    }

    /** True if an If-None-Match value lists the tag (weak comparison, as RFC 9110 asks for If-None-Match). */
    public static boolean listsTag(String ifNoneMatch, String etag) {
        for (String candidate : ifNoneMatch.split(",")) {
            String tag = candidate.trim();
            if (tag.startsWith("W/")) {
                tag = tag.substring(2);
            }
            if (tag.equals(etag)) {
                return true;
            }
        }
        return false;
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
