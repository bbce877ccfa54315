package org.partnershipatlas.endpoint.admin;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.locks.ReentrantLock;
import java.util.regex.Pattern;
import org.apache.commons.io.FileUtils;
import org.apache.jena.atlas.json.JSON;
import org.apache.jena.atlas.json.JsonArray;
import org.apache.jena.atlas.json.JsonObject;
import org.partnershipatlas.endpoint.Routes;
import org.partnershipatlas.endpoint.health.HealthJson;
import org.partnershipatlas.endpoint.http.HttpErrorException;
import org.partnershipatlas.endpoint.http.HttpErrors;
import org.partnershipatlas.loaders.LoadException;
import org.partnershipatlas.loaders.LoadProblem;
import org.partnershipatlas.loaders.LoadReport;
import org.partnershipatlas.loaders.Loader;
import org.partnershipatlas.loaders.backup.Backups;
import org.partnershipatlas.loaders.store.AtlasStore;
import org.partnershipatlas.loaders.store.DiskSpace;
import org.partnershipatlas.loaders.store.InsufficientSpaceException;
import org.partnershipatlas.loaders.store.StorageFaultException;
import org.partnershipatlas.ontology.AtlasIris;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The admin API, under {@code /admin}, every operation behind {@link AdminAccess}:
 *
 * <pre>
 *   POST /admin/sources/{file name}   the body is a source file (CSV or RDF, named as in data/); it replaces that
 *                                     source's graph, validated, all or nothing; 200, 422 (violations) or 400
 *   POST /admin/reload                reloads the configured source folder (all or nothing)
 *   POST /admin/backup                writes a backup (gzipped N-Quads + .sha256) while serving; 201
 *   POST /admin/reopen                closes and reopens the store (TDB2 recovers from its journal), and accepts
 *                                     writes again after a storage fault; 200 with the store's health
 *   GET  /admin/backups               the backups, as JSON
 *   GET  /admin/backups/{file}        one backup file or its checksum file
 * </pre>
 *
 * Loads run one at a time (a second gets 409) in a TDB2 write transaction: readers carry on with the data as it
 * was and see the new data only when the load commits. After a load the release files are written again.
 *
 * <p>Every write checks the free space first (507 before anything is touched if it is short). A write that meets a
 * storage fault anyway (a full disk, a read-only file system) fails with 507 or 503 in words, and the store then
 * refuses writes (503) until {@code POST /admin/reopen} or a restart; see {@link AtlasStore}. These statuses come
 * from {@link HttpErrors#statusFor}, as the storage exceptions pass through to the request guard filter.
 */
public final class AdminServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(AdminServlet.class);
    private static final Pattern SOURCE_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,120}");

    /** Where the admin API keeps its files, and what it does after a load. */
    public record Settings(Path sources, Path backups, Path uploads, Runnable afterLoad) {}

    private final transient AtlasStore store;
    private final transient AtlasIris iris;
    private final transient AdminAccess access;
    private final transient Settings settings;
    private final transient ReentrantLock loading = new ReentrantLock();

    public AdminServlet(AtlasStore store, AtlasIris iris, AdminAccess access, Settings settings) {
        this.store = store;
        this.iris = iris;
        this.access = access;
        this.settings = settings;
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String path = path(request);
        if (path.startsWith("/sources/")) {
            access.require(request, response, "Loading a source");
            store.refuseIfReplica("loading a source");
            upload(request, response, path.substring("/sources/".length()));
        } else if (path.equals("/reload")) {
            access.require(request, response, "Reloading");
            store.refuseIfReplica("the reload");
            reload(request, response);
        } else if (path.equals("/backup")) {
            access.require(request, response, "Backing up");
            backup(response);
        } else if (path.equals("/reopen")) {
            access.require(request, response, "Reopening the store");
            reopen(request, response);
        } else if (path.equals("/backups") || path.startsWith("/backups/")) {
            throw HttpErrorException.methodNotAllowed("backups are read with GET");
        } else {
            throw HttpErrorException.notFound("no admin operation " + path);
        }
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String path = path(request);
        if (path.equals("/backups") || path.equals("/backups/")) {
            access.require(request, response, "Listing backups");
            listBackups(response);
        } else if (path.startsWith("/backups/")) {
            access.require(request, response, "Fetching a backup");
            sendBackup(request, response, path.substring("/backups/".length()));
        } else if (path.startsWith("/sources/")
                || path.equals("/reload")
                || path.equals("/backup")
                || path.equals("/reopen")) {
            throw HttpErrorException.methodNotAllowed("use POST");
        } else {
            throw HttpErrorException.notFound("no admin operation " + path);
        }
    }

    @Override
    protected void doPut(HttpServletRequest request, HttpServletResponse response) throws IOException {
        throw HttpErrorException.methodNotAllowed("admin operations use POST (and GET for backups)");
    }

    @Override
    protected void doDelete(HttpServletRequest request, HttpServletResponse response) throws IOException {
        throw HttpErrorException.methodNotAllowed("admin operations use POST (and GET for backups)");
    }

    private static String path(HttpServletRequest request) {
        String info = request.getPathInfo();
        return info == null ? "/" : info;
    }

    private void upload(HttpServletRequest request, HttpServletResponse response, String name) throws IOException {
        if (!SOURCE_NAME.matcher(name).matches() || name.contains("..")) {
            throw HttpErrorException.badRequest(
                    "name the source file as in data/, e.g. partnerships.csv or schemes.ttl (letters, digits, '.', '-',"
                            + " '_')",
                    "file");
        }
        // Refused before the body is read if the store is faulted or the space is short for the upload and its load.
        store.refuseIfFaulted();
        long length = request.getContentLengthLong();
        if (length >= 0) {
            List<DiskSpace.Need> needs = new ArrayList<>(Loader.spaceNeeded(store, length));
            needs.add(new DiskSpace.Need(settings.uploads(), length + DiskSpace.FILE_SLACK_BYTES));
            store.diskSpace().require("the upload of " + name, needs);
        }
        Path dir = settings.uploads().resolve(UUID.randomUUID().toString());
        try {
            Files.createDirectories(dir);
            Path file = dir.resolve(name);
            try (InputStream in = request.getInputStream();
                    OutputStream out = Files.newOutputStream(file)) {
                in.transferTo(out);
            } catch (IOException e) {
                if (!Files.exists(settings.uploads())
                        || DiskSpace.free(settings.uploads()) > DiskSpace.FILE_SLACK_BYTES) {
                    throw e; // the client's body broke off; the guard filter answers 400
                }
                throw DiskSpace.describe("saving the upload of " + name + " (the store was not touched)", dir, e);
            }
            load(request, response, List.of(file), dir.toString() + "/");
        } finally {
            FileUtils.deleteQuietly(dir.toFile());
        }
    }

    private void reload(HttpServletRequest request, HttpServletResponse response) throws IOException {
        store.refuseIfFaulted();
        if (settings.sources() == null || !Files.isDirectory(settings.sources())) {
            throw HttpErrorException.conflict("the server has no source folder to reload from");
        }
        load(request, response, List.of(settings.sources()), settings.sources().toString() + "/");
    }

    /** Runs a load and answers with its report; {@code hide} is a path prefix not shown to the client. */
    private void load(HttpServletRequest request, HttpServletResponse response, List<Path> sources, String hide)
            throws IOException {
        if (!loading.tryLock()) {
            throw HttpErrorException.conflict("another load is running; try again when it has finished");
        }
        try {
            LoadReport report = Loader.into(store).iris(iris).sources(sources).run();
            String releaseNotWritten = null;
            if (report.committed()) {
                releaseNotWritten = afterLoad();
            }
            LOG.info("Admin load of {}: committed={}, {} triples", sources, report.committed(), report.triples());
            JsonObject body = reportJson(report, hide);
            if (releaseNotWritten != null) {
                body.put("releaseNotWritten", releaseNotWritten);
            }
            json(response, report.committed() ? 200 : 422, body);
        } catch (LoadException e) {
            throw HttpErrorException.badRequest(e.getMessage().replace(hide, ""), null);
        } finally {
            loading.unlock();
        }
    }

    /**
     * Writes the release after a committed load; returns why it could not be, or null. The load stands either way
     * (the data is committed), so a release that fails (no room for the dumps, say) is reported, not an error.
     */
    private String afterLoad() {
        try {
            settings.afterLoad().run();
            return null;
        } catch (InsufficientSpaceException | StorageFaultException e) {
            LOG.error("The load was committed, but the release was not written: {}", e.getMessage());
            return e.getMessage() + "; the data was loaded and committed, and the previous release is still served";
        }
    }

    private void reopen(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (!loading.tryLock()) {
            throw HttpErrorException.conflict("a load is running; reopen when it has finished");
        }
        try {
            String before = store.fault();
            store.reopen();
            JsonObject body = HealthJson.of(store.health());
            body.put("reopened", true);
            if (before != null) {
                body.put("previousFault", before);
            }
            json(response, 200, body);
        } finally {
            loading.unlock();
        }
    }

    private static JsonObject reportJson(LoadReport report, String hide) {
        JsonObject body = new JsonObject();
        body.put("committed", report.committed());
        body.put("records", report.records());
        body.put("triples", report.triples());
        JsonArray sources = new JsonArray();
        for (LoadReport.SourceReport s : report.sources()) {
            JsonObject o = new JsonObject();
            o.put("file", s.file().replace(hide, ""));
            o.put("graph", s.graph());
            o.put("records", s.records());
            o.put("triples", s.triples());
            o.put("sha256", s.sha256());
            sources.add(o);
        }
        body.put("sources", sources);
        body.put("violations", problems(report.violations(), hide));
        body.put("warnings", problems(report.warnings(), hide));
        return body;
    }

    private static JsonArray problems(List<LoadProblem> problems, String hide) {
        JsonArray a = new JsonArray();
        problems.forEach(p -> a.add(p.toString().replace(hide, "")));
        return a;
    }

    /** A backup that meets a full disk fails with 507 and leaves no file (the guard filter answers). */
    private void backup(HttpServletResponse response) throws IOException {
        Backups.Backup b = Backups.write(store, settings.backups());
        JsonObject body = backupJson(b.file(), b.sha256(), b.bytes());
        body.put("quads", b.quads());
        body.put("taken", b.taken().toString());
        response.setHeader("Location", Routes.ADMIN + "/backups/" + b.file().getFileName());
        json(response, 201, body);
    }

    private void listBackups(HttpServletResponse response) throws IOException {
        JsonArray list = new JsonArray();
        for (Path p : Backups.list(settings.backups())) {
            String sum = Files.readString(Backups.checksumFile(p)).split("\\s+")[0];
            list.add(backupJson(p, sum, Files.size(p)));
        }
        JsonObject body = new JsonObject();
        body.put("backups", list);
        json(response, 200, body);
    }

    private static JsonObject backupJson(Path file, String sha256, long bytes) {
        String name = file.getFileName().toString();
        JsonObject o = new JsonObject();
        o.put("file", name);
        o.put("url", Routes.ADMIN + "/backups/" + name);
        o.put("checksumUrl", Routes.ADMIN + "/backups/" + name + Backups.CHECKSUM_SUFFIX);
        o.put("sha256", sha256);
        o.put("bytes", bytes);
        return o;
    }

    private void sendBackup(HttpServletRequest request, HttpServletResponse response, String name) throws IOException {
        Optional<Path> file = Backups.list(settings.backups()).stream()
                .flatMap(p -> java.util.stream.Stream.of(p, Backups.checksumFile(p)))
                .filter(p -> p.getFileName().toString().equals(name))
                .findFirst();
        if (file.isEmpty()) {
            throw HttpErrorException.notFound("no backup named " + name);
        }
        boolean sum = name.endsWith(Backups.CHECKSUM_SUFFIX);
        response.setContentType(sum ? "text/plain; charset=utf-8" : "application/gzip");
        response.setContentLengthLong(Files.size(file.get()));
        response.setHeader("Content-Disposition", "attachment; filename=\"" + name + "\"");
        Files.copy(file.get(), response.getOutputStream());
    }

    private static void json(HttpServletResponse response, int status, JsonObject body) throws IOException {
        response.setStatus(status);
        response.setContentType("application/json; charset=utf-8");
        response.getWriter().println(JSON.toString(body));
    }
}
