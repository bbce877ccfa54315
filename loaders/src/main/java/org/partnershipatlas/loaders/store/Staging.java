package org.partnershipatlas.loaders.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.apache.commons.io.FileUtils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The folders a writer fills before moving them into place (a release, the dumps, a release's event-stream pages),
 * named with the writing process's id, so that the ones a process left when it died (killed in the middle of a
 * release, stopped by a full disk) can be told from ones another process is writing now, and removed by the next
 * writer: a national release's staging folder holds hundreds of megabytes.
 *
 * <pre>
 *   Staging.removeAbandoned(releases, "");              // what dead writers left in releases/
 *   Path building = Staging.folder(releases, "");       // releases/.new-{pid}-{uuid}, not yet created
 * </pre>
 */
public final class Staging {
    private static final Logger LOG = LoggerFactory.getLogger(Staging.class);

    /** Marks a folder being written; {@link #OLD} one set aside while another takes its place. */
    static final String NEW = ".new-";

    static final String OLD = ".old-";

    private Staging() {}

    /** A new staging folder's path in {@code parent}: {@code {name}.new-{pid}-{uuid}} (not created). */
    public static Path folder(Path parent, String name) {
        return parent.resolve(name + NEW + ProcessHandle.current().pid() + "-" + UUID.randomUUID());
    }

    /** The path to set {@code folder} aside at while its replacement moves in: {@code {name}.old-{pid}-{uuid}}. */
    public static Path setAside(Path folder) {
        return folder.resolveSibling(
                folder.getFileName() + OLD + ProcessHandle.current().pid() + "-" + UUID.randomUUID());
    }

    /**
     * Removes the staging folders of {@code name} in {@code parent} whose process has ended, and returns them. A
     * folder set aside ({@link #setAside}) by a process that died before its replacement moved in is moved back to
     * {@code parent/name} instead, if nothing has taken that place.
     */
    public static List<Path> removeAbandoned(Path parent, String name) {
        List<Path> removed = new ArrayList<>();
        if (!Files.isDirectory(parent)) {
            return removed;
        }
        try (Stream<Path> entries = Files.list(parent)) {
            for (Path p : entries.sorted().toList()) {
                String file = p.getFileName().toString();
                boolean staged = file.startsWith(name + NEW);
                boolean setAside = file.startsWith(name + OLD);
                if (!(staged || setAside) || alive(file.substring(name.length() + NEW.length()))) {
                    continue;
                }
                Path place = parent.resolve(name);
                if (setAside && !name.isEmpty() && !Files.exists(place)) {
                    Files.move(p, place);
                    LOG.warn("Moved {} back to {}: the process that set it aside ended before replacing it", p, place);
                    continue;
                }
                long bytes = DiskSpace.sizeOf(p);
                FileUtils.deleteDirectory(p.toFile());
                LOG.warn("Removed {} ({} bytes), left by a process that ended while writing it", p, bytes);
                removed.add(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot tidy the unfinished writes in " + parent, e);
        }
        return removed;
    }

    /** Whether the process named at the start of {@code rest} ({@code {pid}-...}) runs; no id, no process. */
    private static boolean alive(String rest) {
        int dash = rest.indexOf('-');
        try {
            long pid = Long.parseLong(dash < 0 ? rest : rest.substring(0, dash));
            return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
