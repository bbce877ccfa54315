package org.partnershipatlas.loaders.releases;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import org.partnershipatlas.loaders.dumps.DumpWriter;

/**
 * The changes from one release to another ({@code atlas diff A B}): as RDF Patch for programs, or for people
 * ({@link ChangeReport}). When A is the release B follows, B's own {@code changes.rdfp} is used; otherwise both
 * releases' sorted dumps are walked side by side ({@link ReleaseChanges}) into a patch in a temporary file. Either way
 * in bounded memory.
 *
 * <pre>
 *   new ReleaseDiff(archive, "2026-11", "2026-12").people(r -&gt; r.lines().forEach(System.out::println));
 * </pre>
 */
public final class ReleaseDiff {
    private final Release from;
    private final Release to;

    /** @throws ReleaseException if either version is not a published release (or was withdrawn) */
    public ReleaseDiff(ReleaseArchive archive, String from, String to) {
        this.from = archive.require(from);
        this.to = archive.require(to);
    }

    /** The patch from the one release to the other, written to {@code out}. */
    public void patch(Writer out) {
        withPatch(patch -> {
            try (Reader in = Files.newBufferedReader(patch, StandardCharsets.UTF_8)) {
                in.transferTo(out);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    /** The changes for people, resource by resource, labels looked up in both releases. */
    public void people(Consumer<ChangeReport.ResourceChanges> each) {
        withPatch(patch -> ChangeReport.read(
                patch, List.of(to.file(DumpWriter.ALL_QUADS), from.file(DumpWriter.ALL_QUADS)), each));
    }

    private void withPatch(Consumer<Path> use) {
        if (from.version().equals(to.previous())) {
            use.accept(to.patchFile());
            return;
        }
        Path patch = null;
        try {
            patch = Files.createTempFile("atlas-diff-", ".rdfp");
            ReleaseChanges.writePatch(
                    patch,
                    to.iri(),
                    from.iri(),
                    from.file(DumpWriter.ALL_QUADS),
                    to.file(DumpWriter.ALL_QUADS),
                    change -> {});
            use.accept(patch);
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "cannot compare release " + from.version() + " with " + to.version() + ": " + e.getMessage(), e);
        } finally {
            if (patch != null) {
                try {
                    Files.deleteIfExists(patch);
                } catch (IOException e) {
                    // A temporary file left behind is harmless; the answer stands.
                }
            }
        }
    }
}
