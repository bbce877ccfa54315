package org.partnershipatlas.endpoint.http;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import org.apache.jena.atlas.json.JSON;
import org.apache.jena.atlas.json.JsonArray;
import org.apache.jena.atlas.json.JsonObject;
import org.eclipse.jetty.ee10.servlet.ServletContextRequest;
import org.eclipse.jetty.http.HttpStatus;
import org.partnershipatlas.endpoint.Routes;
import org.partnershipatlas.gatekeeper.ProposalException;
import org.partnershipatlas.loaders.store.DiskSpace;
import org.partnershipatlas.loaders.store.InsufficientSpaceException;
import org.partnershipatlas.loaders.store.ReplicaWriteRefusedException;
import org.partnershipatlas.loaders.store.StorageFaultException;
import org.partnershipatlas.loaders.store.StoreFaultedException;
import org.partnershipatlas.loaders.store.StoreUnavailableException;
import org.partnershipatlas.queries.BadParameterException;
import org.partnershipatlas.queries.UnknownQueryException;
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
            JsonArray problems)
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
    static ErrorBody body(int status, String message, String parameter, JsonArray problems, String id, String accept) {
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
     * How the Atlas answers a failure: its status, the message the client sees, the parameter at fault and the list
     * of every problem (each may be null).
     */
    public record Answer(int status, String message, String parameter, JsonArray problems) {}

    /** One row of {@link #TABLE}: a family of failures and how to answer it. */
    private record Family<T extends Throwable>(Class<T> type, Function<T, Answer> answer) {
        Answer answerFor(Throwable failure) {
            return answer.apply(type.cast(failure));
        }
    }

    /**
     * The one table from families of failure to answers, most specific first; the first family that the failure or
     * one of its causes belongs to answers. A servlet throws, the {@link RequestGuardFilter} asks this table.
     *
     * <ul>
     *   <li>the status a servlet chose ({@link HttpErrorException});
     *   <li>400 Bad Request: a proposal that cannot be checked (every problem listed), a query parameter that is
     *       missing or wrong. {@link ProposalException} is always 400: where a URL path names a locality that does
     *       not exist, the servlet answers 404 itself, since the path, not a proposal, is at fault;
     *   <li>404 Not Found: an unknown named query;
     *   <li>413 Content Too Large: a body over its limit;
     *   <li>507 Insufficient Storage: the free-space check refused the write, or the disk filled up during it;
     *   <li>409 Conflict: a write (a load, a reload, a decision) sent to a read replica, which takes changes only from
     *       the writer's change log;
     *   <li>503 Service Unavailable: the store refuses writes since a storage fault, or cannot be opened.
     * </ul>
     *
     * A failure in no family is a storage fault if it looks like one (503: a read-only file system, an I/O error),
     * else 500.
     */
    private static final List<Family<?>> TABLE = List.of(
            new Family<>(HttpErrorException.class, e -> new Answer(e.status(), e.getMessage(), e.parameter(), null)),
            new Family<>(ProposalException.class, e -> new Answer(400, e.getMessage(), e.field(), problems(e))),
            new Family<>(BadParameterException.class, e -> new Answer(400, e.getMessage(), e.parameter(), null)),
            new Family<>(
                    UnknownQueryException.class,
                    e -> new Answer(404, e.getMessage() + "; see " + Routes.API_QUERIES, null, null)),
            new Family<>(RequestTooLargeException.class, e -> new Answer(413, e.getMessage(), null, null)),
            new Family<>(InsufficientSpaceException.class, e -> new Answer(507, e.getMessage(), null, null)),
            new Family<>(
                    StorageFaultException.class, e -> new Answer(e.diskFull() ? 507 : 503, e.getMessage(), null, null)),
            new Family<>(StoreFaultedException.class, e -> new Answer(503, e.getMessage(), null, null)),
            new Family<>(ReplicaWriteRefusedException.class, e -> new Answer(409, e.getMessage(), null, null)),
            new Family<>(StoreUnavailableException.class, e -> new Answer(503, e.getMessage(), null, null)));

    /**
     * How to answer a request that failed with {@code failure}: from {@link #TABLE}; 503 for what looks like a
     * storage fault; else 500 with only the reason (the failure's message may hold internal detail).
     */
    public static Answer answerFor(Throwable failure) {
        for (Throwable c = failure; c != null && c.getCause() != c; c = c.getCause()) {
            for (Family<?> family : TABLE) {
                if (family.type().isInstance(c)) {
                    return family.answerFor(c);
                }
            }
        }
        int status = DiskSpace.isStorageFault(failure) ? 503 : 500;
        return new Answer(status, reasonFor(status), null, null);
    }

    /**
     * True if the failure is an answer rather than a fault: a status a servlet chose ({@link HttpErrorException}), or
     * a client error (4xx) of {@link #TABLE}.
     */
    public static boolean isAnswer(Throwable failure) {
        int status = answerFor(failure).status();
        return failure instanceof HttpErrorException || status >= 400 && status < 500;
    }

    /** Sends the answer {@link #answerFor} gives for {@code failure} (cutting the connection if the answer began). */
    public static void send(HttpServletRequest request, HttpServletResponse response, Throwable failure)
            throws IOException {
        Answer answer = answerFor(failure);
        send(request, response, answer.status(), answer.message(), answer.parameter(), answer.problems());
    }

    /** The status {@link #answerFor} gives for {@code failure}. */
    public static int statusFor(Throwable failure) {
        return answerFor(failure).status();
    }

    /** The message {@link #answerFor} gives for {@code failure} (its own words for a storage failure). */
    public static String messageFor(Throwable failure) {
        return answerFor(failure).message();
    }

    /** Every problem of a proposal, as {@code [{"parameter": ..., "error": ...}]}. */
    private static JsonArray problems(ProposalException e) {
        JsonArray problems = new JsonArray();
        for (ProposalException.Problem p : e.problems()) {
            JsonObject o = new JsonObject();
            if (p.field() != null) {
                o.put("parameter", p.field());
            }
            o.put("error", p.message());
            problems.add(o);
        }
        return problems;
    }

    /**
     * The message shown with a status that {@link #answerFor} chose, or that the {@link AtlasErrorHandler} answers
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
            // The channel's abort takes effect asynchronously: under load the caller's writer (Fuseki's, which ends
            // the body after a note) once finished the body cleanly first, a short 200 that looked whole. Closing the
            // connection's end point cuts it now.
            jetty.getConnectionMetaData().getConnection().getEndPoint().close(cause);
        }
    }
}
