package org.partnershipatlas.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import picocli.CommandLine;

/**
 * The {@code atlas} command run in process, as the ITs run it: its exit code and what it printed.
 *
 * <pre>
 *   CliResult load = CliResult.atlas("load", "--store", store, data);
 *   assertThat(load.exit()).as(load.err()).isZero();
 * </pre>
 */
record CliResult(int exit, String out, String err) {
    static CliResult atlas(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cmd = AtlasCli.commandLine();
        cmd.setOut(new PrintWriter(out, true));
        cmd.setErr(new PrintWriter(err, true));
        int exit = cmd.execute(args);
        return new CliResult(exit, out.toString(), err.toString());
    }
}
