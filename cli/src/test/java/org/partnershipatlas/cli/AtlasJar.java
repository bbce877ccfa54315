package org.partnershipatlas.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The command line that runs the built {@code atlas.jar} in a process of its own, as the tests that kill it or fill its
 * disk need. (A class-data sharing archive for these processes was tried and measured: a sample load took 15 s with
 * and without it on an idle machine, so the processes' time is the load's work, not their start.)
 *
 * <p>The processes run with the client compiler only ({@link #QUICK_START}): a test's process lives for one load or
 * one short serve, too short for the optimising compiler to pay for itself, and on the two cores of CI its compiler
 * threads take CPU from everything else. Measured on a sample load: 42 s of CPU with both compilers, 17 s with the
 * client compiler only. The product itself runs with the JVM's defaults.
 */
final class AtlasJar {
    private AtlasJar() {}

    /** JVM options for a short-lived test process: the client (C1) compiler only. */
    static final String QUICK_START = "-XX:TieredStopAtLevel=1";

    static Path jar() {
        return Path.of(System.getProperty("atlas.root"), "cli", "target", "atlas.jar");
    }

    /** {@code java -jar atlas.jar args…} with the Java running the tests. */
    static List<String> command(String... args) {
        return command(List.of(), args);
    }

    /** {@code java jvmOptions… -jar atlas.jar args…} with the Java running the tests. */
    static List<String> command(List<String> jvmOptions, String... args) {
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        command.add(QUICK_START);
        command.addAll(jvmOptions);
        command.add("-jar");
        command.add(jar().toString());
        command.addAll(List.of(args));
        return command;
    }
}
