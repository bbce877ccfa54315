package org.partnershipatlas.cli;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.commons.io.FileUtils;

/**
 * The command line that runs the built {@code atlas.jar} in a process of its own, as the tests that kill it or fill its
 * disk need. Those tests start about forty such processes, and each spends its first seconds loading the same classes;
 * a class-data sharing archive (made once per build, by one load of the sample data) lets them map those classes
 * instead. If the archive cannot be made, the processes run without it.
 */
final class AtlasJar {
    private static Path archive;
    private static boolean tried;

    private AtlasJar() {}

    static Path jar() {
        return Path.of(System.getProperty("atlas.root"), "cli", "target", "atlas.jar");
    }

    /** {@code java [-XX:SharedArchiveFile=…] -jar atlas.jar args…} */
    static List<String> command(String... args) {
        List<String> command = new ArrayList<>();
        command.add(java());
        Path shared = archive();
        if (shared != null) {
            // The archive is made for this jar; a different one would only be refused with a warning in the output.
            command.add("-XX:SharedArchiveFile=" + shared);
            command.add("-Xlog:cds=off,cds+dynamic=off");
        }
        command.add("-jar");
        command.add(jar().toString());
        command.addAll(List.of(args));
        return command;
    }

    private static String java() {
        return ProcessHandle.current().info().command().orElse("java");
    }

    /** The archive for the jar as built now (named by its size and time), made on first use. */
    private static synchronized Path archive() {
        if (tried) {
            return archive;
        }
        tried = true;
        Path jar = jar();
        Path made;
        // Another test JVM (the tests run in two) may be making it: the second waits for the first, then uses it.
        try (FileChannel lockFile = FileChannel.open(
                jar.resolveSibling("atlas-cds.lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
            lockFile.lock(); // released when the channel closes
            made = jar.resolveSibling("atlas-" + Files.size(jar) + "-"
                    + Files.getLastModifiedTime(jar).toMillis() + ".jsa");
            if (!Files.exists(made)) {
                Path scratch = Files.createTempDirectory("atlas-cds");
                // Made under a name of its own, then moved into place: a JVM killed while making it leaves no half.
                Path making = jar.resolveSibling(
                        "atlas-cds-" + ProcessHandle.current().pid() + ".jsa");
                try {
                    Process p = new ProcessBuilder(
                                    java(),
                                    "-XX:ArchiveClassesAtExit=" + making,
                                    "-jar",
                                    jar.toString(),
                                    "load",
                                    "--store",
                                    scratch.resolve("tdb2").toString(),
                                    System.getProperty("atlas.data.dir"))
                            .redirectErrorStream(true)
                            .start();
                    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                    if (!p.waitFor(300, TimeUnit.SECONDS) || p.exitValue() != 0 || !Files.exists(making)) {
                        System.err.println("No class-data sharing archive for the atlas processes:\n" + output);
                        return null;
                    }
                    Files.move(making, made, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                } finally {
                    FileUtils.deleteQuietly(scratch.toFile());
                    Files.deleteIfExists(making);
                }
            }
            archive = made;
        } catch (IOException e) {
            System.err.println("No class-data sharing archive for the atlas processes: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return archive;
    }
}
