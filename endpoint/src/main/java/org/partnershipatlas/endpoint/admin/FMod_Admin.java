package org.partnershipatlas.endpoint.admin;

import java.nio.file.Path;
import java.util.Set;
import org.apache.jena.fuseki.main.FusekiServer;
import org.apache.jena.fuseki.main.sys.FusekiModule;
import org.apache.jena.rdf.model.Model;
import org.partnershipatlas.endpoint.AtlasContext;
import org.partnershipatlas.endpoint.Routes;

/** Admin operations under {@code /admin/} (credentials needed): load, reload, backups, reopen; after a load, what the other features asked for. */
public final class FMod_Admin implements FusekiModule {
    private final AtlasContext atlas;

    public FMod_Admin(AtlasContext atlas) {
        this.atlas = atlas;
    }

    @Override
    public String name() {
        return "Atlas admin";
    }

    @Override
    public void prepare(FusekiServer.Builder builder, Set<String> datasetNames, Model configModel) {
        AtlasContext.Settings settings = atlas.settings();
        Path store = atlas.store().location();
        Path beside = store == null
                ? Path.of(System.getProperty("java.io.tmpdir"))
                : store.toAbsolutePath().getParent();
        builder.addServlet(
                Routes.ADMIN + "/*",
                new AdminServlet(
                        atlas.store(),
                        atlas.iris(),
                        new AdminAccess(settings.admins()),
                        new AdminServlet.Settings(
                                settings.sources(),
                                settings.backups() != null ? settings.backups() : beside.resolve("backups"),
                                beside.resolve("uploads"),
                                atlas::loaded)));
    }
}
