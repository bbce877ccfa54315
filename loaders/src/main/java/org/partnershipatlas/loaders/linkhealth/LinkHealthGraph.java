package org.partnershipatlas.loaders.linkhealth;

import java.net.URI;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.jena.datatypes.xsd.XSDDatatype;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.graph.Triple;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.core.Quad;
import org.apache.jena.system.Txn;
import org.apache.jena.vocabulary.RDF;
import org.apache.jena.vocabulary.RDFS;
import org.apache.jena.vocabulary.VOID;
import org.partnershipatlas.loaders.store.AtlasStore;
import org.partnershipatlas.ontology.AtlasIris;
import org.partnershipatlas.ontology.AtlasOntology;
import org.partnershipatlas.ontology.DerivedGraphs;
import org.partnershipatlas.ontology.PA;
import org.partnershipatlas.ontology.Vocab.PROV;
import org.partnershipatlas.ontology.Vocab.SCHEMA;

/**
 * The derived graph {@code {base}graph/link-health}: one {@code pa:CheckedLink} per URL (the URL itself), its
 * redirect hops as {@code pa:redirectsTo}, and the link-status scheme; described in the provenance graph like the
 * other derived graphs, with the run as a {@code prov:Activity}. Archived copies ({@code schema:archivedAt}) are
 * kept when a link's record is rewritten: a curator's value is never lost.
 */
public final class LinkHealthGraph {
    /** {@code schema:archivedAt}: an archived copy, the checker's suggestion or a curator's. */
    private static final Node ARCHIVED_AT = SCHEMA.archivedAt.asNode();

    private static final DateTimeFormatter RUN_ID =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
    /** A few hundred bytes per link in TDB2; a megabyte per thousand links is generous. */
    private static final long BYTES_PER_THOUSAND = 1L << 20;

    private LinkHealthGraph() {}

    /** What a write changed. */
    public record Written(int linksChanged, long triples, Node run) {}

    /** The records of every checked link; call in a read transaction. */
    public static Map<URI, LinkRecord> read(DatasetGraph dsg, AtlasIris iris) {
        Node g = iris.linkHealthGraph();
        String statusPrefix = iris.id("link-status", "x").replaceFirst("x$", "");
        Map<URI, LinkRecord> records = new HashMap<>();
        dsg.find(g, Node.ANY, RDF.type.asNode(), PA.CheckedLink.asNode()).forEachRemaining(q -> {
            Node s = q.getSubject();
            Node status = one(dsg, g, s, PA.linkStatus.asNode());
            if (status == null || !status.isURI() || !status.getURI().startsWith(statusPrefix)) {
                return;
            }
            List<URI> chain = new ArrayList<>();
            Node hop = one(dsg, g, s, PA.redirectsTo.asNode());
            while (hop != null && chain.size() <= LinkChecker.MAX_REDIRECTS) {
                chain.add(URI.create(hop.getURI()));
                if (hop.equals(s) || chain.subList(0, chain.size() - 1).contains(URI.create(hop.getURI()))) {
                    break;
                }
                hop = one(dsg, g, hop, PA.redirectsTo.asNode());
            }
            URI url = URI.create(s.getURI());
            Node finalUrl = one(dsg, g, s, PA.finalUrl.asNode());
            LinkCheck check = new LinkCheck(
                    url,
                    LinkStatus.ofSlug(status.getURI().substring(statusPrefix.length())),
                    intOf(one(dsg, g, s, PA.httpStatus.asNode())),
                    finalUrl == null ? url : URI.create(finalUrl.getURI()),
                    chain,
                    text(one(dsg, g, s, PA.etag.asNode())),
                    text(one(dsg, g, s, PA.lastModifiedHeader.asNode())),
                    instant(one(dsg, g, s, PA.lastChecked.asNode())),
                    text(one(dsg, g, s, PA.checkDetail.asNode())));
            records.put(
                    url,
                    new LinkRecord(
                            check,
                            instant(one(dsg, g, s, PA.lastOk.asNode())),
                            intOf(one(dsg, g, s, PA.consecutiveFailures.asNode())),
                            instant(one(dsg, g, s, PA.failingSince.asNode())),
                            instant(one(dsg, g, s, PA.deadSince.asNode()))));
        });
        return records;
    }

    /**
     * Writes a run's checks, in one write transaction through {@link AtlasStore#write} and the change log: each link's record is
     * replaced only if it differs, so a run that finds nothing new changes nothing (not even the provenance).
     */
    public static Written write(AtlasStore store, AtlasIris iris, CheckRun run, Map<URI, LinkRecord> previous) {
        long bytes = (run.checks().size() / 1000 + 1) * BYTES_PER_THOUSAND;
        return store.write(
                "writing the link-health graph",
                bytes,
                // Through the change log, as every write of data: replicas and replays see the link health too.
                () -> Txn.calculateWrite(store.logged(), () -> write(store.logged(), iris, run, previous)));
    }

    private static Written write(DatasetGraph dsg, AtlasIris iris, CheckRun run, Map<URI, LinkRecord> previous) {
        Node g = iris.linkHealthGraph();
        int changed = 0;
        Graph scheme = AtlasOntology.scheme("link-statuses", iris);
        for (Triple t : scheme.find().toList()) {
            if (!dsg.contains(g, t.getSubject(), t.getPredicate(), t.getObject())) {
                dsg.add(g, t.getSubject(), t.getPredicate(), t.getObject());
                changed++;
            }
        }
        for (LinkCheck check : run.checks()) {
            LinkRecord record = LinkRecord.next(previous.get(check.url()), check);
            if (replace(dsg, g, iris, record)) {
                changed++;
            }
        }
        Node activity = NodeFactory.createURI(iris.id("link-check", RUN_ID.format(run.startedAt())));
        if (changed > 0) {
            long triples = dsg.getGraph(g).size();
            DerivedGraphs.describe(
                    dsg,
                    iris,
                    g,
                    VOID.Dataset.asNode(),
                    "Link health of the Atlas's outbound links",
                    triples,
                    activity,
                    run.endedAt(),
                    "Link check");
            Node prov = iris.provenanceGraph();
            dsg.add(prov, activity, PROV.startedAtTime.asNode(), dateTime(run.startedAt()));
            dsg.add(
                    prov,
                    activity,
                    PA.linksChecked.asNode(),
                    integer(run.checks().size()));
            dsg.add(
                    prov,
                    activity,
                    RDFS.comment.asNode(),
                    NodeFactory.createLiteralLang(run.notChecked().size() + " links left for a later run", "en"));
        }
        return new Written(changed, dsg.getGraph(g).size(), activity);
    }

    /** Replaces a link's triples (except archived copies) if they differ; true if they did. */
    private static boolean replace(DatasetGraph dsg, Node g, AtlasIris iris, LinkRecord r) {
        LinkCheck c = r.check();
        Node s = NodeFactory.createURI(c.url().toString());
        List<Triple> wanted = new ArrayList<>();
        wanted.add(Triple.create(s, RDF.type.asNode(), PA.CheckedLink.asNode()));
        wanted.add(Triple.create(
                s,
                PA.linkStatus.asNode(),
                NodeFactory.createURI(iris.id("link-status", c.status().slug()))));
        if (c.httpStatus() >= 100 && c.httpStatus() <= 599) {
            wanted.add(Triple.create(s, PA.httpStatus.asNode(), integer(c.httpStatus())));
        }
        wanted.add(Triple.create(
                s, PA.finalUrl.asNode(), NodeFactory.createURI(c.finalUrl().toString())));
        wanted.add(Triple.create(s, PA.lastChecked.asNode(), dateTime(c.checkedAt())));
        wanted.add(Triple.create(s, PA.consecutiveFailures.asNode(), integer(r.failures())));
        optional(wanted, s, PA.lastOk.asNode(), r.lastOk() == null ? null : dateTime(r.lastOk()));
        optional(wanted, s, PA.failingSince.asNode(), r.failingSince() == null ? null : dateTime(r.failingSince()));
        optional(wanted, s, PA.deadSince.asNode(), r.deadSince() == null ? null : dateTime(r.deadSince()));
        optional(wanted, s, PA.etag.asNode(), c.etag() == null ? null : NodeFactory.createLiteralString(c.etag()));
        optional(
                wanted,
                s,
                PA.lastModifiedHeader.asNode(),
                c.lastModified() == null ? null : NodeFactory.createLiteralString(c.lastModified()));
        optional(wanted, s, PA.checkDetail.asNode(), NodeFactory.createLiteralString(c.detail()));
        Set<Triple> have = new HashSet<>();
        dsg.find(g, s, Node.ANY, Node.ANY).forEachRemaining(q -> {
            if (!q.getPredicate().equals(ARCHIVED_AT) && !q.getPredicate().equals(PA.redirectsTo.asNode())) {
                have.add(q.asTriple());
            }
        });
        boolean changed = !have.equals(new HashSet<>(wanted));
        if (changed) {
            have.forEach(t -> dsg.delete(g, t.getSubject(), t.getPredicate(), t.getObject()));
            wanted.forEach(t -> dsg.add(g, t.getSubject(), t.getPredicate(), t.getObject()));
        }
        // Hops: the latest redirect seen from each address; the first hop goes from the link itself.
        Node from = c.chain().isEmpty() ? null : s;
        if (c.chain().isEmpty() && one(dsg, g, s, PA.redirectsTo.asNode()) != null) {
            dsg.deleteAny(g, s, PA.redirectsTo.asNode(), Node.ANY);
            changed = true;
        }
        for (URI next : c.chain()) {
            Node to = NodeFactory.createURI(next.toString());
            if (!dsg.contains(g, from, PA.redirectsTo.asNode(), to)) {
                dsg.deleteAny(g, from, PA.redirectsTo.asNode(), Node.ANY);
                dsg.add(g, from, PA.redirectsTo.asNode(), to);
                changed = true;
            }
            from = to;
        }
        return changed;
    }

    private static void optional(List<Triple> triples, Node s, Node p, Node o) {
        if (o != null) {
            triples.add(Triple.create(s, p, o));
        }
    }

    private static Node one(DatasetGraph dsg, Node g, Node s, Node p) {
        Iterator<Quad> it = dsg.find(g, s, p, Node.ANY);
        return it.hasNext() ? it.next().getObject() : null;
    }

    private static Node dateTime(Instant at) {
        return NodeFactory.createLiteralDT(at.toString(), XSDDatatype.XSDdateTime);
    }

    private static Node integer(long n) {
        return NodeFactory.createLiteralDT(Long.toString(n), XSDDatatype.XSDinteger);
    }

    private static int intOf(Node n) {
        return n == null ? 0 : Integer.parseInt(n.getLiteralLexicalForm());
    }

    private static String text(Node n) {
        return n == null ? null : n.getLiteralLexicalForm();
    }

    private static Instant instant(Node n) {
        return n == null ? null : Instant.parse(n.getLiteralLexicalForm());
    }
}
