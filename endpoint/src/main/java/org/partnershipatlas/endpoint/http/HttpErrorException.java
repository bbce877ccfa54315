package org.partnershipatlas.endpoint.http;

import java.util.List;

/**
 * A request the Atlas answers with an error status that its servlet chose: the servlet throws it, and
 * {@link HttpErrors} answers (as Fuseki's {@code ServletOps.error*} throws {@code ActionErrorException} for
 * {@code ActionService} to answer).
 *
 * <pre>
 *   throw HttpErrorException.notFound("No locality 'x' in the Atlas");
 *   throw HttpErrorException.badRequest("page must be a whole number from 1", "page");
 * </pre>
 */
public final class HttpErrorException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final int status;
    private final String parameter;

    /** An error answer with {@code status} and {@code message}; {@code parameter} names the field at fault, or null. */
    public HttpErrorException(int status, String message, String parameter) {
        super(message);
        if (status < 400 || status > 599) {
            throw new IllegalArgumentException("Not an error status: " + status);
        }
        this.status = status;
        this.parameter = parameter;
    }

    /** 400: the request is wrong; {@code parameter} names the part at fault, or null. */
    public static HttpErrorException badRequest(String message, String parameter) {
        return new HttpErrorException(400, message, parameter);
    }

    /** 404: nothing is at this path. */
    public static HttpErrorException notFound(String message) {
        return new HttpErrorException(404, message, null);
    }

    /** 405: the path exists, the method does not (the servlet sets {@code Allow}). */
    public static HttpErrorException methodNotAllowed(String message) {
        return new HttpErrorException(405, message, null);
    }

    /** 406: none of the {@code offered} media types (or names) is acceptable. */
    public static HttpErrorException notAcceptable(List<String> offered) {
        return new HttpErrorException(406, "Offered: " + String.join(", ", offered), null);
    }

    /** 409: the request conflicts with what the server is doing (a load is running, say). */
    public static HttpErrorException conflict(String message) {
        return new HttpErrorException(409, message, null);
    }

    /** 410: what was here was withdrawn on purpose, and will not come back ({@code message} says why). */
    public static HttpErrorException gone(String message) {
        return new HttpErrorException(410, message, null);
    }

    /** The status to answer. */
    public int status() {
        return status;
    }

    /** The request parameter or field at fault, or null. */
    public String parameter() {
        return parameter;
    }
}
