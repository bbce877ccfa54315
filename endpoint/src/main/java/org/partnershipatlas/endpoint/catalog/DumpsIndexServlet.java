package org.partnershipatlas.endpoint.catalog;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.partnershipatlas.endpoint.web.Templates;
import org.partnershipatlas.loaders.dumps.DumpManifest;

/** {@code /dumps/}: the list of release files with their sizes and SHA-256 checksums. */
public final class DumpsIndexServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;
    private final transient Path dumps;
    private final transient Templates templates;

    public DumpsIndexServlet(Path dumps, Templates templates) {
        this.dumps = dumps;
        this.templates = templates;
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Optional<DumpManifest> manifest = dumps == null ? Optional.empty() : DumpManifest.read(dumps);
        response.setContentType("text/html; charset=utf-8");
        templates.render(
                "dumps.ftlh",
                Map.of(
                        "files", manifest.map(DumpManifest::files).orElse(java.util.List.of()),
                        "generated", manifest.map(m -> m.generated().toString()).orElse(""),
                        "root", request.getContextPath() + "/"),
                response.getWriter());
    }
}
