package org.partnershipatlas.replicas;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.Triple;
import org.apache.jena.riot.Lang;
import org.apache.jena.riot.RDFParser;
import org.partnershipatlas.loaders.dumps.DumpFile;
import org.partnershipatlas.loaders.dumps.DumpManifest;
import org.partnershipatlas.loaders.dumps.DumpWriter;
import org.partnershipatlas.loaders.releases.Release;
import org.partnershipatlas.loaders.releases.ReleaseOffset;
import org.partnershipatlas.ontology.Vocab.DCAT3;

/**
 * Where a replica fetches the writer's releases: the writer's public base URL, whose {@code /releases/} serves them
 * ({@code {base}releases/{V}/atlas.nq.gz}, {@code manifest.tsv}, {@code release.ttl}, and {@code latest/...} sent on
 * to the newest). Plain HTTP GETs with bounded timeouts; a download is not resumed, it is made again.
 */
public final class ReleaseSource {
    /** How long connecting may take. */
    static final Duration CONNECT = Duration.ofSeconds(10);
    /** How long a small file (a description, a manifest) may take. */
    static final Duration SMALL = Duration.ofSeconds(30);
    /** How long a release's N-Quads may take to download (a national release is a few hundred MB). */
    static final Duration DOWNLOAD = Duration.ofHours(1);

    /**
     * A release as a replica needs it: its version, the SHA-256 of its {@code atlas.nq.gz}, the change-log entry its
     * data is at ({@code urn:uuid:...}, null if none) and the Kafka offset of that entry (-1 if none was recorded).
     */
    public record Point(String version, String sha256, String head, long offset) {}

    private final URI base;
    private final HttpClient http;

    /** @param base the writer's public base URL, such as {@code http://writer:3030/} */
    public ReleaseSource(URI base) {
        String b = base.toString();
        this.base = URI.create(b.endsWith("/") ? b : b + "/");
        this.http = HttpClient.newBuilder()
                .connectTimeout(CONNECT)
                .followRedirects(HttpClient.Redirect.NORMAL)
                .build();
    }

    /** The base URL. */
    public URI base() {
        return base;
    }

    /** The URL of a release's file. */
    public URI file(String version, String name) {
        return base.resolve("releases/" + version + "/" + name);
    }

    /**
     * The writer's newest release (its {@code /releases/latest/}), or empty if it has published none yet.
     *
     * @throws SnapshotException if the writer cannot be reached or answers something else
     */
    public Optional<Point> latest() {
        HttpResponse<InputStream> described = get(base.resolve("releases/latest/" + Release.METADATA), SMALL);
        if (described.statusCode() == 404) {
            close(described);
            return Optional.empty();
        }
        Graph g;
        try (InputStream in = body(described, "the newest release's description")) {
            g = RDFParser.source(in).lang(Lang.TURTLE).toGraph();
        } catch (IOException | RuntimeException e) {
            throw new SnapshotException(
                    "cannot read the newest release's description at " + described.uri() + ": " + e.getMessage(), e);
        }
        Triple version = g.find(Node.ANY, DCAT3.version.asNode(), Node.ANY)
                .nextOptional()
                .orElseThrow(() -> new SnapshotException(described.uri() + " names no dcat:version", null));
        String v = version.getObject().getLiteralLexicalForm();
        long offset = ReleaseOffset.of(g, version.getSubject()).orElse(-1L);
        DumpManifest manifest = manifest(v);
        String head = manifest.changeLogHead().isEmpty() ? null : "urn:uuid:" + manifest.changeLogHead();
        return Optional.of(new Point(v, nquadsSha256(manifest, v), head, offset));
    }

    private DumpManifest manifest(String version) {
        URI uri = file(version, DumpManifest.MANIFEST);
        try {
            Path dir = Files.createTempDirectory("atlas-manifest");
            try {
                download(uri, dir.resolve(DumpManifest.MANIFEST), SMALL);
                return DumpManifest.read(dir).orElseThrow(() -> new SnapshotException("no manifest at " + uri, null));
            } finally {
                Files.deleteIfExists(dir.resolve(DumpManifest.MANIFEST));
                Files.deleteIfExists(dir);
            }
        } catch (IOException | RuntimeException e) {
            if (e instanceof SnapshotException s) {
                throw s;
            }
            throw new SnapshotException("cannot read the manifest " + uri + ": " + e.getMessage(), e);
        }
    }

    private static String nquadsSha256(DumpManifest manifest, String version) {
        return manifest.files().stream()
                .filter(f -> f.name().equals(DumpWriter.ALL_QUADS))
                .map(DumpFile::sha256)
                .findFirst()
                .orElseThrow(() -> new SnapshotException(
                        "release " + version + "'s manifest lists no " + DumpWriter.ALL_QUADS, null));
    }

    /** Downloads a release's {@code atlas.nq.gz} into {@code target} (replaced if there). */
    public void downloadNQuads(String version, Path target) {
        download(file(version, DumpWriter.ALL_QUADS), target, DOWNLOAD);
    }

    private void download(URI uri, Path target, Duration timeout) {
        HttpResponse<InputStream> response = get(uri, timeout);
        try (InputStream in = body(response, uri.toString())) {
            Files.copy(in, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new SnapshotException("cannot download " + uri + ": " + e.getMessage(), e);
        }
    }

    private HttpResponse<InputStream> get(URI uri, Duration timeout) {
        try {
            return http.send(
                    HttpRequest.newBuilder(uri).timeout(timeout).GET().build(),
                    HttpResponse.BodyHandlers.ofInputStream());
        } catch (IOException e) {
            throw new SnapshotException("cannot reach the writer's releases at " + uri + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SnapshotException("interrupted while fetching " + uri, e);
        }
    }

    private static InputStream body(HttpResponse<InputStream> response, String what) {
        if (response.statusCode() != 200) {
            close(response);
            throw new SnapshotException(
                    "the writer answered " + response.statusCode() + " for " + response.uri() + " (" + what + ")",
                    null);
        }
        return response.body();
    }

    private static void close(HttpResponse<InputStream> response) {
        try {
            response.body().close();
        } catch (IOException e) {
            // Nothing to keep from it.
        }
    }
}
