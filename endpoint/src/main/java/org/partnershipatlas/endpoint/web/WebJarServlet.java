package org.partnershipatlas.endpoint.web;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import java.util.regex.Pattern;
import org.partnershipatlas.endpoint.Routes;
import org.partnershipatlas.endpoint.http.HttpErrorException;

/** Serves front-end libraries packaged as WebJars ({@code META-INF/resources/webjars/...}), so pages need no CDN. */
public final class WebJarServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;
    private static final String FOLDER = "META-INF/resources/webjars/";
    private static final Pattern SAFE_PATH =
            Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*(/[A-Za-z0-9][A-Za-z0-9._-]*)*");
    private static final Map<String, String> TYPES =
            Map.of("css", "text/css; charset=utf-8", "js", "text/javascript; charset=utf-8");

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String path = request.getPathInfo() == null ? "" : request.getPathInfo().substring(1);
        String extension = path.contains(".") ? path.substring(path.lastIndexOf('.') + 1) : "";
        if (!SAFE_PATH.matcher(path).matches() || !TYPES.containsKey(extension)) {
            throw HttpErrorException.notFound("No such file under " + Routes.WEBJARS + "");
        }
        try (InputStream in = WebJarServlet.class.getClassLoader().getResourceAsStream(FOLDER + path)) {
            if (in == null) {
                throw HttpErrorException.notFound("No such file under " + Routes.WEBJARS + "");
            }
            response.setContentType(TYPES.get(extension));
            response.setHeader("Cache-Control", "public, max-age=86400");
            in.transferTo(response.getOutputStream());
        }
    }
}
