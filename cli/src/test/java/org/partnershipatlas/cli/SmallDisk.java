package org.partnershipatlas.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A small tmpfs file system mounted for one test, to fill up, grow, or remount read-only under the Atlas. Needs root
 * (CI runs as root on these machines): without it, {@link #mount} fails the test with a message that says so, never
 * a silent skip.
 *
 * <pre>
 *   try (SmallDisk disk = SmallDisk.mount(dir.resolve("disk"), "16m")) {
 *       disk.fillLeaving(2 << 20);      // 2 MiB free
 *       disk.resize("400m");            // room again, while files stay open
 *   }                                    // unmounted
 * </pre>
 */
final class SmallDisk implements AutoCloseable {
    private final Path dir;

    private SmallDisk(Path dir) {
        this.dir = dir;
    }

    /** Mounts a tmpfs of {@code size} ("16m") at {@code dir}, creating it. */
    static SmallDisk mount(Path dir, String size) throws IOException {
        String user = run("id", "-u").strip();
        if (!user.equals("0")) {
            throw new AssertionError("the storage-fault tests mount small tmpfs file systems and need root (user id "
                    + user + "); run them as root (CI does), e.g. sudo mvn verify");
        }
        Files.createDirectories(dir);
        run("mount", "-t", "tmpfs", "-o", "size=" + size, "tmpfs", dir.toString());
        return new SmallDisk(dir);
    }

    Path path() {
        return dir;
    }

    Path resolve(String name) {
        return dir.resolve(name);
    }

    /** Changes the size of the file system while files on it stay open. */
    void resize(String size) throws IOException {
        run("mount", "-o", "remount,size=" + size, dir.toString());
    }

    /** Remounts it read-only; fails (EBUSY) while a process holds a file on it open for writing. */
    void readOnly() throws IOException {
        run("mount", "-o", "remount,ro", dir.toString());
    }

    void readWrite() throws IOException {
        run("mount", "-o", "remount,rw", dir.toString());
    }

    /** Free bytes now. */
    long free() throws IOException {
        return Files.getFileStore(dir).getUsableSpace();
    }

    /** Writes a ballast file so that about {@code bytes} stay free. */
    void fillLeaving(long bytes) throws IOException {
        long ballast = free() - bytes;
        if (ballast > 0) {
            run(
                    "fallocate",
                    "-l",
                    Long.toString(ballast),
                    dir.resolve("ballast").toString());
        }
    }

    /** Removes the ballast. */
    void unfill() throws IOException {
        Files.deleteIfExists(dir.resolve("ballast"));
    }

    /**
     * Every file under the disk with its size and last-modified time, to show that nothing was touched; not the lock
     * files, which record the process that last opened the store.
     */
    List<String> listing() throws IOException {
        List<String> out = new ArrayList<>();
        try (var files = Files.walk(dir)) {
            for (Path p : files.sorted().toList()) {
                String name = p.getFileName().toString();
                if (name.equals("tdb.lock") || name.equals("write.lock")) {
                    continue;
                }
                out.add(dir.relativize(p)
                        + (Files.isRegularFile(p)
                                ? " " + Files.size(p) + " "
                                        + Files.getLastModifiedTime(p).toMillis()
                                : "/"));
            }
        }
        return out;
    }

    @Override
    public void close() throws IOException {
        try {
            run("umount", dir.toString());
        } catch (IOException e) {
            run("umount", "-l", dir.toString()); // something still holds a file; detach it now, free it later
        }
    }

    private static String run(String... command) throws IOException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        try {
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException(String.join(" ", command) + " did not finish within 60 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted: " + String.join(" ", command), e);
        }
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.exitValue() != 0) {
            throw new IOException(String.join(" ", command) + " failed (" + p.exitValue() + "): " + output.strip());
        }
        return output;
    }
}
