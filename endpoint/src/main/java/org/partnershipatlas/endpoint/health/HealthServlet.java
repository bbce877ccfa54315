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
 * (readiness: 200 while the store accepts writes, 503 after a storage fault until it is reopened), both as JSON
 * ({@link HealthJson}), never cached. Reads go on from the last commit while the store is faulted, so a load
 * balancer may keep sending queries to a server that is live but not ready.
 *
 * <pre>
 *   curl -s http://localhost:3030/ready    # {"status": "faulted", "writable": false, "fault": "the load failed: ..."}
 * </pre>
 */
public final class HealthServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;

    private final transient AtlasStore store;
    private final boolean readiness;

    private HealthServlet(AtlasStore store, boolean readiness) {
        this.store = store;
        this.readiness = readiness;
    }

    /** {@code /health}: always 200 while the server runs. */
    public static HealthServlet liveness(AtlasStore store) {
        return new HealthServlet(store, false);
    }

    /** {@code /ready}: 503 while the store refuses writes. */
    public static HealthServlet readiness(AtlasStore store) {
        return new HealthServlet(store, true);
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        AtlasStore.Health health = store.health();
        JsonObject body = HealthJson.of(health);
        response.setStatus(readiness && !health.writable() ? 503 : 200);
        response.setHeader("Cache-Control", "no-store");
        response.setContentType("application/json; charset=utf-8");
        response.getWriter().println(JSON.toString(body));
    }
}
