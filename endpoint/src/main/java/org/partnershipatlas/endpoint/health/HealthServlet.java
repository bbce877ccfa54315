package org.partnershipatlas.endpoint.health;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.apache.jena.atlas.json.JSON;
import org.apache.jena.atlas.json.JsonObject;
import org.partnershipatlas.loaders.store.AtlasStore;

/**
 * {@code GET /health} (liveness: 200 while the server answers, with the store's state) and {@code GET /ready}
 * (readiness: 503 after a storage fault until the store is reopened, and on a read replica while its applier is
 * stopped, cannot reach Kafka or lags; else 200), both as JSON ({@link HealthJson}), never cached. Reads go on from
 * the last commit meanwhile, so a load balancer may keep sending queries to a server that is live but not ready.
 *
 * <pre>
 *   curl -s http://localhost:3030/ready    # {"status": "faulted", "writable": false, "fault": "the load failed: ..."}
 *   curl -s http://replica:3030/ready      # {"status": "ok", "role": "replica", "ready": true, "lag": 0, ...}
 * </pre>
 */
public final class HealthServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;

    private final transient AtlasStore store;
    private final transient Readiness readiness;
    private final boolean ready;

    private HealthServlet(AtlasStore store, Readiness readiness, boolean ready) {
        this.store = store;
        this.readiness = readiness;
        this.ready = ready;
    }

    /** {@code /health}: always 200 while the server runs. */
    public static HealthServlet liveness(AtlasStore store, Readiness readiness) {
        return new HealthServlet(store, readiness, false);
    }

    /** {@code /ready}: 503 while the store refuses writes or {@code readiness} (if any) says not ready. */
    public static HealthServlet readiness(AtlasStore store, Readiness readiness) {
        return new HealthServlet(store, readiness, true);
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        AtlasStore.Health health = store.health();
        Readiness.Report report = readiness == null ? null : readiness.report();
        JsonObject body = HealthJson.of(health, store.replicaOf(), report);
        boolean notReady = !health.writable() || (report != null && !report.ready());
        response.setStatus(ready && notReady ? 503 : 200);
        response.setHeader("Cache-Control", "no-store");
        response.setContentType("application/json; charset=utf-8");
        response.getWriter().println(JSON.toString(body));
    }
}
