package org.partnershipatlas.endpoint.http;

import jakarta.servlet.RequestDispatcher;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.eclipse.jetty.http.HttpException;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * The Atlas's error page for every error answer that no servlet wrote itself: a {@code sendError} (an unknown path,
 * say), a failure, {@link Exception} or {@link Error}, that escaped the filters, and Jetty's own refusals of a request
 * it could not parse (a bad URI, a bad header). It takes the place of Jetty's and Fuseki's error pages, which show
 * the failure's class and message ({@code java.lang.InternalError: ...}) and echo the request's URI.
 *
 * <pre>
 *   AtlasErrorHandler errors = new AtlasErrorHandler();
 *   jettyServer.setErrorHandler(errors);          // requests no context took
 *   servletContextHandler.setErrorHandler(errors); // everything else
 * </pre>
 *
 * The body is the one {@link HttpErrors} writes: the status, its reason in words and the request id, nothing of the
 * failure. The failure goes to the log under the request id. A failure's status comes from
 * {@link HttpErrors#statusFor}, as it does in the {@link RequestGuardFilter}.
 */
public final class AtlasErrorHandler extends ErrorHandler {
    private static final Logger LOG = LoggerFactory.getLogger(AtlasErrorHandler.class);

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        Throwable failure = failure(request);
        int status = response.getStatus();
        if (failure instanceof HttpException http) {
            status = http.getCode();
        } else if (failure != null && (status < 400 || status == 500)) {
            status = HttpErrors.statusFor(failure);
        } else if (status < 400) {
            status = 500;
        }
        String id = requestId(request, response);
        String method = request.getMethod();
        String uri = String.valueOf(request.getHttpURI());
        MDC.put(RequestGuardFilter.MDC_KEY, id);
        try {
            if (status >= 500) {
                LOG.error("{} {}: {} (request id {})", method, uri, status, id, failure);
            } else {
                LOG.info("{} {}: {} (request id {})", method, uri, status, id);
            }
        } finally {
            MDC.remove(RequestGuardFilter.MDC_KEY);
        }
        response.setStatus(status);
        response.getHeaders().put(RequestGuardFilter.REQUEST_ID, id);
        response.getHeaders().put(ERROR_CACHE_CONTROL);
        if (HttpStatus.hasNoBody(status) || "HEAD".equals(method)) {
            callback.succeeded();
            return true;
        }
        HttpErrors.ErrorBody body = HttpErrors.body(
                status,
                failure != null && HttpErrors.statusFor(failure) == status
                        ? HttpErrors.messageFor(failure)
                        : HttpErrors.reasonFor(status),
                null,
                null,
                id,
                request.getHeaders().get(HttpHeader.ACCEPT));
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, body.contentType());
        response.write(true, ByteBuffer.wrap(body.text().getBytes(StandardCharsets.UTF_8)), callback);
        return true;
    }

    /** The failure that led here, if any: Jetty's own attribute, or the servlet one. */
    private static Throwable failure(Request request) {
        for (String name : new String[] {ERROR_EXCEPTION, RequestDispatcher.ERROR_EXCEPTION}) {
            if (request.getAttribute(name) instanceof Throwable failure) {
                return failure;
            }
        }
        return null;
    }

    /**
     * The id the request guard gave the request, or a new one for a request that never reached it (refused by Jetty
     * before any filter, or failed in a filter before the guard).
     */
    private static String requestId(Request request, Response response) {
        if (request.getAttribute(RequestGuardFilter.REQUEST_ID) instanceof String id) {
            return id;
        }
        String sent = response.getHeaders().get(RequestGuardFilter.REQUEST_ID);
        if (sent != null) {
            return sent;
        }
        return RequestGuardFilter.newId(request.getHeaders().get(RequestGuardFilter.REQUEST_ID));
    }
}
