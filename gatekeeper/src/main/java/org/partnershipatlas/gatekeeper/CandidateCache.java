package org.partnershipatlas.gatekeeper;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.partnershipatlas.gatekeeper.Candidates.Candidate;
import org.partnershipatlas.queries.DataStamp;

/**
 * Each locality's candidates as a check last read them ({@link Candidates#in}), kept while the data they come from is
 * the same. A {@link Key} names that data: the version of the loaded data where the gatekeeper is given one (a server:
 * only a load changes what candidates are made of, so a gatekeeper decision or a link check, which commit too, keep the
 * lists), otherwise the commit itself; and the {@link DataStamp} of the caller's read transaction (TDB2's data version
 * and storage), to tell an older transaction from a newer one. A transaction that sees another version than the kept
 * one, and no older commit, starts an empty cache; one still reading older data keeps nothing. At most
 * {@link #MAX_LOCALITIES} localities are kept, least recently asked dropped. Without a key (not TDB2) every call reads.
 */
final class CandidateCache {
    /**
     * Localities kept at most: every locality of the national store (N=350). A locality's list is some 100 candidates
     * of a few hundred bytes each.
     */
    static final int MAX_LOCALITIES = 400;

    /**
     * What kept lists were read from: {@code version} equal means the same candidates; {@code stamp} orders
     * transactions.
     */
    record Key(Object version, DataStamp stamp) {
        Key {
            Objects.requireNonNull(version, "version");
            Objects.requireNonNull(stamp, "stamp");
        }

        /** A key for data whose only version is the commit itself. */
        static Key ofCommit(DataStamp stamp) {
            return new Key(stamp, stamp);
        }
    }

    /** The key the kept lists were read at (its stamp the newest seen with that version), and the lists. */
    private record Kept(Key key, Map<String, List<Candidate>> lists) {}

    private Kept kept;

    private final AtomicLong reads = new AtomicLong();

    /**
     * The candidates of a locality at {@code key}: the kept list, or {@code read}'s answer (kept unless the key's
     * transaction is older than the kept one). Call inside the read transaction the key was taken in.
     */
    List<Candidate> in(Key key, String locality, Function<String, List<Candidate>> read) {
        Map<String, List<Candidate>> lists = key == null ? null : listsAt(key);
        if (lists != null) {
            synchronized (lists) {
                List<Candidate> found = lists.get(locality);
                if (found != null) {
                    return found;
                }
            }
        }
        // Read outside the lock: two checks of one new locality may both read it; they read the same.
        reads.incrementAndGet();
        List<Candidate> fresh = List.copyOf(read.apply(locality));
        if (lists != null) {
            synchronized (lists) {
                lists.putIfAbsent(locality, fresh);
            }
        }
        return fresh;
    }

    /** How many lists were read rather than found kept, since this cache was made (for tests). */
    long reads() {
        return reads.get();
    }

    /**
     * The lists kept for this key's version (started empty if it is another than the kept one), or null if the key's
     * transaction is older than the kept one and sees other data.
     */
    private synchronized Map<String, List<Candidate>> listsAt(Key key) {
        DataStamp stamp = key.stamp();
        DataStamp keptStamp = kept == null ? null : kept.key().stamp();
        boolean sameStorage = keptStamp != null && keptStamp.storage() == stamp.storage();
        if (sameStorage && kept.key().version().equals(key.version())) {
            if (stamp.version() > keptStamp.version()) {
                kept = new Kept(key, kept.lists());
            }
            return kept.lists();
        }
        if (sameStorage && keptStamp.version() > stamp.version()) {
            return null;
        }
        kept = new Kept(key, new LinkedHashMap<>(64, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, List<Candidate>> eldest) {
                return size() > MAX_LOCALITIES;
            }
        });
        return kept.lists();
    }
}
