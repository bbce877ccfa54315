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

/** Serves the pages' own files (stylesheets, scripts) from the classpath folder {@code static/}, never the network. */
public final class StaticServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;
    private static final String FOLDER = "org/partnershipatlas/endpoint/static/";
    private static final Pattern SAFE_NAME = Pattern.compile("[a-z0-9][a-z0-9._-]*");
    private static final Map<String, String> TYPES = Map.of(
            "css", "text/css; charset=utf-8",
            "js", "text/javascript; charset=utf-8",
            "svg", "image/svg+xml",
            "png", "image/png",
            "ico", "image/x-icon");

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String name = request.getPathInfo() == null ? "" : request.getPathInfo().substring(1);
        String extension = name.contains(".") ? name.substring(name.lastIndexOf('.') + 1) : "";
        if (!SAFE_NAME.matcher(name).matches() || !TYPES.containsKey(extension)) {
            throw HttpErrorException.notFound("No such file under " + Routes.STATIC + "");
        }
        try (InputStream in = StaticServlet.class.getClassLoader().getResourceAsStream(FOLDER + name)) {
            if (in == null) {
                throw HttpErrorException.notFound("No such file under " + Routes.STATIC + "");
            }
            response.setContentType(TYPES.get(extension));
            response.setHeader("Cache-Control", "public, max-age=3600");
            in.transferTo(response.getOutputStream());
        }
    }
}
