package org.partnershipatlas.endpoint.health;

import java.util.Set;
import org.apache.jena.fuseki.main.FusekiServer;
import org.apache.jena.fuseki.main.sys.FusekiModule;
import org.apache.jena.rdf.model.Model;
import org.partnershipatlas.endpoint.AtlasContext;
import org.partnershipatlas.endpoint.Routes;

/** Liveness ({@code /health}) and readiness ({@code /ready}) for load balancers and orchestrators. */
public final class FMod_Health implements FusekiModule {
    private final AtlasContext atlas;

    public FMod_Health(AtlasContext atlas) {
        this.atlas = atlas;
    }

    @Override
    public String name() {
        return "Atlas health";
    }

    @Override
    public void prepare(FusekiServer.Builder builder, Set<String> datasetNames, Model configModel) {
        Readiness readiness = atlas.settings().readiness();
        builder.addServlet(Routes.HEALTH, HealthServlet.liveness(atlas.store(), readiness))
                .addServlet(Routes.READY, HealthServlet.readiness(atlas.store(), readiness));
    }
}
