package org.partnershipatlas.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The command line that runs the built {@code atlas.jar} in a process of its own, as the tests that kill it or fill its
 * disk need. (A class-data sharing archive for these processes was tried and measured: a sample load took 15 s with
 * and without it on an idle machine, so the processes' time is the load's work, not their start.)
 */
final class AtlasJar {
    private AtlasJar() {}

    static Path jar() {
        return Path.of(System.getProperty("atlas.root"), "cli", "target", "atlas.jar");
    }

    /** {@code java -jar atlas.jar args…} with the Java running the tests. */
    static List<String> command(String... args) {
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        command.add("-jar");
        command.add(jar().toString());
        command.addAll(List.of(args));
        return command;
    }
}
