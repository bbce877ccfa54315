package org.partnershipatlas.endpoint.feeds;

import java.util.Set;
import org.apache.jena.fuseki.main.FusekiServer;
import org.apache.jena.fuseki.main.sys.FusekiModule;
import org.apache.jena.rdf.model.Model;
import org.partnershipatlas.endpoint.AtlasContext;
import org.partnershipatlas.endpoint.Routes;
import org.partnershipatlas.loaders.releases.ReleaseArchive;

/**
 * The change feeds ({@link LdesServlet} at {@code /ldes}, {@link AtomServlet} at {@code /changes.atom}), when a
 * releases folder is given: both are made from the releases.
 */
public final class FMod_Feeds implements FusekiModule {
    private final AtlasContext atlas;

    public FMod_Feeds(AtlasContext atlas) {
        this.atlas = atlas;
    }

    @Override
    public String name() {
        return "Atlas change feeds";
    }

    @Override
    public void prepare(FusekiServer.Builder builder, Set<String> datasetNames, Model configModel) {
        if (atlas.settings().releases() != null) {
            ReleaseArchive archive = new ReleaseArchive(atlas.settings().releases());
            builder.addServlet(Routes.LDES + "/*", new LdesServlet(atlas, archive));
            builder.addServlet(Routes.CHANGES_FEED, new AtomServlet(atlas, archive));
        }
    }
}
