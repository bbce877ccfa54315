package org.partnershipatlas.endpoint;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.system.Txn;
import org.partnershipatlas.endpoint.admin.AdminCredentials;
import org.partnershipatlas.endpoint.health.Readiness;
import org.partnershipatlas.endpoint.ld.DocumentWriter;
import org.partnershipatlas.endpoint.ld.GeneratedDocuments;
import org.partnershipatlas.endpoint.sparql.PublicQueryPolicy;
import org.partnershipatlas.endpoint.web.RenderedCache;
import org.partnershipatlas.endpoint.web.Templates;
import org.partnershipatlas.gatekeeper.Gatekeeper;
import org.partnershipatlas.loaders.changes.ChangeLog;
import org.partnershipatlas.loaders.linkhealth.CheckSettings;
import org.partnershipatlas.loaders.releases.Release;
import org.partnershipatlas.loaders.releases.ReleaseArchive;
import org.partnershipatlas.loaders.store.AtlasStore;
import org.partnershipatlas.ontology.AtlasIris;
import org.partnershipatlas.queries.DataStamp;
import org.partnershipatlas.queries.QueryCatalogue;
import org.partnershipatlas.queries.QueryRunner;

/**
 * What the Atlas's features share while they register their routes ({@code FMod_*} in each endpoint package): the
 * store and what reads it, the server's settings, and two meeting points between features: documents generated per
 * request (the catalogue's, served among {@code /doc/}) and what to do after a load.
 */
public final class AtlasContext {
    private final AtlasStore store;
    private final AtlasIris iris;
    private final Templates templates;
    private final QueryCatalogue catalogue;
    private final QueryRunner queries;
    private final Gatekeeper gatekeeper;
    private final Settings settings;
    private final Background background;
    private final DocumentWriter documentWriter;
    private final RenderedCache renderedCache;
    private final GeneratedDocuments generatedDocuments = new GeneratedDocuments();
    private final List<Runnable> afterLoad = new ArrayList<>();

    /** The server's settings, as given to {@link AtlasServer.Builder} (null where none was given). */
    public record Settings(
            Duration queryTimeout,
            PublicQueryPolicy queryPolicy,
            Path dumps,
            Path releases,
            AdminCredentials admins,
            long maxUploadBytes,
            long docCacheBytes,
            Path sources,
            Path backups,
            String publicUrl,
            String host,
            boolean explain,
            CheckSettings linkChecks,
            Readiness readiness,
            boolean writeStaleRelease) {}

    AtlasContext(
            AtlasStore store,
            AtlasIris iris,
            QueryCatalogue catalogue,
            Gatekeeper gatekeeper,
            Settings settings,
            Background background) {
        this.store = Objects.requireNonNull(store, "store");
        this.iris = iris;
        // Every page's footer names the change-log entry its data is as of (on a replica, the last entry applied).
        this.templates = new Templates(
                () -> Txn.calculateRead(store.datasetGraph(), () -> ChangeLog.headOf(store.datasetGraph())));
        this.catalogue = catalogue;
        this.queries = new QueryRunner(store.datasetGraph(), catalogue, iris);
        this.gatekeeper = gatekeeper;
        this.documentWriter = new DocumentWriter(queries, iris, templates);
        this.settings = settings;
        this.background = background;
        this.renderedCache = new RenderedCache(store.datasetGraph(), settings.docCacheBytes());
    }

    public AtlasStore store() {
        return store;
    }

    /** The store's dataset. */
    public DatasetGraph dsg() {
        return store.datasetGraph();
    }

    public AtlasIris iris() {
        return iris;
    }

    public Templates templates() {
        return templates;
    }

    public QueryCatalogue catalogue() {
        return catalogue;
    }

    public QueryRunner queries() {
        return queries;
    }

    public Gatekeeper gatekeeper() {
        return gatekeeper;
    }

    public Settings settings() {
        return settings;
    }

    /**
     * Rendered resource documents and portal pages, kept until the data changes ({@code --doc-cache-bytes} in all,
     * shared).
     */
    public RenderedCache renderedCache() {
        return renderedCache;
    }

    /** How documents about resources are negotiated and written (for {@code /doc/} and the catalogue). */
    public DocumentWriter documentWriter() {
        return documentWriter;
    }

    /** Documents made per request (not in the store) that {@code /doc/} serves with the stored ones. */
    public GeneratedDocuments generatedDocuments() {
        return generatedDocuments;
    }

    Background background() {
        return background;
    }

    /**
     * The published release whose data equals the live store's ({@link ReleaseArchive#holding}), if releases are
     * served and one does; what {@code /catalog}, VoID, {@code /releases/} and the home page name as served.
     */
    public Optional<Release> servedRelease() {
        if (settings.releases() == null) {
            return Optional.empty();
        }
        // Finding it reads every release's manifest and the store's version (about 10 ms); it changes only with the
        // data or the folder of releases (a release is published or withdrawn by moving a folder in or out of it).
        ServedKey key = new ServedKey(renderedCache.latestStamp(), folderState(settings.releases()));
        Served known = served;
        if (known != null && known.key().equals(key) && key.stamp() != null) {
            return known.release();
        }
        Optional<Release> release = new ReleaseArchive(settings.releases()).holding(store);
        served = new Served(key, release);
        return release;
    }

    /** What the served release was found from: the data's stamp and the folder of releases (its time and names). */
    private record ServedKey(DataStamp stamp, String releases) {}

    private record Served(ServedKey key, Optional<Release> release) {}

    private volatile Served served;

    /** When a folder last changed and what it holds: its names too, as two changes can share a clock tick. */
    private static String folderState(Path dir) {
        try (Stream<Path> entries = Files.list(dir)) {
            return Files.getLastModifiedTime(dir) + " "
                    + entries.map(p -> p.getFileName().toString()).sorted().toList();
        } catch (IOException | UncheckedIOException e) {
            return "";
        }
    }

    /** Runs {@code task} on a background thread, which {@link AtlasServer#stop} waits for. */
    public void inBackground(String name, Runnable task) {
        background.run(name, task);
    }

    /** Whether the server is stopping: a long background task checks it and gives up. */
    public boolean stopping() {
        return background.stopping();
    }

    /** Adds something to do after every load that commits (an admin's load or reload). */
    public void afterLoad(Runnable task) {
        afterLoad.add(Objects.requireNonNull(task, "task"));
    }

    /** Does what the features asked to do after a load, in the order they asked. */
    public void loaded() {
        afterLoad.forEach(Runnable::run);
    }
}
