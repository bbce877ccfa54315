package org.partnershipatlas.queries;

import org.apache.jena.dboe.transaction.txn.TransactionInfo;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.tdb2.store.DatasetGraphTDB;
import org.apache.jena.tdb2.sys.TDBInternal;

/**
 * Which committed data a read transaction sees: TDB2's data version, which every commit in this JVM advances (a
 * load, a gatekeeper decision, any other write), and the identity of the TDB2 storage (which a compaction would
 * replace). What is computed from the data can be kept under its stamp and used again while the stamp holds.
 */
public record DataStamp(int storage, long version) {
    /** The stamp of the current transaction on {@code dsg}, or null if it is not TDB2 or no transaction is active. */
    public static DataStamp of(DatasetGraph dsg) {
        if (!TDBInternal.isTDB2(dsg)) {
            return null;
        }
        DatasetGraphTDB tdb = TDBInternal.getDatasetGraphTDB(dsg);
        TransactionInfo txn = tdb.getTxnSystem().getTransactionInfo();
        if (txn == null || !txn.isActiveTxn()) {
            return null;
        }
        return new DataStamp(System.identityHashCode(tdb), txn.getDataVersion());
    }
}
