package org.partnershipatlas.endpoint.http;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;
import org.eclipse.jetty.http.HttpException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * The first filter every request meets. It gives the request an id ({@code X-Request-Id} on the response and
 * {@code requestId} in the logging context, so log lines and the client's error can be matched); refuses request
 * bodies over the size limit (413); and makes sure no internal detail of a server error (an exception message, a
 * stack trace, a file path) reaches the client: a 500 body is replaced with a short text naming the request id,
 * and the detail goes to the log.
 */
public final class RequestGuardFilter implements Filter {
    /** The response header, and the request attribute, holding the request id. */
    public static final String REQUEST_ID = "X-Request-Id";
    /** The logging context key of the request id. */
    public static final String MDC_KEY = "requestId";

    private static final Logger LOG = LoggerFactory.getLogger(RequestGuardFilter.class);
    /** An id a reverse proxy may pass on: short and plain, so that it is safe to log and echo. */
    private static final Pattern PROXY_ID = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    /** The methods some route serves; every other method (TRACE, CONNECT, unknown ones) is 405 everywhere. */
    static final java.util.Set<String> SERVED_METHODS =
            java.util.Set.of("GET", "HEAD", "POST", "PUT", "DELETE", "OPTIONS");
    /** The {@code Allow} header of a 405 for a method no route serves. */
    static final String ALLOW = "GET, HEAD, POST, PUT, DELETE, OPTIONS";

    private final long maxBodyBytes;
    private final String uploadPrefix;
    private final long maxUploadBytes;
    private final java.util.Set<String> ownForms;

    /** One limit for every request body. */
    public RequestGuardFilter(long maxBodyBytes) {
        this(maxBodyBytes, null, maxBodyBytes);
    }

    /** A limit for request bodies, and a larger one for uploads to paths starting with {@code uploadPrefix}. */
    public RequestGuardFilter(long maxBodyBytes, String uploadPrefix, long maxUploadBytes) {
        this(maxBodyBytes, uploadPrefix, maxUploadBytes, java.util.Set.of());
    }

    /**
     * As above; the forms POSTed to {@code ownForms} (paths whose servlets read the form body themselves, to name a
     * field that is not UTF-8) are not parsed here.
     */
    public RequestGuardFilter(
            long maxBodyBytes, String uploadPrefix, long maxUploadBytes, java.util.Set<String> ownForms) {
        this.ownForms = java.util.Set.copyOf(ownForms);
        if (maxBodyBytes < 1 || maxUploadBytes < 1) {
            throw new IllegalArgumentException("body limits must be positive: " + maxBodyBytes + ", " + maxUploadBytes);
        }
        this.maxBodyBytes = maxBodyBytes;
        this.uploadPrefix = uploadPrefix;
        this.maxUploadBytes = maxUploadBytes;
    }

    /** The id given to a request, or "-" outside one. */
    public static String requestId(HttpServletRequest request) {
        Object id = request.getAttribute(REQUEST_ID);
        return id == null ? "-" : id.toString();
    }

    @Override
    public void doFilter(ServletRequest req, ServletResponse resp, FilterChain chain)
            throws IOException, ServletException {
        HttpServletRequest request = (HttpServletRequest) req;
        HttpServletResponse response = (HttpServletResponse) resp;
        String id = newId(request.getHeader(REQUEST_ID));
        request.setAttribute(REQUEST_ID, id);
        response.setHeader(REQUEST_ID, id);
        MDC.put(MDC_KEY, id);
        try {
            String path =
                    request.getRequestURI().substring(request.getContextPath().length());
            long limit = uploadPrefix != null && path.startsWith(uploadPrefix) ? maxUploadBytes : maxBodyBytes;
            long declared = request.getContentLengthLong();
            if (declared > limit) {
                clientError(request, response, id, 413, tooLarge(limit));
                return;
            }
            if (!SERVED_METHODS.contains(request.getMethod())) {
                // TRACE would echo the request's headers (cookies, credentials) back; CONNECT and unknown methods
                // would reach HttpServlet's 501. None of them is served anywhere.
                clientError(request, response, id, 405, "method " + printable(request.getMethod()) + " is not allowed");
                response.setHeader("Allow", ALLOW);
                return;
            }
            String charset = request.getCharacterEncoding();
            if (charset != null && !supported(charset)) {
                clientError(request, response, id, 415, "unsupported charset in Content-Type: " + printable(charset));
                return;
            }
            if (("GET".equals(request.getMethod()) || "HEAD".equals(request.getMethod()))
                    && !parametersParse(request)) {
                clientError(request, response, id, 400, "malformed request: the query string is not valid %-encoding");
                return;
            }
            if (isForm(request) && !ownForms.contains(path) && !parametersParse(request)) {
                // Fuseki would answer 500 for a form it cannot read (bad chunk framing, a body cut short).
                clientError(request, response, id, 400, "malformed request: the form body cannot be read");
                return;
            }
            SizeLimitedRequest limited = new SizeLimitedRequest(request, limit);
            ServerErrorGuard guarded = new ServerErrorGuard(response, id);
            try {
                chain.doFilter(limited, guarded);
                guarded.finish();
            } catch (Throwable e) {
                // Errors too (a missing class, say), or Jetty would show their names on its own error page.
                Throwable cause = e instanceof ServletException && e.getCause() != null ? e.getCause() : e;
                if (limited.exceeded) {
                    clientError(request, response, id, 413, tooLarge(limit));
                    return;
                }
                if (cause instanceof RequestTooLargeException tooLarge) {
                    clientError(request, response, id, 413, tooLarge.getMessage());
                    return;
                }
                if (cause instanceof HttpException bad && bad.getCode() >= 400 && bad.getCode() < 500) {
                    // Jetty's own refusals of a malformed request (bad %-encoding in a parameter, say).
                    clientError(request, response, id, bad.getCode(), "malformed request: " + bad.getReason());
                    return;
                }
                if (limited.malformed) {
                    // The body's framing broke while a servlet read it (a bad chunk size, a body cut short).
                    clientError(request, response, id, 400, "malformed request body: " + limited.malformedReason);
                    return;
                }
                if (HttpErrors.isAnswer(cause)) {
                    // A servlet's own answer (a missing page, a bad parameter, its 406): it threw, the table answers;
                    // the connection is cut if the response has begun.
                    HttpErrors.send(request, response, cause);
                    return;
                }
                int status = HttpErrors.statusFor(cause);
                if (status != 500) {
                    LOG.error("{} {} failed ({})", request.getMethod(), request.getRequestURI(), status, e);
                    clientError(request, response, id, status, HttpErrors.messageFor(cause));
                    return;
                }
                LOG.error("{} {} failed", request.getMethod(), request.getRequestURI(), e);
                guarded.suppressed = true;
            }
            if (limited.exceeded) {
                clientError(request, response, id, 413, tooLarge(limit));
            } else if (limited.malformed && (guarded.suppressed || guarded.getStatus() >= 500)) {
                // A servlet that met the broken body and answered 500 itself (Fuseki does).
                clientError(request, response, id, 400, "malformed request body: " + limited.malformedReason);
            } else if (guarded.suppressed && !response.isCommitted()) {
                response.reset();
                response.setHeader(REQUEST_ID, id);
                response.setStatus(500);
                response.setContentType("text/plain; charset=utf-8");
                response.getWriter().println(internalErrorText(id));
            }
        } finally {
            MDC.remove(MDC_KEY);
        }
    }

    /**
     * True if the query string decodes. Checked here because a servlet that meets a bad one deep inside (Fuseki
     * does) answers 500 for what is the client's mistake.
     */
    private static boolean parametersParse(HttpServletRequest request) {
        try {
            request.getParameterMap();
            return true;
        } catch (RuntimeException e) {
            if (e instanceof HttpException || e.getCause() instanceof IOException) {
                return false;
            }
            throw e;
        }
    }

    private static boolean isForm(HttpServletRequest request) {
        String type = request.getContentType();
        return "POST".equals(request.getMethod())
                && type != null
                && type.toLowerCase(java.util.Locale.ROOT).startsWith("application/x-www-form-urlencoded");
    }

    /** Replaces whatever the servlet began to answer with a client error, if nothing has been sent yet. */
    private static void clientError(
            HttpServletRequest request, HttpServletResponse response, String id, int status, String message)
            throws IOException {
        if (response.isCommitted()) {
            LOG.info(
                    "{} {}: {} {} (answer already sent)",
                    request.getMethod(),
                    request.getRequestURI(),
                    status,
                    message);
            return;
        }
        response.reset();
        response.setHeader(REQUEST_ID, id);
        HttpErrors.send(request, response, status, message, null);
    }

    /** The whole body of a 500 answer. */
    static String internalErrorText(String id) {
        return "500: internal error; the server log has the detail under request id " + id;
    }

    /** A method name fit to quote in a message: plain token characters only, at most 20 of them. */
    private static String printable(String method) {
        String plain = method.replaceAll("[^A-Za-z0-9_-]", "?");
        return plain.length() > 20 ? plain.substring(0, 20) + "..." : plain;
    }

    private static boolean supported(String charset) {
        try {
            return java.nio.charset.Charset.isSupported(charset);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static String tooLarge(long limit) {
        return "The request body is larger than this server accepts here (" + limit + " bytes)";
    }

    /** A new request id, or the one a proxy sent if it is plain. */
    static String newId(String fromProxy) {
        if (fromProxy != null && PROXY_ID.matcher(fromProxy).matches()) {
            return fromProxy;
        }
        return Long.toHexString(ThreadLocalRandom.current().nextLong() >>> 16);
    }

    /** Counts the body as it is read and fails once it passes the limit (for bodies sent without a length). */
    private static final class SizeLimitedRequest extends HttpServletRequestWrapper {
        private final long limit;
        private ServletInputStream stream;
        volatile boolean exceeded;
        volatile boolean malformed;
        volatile String malformedReason;

        SizeLimitedRequest(HttpServletRequest request, long limit) {
            super(request);
            this.limit = limit;
        }

        @Override
        public ServletInputStream getInputStream() throws IOException {
            if (stream == null) {
                ServletInputStream in = super.getInputStream();
                stream = new ServletInputStream() {
                    private long count;

                    @Override
                    public int read() throws IOException {
                        int b = guarded(() -> in.read());
                        if (b >= 0) {
                            counted(1);
                        }
                        return b;
                    }

                    @Override
                    public int read(byte[] buf, int off, int len) throws IOException {
                        int n = guarded(() -> in.read(buf, off, len));
                        if (n > 0) {
                            counted(n);
                        }
                        return n;
                    }

                    private int guarded(Read read) throws IOException {
                        try {
                            return read.read();
                        } catch (IOException | RuntimeException e) {
                            malformed = true;
                            malformedReason = e instanceof HttpException bad ? bad.getReason() : "bad framing";
                            throw e;
                        }
                    }

                    private void counted(int n) throws IOException {
                        count += n;
                        if (count > limit) {
                            exceeded = true;
                            throw new IOException("request body over " + limit + " bytes");
                        }
                    }

                    @Override
                    public boolean isFinished() {
                        return in.isFinished();
                    }

                    @Override
                    public boolean isReady() {
                        return in.isReady();
                    }

                    @Override
                    public void setReadListener(ReadListener listener) {
                        in.setReadListener(listener);
                    }
                };
            }
            return stream;
        }
    }

    private interface Read {
        int read() throws IOException;
    }

    /**
     * Drops whatever a servlet writes as the body of a 500 (Fuseki, for one, writes the exception's message), so
     * that the filter can answer with the request id instead; adds the request id to a plain-text client error
     * that lacks it (Fuseki's own 4xx bodies, such as a query's parse error); and makes every {@code Location} a
     * valid URI ({@link Locations}).
     */
    private static final class ServerErrorGuard extends HttpServletResponseWrapper {
        /** The largest client-error body held back to add the request id; a longer one passes as it is. */
        private static final int MAX_HELD = 64 * 1024;

        private final String id;
        boolean suppressed;
        private ServletOutputStream stream;
        private PrintWriter writer;
        /** The body of a 4xx, held until the servlet is done; null when nothing is held. */
        private ByteArrayOutputStream held;

        private boolean passThrough;

        ServerErrorGuard(HttpServletResponse response, String id) {
            super(response);
            this.id = id;
        }

        private boolean internalError() {
            return getStatus() == 500;
        }

        private boolean holding() {
            return !passThrough && getStatus() >= 400 && getStatus() < 500;
        }

        @Override
        public void sendError(int status, String message) throws IOException {
            if (status == 500) {
                LOG.error("500 from {}: {}", getClass().getSimpleName(), message);
                setStatus(500);
                suppressed = true;
                return;
            }
            super.sendError(status, message);
        }

        @Override
        public void sendError(int status) throws IOException {
            sendError(status, null);
        }

        @Override
        public void setHeader(String name, String value) {
            super.setHeader(name, isLocation(name) ? Locations.encode(value) : value);
        }

        @Override
        public void addHeader(String name, String value) {
            super.addHeader(name, isLocation(name) ? Locations.encode(value) : value);
        }

        @Override
        public void sendRedirect(String location) throws IOException {
            super.sendRedirect(Locations.encode(location));
        }

        private static boolean isLocation(String name) {
            return "Location".equalsIgnoreCase(name);
        }

        @Override
        public void setContentLength(int length) {
            if (!holding()) {
                super.setContentLength(length);
            }
        }

        @Override
        public void setContentLengthLong(long length) {
            if (!holding()) {
                super.setContentLengthLong(length);
            }
        }

        @Override
        public void reset() {
            held = null;
            super.reset();
        }

        @Override
        public void resetBuffer() {
            held = null;
            super.resetBuffer();
        }

        @Override
        public ServletOutputStream getOutputStream() throws IOException {
            if (stream == null) {
                ServletOutputStream real = super.getOutputStream();
                stream = new ServletOutputStream() {
                    @Override
                    public void write(int b) throws IOException {
                        if (internalError() || holding()) {
                            write(new byte[] {(byte) b}, 0, 1);
                        } else {
                            real.write(b);
                        }
                    }

                    @Override
                    public void write(byte[] b, int off, int len) throws IOException {
                        if (internalError()) {
                            suppressed = true;
                        } else if (holding()) {
                            if (held == null) {
                                held = new ByteArrayOutputStream();
                            }
                            held.write(b, off, len);
                            if (held.size() > MAX_HELD) {
                                passThrough = true;
                                byte[] all = held.toByteArray();
                                held = null;
                                real.write(all);
                            }
                        } else {
                            real.write(b, off, len);
                        }
                    }

                    @Override
                    public void flush() throws IOException {
                        if (!internalError() && !holding()) {
                            real.flush();
                        }
                    }

                    @Override
                    public boolean isReady() {
                        return real.isReady();
                    }

                    @Override
                    public void setWriteListener(WriteListener listener) {
                        real.setWriteListener(listener);
                    }
                };
            }
            return stream;
        }

        @Override
        public PrintWriter getWriter() throws IOException {
            if (writer == null) {
                String charset = getCharacterEncoding() == null ? "UTF-8" : getCharacterEncoding();
                writer = new PrintWriter(new OutputStreamWriter(getOutputStream(), charset), false);
            }
            return writer;
        }

        /** Passes on what a servlet left in the writer's buffer, and a held client error with the request id. */
        void finish() throws IOException {
            if (writer != null) {
                writer.flush();
            }
            if (held == null || internalError()) {
                return;
            }
            byte[] body = held.toByteArray();
            held = null;
            String type = getContentType();
            if (type != null && type.toLowerCase(java.util.Locale.ROOT).startsWith("text/plain")) {
                java.nio.charset.Charset charset = supported(getCharacterEncoding())
                        ? java.nio.charset.Charset.forName(getCharacterEncoding())
                        : java.nio.charset.StandardCharsets.UTF_8;
                String text = new String(body, charset);
                if (!text.contains(id)) {
                    body = (text.stripTrailing() + " (request id " + id + ")\n").getBytes(charset);
                }
            }
            super.setContentLengthLong(body.length);
            super.getOutputStream().write(body);
        }

        @Override
        public void flushBuffer() throws IOException {
            if (writer != null) {
                writer.flush();
            }
            if (!internalError() && !holding()) {
                super.flushBuffer();
            }
        }
    }
}
