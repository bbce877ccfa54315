package org.partnershipatlas.endpoint.catalog;

import java.nio.file.Path;
import org.eclipse.jetty.ee10.servlet.ResourceServlet;

/**
 * Serves the dumps folder as static files with Jetty's resource servlet: {@code Content-Length}, {@code ETag},
 * {@code Last-Modified}, conditional GET (304) and {@code Range} requests (206) for resumable downloads. Gzipped
 * files are served as {@code application/gzip}, their decompressed type is in the manifest and the DCAT description.
 */
public final class DumpFilesServlet extends ResourceServlet {
    private static final long serialVersionUID = 1L;
    private final String base;

    public DumpFilesServlet(Path dumps) {
        this.base = dumps.toAbsolutePath().toUri().toString();
    }

    @Override
    public String getInitParameter(String name) {
        return switch (name) {
            case "baseResource" -> base;
            case "pathInfoOnly" -> "true";
            case "dirAllowed" -> "false";
            case "etags" -> "true";
            case "acceptRanges" -> "true";
            case "useFileMappedBuffer" -> "false";
            case "cacheControl" -> "public, max-age=300";
            // No in-memory cache: a new release replaces the files in place.
            case "maxCacheSize" -> "0";
            default -> super.getInitParameter(name);
        };
    }
}
