package org.partnershipatlas.endpoint;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.jena.atlas.iterator.Iter;
import org.apache.jena.graph.Node;
import org.apache.jena.rdf.model.Resource;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.core.Quad;
import org.apache.jena.system.Txn;
import org.apache.jena.vocabulary.ORG;
import org.apache.jena.vocabulary.RDF;
import org.partnershipatlas.ontology.AtlasIris;
import org.partnershipatlas.ontology.PA;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Once the server has started, asks it over loopback for one page of each kind, so that the first person to open one
 * does not wait for what any first use costs in a fresh JVM: templates compiled, classes loaded, writers and the text
 * index opened, hot code compiled (at national scale the home page took 228 ms on its first visit and 16 ms on its
 * second, though its counts are kept at load). A server listening on every address or on loopback is asked at
 * {@code 127.0.0.1}: the copies the page cache keeps are under that name, not the names people use, so that no one's
 * first visit is answered from this warm-up.
 */
final class PageWarmUp implements Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(PageWarmUp.class);

    /** The pages with no parameter, then one of each kind about a resource (see {@link #paths}). */
    static final List<String> SINGLE_PAGES = List.of(
            Routes.HOME,
            Routes.CATALOG,
            Routes.VOID,
            Routes.GUIDANCE,
            Routes.DOMAINS,
            Routes.LOCALITIES,
            Routes.DEF,
            Routes.PROPOSALS,
            Routes.SPARQL_PAGE,
            Routes.SEARCH + "?q=partnership",
            Routes.DOC + "/partnership",
            // A page of a library query read from stored pages: its first use in a JVM took 0.2-0.5 s at N=350.
            Routes.API_QUERIES + "/guidance-catalogue?page=1&format=csv");

    /** What one visit gave. */
    record Visit(String path, int status, long millis) {}

    private final DatasetGraph dsg;
    private final AtlasIris iris;
    private final String base;
    private final List<Visit> visits = new CopyOnWriteArrayList<>();

    /** @param base the server's URL to ask, without a trailing slash ({@link #base}) */
    PageWarmUp(DatasetGraph dsg, AtlasIris iris, String base) {
        this.dsg = dsg;
        this.iris = iris;
        this.base = base;
    }

    /** The URL to ask a server listening on {@code host} and {@code port}: by address, on loopback if it listens there. */
    static String base(String host, int port) {
        String at = switch (host) {
            case "0.0.0.0", "::", "localhost", "127.0.0.1" -> "127.0.0.1";
            case "::1" -> "[::1]";
            default -> host.contains(":") ? "[" + host + "]" : host;
        };
        return "http://" + at + ":" + port;
    }

    /** The visits made so far, in order. */
    List<Visit> visits() {
        return List.copyOf(visits);
    }

    @Override
    public void run() {
        long t0 = System.nanoTime();
        HttpClient client = HttpClient.newBuilder()
                .connectTimeout(Duration.ofSeconds(5))
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        for (String path : paths()) {
            long start = System.nanoTime();
            try {
                HttpResponse<Void> response = client.send(
                        HttpRequest.newBuilder(URI.create(base + path))
                                .header("Accept", "text/html")
                                .timeout(Duration.ofMinutes(2))
                                .build(),
                        HttpResponse.BodyHandlers.discarding());
                visits.add(new Visit(path, response.statusCode(), (System.nanoTime() - start) / 1_000_000));
            } catch (IOException e) {
                // The server stopped, or listens elsewhere only: nothing to warm.
                LOG.debug("Page warm-up stopped at {}: {}", path, e.toString());
                return;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        LOG.info("Warmed up {} pages in {} ms", visits.size(), (System.nanoTime() - t0) / 1_000_000);
    }

    /** The single pages, then for the first resource of each kind in the store its pages. */
    List<String> paths() {
        List<String> paths = new ArrayList<>(SINGLE_PAGES);
        first(PA.Locality).ifPresent(id -> {
            paths.add(Routes.pagePath("", id));
            paths.add(Routes.REPORTS + "/" + id.substring(id.indexOf('/') + 1));
            paths.add(Routes.docPath("", id));
        });
        first(PA.ProblemDomain).ifPresent(id -> paths.add(Routes.pagePath("", id)));
        first(PA.Partnership).ifPresent(id -> {
            paths.add(Routes.docPath("", id));
            paths.add(Routes.docPath("", id) + ".ttl");
        });
        for (Resource type : List.of(ORG.FormalOrganization, PA.GuidanceDocument, PA.BestPracticeCase)) {
            first(type).ifPresent(id -> paths.add(Routes.docPath("", id)));
        }
        return paths;
    }

    /** The path in the Atlas's id space (such as {@code locality/newham}) of the first resource of a type, if any. */
    private Optional<String> first(Resource type) {
        return Txn.calculateRead(dsg, () -> {
            Iterator<Quad> found = dsg.find(Quad.unionGraph, Node.ANY, RDF.type.asNode(), type.asNode());
            try {
                while (found.hasNext()) {
                    Node s = found.next().getSubject();
                    if (s.isURI() && s.getURI().startsWith(iris.idSpace())) {
                        return Optional.of(s.getURI().substring(iris.idSpace().length()));
                    }
                }
                return Optional.empty();
            } finally {
                Iter.close(found);
            }
        });
    }
}
