package org.partnershipatlas.gatekeeper;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.partnershipatlas.gatekeeper.Candidates.Candidate;
import org.partnershipatlas.queries.DataStamp;

/**
 * Each locality's candidates as a check last read them ({@link Candidates#in}), kept while the store's data is the
 * same: keyed by the {@link DataStamp} of the caller's read transaction (TDB2's data version), which every commit
 * advances (a load, a gatekeeper decision, whose commit refreshes the candidate summaries of its localities, an
 * administrator's change). A transaction that sees another version than the kept one starts an empty cache; one still
 * reading an older version after that reads the store and keeps nothing. At most {@link #MAX_LOCALITIES} localities
 * are kept, least recently asked dropped. A store that is not TDB2 (no data version) is read every time.
 */
final class CandidateCache {
    /**
     * Localities kept at most: every locality of the national store (N=350). A locality's list is some 100 candidates
     * of a few hundred bytes each.
     */
    static final int MAX_LOCALITIES = 400;

    /** The stamp the kept lists were read at, and the lists; replaced together. */
    private record Kept(DataStamp stamp, Map<String, List<Candidate>> lists) {}

    private Kept kept;

    /**
     * The candidates of a locality at {@code stamp}: the kept list, or {@code read}'s answer (kept unless the stamp is
     * older than the kept one). Call inside the read transaction the stamp was taken in.
     */
    List<Candidate> in(DataStamp stamp, String locality, Function<String, List<Candidate>> read) {
        if (stamp == null) {
            return read.apply(locality);
        }
        Map<String, List<Candidate>> lists = listsAt(stamp);
        if (lists != null) {
            synchronized (lists) {
                List<Candidate> found = lists.get(locality);
                if (found != null) {
                    return found;
                }
            }
        }
        // Read outside the lock: two checks of one new locality may both read it; they read the same.
        List<Candidate> fresh = List.copyOf(read.apply(locality));
        if (lists != null) {
            synchronized (lists) {
                lists.putIfAbsent(locality, fresh);
            }
        }
        return fresh;
    }

    /** The lists kept at this stamp (started empty if it is another than the kept one), or null if it is older. */
    private synchronized Map<String, List<Candidate>> listsAt(DataStamp stamp) {
        if (kept != null && kept.stamp().equals(stamp)) {
            return kept.lists();
        }
        if (kept != null
                && kept.stamp().storage() == stamp.storage()
                && kept.stamp().version() > stamp.version()) {
            return null;
        }
        kept = new Kept(stamp, new LinkedHashMap<>(64, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, List<Candidate>> eldest) {
                return size() > MAX_LOCALITIES;
            }
        });
        return kept.lists();
    }
}
