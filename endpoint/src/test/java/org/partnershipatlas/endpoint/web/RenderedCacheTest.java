package org.partnershipatlas.endpoint.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.core.DatasetGraphFactory;
import org.apache.jena.system.Txn;
import org.apache.jena.tdb2.DatabaseMgr;
import org.junit.jupiter.api.Test;
import org.partnershipatlas.queries.DataStamp;

/** The rendered-answer cache's keys follow TDB2's data version, and its size stays within its byte budget. */
class RenderedCacheTest {
    /** A key as a resource document's: the resource, the format and the base of its links. */
    record Key(DataStamp stamp, String iri, String format, String base) implements RenderedCache.Key {
        @Override
        public String name() {
            return iri + " " + format + " " + base;
        }
    }

    /** Another kind of key with the same name: a record of another type, so never equal to {@link Key}. */
    record OtherKey(DataStamp stamp, String name) implements RenderedCache.Key {}

    static final String IRI = "https://w3id.org/partnership-atlas/id/partnership/newham-cdrp";

    static RenderedCache.Rendered doc(String text) {
        return new RenderedCache.Rendered(text.getBytes(StandardCharsets.UTF_8), "text/turtle; charset=utf-8");
    }

    static void write(DatasetGraph dsg, String o) {
        Txn.executeWrite(
                dsg,
                () -> dsg.add(
                        NodeFactory.createURI("urn:g"),
                        NodeFactory.createURI(IRI),
                        NodeFactory.createURI("urn:p"),
                        NodeFactory.createLiteralString(o)));
    }

    @Test
    void everyCommitAdvancesTheStampAndAnAbortDoesNot() {
        DatasetGraph dsg = DatabaseMgr.createDatasetGraph();
        RenderedCache cache = new RenderedCache(dsg, 1 << 20);
        DataStamp first = Txn.calculateRead(dsg, cache::stamp);
        assertThat(Txn.calculateRead(dsg, cache::stamp)).isEqualTo(first);
        write(dsg, "a");
        DataStamp second = Txn.calculateRead(dsg, cache::stamp);
        assertThat(second.version()).isGreaterThan(first.version());
        assertThat(second.storage()).isEqualTo(first.storage());
        dsg.begin(org.apache.jena.query.TxnType.WRITE);
        dsg.add(
                NodeFactory.createURI("urn:g"),
                NodeFactory.createURI("urn:s"),
                NodeFactory.createURI("urn:p"),
                NodeFactory.createURI("urn:o"));
        dsg.abort();
        dsg.end();
        assertThat(Txn.calculateRead(dsg, cache::stamp)).isEqualTo(second);
    }

    @Test
    void noStampOutsideATransactionOrForAStoreThatIsNotTdb2() {
        DatasetGraph dsg = DatabaseMgr.createDatasetGraph();
        assertThat(new RenderedCache(dsg, 1 << 20).stamp()).isNull();
        DatasetGraph memory = DatasetGraphFactory.createTxnMem();
        RenderedCache other = new RenderedCache(memory, 1 << 20);
        assertThat(Txn.calculateRead(memory, other::stamp)).isNull();
    }

    @Test
    void aDocumentIsServedUntilNewerDataIsSeen() {
        DatasetGraph dsg = DatabaseMgr.createDatasetGraph();
        RenderedCache cache = new RenderedCache(dsg, 1 << 20);
        DataStamp before = Txn.calculateRead(dsg, cache::stamp);
        Key key = new Key(before, IRI, "ttl", "");
        assertThat(cache.get(key)).isNull();
        cache.put(key, doc("old"));
        assertThat(cache.get(key).body()).isEqualTo(doc("old").body());
        assertThat(cache.get(new Key(before, IRI, "jsonld", "http://a/context.jsonld")))
                .isNull();
        assertThat(cache.get(new OtherKey(before, key.name())))
                .as("a key of another kind with the same name")
                .isNull();

        write(dsg, "b");
        DataStamp after = Txn.calculateRead(dsg, cache::stamp);
        Key newKey = new Key(after, IRI, "ttl", "");
        assertThat(cache.get(newKey)).isNull();
        assertThat(cache.size()).as("seeing newer data empties the cache").isZero();
        // A reader still in the old transaction renders again but cannot put its document back.
        cache.put(key, doc("old"));
        assertThat(cache.size()).isZero();
        cache.put(newKey, doc("new"));
        assertThat(cache.get(newKey).body()).isEqualTo(doc("new").body());
        assertThat(cache.get(key)).isNull();
        assertThat(cache.get(newKey))
                .as("an old reader does not empty it again")
                .isNotNull();
    }

    @Test
    void etagsDifferByDataFormatAndBaseAndBetweenCaches() {
        DatasetGraph dsg = DatabaseMgr.createDatasetGraph();
        RenderedCache cache = new RenderedCache(dsg, 0);
        DataStamp stamp = Txn.calculateRead(dsg, cache::stamp);
        Key turtle = new Key(stamp, IRI, "ttl", "");
        String etag = cache.etag(turtle);
        assertThat(etag).startsWith("\"").endsWith("\"").doesNotStartWith("W/");
        assertThat(cache.etag(new Key(stamp, IRI, "ttl", ""))).isEqualTo(etag);
        assertThat(cache.etag(new Key(stamp, IRI, "nt", ""))).isNotEqualTo(etag);
        assertThat(cache.etag(new Key(stamp, IRI + "x", "ttl", ""))).isNotEqualTo(etag);
        assertThat(cache.etag(new Key(stamp, IRI, "ttl", "/ctx"))).isNotEqualTo(etag);
        assertThat(cache.etag(new Key(new DataStamp(stamp.storage(), stamp.version() + 1), IRI, "ttl", "")))
                .isNotEqualTo(etag);
        // TDB2 counts versions from 0 in every JVM: another server (or a restart) must not reuse the tags.
        assertThat(new RenderedCache(dsg, 0).etag(turtle)).isNotEqualTo(etag);
    }

    @Test
    void theCacheKeepsWithinItsByteBudgetAndSizeZeroKeepsNothing() {
        DatasetGraph dsg = DatabaseMgr.createDatasetGraph();
        RenderedCache cache = new RenderedCache(dsg, 64 * 1024);
        DataStamp stamp = Txn.calculateRead(dsg, cache::stamp);
        cache.get(new Key(stamp, IRI, "ttl", ""));
        String body = "x".repeat(4000);
        for (int i = 0; i < 100; i++) {
            cache.put(new Key(stamp, IRI + i, "ttl", ""), doc(body));
        }
        assertThat(cache.weight()).isPositive().isLessThanOrEqualTo(64 * 1024);
        assertThat(cache.size()).isBetween(1L, 16L);

        RenderedCache none = new RenderedCache(dsg, 0);
        Key key = new Key(stamp, IRI, "ttl", "");
        none.get(key);
        none.put(key, doc(body));
        assertThat(none.get(key)).isNull();
    }
}
