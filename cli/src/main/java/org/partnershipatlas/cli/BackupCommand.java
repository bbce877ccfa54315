package org.partnershipatlas.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Base64;
import java.util.concurrent.Callable;
import org.apache.jena.atlas.json.JSON;
import org.apache.jena.atlas.json.JsonObject;
import org.partnershipatlas.loaders.backup.BackupException;
import org.partnershipatlas.loaders.backup.Backups;
import org.partnershipatlas.loaders.store.AtlasStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code atlas backup}: a checksummed N-Quads snapshot of the whole store, from the store or a running server. */
@Command(
        name = "backup",
        mixinStandardHelpOptions = true,
        description = {
            "Write a backup of the whole store (every graph, as gzipped N-Quads) with its SHA-256 beside it.",
            "With --server, a running Atlas takes the backup while it goes on serving, and it is downloaded here;",
            "the password is read from --password-file, or the environment variable ATLAS_ADMIN_PASSWORD, or asked for.",
            "Without --server the store must not be in use. Restore with 'atlas restore FILE'."
        })
final class BackupCommand implements Callable<Integer> {
    static final String PASSWORD_ENV = "ATLAS_ADMIN_PASSWORD";

    @Spec
    CommandSpec spec;

    @Mixin
    StoreOptions storeOptions;

    @Option(
            names = "--out",
            paramLabel = "DIR",
            description = "Where to write the backup (default: backups/ beside the store).")
    Path out;

    @Option(
            names = "--server",
            paramLabel = "URL",
            description = "A running Atlas to back up online, e.g. https://atlas.example.org/ (use https).")
    URI server;

    @Option(names = "--user", paramLabel = "NAME", description = "The admin's name, with --server.")
    String user;

    @Option(
            names = "--password-file",
            paramLabel = "FILE",
            description = "A file holding the admin's password (first line), for scripts; otherwise"
                    + " ATLAS_ADMIN_PASSWORD, otherwise asked.")
    Path passwordFile;

    @Override
    public Integer call() throws IOException, InterruptedException {
        PrintWriter stdout = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Path dir = out != null ? out : storeOptions.backups();
        if (server != null) {
            return online(dir, stdout, err);
        }
        if (!AtlasStore.exists(storeOptions.store)) {
            err.println("error: there is no store at " + storeOptions.store);
            return ExitCodes.INPUT_ERROR;
        }
        try (AtlasStore store = storeOptions.open()) {
            Backups.Backup b = Backups.write(store, dir);
            stdout.printf(
                    "Backed up %d quads to %s (%d bytes, sha256 %s)%n", b.quads(), b.file(), b.bytes(), b.sha256());
            return ExitCodes.OK;
        }
    }

    private int online(Path dir, PrintWriter stdout, PrintWriter err) throws IOException, InterruptedException {
        if (user == null) {
            err.println("error: --server needs --user (an admin of that server)");
            return ExitCodes.USAGE;
        }
        char[] password = passwordFile != null
                ? Files.readAllLines(passwordFile, StandardCharsets.UTF_8)
                        .get(0)
                        .toCharArray()
                : password();
        if (password == null) {
            err.println("error: no password: set " + PASSWORD_ENV + " or run in a terminal");
            return ExitCodes.USAGE;
        }
        String auth = "Basic "
                + Base64.getEncoder()
                        .encodeToString((user + ":" + new String(password)).getBytes(StandardCharsets.UTF_8));
        URI base = server.toString().endsWith("/") ? server : URI.create(server + "/");
        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<String> made = http.send(
                HttpRequest.newBuilder(base.resolve("admin/backup"))
                        .header("Authorization", auth)
                        .POST(HttpRequest.BodyPublishers.noBody())
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        if (made.statusCode() != 201) {
            err.println("error: the server answered " + made.statusCode() + ": "
                    + made.body().strip());
            return ExitCodes.FAILURE;
        }
        JsonObject answer = JSON.parse(made.body());
        String name = answer.getString("file");
        Files.createDirectories(dir);
        for (String file : new String[] {name, name + Backups.CHECKSUM_SUFFIX}) {
            Path partial = dir.resolve("." + file + ".download");
            HttpResponse<Path> got = http.send(
                    HttpRequest.newBuilder(base.resolve("admin/backups/" + file))
                            .header("Authorization", auth)
                            .build(),
                    HttpResponse.BodyHandlers.ofFile(partial));
            if (got.statusCode() != 200) {
                Files.deleteIfExists(partial);
                err.println("error: fetching " + file + " answered " + got.statusCode());
                return ExitCodes.FAILURE;
            }
            Files.move(partial, dir.resolve(file), StandardCopyOption.REPLACE_EXISTING);
        }
        Path local = dir.resolve(name);
        try {
            String sha256 = Backups.verify(local);
            stdout.printf(
                    "Backed up %d quads from %s to %s (%d bytes, sha256 %s, checked)%n",
                    answer.get("quads").getAsNumber().value().longValue(), base, local, Files.size(local), sha256);
            return ExitCodes.OK;
        } catch (BackupException e) {
            err.println("error: " + e.getMessage());
            return ExitCodes.FAILURE;
        }
    }

    private static char[] password() {
        String env = System.getenv(PASSWORD_ENV);
        if (env != null && !env.isEmpty()) {
            return env.toCharArray();
        }
        return System.console() == null ? null : System.console().readPassword("Password for the admin: ");
    }
}
