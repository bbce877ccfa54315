package org.partnershipatlas.endpoint;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.servlet.Filter;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.FilterMapping;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.partnershipatlas.endpoint.http.Locations;
import org.partnershipatlas.endpoint.http.RequestGuardFilter;

/**
 * Hostile HTTP against a running Atlas: path traversal, malformed headers and parameters, oversized requests. Every
 * answer is a clean 4xx with the request id; none carries a stack trace, an exception's name or a file path.
 */
class HostileHttpIT {
    @RegisterExtension
    static final AtlasFixture atlas = AtlasFixture.sharedSampleData()
            .publishDumps()
            .setUp(fixture -> Files.writeString(fixture.dir().resolve("secret.txt"), "TOP-SECRET-BESIDE-THE-DUMPS"))
            .beforeStart(HostileHttpIT::addFailingPaths);

    /** Every error body seen, checked at the end for leaks. */
    static final List<String> errorBodies = java.util.Collections.synchronizedList(new ArrayList<>());

    /** Where a test-only servlet and a test-only filter fail with an {@link Error}. */
    static final String FAILS_IN_SERVLET = "/test-only/servlet-error";

    static final String FAILS_BEFORE_FILTERS = "/test-only/filter-error";

    /** A test-only path that fails with an Error that is not a storage fault (a class missing at run time). */
    static final String FAILS_WITH_A_BUG = "/test-only/bug-error";

    /**
     * Adds two test-only paths that fail with an {@link InternalError} (what a memory-mapped store file throws when
     * the disk is full): a servlet behind the Atlas's filters, and a filter ahead of all of them, whose failure
     * reaches the servlet context's error handler as it is.
     */
    static void addFailingPaths(AtlasServer server) {
        ServletContextHandler context = server.jetty().getDescendant(ServletContextHandler.class);
        context.addServlet(
                new ServletHolder(new HttpServlet() {
                    @Override
                    protected void service(HttpServletRequest req, HttpServletResponse resp) {
                        throw new InternalError("a fault occurred in a recent unsafe memory access operation");
                    }
                }),
                FAILS_IN_SERVLET);
        context.addServlet(
                new ServletHolder(new HttpServlet() {
                    @Override
                    protected void service(HttpServletRequest req, HttpServletResponse resp) {
                        throw new NoClassDefFoundError("org/example/Missing");
                    }
                }),
                FAILS_WITH_A_BUG);
        FilterHolder early = new FilterHolder((Filter) (req, resp, chain) -> {
            throw new InternalError("a fault occurred in a recent unsafe memory access operation");
        });
        early.setName("test-only-error");
        context.getServletHandler().prependFilter(early);
        FilterMapping mapping = new FilterMapping();
        mapping.setFilterName("test-only-error");
        mapping.setPathSpec(FAILS_BEFORE_FILTERS);
        context.getServletHandler().prependFilterMapping(mapping);
    }

    /** Every error body collected by the tests: none may show a stack trace, an exception or a path. */
    @AfterAll
    static void noErrorBodyLeaks() {
        assertThat(errorBodies).isNotEmpty();
        errorBodies.forEach(HostileHttpIT::assertNoLeak);
    }

    /** A raw HTTP/1.1 exchange, so that the path and headers go out exactly as written. */
    record Raw(int status, String head, String body) {
        String header(String name) {
            Matcher m = Pattern.compile("(?im)^" + Pattern.quote(name) + ":\\s*(.*?)\\r?$")
                    .matcher(head);
            return m.find() ? m.group(1) : null;
        }
    }

    static Raw raw(String requestLine, String... headers) throws IOException {
        try (Socket socket = new Socket("localhost", atlas.server().port())) {
            socket.setSoTimeout(20_000);
            StringBuilder request = new StringBuilder(requestLine).append("\r\n");
            request.append("Host: localhost:").append(atlas.server().port()).append("\r\n");
            for (String h : headers) {
                request.append(h).append("\r\n");
            }
            request.append("Connection: close\r\n\r\n");
            OutputStream out = socket.getOutputStream();
            out.write(request.toString().getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            byte[] all = readAll(socket.getInputStream());
            String text = new String(all, StandardCharsets.UTF_8);
            int split = text.indexOf("\r\n\r\n");
            String head = split < 0 ? text : text.substring(0, split);
            String body = split < 0 ? "" : text.substring(split + 4);
            int status = Integer.parseInt(head.substring(9, 12));
            Raw raw = new Raw(status, head, body);
            if (status >= 400) {
                errorBodies.add(body);
            }
            return raw;
        }
    }

    static byte[] readAll(InputStream in) throws IOException {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        byte[] chunk = new byte[8192];
        try {
            for (int n; (n = in.read(chunk)) > 0; ) {
                buffer.write(chunk, 0, n);
            }
        } catch (java.net.SocketException e) {
            // The server may close after answering an oversized request; what was read is the answer.
        }
        return buffer.toByteArray();
    }

    static HttpResponse<String> get(String path, String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(atlas.url() + path));
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        HttpResponse<String> r = HttpClient.newHttpClient().send(b.build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() >= 400) {
            errorBodies.add(r.body());
        }
        return r;
    }

    @Test
    void pathTraversalNeverReachesAFileOutsideItsFolder() throws Exception {
        List<String> paths = List.of(
                "/static/../../../../etc/passwd",
                "/static/%2e%2e/%2e%2e/%2e%2e/etc/passwd",
                "/static/..%2f..%2f..%2fetc%2fpasswd",
                "/static/%2e%2e%5c%2e%2e%5cetc%5cpasswd",
                "/static/....//....//etc/passwd",
                "/static/%252e%252e/%252e%252e/etc/passwd",
                "/static/%c0%ae%c0%ae/%c0%ae%c0%ae/etc/passwd",
                "/static/atlas.css%00.png",
                "/dumps/../secret.txt",
                "/dumps/%2e%2e/secret.txt",
                "/dumps/..%2fsecret.txt",
                "/dumps/graphs/../../secret.txt",
                "/dumps/%2e%2e%2f%2e%2e%2f%2e%2e%2fetc/passwd",
                "/webjars/../../../../etc/passwd",
                "/webjars/codemirror/%2e%2e/%2e%2e/%2e%2e/META-INF/MANIFEST.MF",
                "/doc/../../../etc/passwd",
                "/def/../../pom.xml");
        for (String path : paths) {
            Raw r = raw("GET " + path + " HTTP/1.1");
            assertThat(r.status()).as(path).isBetween(400, 404);
            assertThat(r.body())
                    .as(path)
                    .doesNotContain("root:x:0:0")
                    .doesNotContain("TOP-SECRET")
                    .doesNotContain("Manifest-Version")
                    .doesNotContain("<project");
        }
        // The same folders still serve what they should.
        assertThat(raw("GET /dumps/SHA256SUMS HTTP/1.1").status()).isEqualTo(200);
        assertThat(raw("GET /static/atlas.css HTTP/1.1").status()).isEqualTo(200);
    }

    @Test
    void malformedAcceptHeadersGetAnAnswerNotAnError() throws Exception {
        List<String> accepts = List.of(
                ";;;,,,",
                "text/html;q=abc",
                "*/*;q=-1",
                "text/turtle;q=2.5",
                "application/" + "x".repeat(2000),
                "\u00e9\u00e8/\u00ea",
                "text/html, */*;q=0.1;;level=,",
                "");
        List<String> paths = List.of(
                "doc/locality/newham",
                "id/locality/newham",
                "api/queries/partnership-map?locality=id/locality/newham",
                "atlas/sparql?query=" + URLEncoder.encode("ASK {}", StandardCharsets.UTF_8),
                "catalog",
                "dumps/",
                "");
        for (String accept : accepts) {
            for (String path : paths) {
                Raw r = raw("GET /" + path + " HTTP/1.1", "Accept: " + accept);
                assertThat(r.status()).as(accept + " " + path).isLessThan(500);
            }
        }
    }

    @Test
    void malformedParametersAreClientErrors() throws Exception {
        List<String> paths = List.of(
                "/doc/organisation?page=-1",
                "/doc/organisation?page=abc",
                "/doc/organisation?page=99999999999999999999999",
                "/doc/organisation?page=%ZZ",
                "/search?q=%ZZ",
                "/search?q=" + "a".repeat(5000),
                "/search?q=%22%5C%00%3Cscript%3E",
                "/search?q=title%3A*%3F~%5B",
                "/api/queries/partnership-map?locality=%3E%20%7D",
                "/api/queries/partnership-map?locality=id/locality/newham&limit=-5",
                "/api/queries/partnership-map?locality=id/locality/newham&limit=1e99",
                "/api/queries/partnership-map?locality=id/locality/newham&format=../../etc/passwd",
                "/api/queries/../../etc/passwd",
                "/atlas/sparql?query=SELECT%20*%20%7B",
                "/atlas/sparql?query=%ZZ",
                "/atlas/sparql?query=ASK%7B%7D&default-graph-uri=%3Cfile:///etc/passwd%3E",
                "/atlas/sparql?query=SELECT%20*%20FROM%20%3Cfile:///etc/passwd%3E%20%7B?s%20?p%20?o%7D",
                "/atlas/data?graph=file:///etc/passwd",
                "/reports/%3Cscript%3E",
                "/localities/..%2F..%2Fetc",
                "/domains/%00",
                "/guidance?domain=%3Cscript%3Ealert(1)%3C/script%3E&type=%ZZ",
                "/id/%00/%00",
                "/proposals?locality=javascript:alert(1)");
        for (String path : paths) {
            Raw r = raw("GET " + path + " HTTP/1.1", "Accept: text/html,application/json");
            assertThat(r.status()).as(path).isLessThan(500);
            assertThat(r.body()).as(path).doesNotContain("root:x:0:0").doesNotContain("<script>alert(1)");
        }
    }

    @Test
    void aTooLongUrlIs414AndTooManyHeaderBytesAre431() throws Exception {
        String longQuery =
                URLEncoder.encode("SELECT * { ?s ?p \"" + "x".repeat(20_000) + "\" }", StandardCharsets.UTF_8);
        assertThat(raw("GET /atlas/sparql?query=" + longQuery + " HTTP/1.1").status())
                .isEqualTo(414);
        assertThat(raw("GET / HTTP/1.1", "X-Padding: " + "y".repeat(20_000)).status())
                .isEqualTo(431);
        List<String> many = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            many.add("X-Header-" + i + ": " + "z".repeat(40));
        }
        assertThat(raw("GET / HTTP/1.1", many.toArray(String[]::new)).status()).isEqualTo(431);
        // Still serving normally afterwards.
        assertThat(get("").statusCode()).isEqualTo(200);
    }

    /**
     * Posts a body of {@code size} bytes over a raw socket, from another thread, and reads the answer meanwhile: the
     * server may answer and close before the body is all sent, which an ordinary client reports as a broken pipe.
     */
    static Raw rawPost(String path, String contentType, long size, boolean chunked) throws Exception {
        try (Socket socket = new Socket("localhost", atlas.server().port())) {
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            String head = "POST " + path + " HTTP/1.1\r\nHost: localhost\r\nContent-Type: " + contentType + "\r\n"
                    + (chunked ? "Transfer-Encoding: chunked\r\n" : "Content-Length: " + size + "\r\n")
                    + "Connection: close\r\n\r\n";
            out.write(head.getBytes(StandardCharsets.ISO_8859_1));
            Thread writer = new Thread(() -> {
                byte[] block = "x".repeat(8192).getBytes(StandardCharsets.US_ASCII);
                try {
                    for (long sent = 0; sent < size; sent += block.length) {
                        if (chunked) {
                            out.write((Integer.toHexString(block.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
                        }
                        out.write(block);
                        if (chunked) {
                            out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
                        }
                    }
                    if (chunked) {
                        out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                    }
                    out.flush();
                } catch (IOException e) {
                    // The server stopped reading: expected once it has refused the body.
                }
            });
            writer.setDaemon(true);
            writer.start();
            String text = new String(readAll(socket.getInputStream()), StandardCharsets.UTF_8);
            int split = text.indexOf("\r\n\r\n");
            Raw raw = new Raw(
                    Integer.parseInt(text.substring(9, 12)),
                    split < 0 ? text : text.substring(0, split),
                    split < 0 ? "" : text.substring(split + 4));
            errorBodies.add(raw.body());
            return raw;
        }
    }

    @Test
    void anOversizedBodyIs413WithOrWithoutALength() throws Exception {
        long size = 2L * 1024 * 1024;
        assertThat(rawPost("/atlas/sparql", "application/sparql-query", size, false)
                        .status())
                .isEqualTo(413);
        // Chunked: no Content-Length, so the limit applies while the body is read.
        assertThat(rawPost("/atlas/sparql", "application/sparql-query", size, true)
                        .status())
                .isEqualTo(413);
        Raw proposal = rawPost("/api/proposals/check", "application/json", size, true);
        assertThat(proposal.status()).isEqualTo(413);
        assertThat(proposal.header("X-Request-Id")).isNotBlank();
        // And the server goes on serving.
        assertThat(get("").statusCode()).isEqualTo(200);
    }

    @Test
    void traceConnectAndUnknownMethodsAre405WithAllowAndNoEcho() throws Exception {
        for (String method : List.of("TRACE", "CONNECT", "PROPFIND", "BREW")) {
            for (String path :
                    List.of("/", "/id/partnership/x", "/atlas/sparql", "/api/queries", "/static/atlas.css")) {
                Raw r = raw(method + " " + path + " HTTP/1.1", "X-Secret-Probe: echo-me", "Cookie: probe=echo-me");
                assertThat(r.status()).as(method + " " + path).isBetween(400, 499);
                assertThat(r.head() + r.body()).as(method + " " + path).doesNotContain("echo-me");
                assertThat(r.head() + r.body()).as(method + " " + path).doesNotContain("message/http");
                if (r.status() == 405) {
                    assertThat(r.header("Allow"))
                            .as(method + " " + path)
                            .contains("GET")
                            .doesNotContain("TRACE");
                    assertThat(r.header(RequestGuardFilter.REQUEST_ID)).isNotNull();
                    assertThat(r.body()).contains(r.header(RequestGuardFilter.REQUEST_ID));
                }
            }
        }
        Raw trace = raw("TRACE / HTTP/1.1", "X-Secret-Probe: echo-me");
        assertThat(trace.status()).isEqualTo(405);
    }

    /** Sends {@code request} byte for byte (head and body as written) and reads the answer. */
    static Raw rawExchange(String request) throws IOException {
        Raw raw = exchange(request);
        errorBodies.add(raw.body());
        return raw;
    }

    /** As {@link #rawExchange}, without keeping the body for the leak check. */
    static Raw exchange(String request) throws IOException {
        try (Socket socket = new Socket("localhost", atlas.server().port())) {
            socket.setSoTimeout(20_000);
            OutputStream out = socket.getOutputStream();
            out.write(request.replace("{host}", "localhost:" + atlas.server().port())
                    .getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            socket.shutdownOutput();
            String text = new String(readAll(socket.getInputStream()), StandardCharsets.UTF_8);
            int split = text.indexOf("\r\n\r\n");
            String head = split < 0 ? text : text.substring(0, split);
            String body = split < 0 ? "" : text.substring(split + 4);
            return new Raw(Integer.parseInt(head.substring(9, 12)), head, body);
        }
    }

    @Test
    void aBogusCharsetIs415AndBadChunkFramingIs400() throws Exception {
        for (String path : List.of("/atlas/sparql", "/api/proposals/check", "/search", "/admin/reload")) {
            Raw charset = rawExchange("POST " + path + " HTTP/1.1\r\nHost: {host}\r\n"
                    + "Content-Type: application/x-www-form-urlencoded; charset=x-bogus\r\n"
                    + "Content-Length: 7\r\nConnection: close\r\n\r\nquery=x");
            assertThat(charset.status()).as(path).isEqualTo(415);
            assertThat(charset.body()).as(path).contains(charset.header(RequestGuardFilter.REQUEST_ID));
            for (String contentType : List.of("application/x-www-form-urlencoded", "application/sparql-query")) {
                Raw chunked = rawExchange("POST " + path + " HTTP/1.1\r\nHost: {host}\r\n"
                        + "Content-Type: " + contentType + "\r\n"
                        + "Transfer-Encoding: chunked\r\nConnection: close\r\n\r\nzz\r\nquery=x\r\n0\r\n\r\n");
                assertThat(chunked.status()).as(path + " " + contentType).isBetween(400, 499);
                assertThat(chunked.head() + chunked.body())
                        .doesNotContain("Exception")
                        .doesNotContain("java.");
            }
        }
        Raw chunked = rawExchange("POST /atlas/sparql HTTP/1.1\r\nHost: {host}\r\n"
                + "Content-Type: application/sparql-query\r\n"
                + "Transfer-Encoding: chunked\r\nConnection: close\r\n\r\nzz\r\nSELECT\r\n0\r\n\r\n");
        assertThat(chunked.status()).isEqualTo(400);
    }

    @Test
    void everyAnswerCarriesARequestIdAndErrorsShowIt() throws Exception {
        HttpResponse<String> ok = get("");
        String id = ok.headers().firstValue(RequestGuardFilter.REQUEST_ID).orElseThrow();
        assertThat(id).matches("[0-9a-f]{1,12}");
        HttpResponse<String> again = get("");
        assertThat(again.headers().firstValue(RequestGuardFilter.REQUEST_ID).orElseThrow())
                .isNotEqualTo(id);

        HttpResponse<String> bad = get("api/queries/partnership-map?locality=%3E", "Accept", "application/json");
        assertThat(bad.statusCode()).isEqualTo(400);
        String badId = bad.headers().firstValue(RequestGuardFilter.REQUEST_ID).orElseThrow();
        assertThat(bad.body()).contains("\"requestId\"").contains(badId);

        HttpResponse<String> sparql = get("atlas/sparql?query=" + URLEncoder.encode("SELECT", StandardCharsets.UTF_8));
        assertThat(sparql.statusCode()).isEqualTo(400);
        assertThat(sparql.headers().firstValue(RequestGuardFilter.REQUEST_ID)).isPresent();

        // A proxy's id is kept (when plain), so one id follows the request through both logs.
        HttpResponse<String> proxied = get("", RequestGuardFilter.REQUEST_ID, "proxy-42.a");
        assertThat(proxied.headers().firstValue(RequestGuardFilter.REQUEST_ID)).contains("proxy-42.a");
        HttpResponse<String> hostileId = get("", RequestGuardFilter.REQUEST_ID, "<script>x</script>");
        assertThat(hostileId.headers().firstValue(RequestGuardFilter.REQUEST_ID).orElseThrow())
                .doesNotContain("<");
    }

    static void assertNoLeak(String body) {
        assertNoLeak(body, atlas.dir());
        // The shared store lives outside the fixture's directory: its folder must not show either.
        assertThat(body).doesNotContain(atlas.store().location().getParent().toString());
    }

    static void assertNoLeak(String body, Path dir) {
        String lower = body.toLowerCase(Locale.ROOT);
        assertThat(body)
                .doesNotContain("\tat ")
                .doesNotContain(".java:")
                .doesNotContainPattern("[A-Za-z]+(Exception|Error):")
                .doesNotContain(dir.toString())
                .doesNotContain("/root/")
                .doesNotContain("/work/");
        assertThat(lower).doesNotContain("stacktrace").doesNotContain("caused by");
    }

    @Test
    void anErrorAnywhereGetsTheAtlasErrorPageNeverItsClassName() throws Exception {
        for (String path : List.of(FAILS_IN_SERVLET, FAILS_BEFORE_FILTERS)) {
            for (String accept : List.of("text/html", "application/json", "*/*")) {
                Raw r = raw("GET " + path + " HTTP/1.1", "Accept: " + accept);
                String id = r.header(RequestGuardFilter.REQUEST_ID);
                // An InternalError is how a memory-mapped store file fails (a full disk): HttpErrors.statusFor maps
                // storage faults to 503, said in words.
                assertThat(r.status()).as(path + " " + accept).isEqualTo(503);
                assertThat(id).as(path).isNotBlank();
                assertThat(r.body()).as(path).contains(id).contains("unavailable");
                assertThat(r.head() + r.body())
                        .as(path + " " + accept)
                        .doesNotContain("java.")
                        .doesNotContain("Exception")
                        .doesNotContain("Error:")
                        .doesNotContain("InternalError")
                        .doesNotContain("unsafe memory")
                        .doesNotContain(path);
            }
        }
        for (String accept : List.of("text/html", "application/json")) {
            Raw r = raw("GET " + FAILS_WITH_A_BUG + " HTTP/1.1", "Accept: " + accept);
            assertThat(r.status()).as(accept).isEqualTo(500);
            assertThat(r.body())
                    .contains(r.header(RequestGuardFilter.REQUEST_ID))
                    .contains("internal error");
            assertThat(r.head() + r.body()).doesNotContain("NoClassDefFound").doesNotContain("org/example");
        }
        // Jetty's own answers (an unknown path, a request it refuses before any filter) look the same.
        for (String line : List.of("GET /no-such-page/java.lang.InternalError HTTP/1.1", "GET /%zz HTTP/1.1")) {
            Raw r = raw(line, "Accept: text/html");
            String id = r.header(RequestGuardFilter.REQUEST_ID);
            assertThat(r.status()).as(line).isBetween(400, 499);
            assertThat(id).as(line).isNotBlank();
            assertThat(r.body()).as(line).contains(id).doesNotContain("java.").doesNotContain("HTTP ERROR");
        }
        assertThat(get("").statusCode()).isEqualTo(200);
    }

    @Test
    void anIdThatIsNotASlugIs404WithoutARedirect() throws Exception {
        for (String path : List.of(
                "/id/partnership/%3Cscript%3Ealert(1)%3C/script%3E",
                "/id/partnership/%3Cscript%3E",
                "/id/partnership/a%20b",
                "/id/partnership/%C3%A9t%C3%A9",
                "/id/partnership/-leading",
                "/id/partnership/x/y",
                "/id/%3Cb%3E/newham-cdrp",
                "/id/",
                "/id")) {
            Raw r = raw("GET " + path + " HTTP/1.1");
            assertThat(r.status()).as(path).isEqualTo(404);
            assertThat(r.header("Location")).as(path).isNull();
            assertThat(r.body()).as(path).doesNotContain("<script").doesNotContain("<b>");
        }
        // An encoded '/' in a path is refused by Jetty (400) before any servlet.
        Raw slash = raw("GET /id/partnership/%3Cscript%3Ealert(1)%3C%2Fscript%3E HTTP/1.1");
        assertThat(slash.status()).isBetween(400, 404);
        assertThat(slash.header("Location")).isNull();
        Raw raw = raw("GET /id/partnership/<script>alert(1)</script> HTTP/1.1");
        assertThat(raw.status()).isBetween(400, 404);
        assertThat(raw.header("Location")).isNull();
        Raw good = raw("GET /id/partnership/newham-cdrp HTTP/1.1");
        assertThat(good.status()).isEqualTo(303);
        assertThat(good.header("Location")).isEqualTo("/doc/partnership/newham-cdrp");
        assertThat(raw("GET /id/locality HTTP/1.1").header("Location")).isEqualTo("/doc/locality");
    }

    @Test
    void aLocationIsAlwaysAValidUri() {
        assertThat(Locations.encode("/doc/x/<script>alert(1)</script>"))
                .isEqualTo("/doc/x/%3Cscript%3Ealert(1)%3C/script%3E");
        assertThat(Locations.encode("/doc/a b/\u00e9t\u00e9")).isEqualTo("/doc/a%20b/%C3%A9t%C3%A9");
        assertThat(Locations.encode("/a%zz%2F%")).isEqualTo("/a%25zz%2F%25");
        assertThat(Locations.encode("http://[::1]:3030/a b?q=[1]#f#g"))
                .isEqualTo("http://[::1]:3030/a%20b?q=%5B1%5D#f%23g");
        assertThat(Locations.encode(Locations.encode("/\"x\"{}|^`"))).isEqualTo("/%22x%22%7B%7D%7C%5E%60");
    }

    /** Every route of the Atlas, read from {@link Routes}, so that a new route is swept with no change here. */
    static List<String> routes() throws IllegalAccessException {
        java.util.TreeSet<String> routes = new java.util.TreeSet<>();
        for (java.lang.reflect.Field field : Routes.class.getFields()) {
            if (java.lang.reflect.Modifier.isStatic(field.getModifiers()) && field.getType() == String.class) {
                String route = (String) field.get(null);
                routes.add(route);
            }
        }
        return List.copyOf(routes);
    }

    static final String PROBE = "echo-me-7f3a";

    /**
     * The requests of the framing sweep for one route: every method, a bad charset, broken chunked framing, a
     * truncated body and bad %-encodings; and every method and bad %-encodings for a path under it, which a servlet
     * mapped to route/* serves.
     */
    static List<String> framingRequests(String route) {
        String head = " HTTP/1.1\r\nHost: {host}\r\nX-Probe: " + PROBE + "\r\nCookie: probe=" + PROBE + "\r\n";
        String end = "Connection: close\r\n\r\n";
        String under = route.endsWith("/") ? route + "probe" : route + "/probe";
        List<String> requests = new ArrayList<>();
        for (String path : List.of(route, under)) {
            for (String method : List.of("GET", "HEAD", "POST", "PUT", "DELETE", "PATCH", "OPTIONS", "TRACE", "FOO")) {
                boolean body = List.of("POST", "PUT", "PATCH", "FOO").contains(method);
                requests.add(method + " " + path + head
                        + (body ? "Content-Type: text/plain\r\nContent-Length: 5\r\n" + end + "hello" : end));
            }
            requests.add("CONNECT " + path + head + end);
            // Bad %-encodings in the path: not hex, cut short, overlong UTF-8, invalid UTF-8, NUL, a lone surrogate
            String base = path.endsWith("/") ? path : path + "/";
            for (String bad : BAD_ESCAPES) {
                requests.add("GET " + base + bad + head + end);
            }
        }
        if (route.equals("/")) {
            requests.add("CONNECT localhost:22" + head + end);
        }
        // A charset Java does not know, in a form and in a GET
        requests.add("POST " + route + head + "Content-Type: application/x-www-form-urlencoded; charset=x-bogus\r\n"
                + "Content-Length: 7\r\n" + end + "query=x");
        requests.add("GET " + route + head + "Content-Type: text/plain; charset=\"\u00ff\"\r\n" + end);
        for (String type :
                List.of("application/x-www-form-urlencoded", "application/sparql-query", "application/json")) {
            // Broken chunked framing: a size that is not hex, and a chunk longer than its size
            requests.add("POST " + route + head + "Content-Type: " + type + "\r\nTransfer-Encoding: chunked\r\n" + end
                    + "zz\r\nquery=x\r\n0\r\n\r\n");
            requests.add("POST " + route + head + "Content-Type: " + type + "\r\nTransfer-Encoding: chunked\r\n" + end
                    + "2\r\nquery=ASK{}\r\n0\r\n\r\n");
            // Truncated: the length promises more than is sent before the client closes its side
            requests.add("POST " + route + head + "Content-Type: " + type + "\r\nContent-Length: 1000\r\n" + end
                    + "query=ASK");
        }
        requests.add("PUT " + route + head + "Content-Type: text/turtle\r\nContent-Length: 1000\r\n" + end + "<a> <b>");
        // Bad %-encodings in the query string and in a form
        for (String bad : BAD_ESCAPES.subList(0, 5)) {
            requests.add("GET " + route + "?q=" + bad + "&query=" + bad + head + end);
            requests.add("POST " + route + head + "Content-Type: application/x-www-form-urlencoded\r\n"
                    + "Content-Length: " + ("query=" + bad).length() + "\r\n" + end + "query=" + bad);
        }
        return requests;
    }

    static final List<String> BAD_ESCAPES =
            List.of("%zz", "%", "%c0%ae", "%e0%80%ae", "%C3%28", "%c0%af", "%ff%fe", "%00", "%ED%A0%80");

    /**
     * The request-framing sweep: every route of {@link Routes} (and a path under it), every method, bad charsets,
     * broken chunked framing, truncated bodies and bad %-encodings. None gets a 5xx; none has the request's headers
     * echoed in its body; every error carries the request id, in its header and (with a body) in its body; every
     * {@code Location} is a valid URI.
     */
    @Test
    void theFramingSweepGetsNo5xxNoEchoAndARequestIdInEveryError() throws Exception {
        List<String> requests = new ArrayList<>();
        for (String route : routes()) {
            requests.addAll(framingRequests(route));
        }
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(4);
        List<String> failures = java.util.Collections.synchronizedList(new ArrayList<>());
        long start = System.nanoTime();
        try {
            List<java.util.concurrent.Future<?>> done = new ArrayList<>();
            for (String request : requests) {
                done.add(pool.submit(() -> {
                    String where = request.substring(0, request.indexOf("\r\n"));
                    try {
                        Raw r = exchange(request);
                        if (r.status() >= 400) {
                            errorBodies.add(r.body());
                        }
                        String problem = sweepProblem(request, r);
                        if (problem != null) {
                            failures.add(r.status() + " " + where + ": " + problem);
                        }
                    } catch (Exception | AssertionError e) {
                        failures.add(where + ": " + e);
                    }
                    return null;
                }));
            }
            for (java.util.concurrent.Future<?> f : done) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        long seconds = (System.nanoTime() - start) / 1_000_000_000L;
        assertThat(failures)
                .as("of %d requests in %d s", requests.size(), seconds)
                .isEmpty();
        assertThat(requests.size()).isGreaterThan(1000);
    }

    /** What is wrong with an answer of the sweep, or null. */
    static String sweepProblem(String request, Raw r) {
        if (r.status() >= 500) {
            return "a server error: " + firstLine(r.body());
        }
        if (r.body().contains(PROBE) || r.body().contains("X-Probe")) {
            return "the request is echoed";
        }
        String location = r.header("Location");
        if (location != null) {
            try {
                new URI(location);
            } catch (java.net.URISyntaxException e) {
                return "Location is not a URI: " + location;
            }
        }
        if (r.status() >= 400) {
            String id = r.header(RequestGuardFilter.REQUEST_ID);
            if (id == null || id.isBlank()) {
                return "no request id header";
            }
            if (!request.startsWith("HEAD ") && !r.body().isEmpty() && !r.body().contains(id)) {
                return "the body does not show the request id " + id + ": " + firstLine(r.body());
            }
        }
        return null;
    }

    static String firstLine(String text) {
        return text.lines().findFirst().orElse("");
    }

    @Test
    void aJsonLdProposalCannotMakeTheServerFetchAnything() throws Exception {
        java.util.concurrent.atomic.AtomicInteger hits = new java.util.concurrent.atomic.AtomicInteger();
        com.sun.net.httpserver.HttpServer listener =
                com.sun.net.httpserver.HttpServer.create(new java.net.InetSocketAddress("127.0.0.1", 0), 0);
        listener.createContext("/", exchange -> {
            hits.incrementAndGet();
            byte[] body = "{\"@context\": {\"pa\": \"https://w3id.org/partnership-atlas/def#\"}}"
                    .getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        listener.start();
        try {
            String remote = "http://127.0.0.1:" + listener.getAddress().getPort() + "/context.jsonld";
            String proposal = "{\"@context\": \"" + remote + "\", \"@type\": \"pa:PartnershipProposal\","
                    + " \"http://purl.org/dc/terms/title\": \"X\"}";
            HttpResponse<String> r = HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(URI.create(atlas.url() + "api/proposals/check"))
                                    .header("Content-Type", "application/ld+json")
                                    .header("Accept", "application/json")
                                    .POST(HttpRequest.BodyPublishers.ofString(proposal))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
            errorBodies.add(r.body());
            assertThat(r.statusCode()).isEqualTo(400);
            assertThat(r.body()).contains("not fetched");
            assertThat(hits).hasValue(0);
        } finally {
            listener.stop(0);
        }
    }
}
