package org.partnershipatlas.endpoint.catalog;

import java.nio.file.Path;
import java.util.concurrent.CancellationException;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.partnershipatlas.endpoint.AtlasContext;
import org.partnershipatlas.loaders.dumps.DumpManifest;
import org.partnershipatlas.loaders.store.InsufficientSpaceException;
import org.partnershipatlas.loaders.store.StorageFaultException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes the served store's release files into its dumps folder, one write at a time (two would share a staging
 * folder): after every load, in the request that loaded, and once at start when those in the folder are missing or of
 * other data, in the background ({@link #publishInBackgroundIfStale}), giving up if the server stops or a load needs
 * to write its own (at N=1430 the background write takes half an hour, which the load's answer would wait for).
 */
final class ReleasePublisher {
    private static final Logger LOG = LoggerFactory.getLogger(ReleasePublisher.class);

    private final AtlasContext atlas;
    private final Path dumps;
    private final Supplier<String> publicUrl;

    ReleasePublisher(AtlasContext atlas, Path dumps, Supplier<String> publicUrl) {
        this.atlas = atlas;
        this.dumps = dumps;
        this.publicUrl = publicUrl;
    }

    /** Set while a load's release waits for the background one, which then gives way (its data is no longer served). */
    private volatile boolean loadWaiting;

    /** Writes the release of the data as it is now (after a load); a background write of older data gives way. */
    DumpManifest publish() {
        loadWaiting = true;
        synchronized (this) {
            loadWaiting = false;
            return write(() -> false);
        }
    }

    private DumpManifest write(BooleanSupplier stop) {
        return Releases.publish(
                atlas.store(), atlas.iris(), dumps, atlas.settings().releases(), publicUrl.get(), stop);
    }

    /** Whether the release files in the folder are missing or of other data than the store's. */
    boolean stale() {
        String served = atlas.store().dataVersion();
        return DumpManifest.read(dumps)
                .filter(m -> m.dataVersion().equals(served))
                .isEmpty();
    }

    /**
     * If the release in the folder is missing or of other data (a load stopped after its commit, a store restored or
     * replaced), says so in the log at once and writes it in the background, saying in the log when it is done,
     * since nobody waits for it.
     */
    void publishInBackgroundIfStale() {
        if (stale()) {
            LOG.info("The release files in {} are not of the served data: writing them in the background", dumps);
            atlas.inBackground("atlas-release", this::publishIfStillStale);
        }
    }

    /** Writes the release unless a load has written it meanwhile; gives up if the server stops. */
    private synchronized void publishIfStillStale() {
        if (!stale()) {
            return;
        }
        try {
            DumpManifest m = write(() -> atlas.stopping() || loadWaiting);
            LOG.info("Wrote {} release files to {}", m.files().size(), dumps);
        } catch (CancellationException e) {
            if (atlas.stopping()) {
                LOG.info("Stopped before the release files in {} were complete; the next start writes them", dumps);
            } else {
                LOG.info("Gave up writing the release files in {} for a load's, of the data it committed", dumps);
            }
        } catch (InsufficientSpaceException | StorageFaultException e) {
            // The data is served either way; the release files can be written once there is room.
            LOG.warn(
                    "The release files were not written: {}. Serving without a current release; run 'atlas dump'"
                            + " when there is room.",
                    e.getMessage());
        }
    }
}
