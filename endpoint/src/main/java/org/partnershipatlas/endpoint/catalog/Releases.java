package org.partnershipatlas.endpoint.catalog;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import org.apache.jena.riot.Lang;
import org.apache.jena.riot.RDFDataMgr;
import org.partnershipatlas.loaders.dumps.DumpManifest;
import org.partnershipatlas.loaders.dumps.DumpWriter;
import org.partnershipatlas.loaders.store.AtlasStore;
import org.partnershipatlas.ontology.AtlasIris;
import org.partnershipatlas.queries.QueryCatalogue;

/**
 * Writes a release: the dumps of the store plus {@code void.ttl}, the VoID/DCAT description of them, so that a
 * downloaded folder describes itself. Run after every successful load and by {@code atlas dump}.
 *
 * <pre>
 *   DumpManifest m = Releases.publish(store, AtlasIris.DEFAULT, Path.of("var/dumps"), "http://localhost:3030/");
 * </pre>
 */
public final class Releases {
    public static final String DESCRIPTION = "void.ttl";

    private Releases() {}

    /**
     * @param publicUrl the root URL the server is reached at, ending in '/', for the download and endpoint links
     */
    public static DumpManifest publish(AtlasStore store, AtlasIris iris, Path dumps, String publicUrl) {
        return publish(store, iris, dumps, null, publicUrl);
    }

    /**
     * As {@link #publish(AtlasStore, AtlasIris, Path, String)}, taking the data files from a release in {@code
     * releases} made from the same data, if there is one ({@link DumpWriter#reusing}).
     */
    public static DumpManifest publish(AtlasStore store, AtlasIris iris, Path dumps, Path releases, String publicUrl) {
        return publish(store, iris, dumps, releases, publicUrl, () -> false);
    }

    /** As {@link #publish(AtlasStore, AtlasIris, Path, Path, String)}, giving up once {@code stop} says so. */
    static DumpManifest publish(
            AtlasStore store, AtlasIris iris, Path dumps, Path releases, String publicUrl, BooleanSupplier stop) {
        DatasetDescription description = new DatasetDescription(store.datasetGraph(), QueryCatalogue.load(), iris);
        return new DumpWriter(store, iris).reusing(releases).stopWhen(stop).write(dumps, (dir, files) -> {
            DumpManifest sofar = new DumpManifest(Instant.now(), "", "", files);
            try (OutputStream out = Files.newOutputStream(dir.resolve(DESCRIPTION))) {
                RDFDataMgr.write(out, description.build(publicUrl, Optional.of(sofar)), Lang.TURTLE);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }
}
