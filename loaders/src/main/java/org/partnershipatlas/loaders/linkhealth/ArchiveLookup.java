package org.partnershipatlas.loaders.linkhealth;

import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.jena.atlas.json.JSON;
import org.apache.jena.atlas.json.JsonObject;
import org.apache.jena.atlas.json.JsonValue;
import org.apache.jena.datatypes.xsd.XSDDatatype;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.core.Quad;
import org.apache.jena.system.Txn;
import org.apache.jena.vocabulary.DCTerms;
import org.apache.jena.vocabulary.RDF;
import org.partnershipatlas.loaders.store.AtlasStore;
import org.partnershipatlas.ontology.AtlasIris;
import org.partnershipatlas.ontology.PA;
import org.partnershipatlas.ontology.Vocab.SCHEMA;

/**
 * Finds archived copies of dead and moved links: the UK Government Web Archive (its Memento timegate) for
 * {@code *.gov.uk} hosts, the Internet Archive's availability API otherwise, at the issue date of the document that
 * links to them. A snapshot further than {@code maxDistance} from that date is refused. The copy is recorded as
 * {@code schema:archivedAt} in the link-health graph, the snapshot's own date as its {@code dcterms:date}; a link
 * that already has an archived copy (a curator's or an earlier lookup's) is never looked up or changed.
 *
 * @param ukgwa the timegate prefix: {@code {ukgwa}{yyyyMMdd}/{url}} redirects to the closest snapshot
 * @param availability the availability API: {@code {availability}?url={url}&timestamp={yyyyMMdd}}
 * @param maxDistance the furthest a snapshot may be from the issue date
 * @param interval the least time between two requests to an archive (never under 1 s)
 * @param guard which addresses the archives may resolve to
 * @param userAgent the checker's User-Agent
 */
public record ArchiveLookup(
        URI ukgwa, URI availability, Duration maxDistance, Duration interval, AddressGuard guard, String userAgent) {
    public static final URI UKGWA = URI.create("https://webarchive.nationalarchives.gov.uk/ukgwa/");
    public static final URI AVAILABILITY = URI.create("https://archive.org/wayback/available");
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyyMMdd");
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMddHHmmss");
    private static final Pattern STAMP_IN_URL = Pattern.compile("/(\\d{14})/");

    public ArchiveLookup {
        if (interval.compareTo(CheckSettings.MIN_PER_HOST_INTERVAL) < 0) {
            throw new LinkCheckException("The interval between archive requests must be at least 1 s");
        }
    }

    /** The public archives, two years either side of the issue date, at the checker's politeness. */
    public static ArchiveLookup defaults(CheckSettings settings) {
        return new ArchiveLookup(
                UKGWA,
                AVAILABILITY,
                Duration.ofDays(730),
                settings.perHostInterval(),
                settings.guard(),
                settings.userAgent());
    }

    /** A link to look up and the date to look it up at. */
    record Wanted(Node link, LocalDate issued) {}

    /** What a lookup found. */
    public record Found(URI link, URI snapshot, Instant snapshotDate) {}

    /** Looks up the dead and moved links without an archived copy and records what it finds; returns that. */
    public List<Found> run(AtlasStore store, AtlasIris iris) throws InterruptedException {
        List<Wanted> wanted = store.read(dsg -> wanted(dsg, iris));
        HttpClient client = HttpClient.newBuilder()
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(Duration.ofSeconds(5))
                .build();
        List<Found> found = new ArrayList<>();
        for (Wanted w : wanted) {
            URI link = URI.create(w.link().getURI());
            Optional<Found> f = link.getHost().toLowerCase(Locale.ROOT).endsWith(".gov.uk")
                    ? ukgwa(client, link, w.issued())
                    : availability(client, link, w.issued());
            f.filter(x -> Duration.between(w.issued().atStartOfDay().toInstant(ZoneOffset.UTC), x.snapshotDate())
                                    .abs()
                                    .compareTo(maxDistance)
                            <= 0)
                    .ifPresent(found::add);
            Thread.sleep(interval.toMillis()); // one request at a time, at least the interval apart
        }
        if (!found.isEmpty()) {
            Node g = iris.linkHealthGraph();
            store.write("recording archived copies", () -> {
                Txn.executeWrite(store.logged(), () -> {
                    DatasetGraph dsg = store.logged(); // through the change log, as every write of data
                    for (Found f : found) {
                        Node link = NodeFactory.createURI(f.link().toString());
                        if (dsg.find(g, link, SCHEMA.archivedAt.asNode(), Node.ANY)
                                .hasNext()) {
                            continue; // recorded meanwhile: never overwrite
                        }
                        Node snapshot = NodeFactory.createURI(f.snapshot().toString());
                        dsg.add(g, link, SCHEMA.archivedAt.asNode(), snapshot);
                        dsg.add(
                                g,
                                snapshot,
                                DCTerms.date.asNode(),
                                NodeFactory.createLiteralDT(f.snapshotDate().toString(), XSDDatatype.XSDdateTime));
                    }
                });
                return null;
            });
        }
        return found;
    }

    /** Dead or moved links without an archived copy, with the earliest issue date of a document linking to them. */
    static List<Wanted> wanted(DatasetGraph dsg, AtlasIris iris) {
        Node g = iris.linkHealthGraph();
        String moved = iris.id("link-status", LinkStatus.MOVED_PERMANENTLY.slug());
        List<Wanted> wanted = new ArrayList<>();
        dsg.find(g, Node.ANY, RDF.type.asNode(), PA.CheckedLink.asNode()).forEachRemaining(q -> {
            Node link = q.getSubject();
            boolean dead = dsg.find(g, link, PA.deadSince.asNode(), Node.ANY).hasNext();
            boolean isMoved = dsg.contains(g, link, PA.linkStatus.asNode(), NodeFactory.createURI(moved));
            if ((dead || isMoved)
                    && !dsg.find(g, link, SCHEMA.archivedAt.asNode(), Node.ANY).hasNext()) {
                issued(dsg, link).ifPresent(d -> wanted.add(new Wanted(link, d)));
            }
        });
        return wanted;
    }

    private static Optional<LocalDate> issued(DatasetGraph dsg, Node link) {
        LocalDate earliest = null;
        for (Node p : OutboundLinks.PREDICATES) {
            for (Iterator<Quad> it = dsg.find(Node.ANY, Node.ANY, p, link); it.hasNext(); ) {
                Node doc = it.next().getSubject();
                for (Iterator<Quad> d = dsg.find(Node.ANY, doc, DCTerms.issued.asNode(), Node.ANY); d.hasNext(); ) {
                    Node issued = d.next().getObject();
                    if (issued.isLiteral()) {
                        LocalDate date = firstDay(issued.getLiteralLexicalForm());
                        if (date != null && (earliest == null || date.isBefore(earliest))) {
                            earliest = date;
                        }
                    }
                }
            }
        }
        return Optional.ofNullable(earliest);
    }

    /** The first day of an xsd:gYear, gYearMonth or date. */
    static LocalDate firstDay(String lexical) {
        try {
            return switch (lexical.length()) {
                case 4 -> LocalDate.of(Integer.parseInt(lexical), 1, 1);
                case 7 -> LocalDate.parse(lexical + "-01");
                default -> LocalDate.parse(lexical.substring(0, 10));
            };
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** The UK Government Web Archive's timegate answers with a redirect to the closest snapshot. */
    private Optional<Found> ukgwa(HttpClient client, URI link, LocalDate issued) throws InterruptedException {
        URI gate = URI.create(ukgwa + DAY.format(issued) + "/" + link);
        return send(client, gate, "HEAD")
                .flatMap(r -> r.headers().firstValue("Location"))
                .map(gate::resolve)
                .flatMap(snapshot -> stampOf(snapshot.toString()).map(at -> new Found(link, snapshot, at)));
    }

    /** The Internet Archive's availability API answers with the closest snapshot as JSON. */
    private Optional<Found> availability(HttpClient client, URI link, LocalDate issued) throws InterruptedException {
        URI ask = URI.create(availability + "?url=" + URLEncoder.encode(link.toString(), StandardCharsets.UTF_8)
                + "&timestamp=" + DAY.format(issued));
        return send(client, ask, "GET").filter(r -> r.statusCode() == 200).flatMap(r -> {
            try {
                JsonValue closest = JSON.parseAny(r.body())
                        .getAsObject()
                        .get("archived_snapshots")
                        .getAsObject()
                        .get("closest");
                if (closest == null || !closest.isObject()) {
                    return Optional.empty();
                }
                JsonObject c = closest.getAsObject();
                if (!c.hasKey("available") || !c.get("available").getAsBoolean().value()) {
                    return Optional.empty();
                }
                Instant at = LocalDateTime.parse(
                                c.get("timestamp").getAsString().value(), STAMP)
                        .toInstant(ZoneOffset.UTC);
                return Optional.of(
                        new Found(link, URI.create(c.get("url").getAsString().value()), at));
            } catch (RuntimeException e) {
                return Optional.empty(); // not the answer the API documents: no copy rather than a wrong one
            }
        });
    }

    private Optional<HttpResponse<String>> send(HttpClient client, URI uri, String method) throws InterruptedException {
        try {
            InetAddress[] addresses = InetAddress.getAllByName(uri.getHost());
            if (guard.refusal(uri.getHost(), addresses) != null) {
                return Optional.empty();
            }
            HttpRequest request = HttpRequest.newBuilder(uri)
                    .method(method, HttpRequest.BodyPublishers.noBody())
                    .timeout(Duration.ofSeconds(10))
                    .header("User-Agent", userAgent)
                    .build();
            return Optional.of(client.send(request, HttpResponse.BodyHandlers.ofString()));
        } catch (IOException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static Optional<Instant> stampOf(String snapshot) {
        Matcher m = STAMP_IN_URL.matcher(snapshot);
        return m.find()
                ? Optional.of(LocalDateTime.parse(m.group(1), STAMP).toInstant(ZoneOffset.UTC))
                : Optional.empty();
    }
}
