package org.partnershipatlas.endpoint.ld;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.core.DatasetGraphFactory;
import org.apache.jena.system.Txn;
import org.apache.jena.tdb2.DatabaseMgr;
import org.junit.jupiter.api.Test;
import org.partnershipatlas.queries.DataStamp;

/** The document cache's keys follow TDB2's data version, and its size stays within its byte budget. */
class DocCacheTest {
    static final String IRI = "https://w3id.org/partnership-atlas/id/partnership/newham-cdrp";

    static DocCache.Doc doc(String text) {
        return new DocCache.Doc(text.getBytes(StandardCharsets.UTF_8), "text/turtle; charset=utf-8");
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
        DocCache cache = new DocCache(dsg, 1 << 20);
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
        assertThat(new DocCache(dsg, 1 << 20).stamp()).isNull();
        DatasetGraph memory = DatasetGraphFactory.createTxnMem();
        DocCache other = new DocCache(memory, 1 << 20);
        assertThat(Txn.calculateRead(memory, other::stamp)).isNull();
    }

    @Test
    void aDocumentIsServedUntilNewerDataIsSeen() {
        DatasetGraph dsg = DatabaseMgr.createDatasetGraph();
        DocCache cache = new DocCache(dsg, 1 << 20);
        DataStamp before = Txn.calculateRead(dsg, cache::stamp);
        DocCache.Key key = new DocCache.Key(before, IRI, RdfFormat.TURTLE, "");
        assertThat(cache.get(key)).isNull();
        cache.put(key, doc("old"));
        assertThat(cache.get(key).body()).isEqualTo(doc("old").body());
        assertThat(cache.get(new DocCache.Key(before, IRI, RdfFormat.JSONLD, "http://a/context.jsonld")))
                .isNull();

        write(dsg, "b");
        DataStamp after = Txn.calculateRead(dsg, cache::stamp);
        DocCache.Key newKey = new DocCache.Key(after, IRI, RdfFormat.TURTLE, "");
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
        DocCache cache = new DocCache(dsg, 0);
        DataStamp stamp = Txn.calculateRead(dsg, cache::stamp);
        DocCache.Key turtle = new DocCache.Key(stamp, IRI, RdfFormat.TURTLE, "");
        String etag = cache.etag(turtle);
        assertThat(etag).startsWith("\"").endsWith("\"").doesNotStartWith("W/");
        assertThat(cache.etag(new DocCache.Key(stamp, IRI, RdfFormat.TURTLE, "")))
                .isEqualTo(etag);
        assertThat(cache.etag(new DocCache.Key(stamp, IRI, RdfFormat.NTRIPLES, "")))
                .isNotEqualTo(etag);
        assertThat(cache.etag(new DocCache.Key(stamp, IRI + "x", RdfFormat.TURTLE, "")))
                .isNotEqualTo(etag);
        assertThat(cache.etag(new DocCache.Key(stamp, IRI, RdfFormat.TURTLE, "/ctx")))
                .isNotEqualTo(etag);
        assertThat(cache.etag(new DocCache.Key(
                        new DataStamp(stamp.storage(), stamp.version() + 1), IRI, RdfFormat.TURTLE, "")))
                .isNotEqualTo(etag);
        // TDB2 counts versions from 0 in every JVM: another server (or a restart) must not reuse the tags.
        assertThat(new DocCache(dsg, 0).etag(turtle)).isNotEqualTo(etag);
    }

    @Test
    void theCacheKeepsWithinItsByteBudgetAndSizeZeroKeepsNothing() {
        DatasetGraph dsg = DatabaseMgr.createDatasetGraph();
        DocCache cache = new DocCache(dsg, 64 * 1024);
        DataStamp stamp = Txn.calculateRead(dsg, cache::stamp);
        cache.get(new DocCache.Key(stamp, IRI, RdfFormat.TURTLE, ""));
        String body = "x".repeat(4000);
        for (int i = 0; i < 100; i++) {
            cache.put(new DocCache.Key(stamp, IRI + i, RdfFormat.TURTLE, ""), doc(body));
        }
        assertThat(cache.weight()).isPositive().isLessThanOrEqualTo(64 * 1024);
        assertThat(cache.size()).isBetween(1L, 16L);

        DocCache none = new DocCache(dsg, 0);
        DocCache.Key key = new DocCache.Key(stamp, IRI, RdfFormat.TURTLE, "");
        none.get(key);
        none.put(key, doc(body));
        assertThat(none.get(key)).isNull();
    }
}
