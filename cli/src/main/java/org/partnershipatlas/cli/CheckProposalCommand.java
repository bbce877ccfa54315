package org.partnershipatlas.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.apache.jena.atlas.json.JSON;
import org.apache.jena.riot.Lang;
import org.apache.jena.riot.RDFDataMgr;
import org.partnershipatlas.gatekeeper.CheckDocuments;
import org.partnershipatlas.gatekeeper.CheckResult;
import org.partnershipatlas.gatekeeper.Gatekeeper;
import org.partnershipatlas.gatekeeper.GatekeeperConfig;
import org.partnershipatlas.gatekeeper.Proposal;
import org.partnershipatlas.gatekeeper.ProposalException;
import org.partnershipatlas.gatekeeper.ProposalReader;
import org.partnershipatlas.loaders.store.AtlasStore;
import org.partnershipatlas.queries.QueryCatalogue;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code atlas check-proposal FILE}: check a proposed partnership (JSON, Turtle or JSON-LD) against the store. */
@Command(
        name = "check-proposal",
        mixinStandardHelpOptions = true,
        description = {
            "Check a proposed partnership against the existing ones: ranked overlaps with their reasons, the",
            "umbrella partnership to consult, and a recommendation with the rule that produced it."
        })
final class CheckProposalCommand implements Callable<Integer> {
    enum Format {
        text,
        json,
        turtle
    }

    @Spec
    CommandSpec spec;

    @Mixin
    StoreOptions storeOptions;

    @Parameters(
            paramLabel = "FILE",
            description = "The proposal: .json, .ttl or .jsonld (see the README for the JSON form).")
    Path file;

    @Option(
            names = "--format",
            defaultValue = "text",
            description = "Output: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    Format format;

    @Option(
            names = "--gatekeeper-config",
            paramLabel = "FILE",
            description = "Weights and thresholds overriding the defaults.")
    Path config;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (!AtlasStore.exists(storeOptions.store)) {
            err.println(
                    "error: there is no store at " + storeOptions.store + "; load sources first with 'atlas load'.");
            return ExitCodes.INPUT_ERROR;
        }
        ProposalReader reader = new ProposalReader(storeOptions.iris());
        try (AtlasStore store = storeOptions.open()) {
            // The one encoding rule of every path: UTF-8, anything else refused with the byte offset.
            String text = ProposalReader.decode(Files.readAllBytes(file));
            String name = file.getFileName().toString().toLowerCase();
            Proposal proposal = name.endsWith(".ttl")
                    ? reader.fromRdf(text, Lang.TURTLE)
                    : name.endsWith(".jsonld") ? reader.fromRdf(text, Lang.JSONLD) : reader.fromJson(text);
            GatekeeperConfig settings = config == null ? GatekeeperConfig.defaults() : GatekeeperConfig.load(config);
            CheckResult result = new Gatekeeper(
                            store.datasetGraph(), QueryCatalogue.load(), storeOptions.iris(), settings)
                    .check(proposal);
            switch (format) {
                case json -> out.println(JSON.toString(CheckDocuments.json(result)));
                case turtle -> {
                    var stream = new java.io.ByteArrayOutputStream();
                    RDFDataMgr.write(
                            stream,
                            CheckDocuments.rdf(result, CheckDocuments.Iris.mint(storeOptions.iris())),
                            Lang.TURTLE);
                    out.print(stream.toString(StandardCharsets.UTF_8));
                }
                default -> print(result, out);
            }
            out.flush();
            return ExitCodes.OK;
        } catch (ProposalException e) {
            err.println("error: " + file + ": " + e.getMessage());
            return ExitCodes.INPUT_ERROR;
        }
    }

    private static void print(CheckResult r, PrintWriter out) {
        out.println("Proposal: " + r.proposal().title());
        out.println("Recommendation: " + r.recommendationText());
        out.println("Rule: " + r.rule());
        r.umbrellas().forEach(u -> out.println("Consult: " + u.label() + " <" + u.partnership() + ">"));
        int rank = 1;
        for (CheckResult.Overlap o : r.overlaps()) {
            out.printf("%2d. %3d%%  %s <%s>%n", rank++, Math.round(o.score() * 100), o.label(), o.partnership());
            o.reasons().forEach(reason -> out.println("          - " + reason));
        }
        if (r.overlaps().isEmpty()) {
            out.println("No existing partnership overlaps it.");
        }
    }
}
