package org.partnershipatlas.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import org.partnershipatlas.endpoint.admin.AdminCredentials;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code atlas hash-password USER}: make a line for the admin credentials file (the password is read from stdin). */
@Command(
        name = "hash-password",
        mixinStandardHelpOptions = true,
        description = {
            "Print a line for the admin credentials file (serve --admin-credentials FILE).",
            "Reads the password from standard input, or asks for it on the terminal; only its salted hash is printed."
        })
final class HashPasswordCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "USER", description = "The admin's user name.")
    String user;

    @Override
    public Integer call() throws IOException {
        char[] password;
        if (System.console() != null) {
            password = System.console().readPassword("Password for %s: ", user);
        } else {
            String line = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
            password = line == null ? new char[0] : line.toCharArray();
        }
        if (password == null || password.length < 8) {
            spec.commandLine().getErr().println("error: use a password of at least 8 characters");
            return ExitCodes.USAGE;
        }
        spec.commandLine().getOut().println(AdminCredentials.hash(user, password));
        return ExitCodes.OK;
    }
}
