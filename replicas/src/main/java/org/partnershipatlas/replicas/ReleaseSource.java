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
    /** Where version folders are: {@code {base}releases/}, or a local releases folder. */
    private final URI releases;

    private final HttpClient http;

    /** @param base the writer's public base URL, such as {@code http://writer:3030/} */
    public ReleaseSource(URI base) {
        this(slashed(base), slashed(base).resolve("releases/"));
    }

    private ReleaseSource(URI base, URI releases) {
        this.base = base;
        this.releases = releases;
        this.http = HttpClient.newBuilder()
                .connectTimeout(CONNECT)
                .followRedirects(HttpClient.Redirect.NORMAL)
                .build();
    }

    /**
     * The writer's own releases folder (as {@code atlas release} writes it): for a writer that takes up a snapshot
     * entry of its own which its store lacks (it was killed between publishing the entry and swapping the new store
     * in).
     */
    public static ReleaseSource folder(Path releases) {
        URI dir = slashed(releases.toAbsolutePath().toUri());
        return new ReleaseSource(dir, dir);
    }

    private static URI slashed(URI uri) {
        String s = uri.toString();
        return URI.create(s.endsWith("/") ? s : s + "/");
    }

    private static boolean local(URI uri) {
        return "file".equals(uri.getScheme());
    }

    /** The base URL. */
    public URI base() {
        return base;
    }

    /** The URL of a release's file. */
    public URI file(String version, String name) {
        return releases.resolve(version + "/" + name);
    }

    /**
     * The writer's newest release (its {@code /releases/latest/}), or empty if it has published none yet.
     *
     * @throws SnapshotException if the writer cannot be reached or answers something else
     */
    public Optional<Point> latest() {
        URI uri = releases.resolve("latest/" + Release.METADATA);
        InputStream body;
        if (local(uri)) {
            Path file = Path.of(uri);
            if (!Files.exists(file)) {
                return Optional.empty();
            }
            body = open(file);
        } else {
            HttpResponse<InputStream> described = get(uri, SMALL);
            if (described.statusCode() == 404) {
                close(described);
                return Optional.empty();
            }
            body = body(described, "the newest release's description");
        }
        Graph g;
        try (InputStream in = body) {
            g = RDFParser.source(in).lang(Lang.TURTLE).toGraph();
        } catch (IOException | RuntimeException e) {
            throw new SnapshotException(
                    "cannot read the newest release's description at " + uri + ": " + e.getMessage(), e);
        }
        Triple version = g.find(Node.ANY, DCAT3.version.asNode(), Node.ANY)
                .nextOptional()
                .orElseThrow(() -> new SnapshotException(uri + " names no dcat:version", null));
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
        try (InputStream in = local(uri) ? open(Path.of(uri)) : body(get(uri, timeout), uri.toString())) {
            Files.copy(in, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new SnapshotException("cannot download " + uri + ": " + e.getMessage(), e);
        }
    }

    private static InputStream open(Path file) {
        try {
            return Files.newInputStream(file);
        } catch (IOException e) {
            throw new SnapshotException("cannot read the writer's release file " + file + ": " + e, e);
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
