package org.partnershipatlas.cli;

import java.io.PrintWriter;
import java.math.BigDecimal;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import org.partnershipatlas.endpoint.AtlasServer;
import org.partnershipatlas.endpoint.admin.AdminCredentials;
import org.partnershipatlas.endpoint.health.Readiness;
import org.partnershipatlas.endpoint.sparql.PublicQueryPolicy;
import org.partnershipatlas.gatekeeper.GatekeeperConfig;
import org.partnershipatlas.loaders.LoadReport;
import org.partnershipatlas.loaders.Loader;
import org.partnershipatlas.loaders.changes.ChangeLog;
import org.partnershipatlas.loaders.linkhealth.CheckSettings;
import org.partnershipatlas.loaders.linkhealth.LinkCheckException;
import org.partnershipatlas.loaders.store.AtlasStore;
import org.partnershipatlas.replicas.EntryPublisher;
import org.partnershipatlas.replicas.ReleaseSource;
import org.partnershipatlas.replicas.ReplicaApplier;
import org.partnershipatlas.replicas.ReplicaRunner;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code atlas serve}: serve the store over HTTP, loading the sample data first if there is no store yet. */
@Command(
        name = "serve",
        mixinStandardHelpOptions = true,
        description = {
            "Serve the store: the SPARQL endpoint at /atlas/sparql and the home page at /.",
            "If the store does not exist yet, the bundled sample data is loaded into it first."
        })
final class ServeCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    StoreOptions storeOptions;

    @Mixin
    KafkaOptions kafka;

    @Option(
            names = "--replica",
            description = "Serve as a read replica: apply the writer's changes from the Kafka topic (--kafka, --topic)"
                    + " in the background, from the position the store records, and refuse every write. A new replica"
                    + " starts from an empty store (no sample data), which is then marked as a replica for good.")
    boolean replica;

    @Option(
            names = "--releases-from",
            paramLabel = "URL",
            description = "A replica's source of the writer's releases: the writer's public base URL (releases are"
                    + " fetched from URL/releases/V/atlas.nq.gz). A new replica starts from the newest release, a"
                    + " snapshot entry (a bulk load or restore on the writer) is installed from its release, and a"
                    + " replica whose offset fell out of the topic's retention bootstraps again from the newest one.")
    URI releasesFrom;

    @Option(
            names = "--max-lag",
            paramLabel = "N",
            defaultValue = "10",
            description = "A replica answers /ready with 200 only while at most this many Kafka messages behind the"
                    + " topic's end (each change is a message and its transaction marker; default: ${DEFAULT-VALUE}).")
    long maxLag;

    @Option(
            names = "--batch-entries",
            paramLabel = "N",
            defaultValue = "500",
            description = "A replica applies at most this many entries in one transaction while catching up (default:"
                    + " ${DEFAULT-VALUE}).")
    int batchEntries;

    @Option(
            names = "--kafka-unreachable",
            paramLabel = "SECONDS",
            defaultValue = "30",
            description = "A replica answers /ready with 503 once Kafka has not answered for this long (default:"
                    + " ${DEFAULT-VALUE}).")
    long unreachableSeconds;

    @Option(
            names = "--port",
            defaultValue = "3030",
            description = "Port to listen on; 0 picks a free one (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(
            names = "--host",
            defaultValue = AtlasServer.DEFAULT_HOST,
            description =
                    "Interface to listen on: localhost, 0.0.0.0 for all, or an address (default: ${DEFAULT-VALUE}).")
    String host;

    @Option(
            names = "--data",
            paramLabel = "DIR",
            description =
                    "Sample sources to load when the store does not exist (default: the data/ folder of the Atlas).")
    Path data;

    @Option(
            names = "--timeout",
            paramLabel = "SECONDS",
            defaultValue = "30",
            description = "Query timeout in seconds (default: ${DEFAULT-VALUE}).")
    long timeoutSeconds;

    @Option(
            names = "--gatekeeper-config",
            paramLabel = "FILE",
            description = "Gatekeeper weights and thresholds overriding the defaults.")
    Path gatekeeperConfig;

    @Option(
            names = "--admin-credentials",
            paramLabel = "FILE",
            description = "Admins who may record gatekeeper decisions, load sources over HTTP, reload and back up"
                    + " (lines from 'atlas hash-password'); all of that is off without it.")
    Path adminCredentials;

    @Option(
            names = "--max-rows",
            paramLabel = "N",
            defaultValue = "10000",
            description = "Most rows a public SPARQL query may return; a query without LIMIT gets this one, a larger"
                    + " LIMIT is refused (default: ${DEFAULT-VALUE}).")
    long maxRows;

    @Option(
            names = "--allow-service",
            paramLabel = "HOST[:PORT]",
            split = ",",
            description = "Remote SPARQL endpoints that SERVICE may call, e.g. data.example.org or localhost:3031"
                    + " (repeatable; default: none, so SERVICE is refused).")
    List<String> allowedServices = List.of();

    @Option(
            names = "--max-request-bytes",
            paramLabel = "BYTES",
            defaultValue = "1048576",
            description =
                    "Largest request body (a query, a proposal) accepted; 413 over it (default: ${DEFAULT-VALUE}).")
    long maxRequestBytes;

    @Option(
            names = "--no-explain",
            negatable = false,
            description = "Do not offer /sparql/explain (how a query would run and why it is slow; bounded to"
                    + " 5 s and one at a time).")
    boolean noExplain;

    @Option(
            names = "--no-warm-up-pages",
            negatable = false,
            description = "Do not ask the server, once started, for one page of each kind (which spares the first"
                    + " visitors what a fresh JVM pays on first use).")
    boolean noWarmUpPages;

    @Option(
            names = "--no-release-at-start",
            negatable = false,
            description = "Do not write the release files when those in the dumps folder are missing or of other data"
                    + " (by default they are written in the background once the server answers; 'atlas dump' writes"
                    + " them).")
    boolean noReleaseAtStart;

    @Option(
            names = "--max-upload-bytes",
            paramLabel = "BYTES",
            defaultValue = "1073741824",
            description = "Largest source file an admin may upload (default: ${DEFAULT-VALUE}).")
    long maxUploadBytes;

    @Option(
            names = "--doc-cache-bytes",
            paramLabel = "BYTES",
            defaultValue = "67108864",
            description = "How much of rendered resource documents (/doc/...) and pages (locality maps, reports,"
                    + " domain pages, search, the guidance catalogue, type indexes) to keep, in all, until the data"
                    + " changes; 0 keeps none (default: ${DEFAULT-VALUE}).")
    long docCacheBytes;

    @Option(
            names = "--link-check-per-host-seconds",
            paramLabel = "S",
            description = "For POST /admin/check-links: seconds between two requests to one host (default and least:"
                    + " 1).")
    BigDecimal linkCheckPerHostSeconds = BigDecimal.ONE;

    @Option(
            names = "--link-check-concurrency",
            paramLabel = "N",
            description = "For POST /admin/check-links: hosts checked at once (default: 8).")
    int linkCheckConcurrency = 8;

    @Option(
            names = "--link-check-contact",
            paramLabel = "URL",
            description = "For POST /admin/check-links: the page named in the User-Agent, telling site owners who"
                    + " checks and how to object.")
    URI linkCheckContact = CheckSettings.DEFAULT_CONTACT;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        CheckSettings linkChecks;
        try {
            // Checked before anything is opened: a setting that is too fast is a usage error.
            linkChecks = CheckLinksCommand.politeness(
                            linkCheckPerHostSeconds, linkCheckConcurrency, linkCheckContact, false)
                    .build();
        } catch (LinkCheckException e) {
            err.println("error: " + e.getMessage());
            return ExitCodes.USAGE;
        }
        if (replica && !kafka.given()) {
            err.println("error: --replica needs --kafka HOST:PORT (and --topic, default atlas-changes)");
            return ExitCodes.USAGE;
        }
        boolean fresh = !AtlasStore.exists(storeOptions.store);
        try (AtlasStore store = storeOptions.open();
                Replication replication = new Replication()) {
            if (replica) {
                String problem = replicaProblem(store);
                if (problem != null) {
                    err.println("error: " + problem);
                    return ExitCodes.INPUT_ERROR;
                }
                if (!kafka.source().equals(store.replicaOf())) {
                    store.markReplicaOf(kafka.source());
                }
                replication.runner = ReplicaRunner.start(
                        store,
                        kafka.logTopic(),
                        new ReplicaRunner.Settings(
                                maxLag,
                                Duration.ofSeconds(unreachableSeconds),
                                ReplicaRunner.Settings.DEFAULT.poll(),
                                new ReplicaApplier.Batch(
                                        batchEntries,
                                        ReplicaRunner.Settings.DEFAULT.batch().bytes())),
                        releasesFrom == null ? null : new ReleaseSource(releasesFrom));
                out.println("Replica of " + kafka.source() + ": applying its changes in the background");
            } else if (store.replicaOf() != null) {
                err.println("error: the store at " + storeOptions.store + " is a read replica of " + store.replicaOf()
                        + "; serve it with --replica --kafka HOST:PORT --topic TOPIC (it takes no other writes)");
                return ExitCodes.INPUT_ERROR;
            } else if (kafka.given()) {
                replication.publisher = kafka.writeThrough(store, storeOptions.releases(), out);
                out.println("Writer on " + kafka.source() + ": every change is published there before it commits");
            } else {
                String refusal = kafka.unpublishedWriteRefusal(store, "its admin writes and gatekeeper decisions");
                if (refusal != null) {
                    err.println("error: " + refusal);
                    return ExitCodes.INPUT_ERROR;
                }
            }
            if (fresh && !replica) {
                Path sources = data != null ? data : SampleData.defaultDirectory();
                if (!Files.isDirectory(sources)) {
                    err.println("error: there is no store at " + storeOptions.store + " and no sample data at "
                            + sources + "; give --data DIR, or load sources first with 'atlas load'.");
                    return ExitCodes.INPUT_ERROR;
                }
                out.println("No store at " + storeOptions.store + " yet: loading the sample data from " + sources);
                LoadReport report = Loader.into(store)
                        .iris(storeOptions.iris())
                        .sources(List.of(sources))
                        .run();
                int code = LoadCommand.print(report, storeOptions.store, out, err);
                if (code != ExitCodes.OK) {
                    return code;
                }
            }
            AtlasServer.Builder builder = AtlasServer.builder(store);
            if (gatekeeperConfig != null) {
                builder.gatekeeperConfig(GatekeeperConfig.load(gatekeeperConfig));
            }
            if (adminCredentials != null) {
                builder.admins(AdminCredentials.read(adminCredentials));
            }
            Path sources = data != null ? data : SampleData.defaultDirectory();
            if (Files.isDirectory(sources)) {
                builder.sources(sources);
            }
            if (replication.runner != null) {
                builder.readiness(readiness(replication.runner));
            }
            AtlasServer server = builder.port(port)
                    .queryPolicy(new PublicQueryPolicy(maxRows, Set.copyOf(allowedServices)))
                    .maxRequestBytes(maxRequestBytes)
                    .maxUploadBytes(maxUploadBytes)
                    .docCacheBytes(docCacheBytes)
                    .warmUpPages(!noWarmUpPages)
                    // Also when the release was made from other data: a load stopped after its commit leaves that.
                    .writeStaleRelease(!noReleaseAtStart)
                    .publicUrl(storeOptions.publicUrl())
                    .host(host)
                    .queryTimeout(Duration.ofSeconds(timeoutSeconds))
                    .explain(!noExplain)
                    .linkChecks(linkChecks)
                    .iris(storeOptions.iris())
                    .dumps(storeOptions.dumps())
                    .releases(storeOptions.releases())
                    .build()
                    .start();
            out.println("Partnership Atlas is serving " + storeOptions.store);
            out.println("  Home page:       " + server.url());
            out.println("  SPARQL endpoint: " + server.sparqlUrl());
            out.println("Stop it with Ctrl-C.");
            out.flush();
            Runtime.getRuntime()
                    .addShutdownHook(new Thread(
                            () -> {
                                // The replica's batch in progress first: a batch cut short by the exit is read again.
                                replication.stop();
                                server.stop();
                            },
                            "atlas-shutdown"));
            server.join();
            return ExitCodes.OK;
        }
    }

    /** Why the store cannot be served as a replica, or null. */
    private String replicaProblem(AtlasStore store) {
        if (store.replicaOf() != null) {
            return null;
        }
        String head = store.read(ChangeLog::headOf);
        if (head != null) {
            return "the store at " + storeOptions.store + " holds changes that did not come from " + kafka.source()
                    + " (its newest is " + head + "); a new replica starts from an empty store (--store NEW)";
        }
        return null;
    }

    /** A replica's state as the endpoint's {@code /ready} and {@code /health} show it. */
    private static Readiness readiness(ReplicaRunner runner) {
        return () -> {
            ReplicaRunner.Status s = runner.status();
            Map<String, Object> facts = new LinkedHashMap<>();
            facts.put("lag", s.lag());
            facts.put("lastOffset", s.lastOffset());
            facts.put("lastEntry", s.lastEntry());
            facts.put("applied", s.applied());
            facts.put("quads", s.quads());
            facts.put("duplicates", s.duplicates());
            facts.put("refused", s.refused());
            facts.put("lastContact", s.lastContact());
            facts.put("release", s.release());
            facts.put("notice", s.notice());
            return new Readiness.Report(s.ready(), s.reason(), facts);
        };
    }

    /** The replica's applier or the writer's publisher, closed (in that order of need) when serving ends. */
    private static final class Replication implements AutoCloseable {
        volatile ReplicaRunner runner;
        volatile EntryPublisher publisher;

        @Override
        public void close() {
            stop();
        }

        synchronized void stop() {
            if (runner != null) {
                runner.close();
                runner = null;
            }
            if (publisher != null) {
                publisher.close();
                publisher = null;
            }
        }
    }
}
