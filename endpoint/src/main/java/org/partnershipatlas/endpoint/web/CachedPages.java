package org.partnershipatlas.endpoint.web;

import jakarta.servlet.ServletConfig;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.Charset;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.Supplier;
import org.partnershipatlas.queries.DataStamp;

/**
 * A page servlet whose GET answers are kept in the server's {@link RenderedCache} until the data changes: the second
 * visit of a locality's map costs a look-up instead of the page's queries, its overlaps and its drawing (0.13 s at
 * national scale). Only for pages whose bytes depend on nothing but the committed data, the URL (scheme, host, port,
 * path and query) and {@code Accept}: not on the time, a session, a cookie or anything kept outside the store.
 *
 * <p>A page is kept only if the data did not change while it was made (the stamp before and after are the same, and
 * so is the generation of any other source it reads, such as the text index a load rebuilds after it commits),
 * it was a 200 and set no cookie. Each kept page has a strong ETag naming its data; {@code If-None-Match} with it
 * gets a 304 without rendering anything.
 */
public final class CachedPages extends HttpServlet {
    private static final long serialVersionUID = 1L;

    /**
     * Everything a cached page's bytes depend on: the data, the state of the other source it reads (compared by
     * equality, named by its string), the URL and Accept.
     */
    record PageKey(DataStamp stamp, Object source, String url, String accept) implements RenderedCache.Key {
        @Override
        public String name() {
            return source + " " + url + " " + accept;
        }
    }

    private final transient HttpServlet pages;
    private final transient RenderedCache cache;
    private final transient Supplier<?> source;

    /** Serves {@code pages}, which read the store only, keeping their GET answers in {@code cache}. */
    public CachedPages(HttpServlet pages, RenderedCache cache) {
        this(pages, cache, () -> 0);
    }

    /**
     * Serves {@code pages}, which also read another source whose {@code state} is a value that changes whenever the
     * pages would (the text index's {@code AtlasTextIndex.generation()}; the name of the release the data is),
     * keeping their answers under both.
     */
    public CachedPages(HttpServlet pages, RenderedCache cache, Supplier<?> state) {
        this.pages = Objects.requireNonNull(pages, "pages");
        this.cache = Objects.requireNonNull(cache, "cache");
        this.source = Objects.requireNonNull(state, "state");
    }

    @Override
    public void init(ServletConfig config) throws ServletException {
        super.init(config);
        pages.init(config);
    }

    @Override
    public void destroy() {
        pages.destroy();
        super.destroy();
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response)
            throws ServletException, IOException {
        serve(cache, source, request, response, (rq, rs) -> pages.service((ServletRequest) rq, rs));
    }

    /** Makes a page into a response. */
    @FunctionalInterface
    public interface Page {
        void make(HttpServletRequest request, HttpServletResponse response) throws ServletException, IOException;
    }

    /**
     * Answers a request from {@code cache}, or with {@code page} (kept for the next time if it can be): what this
     * servlet does, for a servlet that keeps only some of its pages, such as the type indexes under {@code /doc/}.
     * {@code state} is that of any other source the page reads ({@code () -> 0} if none).
     */
    public static void serve(
            RenderedCache cache, Supplier<?> state, HttpServletRequest request, HttpServletResponse response, Page page)
            throws ServletException, IOException {
        if (!"GET".equals(request.getMethod())) {
            page.make(request, response);
            return;
        }
        Object source = state.get();
        DataStamp stamp = cache.latestStamp();
        if (stamp == null) {
            page.make(request, response);
            return;
        }
        String url = request.getRequestURL() + (request.getQueryString() == null ? "" : "?" + request.getQueryString());
        PageKey key = new PageKey(stamp, source, url, Objects.toString(request.getHeader("Accept"), ""));
        String etag = cache.etag(key);
        RenderedCache.Rendered kept = cache.get(key);
        String ifNoneMatch = request.getHeader("If-None-Match");
        // The tag names this data and this URL: a client has it only if the page was a 200 for them.
        if (ifNoneMatch != null && RenderedCache.listsTag(ifNoneMatch, etag)) {
            if (kept != null) {
                // Such as Vary: a 304 carries what the 200 would.
                kept.headers().forEach(response::setHeader);
            }
            revalidate(response, etag);
            response.setStatus(HttpServletResponse.SC_NOT_MODIFIED);
            return;
        }
        if (kept != null) {
            kept.headers().forEach(response::setHeader);
            revalidate(response, etag);
            response.setContentType(kept.contentType());
            response.setContentLength(kept.body().length);
            response.getOutputStream().write(kept.body());
            return;
        }
        Capture capture = new Capture(response);
        page.make(request, capture);
        if (capture.answered) {
            return;
        }
        byte[] body = capture.body();
        if (capture.keepable() && stamp.equals(cache.latestStamp()) && source.equals(state.get())) {
            cache.put(key, new RenderedCache.Rendered(body, capture.getContentType(), Map.copyOf(capture.headers)));
            revalidate(response, etag);
        }
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }

    /**
     * Lets caches keep the page but ask again each time, so a load shows at once (as resource documents do); asking
     * costs a 304 answered from the tag.
     */
    private static void revalidate(HttpServletResponse response, String etag) {
        response.setHeader("ETag", etag);
        response.setHeader("Cache-Control", "public, max-age=0, must-revalidate");
    }

    /**
     * Passes status and headers through to the response and holds the body until the page is made, noting the
     * headers the page set (to send them again with the kept copy) and whether it can be kept.
     */
    private static final class Capture extends HttpServletResponseWrapper {
        final Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        private final ByteArrayOutputStream buffer = new ByteArrayOutputStream(16 * 1024);
        private ServletOutputStream stream;
        private PrintWriter writer;
        private int status = SC_OK;
        /** The page set a cookie or a time: it belongs to this request, not to the data. */
        private boolean perRequest;
        /** An error or a redirect was sent: nothing to keep or to send again. */
        boolean answered;

        Capture(HttpServletResponse response) {
            super(response);
        }

        boolean keepable() {
            return status == SC_OK && !perRequest && getContentType() != null;
        }

        byte[] body() {
            if (writer != null) {
                writer.flush();
            }
            return buffer.toByteArray();
        }

        @Override
        public void setStatus(int sc) {
            status = sc;
            super.setStatus(sc);
        }

        @Override
        public void sendError(int sc, String msg) throws IOException {
            answered = true;
            super.sendError(sc, msg);
        }

        @Override
        public void sendError(int sc) throws IOException {
            answered = true;
            super.sendError(sc);
        }

        @Override
        public void sendRedirect(String location) throws IOException {
            answered = true;
            super.sendRedirect(location);
        }

        @Override
        public void setHeader(String name, String value) {
            if (kept(name)) {
                headers.put(name, value);
            }
            super.setHeader(name, value);
        }

        @Override
        public void addHeader(String name, String value) {
            if (kept(name)) {
                headers.merge(name, value, (a, b) -> a + ", " + b);
            }
            super.addHeader(name, value);
        }

        @Override
        public void setIntHeader(String name, int value) {
            setHeader(name, Integer.toString(value));
        }

        @Override
        public void addIntHeader(String name, int value) {
            addHeader(name, Integer.toString(value));
        }

        @Override
        public void setDateHeader(String name, long date) {
            // A time is not the data's: a page that sends one is not kept.
            perRequest = true;
            super.setDateHeader(name, date);
        }

        @Override
        public void addDateHeader(String name, long date) {
            perRequest = true;
            super.addDateHeader(name, date);
        }

        /** Whether a header is sent again with the kept page; a cookie means the page is not kept at all. */
        private boolean kept(String name) {
            if (name.equalsIgnoreCase("Set-Cookie")) {
                perRequest = true;
                return false;
            }
            return !name.equalsIgnoreCase("Content-Type") && !name.equalsIgnoreCase("Content-Length");
        }

        @Override
        public void addCookie(Cookie cookie) {
            perRequest = true;
            super.addCookie(cookie);
        }

        @Override
        public void setContentLength(int len) {
            // The length is set when the held body is sent.
        }

        @Override
        public void setContentLengthLong(long len) {
            // As above.
        }

        @Override
        public void flushBuffer() {
            // Nothing is sent before the page is made.
        }

        @Override
        public void resetBuffer() {
            buffer.reset();
        }

        @Override
        public void reset() {
            super.reset();
            buffer.reset();
            headers.clear();
            status = SC_OK;
            perRequest = false;
        }

        @Override
        public ServletOutputStream getOutputStream() {
            if (stream == null) {
                stream = new ServletOutputStream() {
                    @Override
                    public void write(int b) {
                        buffer.write(b);
                    }

                    @Override
                    public void write(byte[] b, int off, int len) {
                        buffer.write(b, off, len);
                    }

                    @Override
                    public boolean isReady() {
                        return true;
                    }

                    @Override
                    public void setWriteListener(WriteListener listener) {
                        throw new UnsupportedOperationException("Pages are written blocking");
                    }
                };
            }
            return stream;
        }

        @Override
        public PrintWriter getWriter() {
            if (writer == null) {
                writer = new PrintWriter(new OutputStreamWriter(buffer, Charset.forName(getCharacterEncoding())));
            }
            return writer;
        }
    }
}
