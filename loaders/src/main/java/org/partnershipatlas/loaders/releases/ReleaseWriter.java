package org.partnershipatlas.loaders.releases;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.commons.io.FileUtils;
import org.apache.jena.riot.Lang;
import org.apache.jena.riot.RDFDataMgr;
import org.partnershipatlas.loaders.Checksums;
import org.partnershipatlas.loaders.changes.ChangeLog;
import org.partnershipatlas.loaders.dumps.DumpFile;
import org.partnershipatlas.loaders.dumps.DumpWriter;
import org.partnershipatlas.loaders.feeds.LdesPages;
import org.partnershipatlas.loaders.store.AtlasStore;
import org.partnershipatlas.loaders.store.DiskSpace;
import org.partnershipatlas.loaders.store.Staging;
import org.partnershipatlas.loaders.store.StoreFiles;
import org.partnershipatlas.ontology.AtlasIris;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes a new release of the store: {@code releases/{version}/} with the sorted dumps ({@link DumpWriter}: the whole
 * dataset as N-Quads, one N-Triples file per graph, the union), {@code changes.rdfp} (the RDF Patch from the
 * previous release), {@code CHANGES.md} (the changes in words and counts), {@code CITATION.cff}, {@code release.ttl}
 * (DCAT 3), {@code manifest.tsv} and {@code SHA256SUMS}. The folder is written under another name and renamed when
 * complete, after the free space was checked ({@link #spaceNeeded}); a version that was ever used is refused. Then the
 * release's pages of the event stream are written beside it ({@link LdesPages}).
 *
 * <p>A first release's patch adds every quad of the store, so it is written gzipped, as {@code changes.rdfp.gz}
 * (uncompressed it was ten times the dumps: 2.2 GB at N=350 M=100). It is kept rather than left out because every
 * reader of releases then reads a patch the same way ({@link Release#patchFile}, {@link Release#openPatch}): the event
 * stream's first page, {@code atlas diff}, {@code /releases/{V}/changes}, and a client that replays the patches
 * from nothing. Later patches hold one release's changes and stay plain text.
 *
 * <pre>
 *   Release r = new ReleaseWriter(store, AtlasIris.DEFAULT, new ReleaseArchive(dir), "http://localhost:3030/")
 *           .write("2026-12");    // or null for today's date
 * </pre>
 */
public final class ReleaseWriter {
    private static final Logger LOG = LoggerFactory.getLogger(ReleaseWriter.class);
    private final AtlasStore store;
    private final AtlasIris iris;
    private final ReleaseArchive archive;
    private final ReleaseMetadata metadata;

    public ReleaseWriter(AtlasStore store, AtlasIris iris, ReleaseArchive archive, String publicUrl) {
        this.store = store;
        this.iris = iris;
        this.archive = archive;
        this.metadata = new ReleaseMetadata(iris, publicUrl);
    }

    /**
     * Writes the release {@code version} (null: the day's date, {@link ReleaseArchive#defaultVersion}).
     *
     * @throws ReleaseException if the version is not a slug, or is published, withdrawn or being written
     */
    public Release write(String version) {
        Instant issued = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        String v = version == null ? archive.defaultVersion(issued) : version;
        if (!AtlasIris.isSlug(v)) {
            throw new ReleaseException("the version '" + v + "' is not usable: expected letters, digits, '-', '.'"
                    + " and '_', starting with a letter or digit (such as 2026-12-06 or 3)");
        }
        if (v.equals(ReleaseArchive.LATEST)) {
            throw new ReleaseException("'" + ReleaseArchive.LATEST + "' is not usable as a version: it names the"
                    + " newest release (/releases/latest); choose another with --version");
        }
        refuseIfTaken(v);
        Release previous = archive.latest().orElse(null);
        long storeBytes = store.location() == null ? 0 : StoreFiles.usedBytes(store.location());
        store.diskSpace().require("the release", List.of(spaceNeeded(archive, storeBytes)));
        // What a release killed half-way left (hundreds of megabytes at national size) goes before this one starts.
        Staging.removeAbandoned(archive.directory(), "");
        Path building = Staging.folder(archive.directory(), "");
        try {
            new DumpWriter(store, iris).write(building, (dir, files) -> extras(dir, files, v, issued, previous));
            refuseIfTaken(v);
            Files.move(building, archive.directory().resolve(v), StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot publish release " + v + ": " + e.getMessage(), e);
        } finally {
            FileUtils.deleteQuietly(building.toFile());
        }
        Release release = archive.require(v);
        try {
            new LdesPages(archive, iris).ensure(release);
        } catch (RuntimeException e) {
            // The release stands; the server writes the pages when they are first asked for.
            LOG.warn(
                    "Release {} is published, but its event stream pages were not written ({}); they will be on"
                            + " first request",
                    v,
                    e.getMessage());
        }
        return release;
    }

    /**
     * About the bytes a new release needs in the releases folder: the files of the newest release (its patch aside)
     * plus a tenth, and a patch as big as the newest release's; for a first release, a fifth of {@code storeBytes}
     * for the dumps (the sample data's take 12% of its store) and as much again for its gzipped patch, which adds every
     * quad (its size is about that of the release's {@code atlas.nq.gz}, one of the dumps).
     */
    public static DiskSpace.Need spaceNeeded(ReleaseArchive archive, long storeBytes) {
        Optional<Release> latest = archive.latest();
        long patch = latest.map(r -> DiskSpace.sizeOf(r.patchFile())).orElse(0L);
        long dumps = latest.map(r -> DiskSpace.sizeOf(r.folder()) - DiskSpace.sizeOf(r.patchFile()))
                .orElse(storeBytes / 5);
        if (latest.isEmpty()) {
            patch = dumps;
        }
        return new DiskSpace.Need(archive.directory(), dumps + dumps / 10 + patch + DiskSpace.FILE_SLACK_BYTES);
    }

    private void refuseIfTaken(String v) {
        if (archive.withdrawn(v)) {
            throw new ReleaseException("release " + v + " was withdrawn and its version is never used again;"
                    + " choose another with --version");
        }
        if (archive.taken(v)) {
            throw new ReleaseException("release " + v + " exists already in " + archive.directory()
                    + " and releases never change; choose another version with --version");
        }
    }

    /** The files beside the dumps: the patch, the summary, the citation and the DCAT description. */
    private void extras(Path dir, List<DumpFile> dumps, String version, Instant issued, Release previous) {
        try {
            ChangeSummary summary = new ChangeSummary();
            Path patch = dir.resolve(previous == null ? Release.CHANGES_GZIP : Release.CHANGES);
            ReleaseChanges.Totals totals = ReleaseChanges.writePatch(
                    patch,
                    iris.release(version).getURI(),
                    previous == null ? null : previous.iri(),
                    previous == null ? null : previous.file(DumpWriter.ALL_QUADS),
                    dir.resolve(DumpWriter.ALL_QUADS),
                    summary);
            String prev = previous == null ? null : previous.version();
            Files.writeString(
                    dir.resolve(Release.SUMMARY),
                    summary.markdown(version, issued.toString(), prev, totals),
                    StandardCharsets.UTF_8);
            Files.writeString(
                    dir.resolve(Release.CITATION), metadata.citation(version, issued), StandardCharsets.UTF_8);
            List<DumpFile> described = new ArrayList<>(dumps);
            described.add(new DumpFile(
                    patch.getFileName().toString(),
                    "application/rdf-patch",
                    previous == null,
                    Files.size(patch),
                    Checksums.sha256(patch),
                    totals.quadsAdded() + totals.quadsDeleted(),
                    null));
            org.apache.jena.graph.Graph description =
                    metadata.release(version, issued, prev, ChangeSummary.sentence(prev, totals), described);
            // On a writer, where its replicas that start from this release take up the topic.
            Long offset = store.read(ChangeLog::offsetOf);
            if (offset != null) {
                description.add(ReleaseOffset.triple(iris.release(version).getURI(), offset));
            }
            try (OutputStream out = Files.newOutputStream(dir.resolve(Release.METADATA))) {
                RDFDataMgr.write(out, description, Lang.TURTLE);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
