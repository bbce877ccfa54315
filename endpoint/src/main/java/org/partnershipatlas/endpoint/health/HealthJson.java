package org.partnershipatlas.endpoint.health;

import java.util.Map;
import org.apache.jena.atlas.json.JsonObject;
import org.partnershipatlas.loaders.store.AtlasStore;

/** The store's health as the JSON that {@code /health}, {@code /ready} and {@code POST /admin/reopen} answer. */
public final class HealthJson {
    private HealthJson() {}

    /**
     * {@code {"status": "ok" | "faulted", "writable": ..., "fault": ..., "storeBytes": ..., "freeBytes": ...,
     * "reserveBytes": ...}}; {@code fault} only while the store is faulted.
     */
    public static JsonObject of(AtlasStore.Health health) {
        JsonObject o = new JsonObject();
        o.put("status", health.writable() ? "ok" : "faulted");
        o.put("writable", health.writable());
        if (health.fault() != null) {
            o.put("fault", health.fault());
        }
        o.put("storeBytes", health.storeBytes());
        o.put("freeBytes", health.freeBytes());
        o.put("reserveBytes", health.reserveBytes());
        return o;
    }

    /**
     * As {@link #of(AtlasStore.Health)}, with the server's role ({@code "writer"}, or {@code "replica"} with
     * {@code "replicaOf"}, and then {@code "writable": false}) and, if there is a readiness report, {@code "ready"},
     * {@code "reason"} (when not ready) and its facts ({@code "lag"}, {@code "lastOffset"}, ...).
     */
    public static JsonObject of(AtlasStore.Health health, String replicaOf, Readiness.Report report) {
        JsonObject o = of(health);
        o.put("role", replicaOf == null ? "writer" : "replica");
        if (replicaOf != null) {
            o.put("writable", false);
            o.put("replicaOf", replicaOf);
        }
        if (report != null) {
            o.put("ready", report.ready() && health.writable());
            if (report.reason() != null) {
                o.put("reason", report.reason());
            }
            for (Map.Entry<String, Object> fact : report.facts().entrySet()) {
                Object v = fact.getValue();
                if (v instanceof Number n) {
                    o.put(fact.getKey(), n.longValue());
                } else if (v instanceof Boolean b) {
                    o.put(fact.getKey(), b);
                } else if (v != null) {
                    o.put(fact.getKey(), v.toString());
                }
            }
        }
        return o;
    }
}
