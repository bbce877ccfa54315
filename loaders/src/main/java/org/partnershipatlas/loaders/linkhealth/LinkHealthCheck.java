package org.partnershipatlas.loaders.linkhealth;

import java.net.URI;
import java.util.Map;
import java.util.Set;
import org.partnershipatlas.loaders.store.AtlasStore;
import org.partnershipatlas.ontology.AtlasIris;

/**
 * A whole link-check run on a store: find the outbound links, check them against the previous records, write the
 * link-health graph. What {@code atlas check-links} and {@code POST /admin/check-links} both do.
 *
 * <pre>
 * LinkHealthCheck.Outcome o = LinkHealthCheck.run(store, iris, CheckSettings.builder().maxUrls(500).build());
 * System.out.println(o.run().checks().size() + " checked, " + o.written().linksChanged() + " changed");
 * </pre>
 */
public final class LinkHealthCheck {
    private LinkHealthCheck() {}

    /** The run, what it wrote, and every link's record after it. */
    public record Outcome(CheckRun run, LinkHealthGraph.Written written, Map<URI, LinkRecord> records) {}

    /** Checks every outbound link of the store (within the settings' budget) and records the results. */
    public static Outcome run(AtlasStore store, AtlasIris iris, CheckSettings settings) throws InterruptedException {
        Set<URI> urls = store.read(dsg -> OutboundLinks.find(dsg, iris));
        Map<URI, LinkRecord> previous = store.read(dsg -> LinkHealthGraph.read(dsg, iris));
        CheckRun run = new LinkChecker(settings).run(urls, previous);
        LinkHealthGraph.Written written = LinkHealthGraph.write(store, iris, run, previous);
        return new Outcome(run, written, store.read(dsg -> LinkHealthGraph.read(dsg, iris)));
    }
}
