package org.partnershipatlas.gatekeeper;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.ObjectInputFilter;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.OutputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The gatekeeper's lexicon kept on disk, one file per data version ({@code lexicon-<format>-<version>.ser.gz} in a
 * folder beside the store), so that a server that starts again on the same data reads it instead of building it
 * (seconds at national scale, most of them reading the whole Atlas's names and purposes from cold pages). It is a
 * cache: a missing, unreadable or older-format file is built again, and a file that cannot be written (a full disk)
 * is left unwritten with a warning. Only the classes a lexicon is made of are read back.
 */
final class LexiconFile {
    private static final Logger LOG = LoggerFactory.getLogger(LexiconFile.class);

    /** Versions that can name a file (a store's version is 16 hex digits, or "empty"). */
    private static final Pattern VERSION = Pattern.compile("[A-Za-z0-9-]{1,64}");

    /** Room a write must leave on the disk: the store beside it needs it more than a cache does. */
    static final long RESERVE_BYTES = 256L << 20;

    private static final ObjectInputFilter ONLY_A_LEXICON = ObjectInputFilter.Config.createFilter(
            "maxdepth=20;java.lang.*;java.util.*;org.partnershipatlas.gatekeeper.Lexicon$*;!*");

    private final Path folder;

    LexiconFile(Path folder) {
        this.folder = folder;
    }

    /** The file of a version, or null if the version cannot name one. */
    Path path(Object version) {
        String v = String.valueOf(version);
        return VERSION.matcher(v).matches() ? folder.resolve(prefix() + v + ".ser.gz") : null;
    }

    private static String prefix() {
        return "lexicon-" + Lexicon.FORMAT + "-";
    }

    /** The lexicon state kept for a version, or null if there is none that can be read. */
    Lexicon.State read(Object version) {
        Path file = path(version);
        if (file == null || !Files.isRegularFile(file)) {
            return null;
        }
        try (InputStream in = new GZIPInputStream(new BufferedInputStream(Files.newInputStream(file), 1 << 16));
                ObjectInputStream objects = new ObjectInputStream(in)) {
            objects.setObjectInputFilter(ONLY_A_LEXICON);
            return (Lexicon.State) objects.readObject();
        } catch (IOException | ClassNotFoundException | ClassCastException | IllegalStateException e) {
            LOG.warn("The gatekeeper's lexicon kept in {} cannot be read ({}); building it again", file, e.toString());
            return null;
        }
    }

    /**
     * Keeps a lexicon state for a version, replacing the files of other versions; returns false (with a warning) if it
     * could not be written.
     */
    boolean write(Object version, Lexicon.State state) {
        Path file = path(version);
        if (file == null) {
            return false;
        }
        Path partial = null;
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream(1 << 20);
            try (OutputStream gz = new GZIPOutputStream(bytes, 1 << 16);
                    ObjectOutputStream out = new ObjectOutputStream(gz)) {
                out.writeObject(state);
            }
            // Nothing is made beside the store, not even the folder, unless the file is written.
            long usable = Files.getFileStore(existing(folder)).getUsableSpace();
            if (usable - bytes.size() < RESERVE_BYTES) {
                LOG.warn(
                        "The gatekeeper's lexicon ({} bytes) is not kept on disk: {} bytes free in {}, and {} must be"
                                + " left",
                        bytes.size(),
                        usable,
                        folder,
                        RESERVE_BYTES);
                return false;
            }
            Files.createDirectories(folder);
            partial = Files.createTempFile(folder, "lexicon-", ".partial");
            try (OutputStream out = Files.newOutputStream(partial)) {
                bytes.writeTo(out);
            }
            Files.move(partial, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            partial = null;
            removeOthers(file);
            return true;
        } catch (IOException | RuntimeException e) {
            LOG.warn("The gatekeeper's lexicon could not be kept in {}: {}", folder, e.toString());
            return false;
        } finally {
            if (partial != null) {
                try {
                    Files.deleteIfExists(partial);
                } catch (IOException ignored) {
                    // Left for the next write's clean-up of other files.
                }
            }
        }
    }

    /** The folder, or its nearest ancestor that exists. */
    private static Path existing(Path p) {
        Path at = p.toAbsolutePath();
        while (at.getParent() != null && !Files.exists(at)) {
            at = at.getParent();
        }
        return at;
    }

    /** Removes the files of other versions and formats, and partial files a stopped write left. */
    private void removeOthers(Path kept) throws IOException {
        try (DirectoryStream<Path> files = Files.newDirectoryStream(folder, "lexicon-*")) {
            for (Path f : files) {
                if (!f.equals(kept)) {
                    Files.deleteIfExists(f);
                }
            }
        }
    }
}
