package org.partnershipatlas.endpoint.http;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Locale;
import org.apache.jena.atlas.json.JSON;
import org.apache.jena.atlas.json.JsonObject;
import org.eclipse.jetty.ee10.servlet.ServletContextRequest;
import org.eclipse.jetty.http.HttpStatus;
import org.partnershipatlas.loaders.store.DiskSpace;
import org.partnershipatlas.loaders.store.InsufficientSpaceException;
import org.partnershipatlas.loaders.store.StorageFaultException;
import org.partnershipatlas.loaders.store.StoreFaultedException;
import org.partnershipatlas.loaders.store.StoreUnavailableException;
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
        send(request, response, status, message, parameter, null);
    }

    /**
     * As {@link #send(HttpServletRequest, HttpServletResponse, int, String, String)}, with the list of every
     * problem found ({@code "problems": [{"parameter": ..., "error": ...}]}) in a JSON answer.
     */
    public static void send(
            HttpServletRequest request,
            HttpServletResponse response,
            int status,
            String message,
            String parameter,
            org.apache.jena.atlas.json.JsonArray problems)
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
        ErrorBody body = body(status, message, parameter, problems, id, request.getHeader("Accept"));
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
    static ErrorBody body(
            int status,
            String message,
            String parameter,
            org.apache.jena.atlas.json.JsonArray problems,
            String id,
            String accept) {
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
        if (problems != null) {
            body.put("problems", problems);
        }
        body.put("requestId", id);
        return new ErrorBody("application/json; charset=utf-8", JSON.toString(body) + System.lineSeparator());
    }

    /**
     * The status of an answer to a request that failed with {@code failure}, which no servlet turned into an error
     * itself. The one place that maps kinds of failure to a status; the request guard filter asks it:
     *
     * <ul>
     *   <li>507 Insufficient Storage: the free-space check refused the write, or the disk filled up during it;
     *   <li>503 Service Unavailable: the store refuses writes since a storage fault, cannot be opened, or failed in
     *       some other way under this request (a read-only file system, an I/O error);
     *   <li>500 otherwise.
     * </ul>
     */
    public static int statusFor(Throwable failure) {
        for (Throwable c = failure; c != null && c.getCause() != c; c = c.getCause()) {
            if (c instanceof InsufficientSpaceException) {
                return 507;
            }
            if (c instanceof StorageFaultException fault) {
                return fault.diskFull() ? 507 : 503;
            }
            if (c instanceof StoreFaultedException || c instanceof StoreUnavailableException) {
                return 503;
            }
        }
        return DiskSpace.isStorageFault(failure) ? 503 : 500;
    }

    /**
     * The message shown with a status that {@link #statusFor} chose: the Atlas's own words for a storage failure
     * (they name the path and what to do, never a Java class), a general reason otherwise.
     */
    public static String messageFor(Throwable failure, int status) {
        for (Throwable c = failure; c != null && c.getCause() != c; c = c.getCause()) {
            if (c instanceof InsufficientSpaceException
                    || c instanceof StorageFaultException
                    || c instanceof StoreFaultedException
                    || c instanceof StoreUnavailableException) {
                return c.getMessage();
            }
        }
        return reasonFor(status);
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
