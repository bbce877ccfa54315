package org.partnershipatlas.endpoint;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import javax.net.ssl.SSLSession;
import org.apache.commons.io.FileUtils;
import org.apache.jena.atlas.json.JSON;
import org.apache.jena.atlas.json.JsonObject;
import org.apache.jena.graph.Graph;
import org.apache.jena.riot.Lang;
import org.apache.jena.riot.RDFParser;
import org.apache.jena.sparql.graph.GraphFactory;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.partnershipatlas.endpoint.admin.AdminCredentials;
import org.partnershipatlas.endpoint.catalog.Releases;
import org.partnershipatlas.loaders.LoadReport;
import org.partnershipatlas.loaders.Loader;
import org.partnershipatlas.loaders.dumps.DumpManifest;
import org.partnershipatlas.loaders.store.AtlasStore;
import org.partnershipatlas.ontology.AtlasIris;

/**
 * One integration-test fixture: a TDB2 store loaded with the sample data, an {@link AtlasServer} on a free
 * port, and an HTTP client with helpers that return responses ready for assertions.
 *
 * <pre>
 * &#64;RegisterExtension
 * static final AtlasFixture atlas = AtlasFixture.sampleData()
 *         .loadText("extra.organisations.csv", "id,name,...\n...")
 *         .server((builder, fixture) -&gt; builder.dumps(fixture.dir().resolve("dumps")));
 *
 * var response = atlas.get("doc/partnership/newham-cdrp", "text/turtle");
 * assertThat(response.statusCode()).isEqualTo(200);
 * Graph g = response.graph(Lang.TURTLE);
 * </pre>
 *
 * <p>{@link #sampleData()} loads a store of its own for the test class, in a temporary directory removed at the
 * end. {@link #sharedSampleData()} is for classes that only read: they share one store per JVM (TDB2 opens a
 * location once per JVM, so the opened {@link AtlasStore} itself is shared); it is closed when the JVM ends,
 * and such a fixture refuses steps that would change the store.
 *
 * <p>Teardown stops the server and closes the store even if one of them throws; the first failure is rethrown
 * with the others kept as suppressed exceptions.
 */
public final class AtlasFixture implements BeforeAllCallback, AfterAllCallback {

    /** A step that prepares the store (or the fixture's directory) before the server is built. */
    @FunctionalInterface
    public interface Step {
        void run(AtlasFixture fixture) throws Exception;
    }

    /** A step that configures the server's builder; the fixture gives its directory and store. */
    @FunctionalInterface
    public interface ServerStep {
        void configure(AtlasServer.Builder builder, AtlasFixture fixture) throws Exception;
    }

    /** A step on the built server before it starts (to add test-only servlets or filters). */
    @FunctionalInterface
    public interface BeforeStart {
        void run(AtlasServer server) throws Exception;
    }

    private final boolean shared;
    private final boolean empty;
    private Step beforeOpen;
    private final List<BeforeStart> beforeStart = new ArrayList<>();
    private final List<Step> steps = new ArrayList<>();
    private final List<ServerStep> serverSteps = new ArrayList<>();
    private final HttpClient http = HttpClient.newHttpClient();

    private Path dir;
    private AtlasStore store;
    private AtlasServer server;
    private DumpManifest manifest;
    private final List<AtlasServer> others = new ArrayList<>();
    private final List<Runnable> atClose = new ArrayList<>();

    private AtlasFixture(boolean shared, boolean empty) {
        this.shared = shared;
        this.empty = empty;
    }

    /** A store of the class's own, loaded with the sample data; steps may change it. */
    public static AtlasFixture sampleData() {
        return new AtlasFixture(false, false);
    }

    /** The JVM's one read-only store of the sample data, shared by every class that uses this. */
    public static AtlasFixture sharedSampleData() {
        return new AtlasFixture(true, false);
    }

    /** An empty store of the class's own ({@code dir()/tdb2}), for classes that load their own data. */
    public static AtlasFixture emptyStore() {
        return new AtlasFixture(false, true);
    }

    /**
     * A store of the class's own that {@code build} writes at {@code dir()/tdb2} before the fixture opens it (for
     * the bulk loader, which needs the store closed).
     */
    public static AtlasFixture storeBuiltBy(Step build) {
        AtlasFixture fixture = new AtlasFixture(false, true);
        fixture.beforeOpen = build;
        return fixture;
    }

    // ---- Steps that prepare the store -------------------------------------------------------------------------

    /** Runs a step on the store (or the directory) before the server is built. */
    public AtlasFixture prepare(Step step) {
        if (shared) {
            throw new IllegalStateException("The shared sample store is read-only; use sampleData()");
        }
        steps.add(step);
        return this;
    }

    /**
     * Runs a step that leaves the store as it is (starting a remote service, writing files), before the server is
     * built; allowed on the shared store too.
     */
    public AtlasFixture setUp(Step step) {
        steps.add(step);
        return this;
    }

    /** Runs {@code closer} at teardown, after the servers stop and before the store closes. */
    public void onClose(Runnable closer) {
        atClose.add(closer);
    }

    /** Writes {@code text} to a file of that name in the fixture's directory and loads it, which must commit. */
    public AtlasFixture loadText(String fileName, String text) {
        return prepare(f -> {
            Path file = f.dir().resolve(fileName);
            Files.writeString(file, text);
            f.loadNow(file);
        });
    }

    /** Loads more sources into the store; the load must commit. */
    public AtlasFixture load(Path... sources) {
        return prepare(f -> f.loadNow(sources));
    }

    /** A copy of the sample sources in {@code dir()/sources}, given to the server as its sources directory. */
    public AtlasFixture sourcesCopy() {
        steps.add(f -> FileUtils.copyDirectory(
                SampleData.directory().toFile(), f.sources().toFile()));
        return server((b, f) -> b.sources(f.sources()));
    }

    /** The server's dumps directory, {@code dir()/dumps} (the server writes the dumps). */
    public AtlasFixture dumps() {
        return server((b, f) -> b.dumps(f.dir().resolve("dumps")));
    }

    /**
     * Publishes a release of the store into {@code dir()/dumps} (as {@code atlas publish} does, for
     * {@code http://localhost/}) and serves it; {@link #manifest()} is its manifest.
     */
    public AtlasFixture publishDumps() {
        steps.add(f -> f.manifest =
                Releases.publish(f.store(), AtlasIris.DEFAULT, f.dir().resolve("dumps"), "http://localhost/"));
        return dumps();
    }

    /** The server's backups directory, {@code dir()/backups}. */
    public AtlasFixture backups() {
        return server((b, f) -> b.backups(f.dir().resolve("backups")));
    }

    /** An admin account ({@code dir()/admins}, hashed as {@link AdminCredentials#hash} does) on the server. */
    public AtlasFixture admin(String user, String password) {
        steps.add(f -> Files.writeString(
                f.dir().resolve("admins"), AdminCredentials.hash(user, password.toCharArray()) + "\n"));
        return server((b, f) -> b.admins(AdminCredentials.read(f.dir().resolve("admins"))));
    }

    /** Configures the server's builder (after {@code port(0)}), in the order the steps are given. */
    public AtlasFixture server(ServerStep step) {
        serverSteps.add(step);
        return this;
    }

    /** Runs a step on the built server before it starts. */
    public AtlasFixture beforeStart(BeforeStart step) {
        beforeStart.add(step);
        return this;
    }

    // ---- Lifecycle -------------------------------------------------------------------------------------------

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        dir = Files.createTempDirectory("atlas-it-");
        try {
            Path location = dir.resolve("tdb2");
            if (beforeOpen != null) {
                beforeOpen.run(this);
            }
            store = shared ? Shared.STORE : empty ? AtlasStore.open(location) : SampleData.loadInto(location);
            for (Step step : steps) {
                step.run(this);
            }
            AtlasServer.Builder builder = AtlasServer.builder(store).port(0);
            for (ServerStep step : serverSteps) {
                step.configure(builder, this);
            }
            AtlasServer built = builder.build();
            server = built;
            for (BeforeStart step : beforeStart) {
                step.run(built);
            }
            built.start();
        } catch (Exception | Error e) {
            try {
                afterAll(context);
            } catch (Exception suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        List<Runnable> closers = new ArrayList<>();
        AtlasServer s = server;
        AtlasStore st = store;
        Path d = dir;
        server = null;
        store = null;
        dir = null;
        if (s != null) {
            closers.add(s::stop);
        }
        for (AtlasServer other : others) {
            closers.add(other::stop);
        }
        others.clear();
        closers.addAll(atClose);
        atClose.clear();
        if (st != null && !shared) {
            closers.add(st::close);
        }
        if (d != null) {
            closers.add(() -> FileUtils.deleteQuietly(d.toFile()));
        }
        closeAll(closers);
    }

    /** Runs every closer; the first failure is thrown, the later ones are added to it as suppressed. */
    static void closeAll(List<Runnable> closers) {
        RuntimeException first = null;
        for (Runnable closer : closers) {
            try {
                closer.run();
            } catch (RuntimeException e) {
                if (first == null) {
                    first = e;
                } else {
                    first.addSuppressed(e);
                }
            }
        }
        if (first != null) {
            throw first;
        }
    }

    /** The JVM's shared sample store, loaded on first use and closed when the JVM ends. */
    private static final class Shared {
        static final AtlasStore STORE = open();

        private static AtlasStore open() {
            try {
                Path location = Files.createTempDirectory("atlas-shared-sample-");
                AtlasStore store = SampleData.loadInto(location.resolve("tdb2"));
                Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                    store.close();
                    FileUtils.deleteQuietly(location.toFile());
                }));
                return store;
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
    }

    // ---- What the tests use ----------------------------------------------------------------------------------

    /** The fixture's own temporary directory (also for shared stores; the store lives elsewhere then). */
    public Path dir() {
        return dir;
    }

    /** The sources directory that {@link #sourcesCopy()} fills. */
    public Path sources() {
        return dir.resolve("sources");
    }

    /** The manifest of the release that {@link #publishDumps()} wrote. */
    public DumpManifest manifest() {
        return manifest;
    }

    public AtlasStore store() {
        return store;
    }

    public AtlasServer server() {
        return server;
    }

    /** The server's root URL, ending in {@code /}. */
    public String url() {
        return server.url();
    }

    /**
     * Starts another server on the fixture's store (port 0, then the given configuration), stopped with the
     * fixture.
     */
    public AtlasServer another(ServerStep step) throws Exception {
        AtlasServer.Builder builder = AtlasServer.builder(store).port(0);
        step.configure(builder, this);
        AtlasServer other = builder.build();
        others.add(other);
        return other.start();
    }

    /** An HTTP Basic {@code Authorization} header value. */
    public static String basicAuth(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    public HttpClient client() {
        return http;
    }

    /** Loads sources into the store now; the load must commit. */
    public LoadReport loadNow(Path... sources) {
        LoadReport report = Loader.into(store).sources(List.of(sources)).run();
        assertThat(report.committed()).as("%s", report.violations()).isTrue();
        return report;
    }

    // ---- HTTP ------------------------------------------------------------------------------------------------

    /** A request to a path under the server's root (no leading slash), or to an absolute URL. */
    public HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(uri(path));
    }

    public URI uri(String path) {
        return URI.create(path.startsWith("http:") || path.startsWith("https:") ? path : url() + path);
    }

    /** GET with no Accept header. */
    public Response get(String path) throws IOException, InterruptedException {
        return get(path, null);
    }

    /** GET with an Accept header (none when null) and further header name/value pairs. */
    public Response get(String path, String accept, String... headers) throws IOException, InterruptedException {
        HttpRequest.Builder b = request(path);
        if (accept != null) {
            b.header("Accept", accept);
        }
        return send(headers(b, headers).GET());
    }

    /** GET an HTML page that must be there: its text, once its status is checked to be 200. */
    public String page(String path) throws IOException, InterruptedException {
        Response r = get(path, "text/html");
        assertThat(r.statusCode()).as("%s: %s", path, r.text()).isEqualTo(200);
        return r.text();
    }

    /** POST a body of the given content type, with an Accept header (none when null) and header pairs. */
    public Response post(String path, String contentType, String body, String accept, String... headers)
            throws IOException, InterruptedException {
        HttpRequest.Builder b = request(path).POST(HttpRequest.BodyPublishers.ofString(body));
        if (contentType != null) {
            b.header("Content-Type", contentType);
        }
        if (accept != null) {
            b.header("Accept", accept);
        }
        return send(headers(b, headers));
    }

    /** POST a source file's text to {@code /admin/sources/{fileName}} as an admin (basic auth), as an admin loads one. */
    public Response postSource(String fileName, String text, String user, String password)
            throws IOException, InterruptedException {
        return post("admin/sources/" + fileName, null, text, null, "Authorization", basicAuth(user, password));
    }

    /** Sends a request built by the caller through the fixture's client. */
    public Response send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return new Response(http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray()));
    }

    private static HttpRequest.Builder headers(HttpRequest.Builder b, String... pairs) {
        if (pairs.length % 2 != 0) {
            throw new IllegalArgumentException("Header names and values come in pairs");
        }
        for (int i = 0; i < pairs.length; i += 2) {
            b.header(pairs[i], pairs[i + 1]);
        }
        return b;
    }

    /** An HTTP response with its body as bytes, and readers for it as text, RDF or JSON. */
    public static final class Response implements HttpResponse<byte[]> {
        private final HttpResponse<byte[]> raw;

        Response(HttpResponse<byte[]> raw) {
            this.raw = raw;
        }

        /** The body as UTF-8 text. */
        public String text() {
            return new String(raw.body(), StandardCharsets.UTF_8);
        }

        /** The body parsed as RDF in the given language. */
        public Graph graph(Lang lang) {
            Graph g = GraphFactory.createDefaultGraph();
            RDFParser.source(new ByteArrayInputStream(raw.body())).lang(lang).parse(g);
            return g;
        }

        /** The body parsed as a JSON object. */
        public JsonObject json() {
            return JSON.parse(text());
        }

        /** The first value of a header, or empty. */
        public Optional<String> header(String name) {
            return raw.headers().firstValue(name);
        }

        /** The Content-Type without its parameters, or empty when there is none. */
        public String mediaType() {
            return header("Content-Type").map(v -> v.split(";", 2)[0].trim()).orElse("");
        }

        @Override
        public int statusCode() {
            return raw.statusCode();
        }

        @Override
        public HttpRequest request() {
            return raw.request();
        }

        @Override
        public Optional<HttpResponse<byte[]>> previousResponse() {
            return raw.previousResponse();
        }

        @Override
        public HttpHeaders headers() {
            return raw.headers();
        }

        @Override
        public byte[] body() {
            return raw.body();
        }

        @Override
        public Optional<SSLSession> sslSession() {
            return raw.sslSession();
        }

        @Override
        public URI uri() {
            return raw.uri();
        }

        @Override
        public HttpClient.Version version() {
            return raw.version();
        }

        @Override
        public String toString() {
            return raw.toString();
        }
    }
}
