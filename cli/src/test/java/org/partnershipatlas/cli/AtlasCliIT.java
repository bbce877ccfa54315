package org.partnershipatlas.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.partnershipatlas.cli.CliResult.atlas;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.jena.atlas.json.JSON;
import org.apache.jena.atlas.json.JsonObject;
import org.apache.jena.sparql.util.FmtUtils;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.partnershipatlas.endpoint.AtlasServer;
import org.partnershipatlas.endpoint.StoreCopy;
import org.partnershipatlas.loaders.store.AtlasStore;

/** The atlas command in process: what it prints and the exit code it returns, on the sample data and on bad input. */
class AtlasCliIT {
    @TempDir
    Path dir;

    static Path data() {
        return Path.of(System.getProperty("atlas.data.dir"));
    }

    String store() {
        return dir.resolve("tdb2").toString();
    }

    /** The sample data, loaded once by the command for the tests that start from it; each takes a copy. */
    @TempDir
    static Path shared;

    static Path sample;

    @BeforeAll
    static void loadTheSampleDataOnce() {
        sample = shared.resolve("sample/tdb2");
        CliResult load = atlas("load", "--no-dumps", "--store", sample.toString(), data().toString());
        assertThat(load.exit()).as(load.err()).isZero();
    }

    /** A copy of the loaded sample data at {@link #store()}. */
    void sampleStore() {
        copySample(Path.of(store()));
    }

    /** A copy of the loaded sample data at {@code to}. */
    static void copySample(Path to) {
        try {
            StoreCopy.of(sample, to);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    List<String> snapshot() {
        try (AtlasStore store = AtlasStore.open(dir.resolve("tdb2"))) {
            return store.read(
                    dsg -> dsg.stream().map(FmtUtils::stringForQuad).sorted().toList());
        }
    }

    @Test
    void helpListsTheSubcommands() {
        CliResult r = atlas("--help");
        assertThat(r.exit()).isZero();
        assertThat(r.out()).contains("load").contains("serve").contains("query");
    }

    @Test
    void releaseAroundAChangeThenDiffTheReleases() throws Exception {
        sampleStore();
        CliResult one = atlas("release", "--store", store(), "--version", "1");
        assertThat(one.exit()).as(one.err()).isZero();
        Path extra = dir.resolve("extra.memberships.csv");
        Files.writeString(
                extra,
                "partnership,member,role,start_date,end_date,source,illustrative\n"
                        + "newham-dat,newham-faith-forum,member,2002-05,,,true\n");
        assertThat(atlas("load", "--no-dumps", "--store", store(), extra.toString())
                        .exit())
                .isZero();
        assertThat(atlas("release", "--store", store(), "--version", "2").exit())
                .isZero();

        CliResult words = atlas("diff", "--store", store(), "1", "2");
        assertThat(words.exit()).as(words.err()).isZero();
        assertThat(words.out()).contains("Newham Drug Action Team: member added — Newham Faith Forum (Member)");
        CliResult patch = atlas("diff", "--store", store(), "--format", "patch", "1", "2");
        assertThat(patch.exit()).isZero();
        assertThat(patch.out())
                .isEqualTo(Files.readString(dir.resolve("releases").resolve("2").resolve("changes.rdfp")));

        CliResult unknown = atlas("diff", "--store", store(), "1", "9");
        assertThat(unknown.exit()).isEqualTo(ExitCodes.INPUT_ERROR);
        assertThat(unknown.err()).contains("no release 9");
        assertThat(atlas("diff", "--store", store(), "--format", "xml", "1", "2")
                        .exit())
                .isEqualTo(ExitCodes.USAGE);
        assertThat(atlas("release", "--store", store(), "--version", "latest").exit())
                .isEqualTo(ExitCodes.INPUT_ERROR);
    }

    @Test
    void loadTheSampleDataThenQueryIt() {
        CliResult load = atlas("load", "--store", store(), data().toString());
        assertThat(load.exit()).as(load.err()).isEqualTo(ExitCodes.OK);
        assertThat(load.out()).contains("partnerships.csv").containsPattern("Loaded \\d+ sources");
        // Every successful load writes a new release beside the store.
        assertThat(dir.resolve("dumps").resolve("SHA256SUMS")).exists();
        assertThat(dir.resolve("dumps").resolve("atlas.nq.gz")).exists();
        CliResult dump = atlas(
                "dump", "--store", store(), "--dumps", dir.resolve("elsewhere").toString());
        assertThat(dump.exit()).as(dump.err()).isZero();
        assertThat(dump.out()).contains("atlas.nq.gz").contains("void.ttl");
        assertThat(dir.resolve("elsewhere").resolve("manifest.tsv")).exists();

        CliResult list = atlas("query", "--store", store());
        assertThat(list.exit()).isZero();
        assertThat(list.out()).contains("partnerships-per-locality");

        CliResult run = atlas("query", "--store", store(), "partnerships-per-locality");
        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out()).contains("Newham").contains("E09000025");

        CliResult csv = atlas(
                "query",
                "--store",
                store(),
                "--format",
                "csv",
                "--sparql",
                "SELECT (COUNT(*) AS ?n) WHERE { ?l a <https://w3id.org/partnership-atlas/def#Locality> }");
        assertThat(csv.exit()).isZero();
        assertThat(csv.out().lines().toList()).hasSize(2).first().isEqualTo("n");
    }

    @Test
    void namedQueryWithParametersLocallyAndAgainstARunningAtlas() {
        sampleStore();
        CliResult local = atlas(
                "query",
                "--store",
                store(),
                "busiest-organisations-in-locality",
                "--param",
                "locality=id/locality/newham",
                "--format",
                "csv");
        assertThat(local.exit()).as(local.err()).isZero();
        assertThat(local.out().lines().findFirst().orElseThrow()).isEqualTo("organisation,name,partnerships,roles");
        assertThat(local.out()).contains("London Borough of Newham");

        CliResult missing = atlas("query", "--store", store(), "partnership-map");
        assertThat(missing.exit()).isEqualTo(ExitCodes.USAGE);
        assertThat(missing.err()).contains("'locality'").contains("required");

        CliResult wrongFormat = atlas(
                "query",
                "--store",
                store(),
                "partnership-map",
                "-p",
                "locality=id/locality/newham",
                "--format",
                "turtle");
        assertThat(wrongFormat.exit()).isEqualTo(ExitCodes.USAGE);

        // The same store served (the commands above have closed it): the remote answer must be the local one.
        try (ServedAtlas served = ServedAtlas.open(dir.resolve("tdb2"), b -> b)) {
            AtlasServer server = served.server();
            CliResult remote = atlas(
                    "query",
                    "--endpoint",
                    server.sparqlUrl(),
                    "busiest-organisations-in-locality",
                    "--param",
                    "locality=id/locality/newham",
                    "--format",
                    "csv");
            assertThat(remote.exit()).as(remote.err()).isZero();
            assertThat(remote.out()).isEqualTo(local.out());
            CliResult graph = atlas(
                    "query",
                    "--endpoint",
                    server.sparqlUrl(),
                    "describe-resource",
                    "-p",
                    "resource=id/locality/newham");
            assertThat(graph.exit()).as(graph.err()).isZero();
            assertThat(graph.out()).contains("E09000025");
        }
    }

    /** The body of the API's answer to a proposal, after checking its status. */
    static String postProposal(AtlasServer server, String proposal, int status) throws IOException {
        try {
            HttpResponse<String> response = HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(URI.create(server.url() + "api/proposals/check"))
                                    .header("Content-Type", "application/json")
                                    .header("Accept", "application/json")
                                    .POST(HttpRequest.BodyPublishers.ofString(proposal, StandardCharsets.UTF_8))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
            return response.body();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }

    @Test
    void checkAProposalAndReportOnALocality() throws IOException {
        sampleStore();
        Path proposal = dir.resolve("proposal.json");
        Files.writeString(proposal, """
                {"title": "Newham Community Safety Partnership",
                 "purpose": "Audit crime and disorder every three years and cut burglary, car crime and nuisance.",
                 "localities": ["Newham"], "domains": ["volume-crime", "Nuisance"],
                 "members": ["newham-council", "Metropolitan Police Service", "Metropolitan Police Authority",
                             "london-probation-area", "newham-tenants-federation"]}
                """);
        CliResult text = atlas("check-proposal", "--store", store(), proposal.toString());
        assertThat(text.exit()).as(text.err()).isZero();
        assertThat(text.out())
                .contains("Recommendation: Join or extend Newham Crime and Disorder Reduction Partnership")
                .contains("Consult: Newham Local Strategic Partnership");
        CliResult json = atlas("check-proposal", "--store", store(), "--format", "json", proposal.toString());
        assertThat(json.out()).contains("\"recommendation\" : \"join\"");
        String good = Files.readString(proposal);
        Path misspelt = dir.resolve("misspelt.json");
        Files.writeString(misspelt, """
                {"title": "Newham Safety Group", "localities": ["Newhamm"], "domains": ["Volume crme"],
                 "members": ["Metropolitan Police", "newham-council"]}
                """);
        CliResult cliError = atlas("check-proposal", "--store", store(), misspelt.toString());
        assertThat(cliError.exit()).isEqualTo(ExitCodes.INPUT_ERROR);
        // The CLI and the API give the same answer and the same errors for the same proposal (the form and the API:
        // GatekeeperIT).
        try (ServedAtlas served = ServedAtlas.open(dir.resolve("tdb2"), b -> b)) {
            JsonObject api = JSON.parse(postProposal(served.server(), good, 200));
            JsonObject cli = JSON.parse(json.out());
            assertThat(api.get("recommendation")).isEqualTo(cli.get("recommendation"));
            assertThat(api.get("overlaps")).isEqualTo(cli.get("overlaps"));
            assertThat(api.get("resolved")).isEqualTo(cli.get("resolved"));
            JsonObject apiError = JSON.parse(postProposal(served.server(), Files.readString(misspelt), 400));
            assertThat(apiError.get("problems").getAsArray()).hasSize(3);
            assertThat(cliError.err())
                    .contains(apiError.get("error").getAsString().value())
                    .contains("localities:")
                    .contains("domains:")
                    .contains("members:");
        }

        Files.writeString(
                proposal,
                "{\"title\": \"X\", \"purpose\": \"Y\", \"localities\": [\"atlantis\"], \"domains\": [\"volume-crime\"]}");
        CliResult bad = atlas("check-proposal", "--store", store(), proposal.toString());
        assertThat(bad.exit()).isEqualTo(ExitCodes.INPUT_ERROR);
        assertThat(bad.err()).contains("atlantis");

        // One encoding rule on every path: a proposal saved in Windows-1252 is refused with the byte offset.
        Files.write(
                proposal,
                "{\"title\": \"Caf\u00e9 Forum\"}".getBytes(java.nio.charset.Charset.forName("windows-1252")));
        CliResult cp1252 = atlas("check-proposal", "--store", store(), proposal.toString());
        assertThat(cp1252.exit()).isEqualTo(ExitCodes.INPUT_ERROR);
        assertThat(cp1252.err()).contains("not UTF-8").contains("offset 14");

        CliResult report = atlas("report", "--store", store(), "newham");
        assertThat(report.exit()).as(report.err()).isZero();
        assertThat(report.out())
                .contains("Rationalisation report: Newham")
                .contains("Candidates for merging")
                .contains("London Borough of Newham");
        CliResult csv = atlas("report", "--store", store(), "--format", "csv", "newham");
        assertThat(csv.out().lines().findFirst().orElseThrow()).startsWith("a,a_label,b,b_label,score");
        assertThat(atlas("report", "--store", store(), "atlantis").exit()).isEqualTo(ExitCodes.INPUT_ERROR);
    }

    @Test
    void badRecordExits4NamesThePlaceAndChangesNothing() throws IOException {
        sampleStore();
        List<String> before = snapshot();
        Path bad = dir.resolve("more.localities.csv");
        Files.writeString(bad, "id,name,gss_code,authority_type,source\nnarnia,Narnia,E0900X,london-borough,\n");

        CliResult r = atlas("load", "--store", store(), bad.toString());

        assertThat(r.exit()).isEqualTo(ExitCodes.INPUT_ERROR);
        assertThat(r.err())
                .contains("more.localities.csv")
                .contains("line 2")
                .contains("gss_code")
                .contains("Nothing was loaded");
        assertThat(snapshot()).isEqualTo(before);
    }

    @Test
    void nonConformingDataExits3AndChangesNothing() throws IOException {
        sampleStore();
        List<String> before = snapshot();
        Path bad = dir.resolve("more.memberships.csv");
        Files.writeString(bad, "partnership,member,role,illustrative\nnewham-cdrp,no-such-body,member,true\n");

        CliResult r = atlas("load", "--store", store(), bad.toString());

        assertThat(r.exit()).isEqualTo(ExitCodes.NOT_CONFORMING);
        assertThat(r.err())
                .contains("does not conform")
                .contains("line 2")
                .contains("member")
                .contains("no-such-body");
        assertThat(snapshot()).isEqualTo(before);
    }

    @Test
    void usageErrors() {
        assertThat(atlas("load").exit()).isEqualTo(ExitCodes.USAGE);
        assertThat(atlas("frobnicate").exit()).isEqualTo(ExitCodes.USAGE);
        assertThat(atlas("query", "--store", store(), "no-such-query").exit()).isEqualTo(ExitCodes.USAGE);
        CliResult parse = atlas("query", "--store", store(), "--sparql", "SELEKT");
        assertThat(parse.exit()).isEqualTo(ExitCodes.INPUT_ERROR);
        assertThat(parse.err()).contains("does not parse");
    }

    @Test
    void serveWithoutStoreOrDataSaysWhatToDo() {
        CliResult r = atlas(
                "serve",
                "--store",
                store(),
                "--port",
                "0",
                "--data",
                dir.resolve("nothing").toString());
        assertThat(r.exit()).isEqualTo(ExitCodes.INPUT_ERROR);
        assertThat(r.err()).contains("--data");
    }

    @Test
    void backupOnlineFromARunningServerThenRestoreIt() throws Exception {
        assertThat(atlas("load", "--store", store(), data().toString()).exit()).isZero();
        Path admins = dir.resolve("admins");
        java.nio.file.Files.writeString(
                admins,
                org.partnershipatlas.endpoint.admin.AdminCredentials.hash("admin", "s3cret pass".toCharArray()) + "\n");
        Path passwordFile = dir.resolve("password");
        java.nio.file.Files.writeString(passwordFile, "s3cret pass\n");
        Path backups = dir.resolve("my-backups");
        List<String> original;
        try (ServedAtlas served = ServedAtlas.open(
                dir.resolve("tdb2"),
                b -> b.admins(org.partnershipatlas.endpoint.admin.AdminCredentials.read(admins))
                        .backups(dir.resolve("server-backups")))) {
            original = served.store()
                    .read(dsg ->
                            dsg.stream().map(FmtUtils::stringForQuad).sorted().toList());
            AtlasServer server = served.server();
            CliResult wrong = atlas(
                    "backup",
                    "--server",
                    server.url(),
                    "--user",
                    "admin",
                    "--password-file",
                    dir.resolve("admins").toString(),
                    "--out",
                    backups.toString());
            assertThat(wrong.exit()).isEqualTo(ExitCodes.FAILURE);
            assertThat(wrong.err()).contains("401");
            CliResult online = atlas(
                    "backup",
                    "--server",
                    server.url(),
                    "--user",
                    "admin",
                    "--password-file",
                    passwordFile.toString(),
                    "--out",
                    backups.toString());
            assertThat(online.exit()).as(online.err()).isZero();
            assertThat(online.out()).contains("checked").contains(Long.toString(original.size()) + " quads");
        }
        Path file;
        try (var files = java.nio.file.Files.list(backups)) {
            file = files.filter(p -> p.toString().endsWith(".nq.gz"))
                    .findFirst()
                    .orElseThrow();
        }
        Path restored = dir.resolve("restored");
        CliResult restore = atlas("restore", "--store", restored.toString(), file.toString());
        assertThat(restore.exit()).as(restore.err()).isZero();
        try (AtlasStore store = AtlasStore.open(restored);
                AtlasStore before = AtlasStore.open(dir.resolve("tdb2"))) {
            long quads = store.read(dsg -> dsg.stream().count());
            assertThat(quads).isEqualTo(original.size());
            store.read(dsg -> before.read(expected -> {
                expected.listGraphNodes()
                        .forEachRemaining(g -> assertThat(
                                        // The change log's head: the restored store's is the restore's snapshot entry.
                                        g.equals(org.partnershipatlas.ontology.AtlasIris.CHANGE_LOG_GRAPH)
                                                || org.apache.jena.sparql.util.IsoMatcher.isomorphic(
                                                        expected.getGraph(g), dsg.getGraph(g)))
                                .as("graph %s", g)
                                .isTrue());
                return null;
            }));
            assertThat(store.changeLog().last().orElseThrow().snapshot()).isPresent();
        }
        assertThat(restore.out()).contains("Wrote release ");
        // A damaged backup is refused, naming the problem.
        java.nio.file.Files.writeString(file, "not a backup");
        CliResult damaged = atlas("restore", "--store", restored.toString(), file.toString());
        assertThat(damaged.exit()).isEqualTo(ExitCodes.INPUT_ERROR);
        assertThat(damaged.err()).contains("does not match its checksum");
    }

    @Test
    void offlineBackupNeedsTheStoreFree() {
        sampleStore();
        CliResult backup =
                atlas("backup", "--store", store(), "--out", dir.resolve("b").toString());
        assertThat(backup.exit()).as(backup.err()).isZero();
        assertThat(backup.out()).contains("Backed up").contains(".nq.gz");
    }

    @Test
    void linkWritesALinksetAReviewFileAndRefusesAnEndpointNotAllowed() throws IOException {
        sampleStore();
        Path register = dir.resolve("register.ttl");
        Files.writeString(register, """
                @prefix schema: <https://schema.org/> .
                <https://charities.example.org/1001> a schema:Organization ; schema:name "HACKNEY C.V.S." .
                <https://charities.example.org/1002> a schema:Organization ;
                    schema:name "Newham Citizens' Advice Bureau" .
                <https://charities.example.org/1003> a schema:Organization ; schema:name "Newham Lions Club" .
                """);
        Path spec = dir.resolve("charities.json");
        Files.writeString(spec, """
                {"name": "charities", "title": "Organisations to an example charity register",
                 "atlasClass": "org:FormalOrganization", "atlasLabels": ["skos:prefLabel", "skos:altLabel"],
                 "target": {"file": "register.ttl"}, "targetDataset": "https://charities.example.org/",
                 "targetClass": "schema:Organization", "targetLabels": ["schema:name"],
                 "linkPredicate": "owl:sameAs", "accept": 0.9, "review": 0.5, "reviewFile": "review.tsv"}
                """);
        CliResult link = atlas("link", "--store", store(), "--spec", spec.toString());
        assertThat(link.exit()).as(link.err()).isZero();
        assertThat(link.out()).contains("Links (confidence >= 0.90): 2,").contains("graph/linkset-charities");
        String linked = "SELECT ?o ?c WHERE { GRAPH <https://w3id.org/partnership-atlas/graph/linkset-charities> {"
                + " ?o <http://www.w3.org/2002/07/owl#sameAs> ?c } } ORDER BY ?c";
        CliResult rows = atlas("query", "--store", store(), "--format", "csv", "--sparql", linked);
        assertThat(rows.exit()).as(rows.err()).isZero();
        assertThat(rows.out().lines().skip(1))
                .containsExactly(
                        "https://w3id.org/partnership-atlas/id/organisation/hackney-cvs,"
                                + "https://charities.example.org/1001",
                        "https://w3id.org/partnership-atlas/id/organisation/newham-cab,"
                                + "https://charities.example.org/1002");
        assertThat(dir.resolve("review.tsv")).exists();
        // A rerun is idempotent.
        assertThat(atlas("link", "--store", store(), "--spec", spec.toString()).out())
                .contains("Links (confidence >= 0.90): 2,");
        assertThat(atlas("query", "--store", store(), "--format", "csv", "--sparql", linked)
                        .out())
                .isEqualTo(rows.out());

        // An endpoint target is read only from an allowed host.
        Path remote = dir.resolve("remote.json");
        Files.writeString(
                remote,
                Files.readString(spec)
                        .replace("{\"file\": \"register.ttl\"}", "{\"endpoint\": \"http://127.0.0.1:9/sparql\"}"));
        CliResult refused = atlas("link", "--store", store(), "--spec", remote.toString());
        assertThat(refused.exit()).isEqualTo(ExitCodes.INPUT_ERROR);
        assertThat(refused.err()).contains("127.0.0.1:9/sparql").contains("--allow-service");
        CliResult unreachable =
                atlas("link", "--store", store(), "--spec", remote.toString(), "--allow-service", "127.0.0.1:9");
        assertThat(unreachable.exit()).isEqualTo(ExitCodes.INPUT_ERROR);
        assertThat(unreachable.err()).contains("target endpoint").contains("failed");
    }

    @Test
    void logAndReplayGoThroughABulkLoadsSnapshot() throws IOException {
        CliResult bulk = atlas("load", "--loader", "basic", "--no-dumps", "--store", store(), data().toString());
        assertThat(bulk.exit()).as(bulk.err()).isZero();
        assertThat(bulk.out()).containsPattern("Wrote release \\S+ of the new store");
        Path extra = dir.resolve("extra.memberships.csv");
        Files.writeString(
                extra,
                "partnership,member,role,start_date,end_date,source,illustrative\n"
                        + "newham-dat,newham-faith-forum,member,2002-05,,,true\n");
        CliResult load = atlas("load", "--no-dumps", "--release", "--store", store(), extra.toString());
        assertThat(load.exit()).as(load.err()).isZero();
        assertThat(load.out()).containsPattern("Wrote release \\S+ to ");
        try (var releases = Files.list(dir.resolve("releases"))) {
            // One folder per version; the event stream's pages live in the hidden .ldes folder beside them.
            assertThat(releases.filter(Files::isDirectory)
                            .filter(p -> !p.getFileName().toString().startsWith("."))
                            .count())
                    .isEqualTo(2);
        }

        CliResult log = atlas("log", "--store", store());
        assertThat(log.exit()).as(log.err()).isZero();
        String snapshotLine = log.out()
                .lines()
                .filter(l -> l.contains("snapshot"))
                .findFirst()
                .orElseThrow();
        String version = snapshotLine.replaceAll(".*release (\\S+), atlas.nq.gz SHA-256 .*", "$1");
        assertThat(snapshotLine).contains("the bulk load").containsPattern("SHA-256 [0-9a-f]{64}");
        assertThat(log.out().lines().count()).isEqualTo(3); // the heading, the snapshot, the load

        CliResult replay = atlas("replay", "--store", store());
        assertThat(replay.exit()).as(replay.out() + replay.err()).isZero();
        assertThat(replay.out())
                .contains("Started from the snapshot")
                .contains("release " + version)
                .contains("Applied 1 patches")
                .contains("The replayed data equals the store.");

        // A release that no longer matches its entry stops the replay.
        Path quads = dir.resolve("releases").resolve(version).resolve("atlas.nq.gz");
        Files.write(quads, new byte[] {0x1f, (byte) 0x8b});
        CliResult damaged = atlas("replay", "--store", store());
        assertThat(damaged.exit()).isEqualTo(ExitCodes.INPUT_ERROR);
        assertThat(damaged.err()).contains("release " + version + " does not match the change log entry");
    }

    @Test
    void bulkLoadGivesTheSameAnswersAndIsQuietOffATerminal() {
        CliResult bulk = atlas("load", "--loader", "parallel", "--store", store(), data().toString());
        assertThat(bulk.exit()).as(bulk.err()).isZero();
        assertThat(bulk.out()).containsPattern("Loaded \\d+ sources");
        // No progress bar when the output is not a terminal (as here).
        assertThat(bulk.err()).doesNotContain("\r").doesNotContain("Reading");
        // The transactional loader's store of the same data: the class's one load of it.
        String other = dir.resolve("other").toString();
        copySample(Path.of(other));
        for (String query : List.of("partnerships-per-locality", "proliferation-by-domain")) {
            CliResult a = atlas("query", "--store", store(), "--format", "csv", query);
            CliResult b = atlas("query", "--store", other, "--format", "csv", query);
            assertThat(a.exit()).as(a.err()).isZero();
            assertThat(a.out()).isEqualTo(b.out()).contains("Newham");
        }
        CliResult bad = atlas("load", "--loader", "fastest", "--store", store(), data().toString());
        assertThat(bad.exit()).isEqualTo(ExitCodes.USAGE);
        assertThat(bad.err()).contains("--loader").contains("parallel");
    }
}
