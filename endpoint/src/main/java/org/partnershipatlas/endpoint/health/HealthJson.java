package org.partnershipatlas.endpoint.health;

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
}
