package org.partnershipatlas.gatekeeper;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.apache.jena.atlas.json.JsonArray;
import org.apache.jena.atlas.json.JsonNumber;
import org.apache.jena.atlas.json.JsonObject;

/** A rationalisation report as JSON (everything) and CSV (the overlap graph's edges, one per row). */
public final class Reports {
    private Reports() {}

    public static JsonObject json(RationalisationReport r) {
        JsonObject doc = new JsonObject();
        doc.put("locality", r.locality());
        doc.put("label", r.localityLabel());
        doc.put("threshold", JsonNumber.value(r.threshold()));
        JsonArray nodes = new JsonArray();
        for (RationalisationReport.Node n : r.nodes()) {
            JsonObject o = new JsonObject();
            o.put("partnership", n.partnership());
            o.put("label", n.label());
            o.put("type", n.type());
            nodes.add(o);
        }
        doc.put("partnerships", nodes);
        JsonArray edges = new JsonArray();
        for (RationalisationReport.Edge e : r.edges()) {
            JsonObject o = new JsonObject();
            o.put("a", e.a());
            o.put("b", e.b());
            o.put("score", JsonNumber.value(e.score()));
            o.put("sharedDomains", array(e.sharedDomains()));
            o.put("sharedMembers", array(e.sharedMembers()));
            edges.add(o);
        }
        doc.put("overlaps", edges);
        JsonArray clusters = new JsonArray();
        r.clusters().forEach(c -> clusters.add(array(c)));
        doc.put("mergerCandidates", clusters);
        JsonArray load = new JsonArray();
        for (RationalisationReport.Load l : r.heaviest()) {
            JsonObject o = new JsonObject();
            o.put("organisation", l.organisation());
            o.put("label", l.label());
            o.put("partnerships", l.partnerships());
            o.put("roles", l.roles());
            load.add(o);
        }
        doc.put("heaviestLoad", load);
        JsonArray outside = new JsonArray();
        for (RationalisationReport.Outside o : r.outsideUmbrella()) {
            JsonObject j = new JsonObject();
            j.put("partnership", o.partnership());
            j.put("label", o.label());
            j.put("reason", o.reason());
            outside.add(j);
        }
        doc.put("outsideUmbrella", outside);
        return doc;
    }

    public static String csv(RationalisationReport r) {
        StringWriter out = new StringWriter();
        try (CSVPrinter csv = new CSVPrinter(out, CSVFormat.RFC4180)) {
            csv.printRecord("a", "a_label", "b", "b_label", "score", "shared_domains", "shared_members");
            for (RationalisationReport.Edge e : r.edges()) {
                csv.printRecord(
                        e.a(),
                        e.aLabel(),
                        e.b(),
                        e.bLabel(),
                        e.score(),
                        String.join("; ", e.sharedDomains()),
                        String.join("; ", e.sharedMembers()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    private static JsonArray array(List<String> values) {
        JsonArray a = new JsonArray();
        values.forEach(a::add);
        return a;
    }
}
