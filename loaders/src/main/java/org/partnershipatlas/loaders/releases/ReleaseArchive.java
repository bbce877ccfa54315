package org.partnershipatlas.loaders.releases;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.partnershipatlas.loaders.changes.ChangeLog;
import org.partnershipatlas.loaders.dumps.DumpManifest;
import org.partnershipatlas.loaders.store.AtlasStore;
import org.partnershipatlas.loaders.store.StoreVersion;
import org.partnershipatlas.ontology.AtlasIris;

/**
 * The folder of releases: one immutable folder per published version, {@code {dir}/{version}/}, and the withdrawn
 * ones set aside in {@code {dir}/.withdrawn/{version}/} with the reason beside them ({@code {version}.txt}). A version
 * published or withdrawn is never written again. Names starting with '.' are not releases (folders being written,
 * the withdrawn).
 *
 * <pre>
 *   ReleaseArchive archive = new ReleaseArchive(Path.of("var/releases"));
 *   archive.latest().map(Release::version);   // the newest published version
 * </pre>
 */
public final class ReleaseArchive {
    /** The folder of the withdrawn releases, in the releases folder. */
    public static final String WITHDRAWN = ".withdrawn";
    /** Not a version: the name of the newest release ({@code /releases/latest}). */
    public static final String LATEST = "latest";

    private final Path dir;

    public ReleaseArchive(Path dir) {
        this.dir = dir.toAbsolutePath();
    }

    /** The folder of releases. */
    public Path directory() {
        return dir;
    }

    /** The published releases, oldest first. */
    public List<Release> releases() {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        List<Release> out = new ArrayList<>();
        try (Stream<Path> folders = Files.list(dir)) {
            for (Path p : folders.filter(Files::isDirectory).toList()) {
                String name = p.getFileName().toString();
                if (AtlasIris.isSlug(name) && Files.isRegularFile(p.resolve(Release.METADATA))) {
                    out.add(Release.read(p));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        out.sort(Comparator.comparing(Release::issued).thenComparing(Release::version));
        return out;
    }

    /** The newest published release, if any. */
    public Optional<Release> latest() {
        List<Release> all = releases();
        return all.isEmpty() ? Optional.empty() : Optional.of(all.get(all.size() - 1));
    }

    /**
     * The newest published release that holds what the store holds now, if any: the one whose files were made from
     * the store's present data version and change-log head (as its {@code manifest.tsv} records them), so its data
     * equals the live data quad for quad. A load or a gatekeeper decision since then means none does, until the
     * next release.
     */
    public Optional<Release> holding(AtlasStore store) {
        String[] state = store.read(dsg -> new String[] {StoreVersion.of(dsg), ChangeLog.headOf(dsg)});
        List<Release> all = releases();
        for (int i = all.size() - 1; i >= 0; i--) {
            Release r = all.get(i);
            if (DumpManifest.read(r.folder())
                    .map(m -> m.holds(state[0], state[1]))
                    .orElse(false)) {
                return Optional.of(r);
            }
        }
        return Optional.empty();
    }

    /** The published release of a version, if there is one. */
    public Optional<Release> find(String version) {
        if (!AtlasIris.isSlug(version)) {
            return Optional.empty();
        }
        Path folder = dir.resolve(version);
        return Files.isRegularFile(folder.resolve(Release.METADATA))
                ? Optional.of(Release.read(folder))
                : Optional.empty();
    }

    /** The published release of a version. */
    public Release require(String version) {
        return find(version)
                .orElseThrow(() -> new ReleaseException(
                        withdrawn(version)
                                ? "release " + version + " was withdrawn: "
                                        + withdrawalReason(version).orElse("")
                                : "there is no release " + version + " in " + dir + " (published: " + versions()
                                        + ")"));
    }

    private List<String> versions() {
        return releases().stream().map(Release::version).toList();
    }

    /** True if the version was published and then withdrawn. */
    public boolean withdrawn(String version) {
        return AtlasIris.isSlug(version) && Files.exists(dir.resolve(WITHDRAWN).resolve(version));
    }

    /** Why a withdrawn version was withdrawn. */
    public Optional<String> withdrawalReason(String version) {
        Path reason = dir.resolve(WITHDRAWN).resolve(version + ".txt");
        try {
            return withdrawn(version) && Files.isRegularFile(reason)
                    ? Optional.of(
                            Files.readString(reason, StandardCharsets.UTF_8).strip())
                    : Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** True if the version was ever used: published, withdrawn, or being written. */
    public boolean taken(String version) {
        return Files.exists(dir.resolve(version)) || withdrawn(version);
    }

    /** The version a release written at {@code now} gets by default: the day ({@code 2026-12-06}), then {@code .2}... */
    public String defaultVersion(Instant now) {
        String day = now.atZone(ZoneOffset.UTC).toLocalDate().toString();
        String version = day;
        for (int n = 2; taken(version); n++) {
            version = day + "." + n;
        }
        return version;
    }

    /**
     * Withdraws a published release: its folder is moved aside (kept, no longer served) and the reason recorded; its
     * version is never used again.
     */
    public void withdraw(String version, String reason) {
        Release release = require(version);
        try {
            Path aside = Files.createDirectories(dir.resolve(WITHDRAWN));
            Files.writeString(aside.resolve(version + ".txt"), reason + "\n", StandardCharsets.UTF_8);
            Files.move(release.folder(), aside.resolve(version), StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot withdraw release " + version + ": " + e.getMessage(), e);
        }
    }
}
