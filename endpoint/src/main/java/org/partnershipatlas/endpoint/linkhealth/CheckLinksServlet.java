package org.partnershipatlas.endpoint.linkhealth;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.jena.atlas.json.JsonObject;
import org.partnershipatlas.endpoint.admin.AdminAccess;
import org.partnershipatlas.endpoint.http.HttpErrorException;
import org.partnershipatlas.loaders.linkhealth.CheckSettings;
import org.partnershipatlas.loaders.linkhealth.LinkCheckException;
import org.partnershipatlas.loaders.linkhealth.LinkHealthCheck;
import org.partnershipatlas.loaders.linkhealth.LinkRecord;
import org.partnershipatlas.loaders.store.AtlasStore;
import org.partnershipatlas.ontology.AtlasIris;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /admin/check-links[?max-urls=N&max-seconds=S]}: starts a link-check run in the background (202; 409
 * while one runs); {@code GET}: how the running or last run went. Both need an admin's credentials.
 */
final class CheckLinksServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(CheckLinksServlet.class);

    private final transient AtlasStore store;
    private final transient AtlasIris iris;
    private final transient AdminAccess admins;
    private final transient CheckSettings settings;
    /** The state of the running or last run, as JSON; one run at a time. */
    private final transient AtomicReference<JsonObject> state = new AtomicReference<>(idle());

    CheckLinksServlet(AtlasStore store, AtlasIris iris, AdminAccess admins, CheckSettings settings) {
        this.store = store;
        this.iris = iris;
        this.admins = admins;
        this.settings = settings;
    }

    private static JsonObject idle() {
        JsonObject o = new JsonObject();
        o.put("running", false);
        return o;
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        admins.require(request, response, "Link checking");
        respond(response, 200, state.get());
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String admin = admins.require(request, response, "Link checking");
        CheckSettings run;
        try {
            run = new CheckSettings(
                    settings.perHostInterval(),
                    settings.concurrency(),
                    settings.connectTimeout(),
                    settings.responseTimeout(),
                    settings.bodyTimeout(),
                    settings.maxBodyBytes(),
                    settings.maxRetryAfter(),
                    number(request, "max-urls", settings.maxUrls()),
                    Duration.ofSeconds(number(request, "max-seconds", (int)
                            Math.min(Integer.MAX_VALUE, settings.maxDuration().toSeconds()))),
                    settings.contact(),
                    settings.guard(),
                    settings.clock());
        } catch (NumberFormatException | LinkCheckException e) {
            throw HttpErrorException.badRequest("max-urls and max-seconds must be whole numbers not below 0", null);
        }
        JsonObject running = new JsonObject();
        running.put("running", true);
        running.put("startedBy", admin);
        JsonObject before = state.get();
        if (before.getBoolean("running") || !state.compareAndSet(before, running)) {
            throw HttpErrorException.conflict("A link check is running; GET " + FMod_LinkHealth.CHECK);
        }
        Thread worker = new Thread(() -> state.set(runOnce(run, admin)), "atlas-check-links");
        worker.setDaemon(true);
        worker.start();
        respond(response, 202, running);
    }

    private JsonObject runOnce(CheckSettings run, String admin) {
        JsonObject done = idle();
        done.put("startedBy", admin);
        try {
            LinkHealthCheck.Outcome o = LinkHealthCheck.run(store, iris, run);
            done.put("checked", o.run().checks().size());
            done.put("leftForLater", o.run().notChecked().size());
            done.put("changed", o.written().linksChanged());
            done.put(
                    "dead",
                    o.records().values().stream().filter(LinkRecord::dead).count());
            done.put("endedAt", o.run().endedAt().toString());
            done.put("report", FMod_LinkHealth.REPORT);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            done.put("error", "interrupted");
        } catch (RuntimeException e) {
            LOG.error("The link check started by {} failed", admin, e);
            done.put("error", String.valueOf(e.getMessage()));
        }
        return done;
    }

    private static int number(HttpServletRequest request, String name, int otherwise) {
        String value = request.getParameter(name);
        if (value == null) {
            return otherwise;
        }
        int n = Integer.parseInt(value.strip());
        if (n < 0) {
            throw new NumberFormatException(name);
        }
        return n;
    }

    private static void respond(HttpServletResponse response, int status, JsonObject body) throws IOException {
        response.setStatus(status);
        response.setContentType("application/json; charset=utf-8");
        response.getWriter().println(body);
    }
}
