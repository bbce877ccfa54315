package org.partnershipatlas.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's first command, run as a user runs it: {@code ./atlas serve} on a fresh store loads the sample data
 * through the shaded jar and answers the README's query over HTTP (SPARQL JSON results, which a badly shaded jar
 * cannot produce). While it serves, a second {@code atlas load} on the same store fails cleanly.
 */
class QuickstartIT {
    static final String README_QUERY = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }";
    static final Pattern ENDPOINT = Pattern.compile("SPARQL endpoint: +(http://\\S+)");

    @TempDir
    Path dir;

    static Path root() {
        return Path.of(System.getProperty("atlas.root"));
    }

    /** Waits until the process's output (in a file) shows the endpoint URL, and returns it. */
    static String awaitEndpoint(Process process, Path output) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (System.nanoTime() < deadline) {
            Matcher m = ENDPOINT.matcher(Files.readString(output));
            if (m.find()) {
                return m.group(1);
            }
            assertThat(process.isAlive())
                    .as("atlas serve exited early:%n%s", Files.readString(output))
                    .isTrue();
            Thread.sleep(100);
        }
        throw new AssertionError("No endpoint URL within 120 s:\n" + Files.readString(output));
    }

    @Test
    @Timeout(value = 240, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void atlasServeOnAFreshStoreAnswersTheReadmeQuery() throws Exception {
        Path store = dir.resolve("tdb2");
        Path serveOutput = dir.resolve("serve.out");
        long started = System.nanoTime();
        Process serve = new ProcessBuilder(
                        root().resolve("atlas").toString(), "serve", "--store", store.toString(), "--port", "0")
                .redirectErrorStream(true)
                .redirectOutput(serveOutput.toFile())
                .start();
        try {
            String endpoint = awaitEndpoint(serve, serveOutput);
            HttpResponse<String> response = HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(URI.create(endpoint + "?query="
                                            + URLEncoder.encode(README_QUERY, StandardCharsets.UTF_8)))
                                    .header("Accept", "application/sparql-results+json")
                                    .timeout(Duration.ofSeconds(30))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
            Duration firstAnswer = Duration.ofNanos(System.nanoTime() - started);
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.headers().firstValue("Content-Type").orElseThrow())
                    .startsWith("application/sparql-results+json");
            Matcher n = Pattern.compile("\"value\" *: *\"(\\d+)\"").matcher(response.body());
            assertThat(n.find()).as(response.body()).isTrue();
            assertThat(Long.parseLong(n.group(1))).isGreaterThan(10_000);
            assertThat(Files.readString(serveOutput))
                    .contains("loading the sample data")
                    .contains("Home page:");
            System.out.printf(
                    "Cold ./atlas serve: first answer after %d ms; %s triples%n", firstAnswer.toMillis(), n.group(1));
            Files.writeString(
                    Path.of("target", "quickstart-timing.txt"),
                    "cold-serve-first-answer-ms=" + firstAnswer.toMillis() + "\ntriples=" + n.group(1) + "\n");

            Path loadOutput = dir.resolve("load.out");
            Process load = new ProcessBuilder(
                            root().resolve("atlas").toString(),
                            "load",
                            "--store",
                            store.toString(),
                            root().resolve("data").resolve("localities.csv").toString())
                    .redirectErrorStream(true)
                    .redirectOutput(loadOutput.toFile())
                    .start();
            assertThat(load.waitFor(120, TimeUnit.SECONDS)).isTrue();
            assertThat(load.exitValue()).as(Files.readString(loadOutput)).isEqualTo(ExitCodes.FAILURE);
            assertThat(Files.readString(loadOutput))
                    .contains("cannot open the store")
                    .contains("another atlas process");
        } finally {
            serve.destroy();
            if (!serve.waitFor(30, TimeUnit.SECONDS)) {
                serve.destroyForcibly();
                throw new AssertionError("atlas serve did not stop on SIGTERM within 30 s");
            }
        }
    }
}
