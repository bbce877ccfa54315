package org.partnershipatlas.endpoint.releases;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.jena.graph.Graph;
import org.apache.jena.riot.RDFParser;
import org.eclipse.jetty.ee10.servlet.ResourceServlet;
import org.partnershipatlas.endpoint.AtlasContext;
import org.partnershipatlas.endpoint.Routes;
import org.partnershipatlas.endpoint.http.HttpErrorException;
import org.partnershipatlas.endpoint.ld.RdfFormat;
import org.partnershipatlas.endpoint.ld.RdfOutput;
import org.partnershipatlas.loaders.Checksums;
import org.partnershipatlas.loaders.dumps.DumpFile;
import org.partnershipatlas.loaders.dumps.DumpManifest;
import org.partnershipatlas.loaders.releases.Release;
import org.partnershipatlas.loaders.releases.ReleaseArchive;
import org.partnershipatlas.loaders.releases.ReleaseMetadata;

/**
 * {@code /releases/*}: the index of the releases (HTML, or their DCAT catalogue by {@code Accept}), a page per release
 * ({@code /releases/{version}/}; its {@code release.ttl} by {@code Accept}), the release's files, {@code latest}
 * redirecting to the newest release, 410 for a withdrawn one, and {@code /releases/{version}/changes}
 * ({@link ChangesView}).
 *
 * <p>A release never changes, so its files are served by Jetty's resource servlet (Content-Length, Last-Modified,
 * Range with 206) with {@code Cache-Control: public, max-age=31536000, immutable} and a strong ETag, the file's
 * SHA-256 from the release's manifest; {@code If-None-Match} gets 304 and {@code If-Range} is checked against it.
 */
public final class ReleasesServlet extends ResourceServlet {
    private static final long serialVersionUID = 1L;
    /** How release files may be cached: a year, never revalidated (they never change). */
    public static final String IMMUTABLE = "public, max-age=31536000, immutable";
    /** How pages that change with the next release may be cached. */
    static final String REVALIDATE = "no-cache";

    private final transient AtlasContext atlas;
    private final transient ReleaseArchive archive;
    private final transient ChangesView changes;
    /** The SHA-256 of files the manifest does not list (itself, SHA256SUMS): computed once, they never change. */
    private final transient Map<Path, String> computedSums = new ConcurrentHashMap<>();

    public ReleasesServlet(AtlasContext atlas, ReleaseArchive archive) {
        this.atlas = atlas;
        this.archive = archive;
        this.changes = new ChangesView(atlas, archive);
    }

    @Override
    public String getInitParameter(String name) {
        return switch (name) {
            case "baseResource" -> archive.directory().toUri().toString();
            case "pathInfoOnly" -> "true";
            case "dirAllowed" -> "false";
            // Jetty's ETags are weak (from the modification time); the strong ones are set here.
            case "etags" -> "false";
            case "acceptRanges" -> "true";
            case "useFileMappedBuffer" -> "false";
            case "cacheControl" -> IMMUTABLE;
            case "maxCacheSize" -> "0";
            default -> super.getInitParameter(name);
        };
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response)
            throws ServletException, IOException {
        route(request, response, false);
    }

    @Override
    protected void doHead(HttpServletRequest request, HttpServletResponse response)
            throws ServletException, IOException {
        route(request, response, true);
    }

    private void route(HttpServletRequest request, HttpServletResponse response, boolean head)
            throws ServletException, IOException {
        String path = request.getPathInfo();
        String root = request.getContextPath() + Routes.RELEASES + "/";
        if (path == null) {
            response.sendRedirect(root);
            return;
        }
        if (path.equals("/")) {
            index(request, response);
            return;
        }
        String rest = path.substring(1);
        int slash = rest.indexOf('/');
        String version = slash < 0 ? rest : rest.substring(0, slash);
        String inside = slash < 0 ? null : rest.substring(slash + 1);
        if (version.equals(Routes.LATEST_RELEASE)) {
            Release latest = archive.latest()
                    .orElseThrow(() -> HttpErrorException.notFound("No release has been published yet."));
            // Not cached: the next release changes where it points.
            response.setHeader("Cache-Control", REVALIDATE);
            response.setStatus(HttpServletResponse.SC_FOUND);
            response.setHeader(
                    "Location",
                    Routes.releasePath(request.getContextPath(), latest.version(), inside == null ? "" : inside));
            return;
        }
        if (archive.withdrawn(version)) {
            throw HttpErrorException.gone("Release " + version + " was withdrawn: "
                    + archive.withdrawalReason(version).orElse("no reason was given") + ". Its version is never"
                    + " used again; see " + root + " for the releases published.");
        }
        Release release = archive.find(version)
                .orElseThrow(() -> HttpErrorException.notFound(
                        "There is no release " + version + "; see " + root + " for the releases published."));
        if (inside == null) {
            response.sendRedirect(Routes.releasePath(request.getContextPath(), version, ""));
        } else if (inside.isEmpty()) {
            page(release, request, response);
        } else if (inside.equals(Routes.RELEASE_CHANGES)) {
            Path patch = release.patchFile();
            changes.serve(release, sha256(release, patch.getFileName().toString(), patch), request, response);
        } else {
            file(release, inside, request, response, head);
        }
    }

    private void file(
            Release release, String name, HttpServletRequest request, HttpServletResponse response, boolean head)
            throws ServletException, IOException {
        Path file = release.folder().resolve(name).normalize();
        if (!file.startsWith(release.folder()) || !Files.isRegularFile(file)) {
            throw HttpErrorException.notFound("Release " + release.version() + " has no file " + name);
        }
        String etag = "\"" + sha256(release, name, file) + "\"";
        response.setHeader("ETag", etag);
        response.setHeader("Cache-Control", IMMUTABLE);
        if (matchesAny(request.getHeader("If-None-Match"), etag)) {
            response.setStatus(HttpServletResponse.SC_NOT_MODIFIED);
            return;
        }
        HttpServletRequest checked = new IfRangeChecked(request, etag);
        if (head) {
            super.doHead(checked, response);
        } else {
            super.doGet(checked, response);
        }
    }

    private String sha256(Release release, String name, Path file) {
        Optional<String> listed =
                DumpManifest.read(release.folder()).flatMap(m -> m.file(name)).map(DumpFile::sha256);
        return listed.orElseGet(() -> computedSums.computeIfAbsent(file, f -> {
            try {
                return Checksums.sha256(f);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }));
    }

    /** True if an {@code If-None-Match} header names the tag (weak comparison, as RFC 9110 says for it) or is '*'. */
    public static boolean matchesAny(String header, String etag) {
        if (header == null) {
            return false;
        }
        for (String tag : header.split(",")) {
            String t = tag.strip();
            if (t.startsWith("W/")) {
                t = t.substring(2);
            }
            if (t.equals("*") || t.equals(etag)) {
                return true;
            }
        }
        return false;
    }

    private void index(HttpServletRequest request, HttpServletResponse response) throws IOException {
        RdfFormat format = atlas.documentWriter().negotiate(request);
        response.setHeader("Vary", "Accept");
        response.setHeader("Cache-Control", REVALIDATE);
        List<Release> releases = archive.releases();
        Optional<Release> served = archive.holding(atlas.store());
        if (format != RdfFormat.HTML) {
            Graph catalog =
                    new ReleaseMetadata(atlas.iris(), Routes.serverUrl(request) + "/").catalog(releases, served);
            send(catalog, format, request, response);
            return;
        }
        response.setContentType("text/html; charset=utf-8");
        atlas.templates()
                .render(
                        "releases.ftlh",
                        Map.of(
                                "releases", newestFirst(releases),
                                "served", served.map(Release::version).orElse(""),
                                "root", request.getContextPath() + "/"),
                        response.getWriter());
    }

    private static List<Release> newestFirst(List<Release> releases) {
        List<Release> out = new ArrayList<>(releases);
        Collections.reverse(out);
        return out;
    }

    private void page(Release release, HttpServletRequest request, HttpServletResponse response) throws IOException {
        RdfFormat format = atlas.documentWriter().negotiate(request);
        response.setHeader("Vary", "Accept");
        response.setHeader("Cache-Control", REVALIDATE);
        if (format != RdfFormat.HTML) {
            send(RDFParser.source(release.file(Release.METADATA)).toGraph(), format, request, response);
            return;
        }
        response.setContentType("text/html; charset=utf-8");
        atlas.templates()
                .render(
                        "release.ftlh",
                        Map.of(
                                "release",
                                release,
                                "files",
                                DumpManifest.read(release.folder())
                                        .map(DumpManifest::files)
                                        .orElse(List.of()),
                                "root",
                                request.getContextPath() + "/"),
                        response.getWriter());
    }

    private static void send(Graph graph, RdfFormat format, HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        RdfOutput.write(graph, format, Routes.contextUrl(request), out);
        response.setContentType(format.contentType());
        response.setContentLength(out.size());
        response.getOutputStream().write(out.toByteArray());
    }

    /**
     * The request as Jetty's resource service should see it: an {@code If-Range} naming this file's tag is dropped
     * (the range is sent), one naming another tag drops the {@code Range} too (the whole file is sent), as RFC 9110
     * says; Jetty, with its own ETags off, would otherwise read the tag as a date.
     */
    private static final class IfRangeChecked extends HttpServletRequestWrapper {
        private final boolean keepRange;

        IfRangeChecked(HttpServletRequest request, String etag) {
            super(request);
            String ifRange = request.getHeader("If-Range");
            this.keepRange = ifRange == null
                    || !ifRange.strip().startsWith("\"")
                    || ifRange.strip().equals(etag);
        }

        private boolean hidden(String name) {
            return name.equalsIgnoreCase("If-Range") && isTag() || name.equalsIgnoreCase("Range") && !keepRange;
        }

        private boolean isTag() {
            String ifRange = super.getHeader("If-Range");
            return ifRange != null && ifRange.strip().startsWith("\"");
        }

        @Override
        public String getHeader(String name) {
            return hidden(name) ? null : super.getHeader(name);
        }

        @Override
        public Enumeration<String> getHeaders(String name) {
            return hidden(name) ? Collections.emptyEnumeration() : super.getHeaders(name);
        }

        @Override
        public Enumeration<String> getHeaderNames() {
            List<String> names = Collections.list(super.getHeaderNames()).stream()
                    .filter(n -> !hidden(n))
                    .toList();
            return Collections.enumeration(names);
        }
    }
}
