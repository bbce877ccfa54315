package org.partnershipatlas.endpoint;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.IntFunction;
import org.apache.jena.fuseki.main.FusekiServer;
import org.apache.jena.fuseki.main.sys.FusekiModule;
import org.apache.jena.fuseki.main.sys.FusekiModules;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.partnershipatlas.endpoint.admin.AdminCredentials;
import org.partnershipatlas.endpoint.admin.FMod_Admin;
import org.partnershipatlas.endpoint.api.FMod_QueryApi;
import org.partnershipatlas.endpoint.catalog.FMod_Catalog;
import org.partnershipatlas.endpoint.feeds.FMod_Feeds;
import org.partnershipatlas.endpoint.gatekeeper.FMod_Gatekeeper;
import org.partnershipatlas.endpoint.health.FMod_Health;
import org.partnershipatlas.endpoint.health.Readiness;
import org.partnershipatlas.endpoint.home.FMod_Home;
import org.partnershipatlas.endpoint.http.AtlasErrorHandler;
import org.partnershipatlas.endpoint.http.RequestGuardFilter;
import org.partnershipatlas.endpoint.ld.FMod_LinkedData;
import org.partnershipatlas.endpoint.linkhealth.FMod_LinkHealth;
import org.partnershipatlas.endpoint.portal.FMod_Portal;
import org.partnershipatlas.endpoint.releases.FMod_Releases;
import org.partnershipatlas.endpoint.sparql.FMod_Sparql;
import org.partnershipatlas.endpoint.sparql.PublicQueryPolicy;
import org.partnershipatlas.endpoint.web.FMod_Web;
import org.partnershipatlas.gatekeeper.Gatekeeper;
import org.partnershipatlas.gatekeeper.GatekeeperConfig;
import org.partnershipatlas.loaders.linkhealth.CheckSettings;
import org.partnershipatlas.loaders.store.AtlasStore;
import org.partnershipatlas.loaders.store.StoreVersion;
import org.partnershipatlas.ontology.AtlasIris;
import org.partnershipatlas.queries.QueryCatalogue;

/**
 * The Atlas server: an embedded Fuseki that publishes the store read-only as dataset {@code /atlas}, plus the
 * Atlas's pages. Used by the CLI and by the tests.
 *
 * <pre>
 *   AtlasServer server = AtlasServer.builder(store).port(3030).build().start();
 *   String endpoint = server.sparqlUrl();
 *   server.stop();
 * </pre>
 *
 * The dataset offers SPARQL query (GET and POST) at {@code /atlas/sparql}, {@code /atlas/query} and on the
 * dataset itself, and the Graph Store Protocol read-only at {@code /atlas/data}; no update, upload or write
 * operation exists. CORS is enabled so that browser clients on other sites can query it.
 */
public final class AtlasServer {
    public static final int DEFAULT_PORT = 3030;
    public static final String DEFAULT_HOST = "localhost";
    public static final Duration DEFAULT_QUERY_TIMEOUT = Duration.ofSeconds(30);
    /** The largest request body accepted (a SPARQL query, a proposal, an admin upload has its own limit): 1 MiB. */
    public static final long DEFAULT_MAX_REQUEST_BYTES = 1L << 20;
    /** The largest request line plus headers: 16 KiB, so a GET query of up to about 15 KiB fits (414/431 over). */
    public static final int DEFAULT_MAX_HEADER_BYTES = 16 * 1024;
    /** The largest source file an admin may upload: 1 GiB. */
    public static final long DEFAULT_MAX_UPLOAD_BYTES = 1L << 30;
    /** How much of rendered resource documents ({@code /doc/{type}/{slug}}) is kept until the data changes: 64 MiB. */
    public static final long DEFAULT_DOC_CACHE_BYTES = 64L << 20;

    private final FusekiServer server;
    private final String host;
    private final Runnable warmUp;
    private final Background background;
    /** Makes the page warm-up for the port the server listens on; null when pages are not warmed. */
    private final IntFunction<PageWarmUp> pageWarmUps;

    private volatile PageWarmUp pageWarmUp;

    private AtlasServer(
            FusekiServer server,
            String host,
            Runnable warmUp,
            Background background,
            IntFunction<PageWarmUp> pageWarmUps) {
        this.server = server;
        this.host = host;
        this.warmUp = warmUp;
        this.background = background;
        this.pageWarmUps = pageWarmUps;
    }

    public static Builder builder(AtlasStore store) {
        return new Builder(store);
    }

    /** Starts serving, and computes in the background what the first requests would otherwise wait for. */
    public AtlasServer start() {
        server.start();
        background.run("atlas-warm-up", warmUp);
        if (pageWarmUps != null) {
            pageWarmUp = pageWarmUps.apply(port());
            background.run("atlas-page-warm-up", pageWarmUp);
        }
        return this;
    }

    /** The page warm-up started with the server, if pages are warmed ({@link Builder#warmUpPages}). */
    Optional<PageWarmUp> pageWarmUp() {
        return Optional.ofNullable(pageWarmUp);
    }

    /**
     * Stops serving, then waits (up to a minute) for background work to end: it reads the store in transactions, and
     * the store cannot be closed while a transaction is open.
     */
    public void stop() {
        server.stop();
        background.awaitAll(Duration.ofMinutes(1));
    }

    /** Blocks until the server stops. */
    public void join() {
        server.join();
    }

    /** The Jetty server, for tests in this package that add a servlet or a filter before {@link #start}. */
    Server jetty() {
        return server.getJettyServer();
    }

    /** The port the server listens on (the real one when built with port 0). */
    public int port() {
        return server.getHttpPort();
    }

    /** The server's root URL, e.g. {@code http://localhost:3030/}. */
    public String url() {
        return Routes.serverUrl(host, port());
    }

    /** The SPARQL query endpoint. */
    public String sparqlUrl() {
        return url() + Routes.SPARQL.substring(1);
    }

    /**
     * The Atlas's features, each an endpoint package's {@code FMod_*} that registers its own routes. A new feature is
     * its package plus one line here. Filters run, and after-load tasks are done, in this order: the catalogue's
     * service description comes before the SPARQL endpoint's client-format names.
     */
    static List<FusekiModule> modules(AtlasContext atlas) {
        List<FusekiModule> features = new ArrayList<>();
        features.add(new FMod_Web(atlas));
        features.add(new FMod_Home(atlas));
        features.add(new FMod_LinkedData(atlas));
        features.add(new FMod_Gatekeeper(atlas));
        features.add(new FMod_Catalog(atlas));
        features.add(new FMod_Releases(atlas));
        features.add(new FMod_Feeds(atlas));
        features.add(new FMod_Sparql(atlas));
        features.add(new FMod_QueryApi(atlas));
        features.add(new FMod_Portal(atlas));
        features.add(new FMod_Health(atlas));
        features.add(new FMod_Admin(atlas));
        features.add(new FMod_LinkHealth(atlas));
        return features;
    }

    /** Configures and builds an {@link AtlasServer}. */
    public static final class Builder {
        private final AtlasStore store;
        private int port = DEFAULT_PORT;
        private String host = DEFAULT_HOST;
        private Duration queryTimeout = DEFAULT_QUERY_TIMEOUT;
        private AtlasIris iris = AtlasIris.DEFAULT;
        private Path dumps;
        private Path releases;
        private GatekeeperConfig gatekeeperConfig = GatekeeperConfig.defaults();
        private AdminCredentials admins;
        private CheckSettings linkChecks = CheckSettings.builder().build();
        private PublicQueryPolicy queryPolicy = PublicQueryPolicy.defaults();
        private long maxRequestBytes = DEFAULT_MAX_REQUEST_BYTES;
        private int maxHeaderBytes = DEFAULT_MAX_HEADER_BYTES;
        private long maxUploadBytes = DEFAULT_MAX_UPLOAD_BYTES;
        private long docCacheBytes = DEFAULT_DOC_CACHE_BYTES;
        private Path sources;
        private Path backups;
        private String publicUrl;
        private boolean explain = true;
        private boolean warmUpPages;
        private boolean writeStaleRelease;
        private Readiness readiness;

        private Builder(AtlasStore store) {
            this.store = Objects.requireNonNull(store, "store");
        }

        /** The port to listen on; 0 picks a free one. */
        public Builder port(int port) {
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("Port out of range: " + port);
            }
            this.port = port;
            return this;
        }

        /** The interface to listen on: {@code localhost} (default), {@code 0.0.0.0} for all, or an address. */
        public Builder host(String host) {
            Objects.requireNonNull(host, "host");
            if (host.isBlank()) {
                throw new IllegalArgumentException("Empty host");
            }
            this.host = host;
            return this;
        }

        /** How long a query may run before it is stopped (default 30 s). */
        public Builder queryTimeout(Duration timeout) {
            Objects.requireNonNull(timeout, "timeout");
            if (timeout.isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException("The query timeout must be positive: " + timeout);
            }
            this.queryTimeout = timeout;
            return this;
        }

        /** The canonical base of the data (default {@link AtlasIris#DEFAULT}). */
        public Builder iris(AtlasIris iris) {
            this.iris = Objects.requireNonNull(iris, "iris");
            return this;
        }

        /** The folder of release files to publish under {@code /dumps/} (none by default). */
        public Builder dumps(Path dumps) {
            this.dumps = Objects.requireNonNull(dumps, "dumps");
            return this;
        }

        /**
         * The folder of versioned releases ({@code atlas release}) to serve under {@code /releases/} (none by
         * default).
         */
        public Builder releases(Path releases) {
            this.releases = Objects.requireNonNull(releases, "releases");
            return this;
        }

        /** The gatekeeper's weights and thresholds (default: the documented defaults). */
        public Builder gatekeeperConfig(GatekeeperConfig config) {
            this.gatekeeperConfig = Objects.requireNonNull(config, "config");
            return this;
        }

        /** How {@code POST /admin/check-links} checks links (default: the checker's polite defaults). */
        public Builder linkChecks(CheckSettings settings) {
            this.linkChecks = Objects.requireNonNull(settings, "settings");
            return this;
        }

        /** The admins who may record gatekeeper decisions; without them, recording is switched off. */
        public Builder admins(AdminCredentials admins) {
            this.admins = Objects.requireNonNull(admins, "admins");
            return this;
        }

        /** The public endpoint's row cap and SERVICE allow-list (default: 10,000 rows, no SERVICE). */
        public Builder queryPolicy(PublicQueryPolicy policy) {
            this.queryPolicy = Objects.requireNonNull(policy, "policy");
            return this;
        }

        /** The largest request body accepted, in bytes (413 over it). */
        public Builder maxRequestBytes(long bytes) {
            if (bytes < 1024) {
                throw new IllegalArgumentException("maxRequestBytes must be at least 1024: " + bytes);
            }
            this.maxRequestBytes = bytes;
            return this;
        }

        /** The largest request line and header block, in bytes (414 for a longer URL, 431 for more headers). */
        public Builder maxHeaderBytes(int bytes) {
            if (bytes < 1024) {
                throw new IllegalArgumentException("maxHeaderBytes must be at least 1024: " + bytes);
            }
            this.maxHeaderBytes = bytes;
            return this;
        }

        /** The largest source file an admin may upload, in bytes (413 over it). */
        public Builder maxUploadBytes(long bytes) {
            if (bytes < 1024) {
                throw new IllegalArgumentException("maxUploadBytes must be at least 1024: " + bytes);
            }
            this.maxUploadBytes = bytes;
            return this;
        }

        /**
         * How many bytes of rendered resource documents and pages to keep, in all, until the data changes (default
         * 64 MiB; 0 keeps none). They carry ETags either way.
         */
        public Builder docCacheBytes(long bytes) {
            if (bytes < 0) {
                throw new IllegalArgumentException("docCacheBytes must not be negative: " + bytes);
            }
            this.docCacheBytes = bytes;
            return this;
        }

        /** The source folder that {@code POST /admin/reload} loads again (none by default). */
        public Builder sources(Path sources) {
            this.sources = Objects.requireNonNull(sources, "sources");
            return this;
        }

        /** Where admin backups are written (default: {@code backups} beside the store). */
        public Builder backups(Path backups) {
            this.backups = Objects.requireNonNull(backups, "backups");
            return this;
        }

        /** The root URL the server is reached at, for links in release files (default: its own URL). */
        /**
         * Whether {@code /sparql/explain} explains queries to anyone (default true; its cost is bounded, see
         * {@link org.partnershipatlas.endpoint.sparql.ExplainServlet}). Only a store on disk can be explained.
         */
        public Builder explain(boolean explain) {
            this.explain = explain;
            return this;
        }

        /**
         * Whether, once started, the server asks itself for one page of each kind (default false; {@code atlas serve}
         * does), so that what a fresh JVM pays on first use is not paid by the first visitor. See {@link PageWarmUp}.
         */
        public Builder warmUpPages(boolean warmUpPages) {
            this.warmUpPages = warmUpPages;
            return this;
        }

        /**
         * Whether, once started, the server writes the release files into the dumps folder in the background when
         * those there are missing or of other data (default false; {@code atlas serve} does): a load stopped after its
         * commit leaves them behind, and at national scale writing them takes half an hour, which the server does
         * not make its visitors wait for. Until they are written, the previous ones are served; a stop gives up the
         * unfinished ones, which the next start writes again.
         */
        public Builder writeStaleRelease(boolean writeStaleRelease) {
            this.writeStaleRelease = writeStaleRelease;
            return this;
        }

        /**
         * What else {@code /ready} waits for (a read replica's applier being caught up); default none: a writer is
         * ready while its store accepts writes.
         */
        public Builder readiness(Readiness readiness) {
            this.readiness = Objects.requireNonNull(readiness, "readiness");
            return this;
        }

        public Builder publicUrl(String publicUrl) {
            this.publicUrl = Objects.requireNonNull(publicUrl, "publicUrl");
            return this;
        }

        public AtlasServer build() {
            QueryCatalogue catalogue = QueryCatalogue.load();
            // What the gatekeeper computes from the whole Atlas (names, domain terms, IDF) is kept per data version.
            // Keyed by the loaded data's version, which a gatekeeper decision does not change (the lexicon reads
            // partnerships, names and domains only): at national scale building it takes 10-20 s, so it is kept on
            // disk beside the store and read again when the server starts on the same data.
            Gatekeeper gatekeeper = new Gatekeeper(
                    store.datasetGraph(),
                    catalogue,
                    iris,
                    gatekeeperConfig,
                    StoreVersion::of,
                    store.location() == null ? null : AtlasStore.gatekeeperDirectory(store.location()));
            AtlasContext atlas = new AtlasContext(
                    store,
                    iris,
                    catalogue,
                    gatekeeper,
                    new AtlasContext.Settings(
                            queryTimeout,
                            queryPolicy,
                            dumps,
                            releases,
                            admins,
                            maxUploadBytes,
                            docCacheBytes,
                            sources,
                            backups,
                            publicUrl,
                            host,
                            explain,
                            linkChecks,
                            readiness,
                            writeStaleRelease),
                    new Background());
            FusekiServer fuseki = FusekiServer.create()
                    .port(port)
                    .loopback(isLoopback(host))
                    .enableCors(true, null)
                    .enablePing(true)
                    // First, so that every request has its id and its limits whatever serves it.
                    .addFilter(
                            "/*",
                            new RequestGuardFilter(
                                    maxRequestBytes,
                                    Routes.ADMIN + "/",
                                    maxUploadBytes,
                                    java.util.Set.of(Routes.PROPOSALS, Routes.API_PROPOSALS + "/check")))
                    .fusekiModules(FusekiModules.create(modules(atlas)))
                    .build();
            bindHost(fuseki, host);
            limitHeaders(fuseki, maxHeaderBytes);
            installErrorHandler(fuseki);
            return new AtlasServer(
                    fuseki,
                    host,
                    gatekeeper::warmUp,
                    atlas.background(),
                    warmUpPages ? p -> new PageWarmUp(store.datasetGraph(), iris, PageWarmUp.base(host, p)) : null);
        }

        private static boolean isLoopback(String host) {
            return host.equals("localhost") || host.equals("127.0.0.1") || host.equals("::1");
        }

        /**
         * The Atlas's error page in place of Fuseki's and Jetty's, on the server (requests Jetty refuses before any
         * context) and on the servlet context (sendError, failures that escape the filters, Errors included).
         */
        private static void installErrorHandler(FusekiServer fuseki) {
            AtlasErrorHandler errors = new AtlasErrorHandler();
            Server jetty = fuseki.getJettyServer();
            jetty.setErrorHandler(errors);
            for (ServletContextHandler context : jetty.getDescendants(ServletContextHandler.class)) {
                context.setErrorHandler(errors);
            }
        }

        private static void limitHeaders(FusekiServer fuseki, int maxHeaderBytes) {
            for (Connector connector : fuseki.getJettyServer().getConnectors()) {
                HttpConnectionFactory http = connector.getConnectionFactory(HttpConnectionFactory.class);
                if (http != null) {
                    http.getHttpConfiguration().setRequestHeaderSize(maxHeaderBytes);
                    http.getHttpConfiguration().setSendServerVersion(false);
                }
            }
        }

        private static void bindHost(FusekiServer fuseki, String host) {
            for (Connector connector : fuseki.getJettyServer().getConnectors()) {
                if (connector instanceof ServerConnector sc) {
                    sc.setHost(host.equals("0.0.0.0") ? null : host);
                }
            }
        }
    }
}
