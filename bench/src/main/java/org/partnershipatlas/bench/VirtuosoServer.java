package org.partnershipatlas.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * A Virtuoso Open Source 7 server for a benchmark (Debian's {@code virtuoso-opensource}; {@code bench/virtuoso-install}
 * installs it): a fresh database in a working folder, started as a child process ({@code virtuoso-t +foreground}) with
 * its HTTP server (the SPARQL endpoint, {@link #sparqlUrl()}) and its SQL server (for {@code isql-vt}) listening on
 * loopback only, bulk-loaded with N-Quads or N-Triples files by the RDF bulk loader, and stopped on {@link #close()}.
 *
 * <pre>
 *   try (VirtuosoServer v = VirtuosoServer.builder(dir).allow(dumps).start()) {
 *       VirtuosoServer.Load load = v.load(List.of(dumps.resolve("atlas.nq.gz")), "urn:x-bench:triples", 1);
 *       QueryExec.service(v.sparqlUrl()) ...
 *   }
 * </pre>
 *
 * <p>Things to know about Virtuoso (7.2.5, as Debian 12 ships it):
 *
 * <ul>
 *   <li>The bulk loader reads only files in a folder listed in the ini's {@code DirsAllowed}, which is read at start:
 *       {@link Builder#allow} every folder the files to load are in.
 *   <li>N-Quads keep their graphs; the graph given to {@link #load} is only for files of triples.
 *   <li>A fresh database already holds about 2,500 triples of its own in three graphs ({@code virtrdf:} and two
 *       small ones), and a query sent to {@code /sparql} without {@code default-graph-uri} sees every graph, those
 *       included. With several {@code default-graph-uri}s the default graph is a bag: a triple in two graphs matches
 *       twice (the Atlas's union default graph is a set).
 *   <li>The endpoint returns at most {@code [SPARQL] ResultSetMaxRows} rows, and never more than 1,048,576
 *       (its own ceiling), without any error; {@code MaxQueryExecutionTime} would make queries past it return
 *       <em>partial results</em> with 200 (and {@code X-SQL-State: S1TAT}), so it is 0 (off) here unless set.
 *   <li>The database's {@code dba} password is the default one ({@value #DBA_PASSWORD}): the server listens on
 *       127.0.0.1 only and its database is thrown away with the folder.
 * </ul>
 */
final class VirtuosoServer implements AutoCloseable {
    static final String DBA_PASSWORD = "dba";
    /** The most rows Virtuoso's SPARQL endpoint ever returns (1024 * 1024, in its code). */
    static final int ENDPOINT_MAX_ROWS = 1 << 20;

    private static final int PAGE_BYTES = 8192;

    private final Builder settings;
    private final int httpPort;
    private final int sqlPort;
    private final Process process;
    private final Thread killer;
    private final Duration startTime;

    private VirtuosoServer(
            Builder settings, int httpPort, int sqlPort, Process process, Thread killer, Duration start) {
        this.settings = settings;
        this.httpPort = httpPort;
        this.sqlPort = sqlPort;
        this.process = process;
        this.killer = killer;
        this.startTime = start;
    }

    static Builder builder(Path dir) {
        return new Builder(dir);
    }

    /** How long it took from starting the process until both the SPARQL endpoint and the SQL server answered. */
    Duration startTime() {
        return startTime;
    }

    String sparqlUrl() {
        return "http://127.0.0.1:" + httpPort + "/sparql";
    }

    int httpPort() {
        return httpPort;
    }

    int sqlPort() {
        return sqlPort;
    }

    long pid() {
        return process.pid();
    }

    Path dir() {
        return settings.dir;
    }

    /** The result of a bulk load. */
    /**
     * @param retried files that a loader gave up on because of a deadlock with another loader, and that were loaded
     *     again by one loader (their time is included)
     */
    record Load(List<Path> files, long quads, Duration time, Duration checkpoint, int retried) {
        double quadsPerSecond() {
            return quads / (time.toNanos() / 1e9);
        }
    }

    /**
     * Bulk-loads files ({@code .nq}, {@code .nq.gz}, {@code .nt}, {@code .nt.gz}, {@code .ttl}, ...) with the RDF
     * bulk loader: {@code ld_add} for each file, {@code rdf_loader_run()} in {@code loaders} SQL sessions at once
     * (Virtuoso loads one file per session, so more loaders help only with more files), then {@code checkpoint}.
     *
     * @param graph the graph for files of triples (N-Quads keep their own graphs)
     * @return the quads added (the database's quad count after minus before) and the times of the load (with its
     *     checkpoint) and of the checkpoint alone
     * @throws IllegalStateException if a file could not be loaded (the loader's {@code ll_error})
     */
    Load load(List<Path> files, String graph, int loaders) {
        for (Path f : files) {
            Path folder = f.toAbsolutePath().getParent();
            if (settings.allowed.stream().noneMatch(a -> folder.startsWith(a.toAbsolutePath()))) {
                throw new IllegalArgumentException(
                        f + " is not in a folder the server may read; allow(" + folder + ") before start()");
            }
        }
        long before = quads();
        long t0 = System.nanoTime();
        sql(files.stream()
                .map(f -> "ld_add(" + quote(f.toAbsolutePath().toString()) + ", " + quote(graph) + ");")
                .collect(Collectors.joining(" ")));
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, loaders));
        try {
            List<Future<String>> runs = new ArrayList<>();
            for (int i = 0; i < Math.max(1, loaders); i++) {
                runs.add(pool.submit(() -> sql("rdf_loader_run();")));
            }
            for (Future<String> run : runs) {
                run.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while loading", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException(
                    "the bulk loader failed: " + e.getCause().getMessage(), e.getCause());
        } finally {
            pool.shutdown();
        }
        // Loaders running at once can deadlock on the shared IRI and literal dictionaries (SQL state 40001); the
        // loader then marks the file failed. Loading a file again is harmless (quads are a set), so such files are
        // loaded again by one loader.
        int retried = 0;
        for (int attempt = 0; attempt < 3; attempt++) {
            String deadlocked = sql("SELECT COUNT(*) FROM DB.DBA.LOAD_LIST WHERE ll_error LIKE '40001%';")
                    .strip();
            if (deadlocked.equals("0")) {
                break;
            }
            retried += Integer.parseInt(deadlocked);
            sql("UPDATE DB.DBA.LOAD_LIST SET ll_state = 0, ll_error = NULL WHERE ll_error LIKE '40001%';"
                    + " rdf_loader_run();");
        }
        long t1 = System.nanoTime();
        sql("checkpoint;");
        long t2 = System.nanoTime();
        String errors = sql("SELECT ll_file, ll_error FROM DB.DBA.LOAD_LIST WHERE ll_error IS NOT NULL;")
                .strip();
        if (!errors.isEmpty()) {
            throw new IllegalStateException("the bulk loader could not load: " + errors);
        }
        return new Load(
                List.copyOf(files), quads() - before, Duration.ofNanos(t2 - t0), Duration.ofNanos(t2 - t1), retried);
    }

    /** The number of quads in the database, Virtuoso's own graphs included. */
    long quads() {
        return Long.parseLong(sql("SELECT COUNT(*) FROM DB.DBA.RDF_QUAD;").strip());
    }

    /**
     * Runs SQL statements with {@code isql-vt} as dba and returns what they printed (rows only, no banner).
     *
     * @throws IllegalStateException if isql reports an error
     */
    String sql(String statements) {
        return isql(sqlPort, settings.isql, statements, Duration.ofHours(6));
    }

    private static String isql(int port, String isql, String statements, Duration timeout) {
        try {
            ProcessBuilder pb = new ProcessBuilder(
                    isql,
                    "127.0.0.1:" + port,
                    "dba",
                    DBA_PASSWORD,
                    "BANNER=OFF",
                    "VERBOSE=OFF",
                    "ERRORS=STDOUT",
                    "EXEC=" + statements);
            pb.redirectErrorStream(true);
            Process p = pb.start();
            p.getOutputStream().close();
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException(isql + " did not finish within " + timeout + ": " + statements);
            }
            String text = new String(out, StandardCharsets.UTF_8);
            if (p.exitValue() != 0 || text.contains("*** Error")) {
                throw new IllegalStateException(
                        isql + " failed (exit " + p.exitValue() + ") on " + statements + ": " + text.strip());
            }
            return text;
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "cannot run " + isql + " (is Virtuoso installed? bench/virtuoso-install)", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static String quote(String s) {
        return "'" + s.replace("'", "''") + "'";
    }

    /** Shuts the server down (SQL {@code shutdown}, which checkpoints), or kills it if it does not stop in time. */
    @Override
    public void close() {
        try {
            if (process.isAlive()) {
                try {
                    isql(sqlPort, settings.isql, "shutdown;", settings.stopTimeout);
                } catch (RuntimeException e) {
                    // The connection is cut by the shutdown itself; whether it stops is checked below.
                }
                if (!process.waitFor(settings.stopTimeout.toMillis(), TimeUnit.MILLISECONDS)) {
                    process.destroy();
                    if (!process.waitFor(10, TimeUnit.SECONDS)) {
                        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                    }
                }
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(killer);
            } catch (IllegalStateException e) {
                // Already shutting down: the hook runs anyway.
            }
        }
    }

    /** The settings of a server; {@link #start()} writes them to {@code virtuoso.ini} in the folder. */
    static final class Builder {
        private final Path dir;
        private int httpPort;
        private int sqlPort;
        private long bufferBytes = 3L << 30;
        private final List<Path> allowed = new ArrayList<>();
        private int threadsPerQuery = Runtime.getRuntime().availableProcessors();
        private int serverThreads = 20;
        private int maxQueryExecutionSeconds;
        private int resultSetMaxRows = ENDPOINT_MAX_ROWS;
        private Duration startTimeout = Duration.ofMinutes(3);
        private Duration stopTimeout = Duration.ofMinutes(2);
        private String virtuoso = "virtuoso-t";
        private String isql = "isql-vt";

        private Builder(Path dir) {
            this.dir = dir.toAbsolutePath();
        }

        /** The HTTP (SPARQL) port on 127.0.0.1; 0, the default, picks a free one. */
        Builder httpPort(int port) {
            this.httpPort = port;
            return this;
        }

        /** The SQL (isql) port on 127.0.0.1; 0, the default, picks a free one. */
        Builder sqlPort(int port) {
            this.sqlPort = port;
            return this;
        }

        /**
         * Memory for the page buffers (default 3 GiB): {@code NumberOfBuffers} = bytes / 8 KiB and
         * {@code MaxDirtyBuffers} three quarters of that. Virtuoso's own guide is about two thirds of the free
         * memory for a dedicated server; this machine has 24 GiB and runs the Atlas's JVM beside it.
         */
        Builder bufferBytes(long bytes) {
            this.bufferBytes = bytes;
            return this;
        }

        /** A folder whose files the bulk loader may read ({@code DirsAllowed}). */
        Builder allow(Path folder) {
            allowed.add(folder.toAbsolutePath());
            return this;
        }

        /** {@code ThreadsPerQuery} (default: the number of cores). */
        Builder threadsPerQuery(int n) {
            this.threadsPerQuery = n;
            return this;
        }

        /** HTTP server threads and client connections (default 20). */
        Builder serverThreads(int n) {
            this.serverThreads = n;
            return this;
        }

        /**
         * {@code [SPARQL] MaxQueryExecutionTime}: 0 (the default here) is no limit; Virtuoso answers a query that
         * runs past it with the results found so far ("anytime query"), not with an error.
         */
        Builder maxQueryExecutionSeconds(int seconds) {
            this.maxQueryExecutionSeconds = seconds;
            return this;
        }

        Builder startTimeout(Duration timeout) {
            this.startTimeout = Objects.requireNonNull(timeout);
            return this;
        }

        /** The programs, if not {@code virtuoso-t} and {@code isql-vt} on the PATH (Debian's names). */
        Builder programs(String virtuosoT, String isqlVt) {
            this.virtuoso = virtuosoT;
            this.isql = isqlVt;
            return this;
        }

        /** The ini this builder writes. */
        String ini() {
            long buffers = Math.max(2000, bufferBytes / PAGE_BYTES);
            String db = dir.toString();
            String dirs = allowed.stream().map(Path::toString).collect(Collectors.joining(", "));
            return String.join(
                    "\n",
                    "; Written by org.partnershipatlas.bench.VirtuosoServer: a throw-away database for a benchmark.",
                    "[Database]",
                    "DatabaseFile = " + db + "/virtuoso.db",
                    "ErrorLogFile = " + db + "/virtuoso.log",
                    "LockFile = " + db + "/virtuoso.lck",
                    "TransactionFile = " + db + "/virtuoso.trx",
                    "xa_persistent_file = " + db + "/virtuoso.pxa",
                    "ErrorLogLevel = 7",
                    "FileExtend = 200",
                    "MaxCheckpointRemap = " + Math.max(2000, buffers / 4),
                    "Striping = 0",
                    "TempStorage = TempDatabase",
                    "",
                    "[TempDatabase]",
                    "DatabaseFile = " + db + "/virtuoso-temp.db",
                    "TransactionFile = " + db + "/virtuoso-temp.trx",
                    "MaxCheckpointRemap = 2000",
                    "Striping = 0",
                    "",
                    "[Parameters]",
                    "ServerPort = 127.0.0.1:" + sqlPort,
                    "DisableUnixSocket = 1",
                    "DisableTcpSocket = 0",
                    "MaxClientConnections = " + serverThreads,
                    "CheckpointInterval = 60",
                    "O_DIRECT = 0",
                    "CaseMode = 2",
                    "AllowOSCalls = 0",
                    "DirsAllowed = ." + (dirs.isEmpty() ? "" : ", " + dirs),
                    "NumberOfBuffers = " + buffers,
                    "MaxDirtyBuffers = " + buffers * 3 / 4,
                    "MaxQueryMem = 2G",
                    "ThreadsPerQuery = " + threadsPerQuery,
                    "AsyncQueueMaxThreads = 10",
                    "",
                    "[HTTPServer]",
                    "ServerPort = 127.0.0.1:" + httpPort,
                    "ServerRoot = " + db,
                    "MaxClientConnections = " + serverThreads,
                    "ServerThreads = " + serverThreads,
                    "EnabledDavVSP = 0",
                    "HTTPProxyEnabled = 0",
                    "MaxKeepAlives = " + serverThreads,
                    "KeepAliveTimeout = 10",
                    "Charset = UTF-8",
                    "EnabledGzipContent = 0",
                    "",
                    "[SPARQL]",
                    "ResultSetMaxRows = " + resultSetMaxRows,
                    "MaxQueryCostEstimationTime = 0",
                    "MaxQueryExecutionTime = " + maxQueryExecutionSeconds,
                    "DeferInferenceRulesInit = 0",
                    "");
        }

        /** Writes {@code virtuoso.ini}, starts the server and waits until it answers SPARQL and SQL. */
        VirtuosoServer start() throws IOException {
            Files.createDirectories(dir);
            httpPort = httpPort == 0 ? freePort() : httpPort;
            sqlPort = sqlPort == 0 ? freePort() : sqlPort;
            Path ini = dir.resolve("virtuoso.ini");
            Files.writeString(ini, ini());
            long t0 = System.nanoTime();
            Process process;
            try {
                process = new ProcessBuilder(virtuoso, "+foreground", "+configfile", ini.toString())
                        .directory(dir.toFile())
                        .redirectErrorStream(true)
                        .redirectOutput(dir.resolve("virtuoso.out").toFile())
                        .start();
            } catch (IOException e) {
                throw new IOException(
                        "cannot start " + virtuoso + " (is Virtuoso installed? bench/virtuoso-install): "
                                + e.getMessage(),
                        e);
            }
            Thread killer = new Thread(process::destroyForcibly, "virtuoso-killer");
            Runtime.getRuntime().addShutdownHook(killer);
            try {
                waitUntilUp(process, "http://127.0.0.1:" + httpPort + "/sparql");
            } catch (IOException | RuntimeException e) {
                process.destroyForcibly();
                Runtime.getRuntime().removeShutdownHook(killer);
                throw e;
            }
            return new VirtuosoServer(
                    this, httpPort, sqlPort, process, killer, Duration.ofNanos(System.nanoTime() - t0));
        }

        private void waitUntilUp(Process process, String sparqlUrl) throws IOException {
            HttpClient http = HttpClient.newBuilder()
                    .connectTimeout(Duration.ofSeconds(2))
                    .build();
            HttpRequest ask = HttpRequest.newBuilder(URI.create(sparqlUrl + "?query=ASK%7B%7D"))
                    .header("Accept", "application/sparql-results+json")
                    .timeout(Duration.ofSeconds(10))
                    .build();
            long deadline = System.nanoTime() + startTimeout.toNanos();
            while (System.nanoTime() < deadline) {
                if (!process.isAlive()) {
                    throw new IOException(
                            virtuoso + " stopped (exit " + process.exitValue() + ") while starting:\n" + logTail());
                }
                try {
                    if (http.send(ask, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                        isql(sqlPort, isql, "SELECT 1;", Duration.ofSeconds(30));
                        return;
                    }
                } catch (IOException | IllegalStateException e) {
                    // Not up yet.
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IOException("interrupted while waiting for Virtuoso", e);
                }
                try {
                    Thread.sleep(100);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IOException("interrupted while waiting for Virtuoso", e);
                }
            }
            throw new IOException("Virtuoso did not answer within " + startTimeout + ":\n" + logTail());
        }

        private String logTail() throws IOException {
            Path log = dir.resolve("virtuoso.out");
            if (!Files.exists(log)) {
                return "";
            }
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
        }

        private static int freePort() throws IOException {
            try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                return s.getLocalPort();
            }
        }
    }
}
