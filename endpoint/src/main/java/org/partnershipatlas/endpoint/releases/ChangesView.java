package org.partnershipatlas.endpoint.releases;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.partnershipatlas.endpoint.AtlasContext;
import org.partnershipatlas.endpoint.Routes;
import org.partnershipatlas.endpoint.http.ConNeg;
import org.partnershipatlas.endpoint.http.HttpErrorException;
import org.partnershipatlas.loaders.dumps.DumpWriter;
import org.partnershipatlas.loaders.releases.ChangeReport;
import org.partnershipatlas.loaders.releases.Release;
import org.partnershipatlas.loaders.releases.ReleaseArchive;

/**
 * {@code /releases/{version}/changes}: what changed since the release before, for people (an HTML page, or plain text
 * lines "Label: change") and for programs (the release's RDF Patch), by {@code Accept} or {@code ?format=html|text|
 * patch}. Made from the release's own immutable files, so cached like them (its ETag names the patch and the format).
 * Written as the patch is read ({@link ChangeReport}): memory grows with the change, not the release.
 */
final class ChangesView {
    static final String PATCH = "application/rdf-patch";
    static final List<String> OFFERED = List.of("text/html", "text/plain", PATCH);

    private final AtlasContext atlas;
    private final ReleaseArchive archive;

    ChangesView(AtlasContext atlas, ReleaseArchive archive) {
        this.atlas = atlas;
        this.archive = archive;
    }

    /** @param patchSha256 the SHA-256 of the release's patch */
    void serve(Release release, String patchSha256, HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        String type = chosen(request);
        String etag = "\"" + patchSha256 + "-" + type.replace('/', '-') + "\"";
        response.setHeader("ETag", etag);
        response.setHeader("Cache-Control", ReleasesServlet.IMMUTABLE);
        response.setHeader("Vary", "Accept");
        if (ReleasesServlet.matchesAny(request.getHeader("If-None-Match"), etag)) {
            response.setStatus(HttpServletResponse.SC_NOT_MODIFIED);
            return;
        }
        if (type.equals(PATCH)) {
            response.setContentType(PATCH + "; charset=utf-8");
            Path patch = release.patchFile();
            if (patch.getFileName().toString().endsWith(".gz")) {
                // A first release's patch, kept gzipped; the file itself is served as it is, under its own name.
                try (InputStream in = Release.openPatch(patch)) {
                    in.transferTo(response.getOutputStream());
                }
            } else {
                response.setContentLengthLong(Files.size(patch));
                Files.copy(patch, response.getOutputStream());
            }
            return;
        }
        // Labels from this release, then from the one before (for what was removed).
        List<Path> dumps = new ArrayList<>(List.of(release.file(DumpWriter.ALL_QUADS)));
        if (release.previous() != null) {
            archive.find(release.previous()).ifPresent(r -> dumps.add(r.file(DumpWriter.ALL_QUADS)));
        }
        response.setContentType(type + "; charset=utf-8");
        PrintWriter out = response.getWriter();
        if (release.previous() == null) {
            // Its patch adds everything: listed in words it would be the whole release (millions of lines at scale).
            out.println(
                    type.equals("text/plain")
                            ? "Release " + release.version() + " is the first: everything in it is new."
                            : "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>Changes in release "
                                    + escape(release.version()) + " — Partnership Atlas</title></head><body><p>Release "
                                    + escape(release.version())
                                    + " is the first: everything in it is new. See <a href=\"./\">its"
                                    + " files</a>.</p></body></html>");
            return;
        }
        if (type.equals("text/plain")) {
            ChangeReport.read(release.patchFile(), dumps, r -> r.lines().forEach(out::println));
            return;
        }
        String root = request.getContextPath() + "/";
        String since = release.previous() == null
                ? "the first release: everything is new"
                : "since release <a href=\"" + Routes.releasePath(request.getContextPath(), release.previous(), "")
                        + "\">" + escape(release.previous()) + "</a>";
        out.println("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n  <meta charset=\"utf-8\">\n"
                + "  <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
                + "  <title>Changes in release " + escape(release.version()) + " — Partnership Atlas</title>\n"
                + "  <link rel=\"stylesheet\" href=\"" + root + "static/atlas.css\">\n</head>\n<body>\n<header>\n"
                + "  <p><a href=\"" + root + "\">Partnership Atlas</a> · <a href=\"" + root
                + "releases/\">Releases</a></p>\n  <h1>Changes in release " + escape(release.version()) + "</h1>\n"
                + "  <p class=\"tagline\">" + since + ". For programs: <a href=\"?format=patch\">RDF Patch</a>"
                + " · <a href=\"?format=text\">plain text</a>.</p>\n</header>\n<main>\n<dl class=\"changes\">");
        int[] n = {0};
        ChangeReport.read(release.patchFile(), dumps, r -> {
            n[0]++;
            out.println("  <dt><a href=\"" + escape(Routes.docHref(atlas.iris(), request.getContextPath(), r.iri()))
                    + "\">" + escape(r.label()) + "</a></dt>");
            r.changes().forEach(c -> out.println("  <dd>" + escape(c) + "</dd>"));
        });
        out.println("</dl>");
        if (n[0] == 0) {
            out.println("<p>Nothing changed.</p>");
        }
        out.println("</main>\n</body>\n</html>");
    }

    private static String chosen(HttpServletRequest request) {
        String format = request.getParameter("format");
        if (format != null) {
            return switch (format) {
                case "html" -> "text/html";
                case "text" -> "text/plain";
                case "patch", "rdfp" -> PATCH;
                default ->
                    throw HttpErrorException.badRequest(
                            "format must be html, text or patch; found '" + format + "'", "format");
            };
        }
        String type = ConNeg.choose(request.getHeader("Accept"), OFFERED);
        if (type == null) {
            throw HttpErrorException.notAcceptable(OFFERED);
        }
        return type;
    }

    static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (char c : text.toCharArray()) {
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
