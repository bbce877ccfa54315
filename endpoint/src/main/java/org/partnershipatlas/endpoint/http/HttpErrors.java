package org.partnershipatlas.endpoint.http;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Locale;
import org.apache.jena.atlas.json.JSON;
import org.apache.jena.atlas.json.JsonObject;
import org.eclipse.jetty.ee10.servlet.ServletContextRequest;
import org.eclipse.jetty.http.HttpStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place where the Atlas's own servlets turn a failure into an HTTP error: client errors (4xx) are logged
 * at info, server errors (5xx) at error. The body is JSON for API clients and plain text otherwise.
 */
public final class HttpErrors {
    private static final Logger LOG = LoggerFactory.getLogger(HttpErrors.class);

    private HttpErrors() {}

    /**
     * Sends an error; {@code parameter} names the offending request parameter, if any. The client sees the request
     * id; for a 500 it sees nothing else, since the message may hold internal detail, which goes to the log. If the
     * response has already begun (a query's timeout while its rows stream, say), the status can no longer be sent:
     * the connection is cut instead ({@link #abort}), so the client sees a failed transfer, never a short body that
     * ends cleanly under a 200.
     */
    public static void send(
            HttpServletRequest request, HttpServletResponse response, int status, String message, String parameter)
            throws IOException {
        String id = RequestGuardFilter.requestId(request);
        boolean begun = response.isCommitted();
        String logged = begun ? message + " (after the response began: connection cut)" : message;
        if (status >= 500) {
            LOG.error("{} {}: {} {}", request.getMethod(), request.getRequestURI(), status, logged);
        } else {
            LOG.info("{} {}: {} {}", request.getMethod(), request.getRequestURI(), status, logged);
        }
        if (begun) {
            abort(request, new IOException(status + " " + message + " after the response began"));
            return;
        }
        ErrorBody body = body(status, message, parameter, id, request.getHeader("Accept"));
        response.resetBuffer();
        response.setStatus(status);
        response.setContentType(body.contentType());
        response.getWriter().print(body.text());
    }

    /** The body of an error answer, and its media type. */
    record ErrorBody(String contentType, String text) {}

    /**
     * The body of an error: plain text for a browser ({@code Accept} with {@code text/html} and without
     * {@code application/json}), JSON otherwise; either way the status, the message (for a 500 only a pointer to
     * the log) and the request id. Shared by {@link #send} and the {@link AtlasErrorHandler}, so every error of the
     * Atlas looks the same.
     */
    static ErrorBody body(int status, String message, String parameter, String id, String accept) {
        String shown = status == 500 ? "internal error; the server log has the detail under this request id" : message;
        if (accept != null && accept.contains("text/html") && !accept.contains("application/json")) {
            return new ErrorBody(
                    "text/plain; charset=utf-8",
                    status + ": " + shown + " (request id " + id + ")" + System.lineSeparator());
        }
        JsonObject body = new JsonObject();
        body.put("status", status);
        body.put("error", shown);
        if (parameter != null) {
            body.put("parameter", parameter);
        }
        body.put("requestId", id);
        return new ErrorBody("application/json; charset=utf-8", JSON.toString(body) + System.lineSeparator());
    }

    /**
     * The status of an answer to a request that failed with {@code failure}, which no servlet turned into an error
     * itself: 500 unless mapped here. The one place to map kinds of failure (storage faults to 503/507, say) to a
     * status; the request guard filter asks it.
     */
    public static int statusFor(Throwable failure) {
        return 500;
    }

    /**
     * The message shown with a status that {@link #statusFor} chose, or that the {@link AtlasErrorHandler} answers
     * with: the reason in words, which must not name the failure.
     */
    static String reasonFor(int status) {
        return switch (status) {
            case 503 -> "the service is unavailable for the moment; please try again later";
            case 507 -> "the server has no storage left for this request";
            default -> HttpStatus.getMessage(status).toLowerCase(Locale.ROOT);
        };
    }

    /**
     * Cuts the connection of a response that has begun (status and part of the body sent), so that the client sees
     * a failed transfer instead of a body that ends cleanly but short.
     */
    public static void abort(HttpServletRequest request, Throwable cause) {
        ServletContextRequest jetty = ServletContextRequest.getServletContextRequest(request);
        if (jetty != null) {
            jetty.getServletChannel().abort(cause);
        }
    }
}
