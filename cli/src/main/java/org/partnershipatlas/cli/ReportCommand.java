package org.partnershipatlas.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.apache.jena.atlas.json.JSON;
import org.partnershipatlas.gatekeeper.Gatekeeper;
import org.partnershipatlas.gatekeeper.GatekeeperConfig;
import org.partnershipatlas.gatekeeper.ProposalException;
import org.partnershipatlas.gatekeeper.RationalisationReport;
import org.partnershipatlas.gatekeeper.Reports;
import org.partnershipatlas.loaders.store.AtlasStore;
import org.partnershipatlas.queries.QueryCatalogue;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code atlas report LOCALITY}: the rationalisation report of a locality. */
@Command(
        name = "report",
        mixinStandardHelpOptions = true,
        description = {
            "The rationalisation report of a locality: its overlapping partnerships, clusters to merge, the",
            "organisations carrying the heaviest load, and partnerships outside the LSP's umbrella.",
            "The HTML version with the overlap graph is at /reports/{locality} on a running server."
        })
final class ReportCommand implements Callable<Integer> {
    enum Format {
        text,
        json,
        csv
    }

    @Spec
    CommandSpec spec;

    @Mixin
    StoreOptions storeOptions;

    @Parameters(paramLabel = "LOCALITY", description = "The locality's identifier (e.g. newham) or IRI.")
    String locality;

    @Option(
            names = "--format",
            defaultValue = "text",
            description = "Output: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    Format format;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (!AtlasStore.exists(storeOptions.store)) {
            err.println(
                    "error: there is no store at " + storeOptions.store + "; load sources first with 'atlas load'.");
            return ExitCodes.INPUT_ERROR;
        }
        String iri = locality.contains(":") ? locality : storeOptions.iris().id("locality", locality);
        try (AtlasStore store = storeOptions.open()) {
            RationalisationReport r = new Gatekeeper(
                            store.datasetGraph(),
                            QueryCatalogue.load(),
                            storeOptions.iris(),
                            GatekeeperConfig.defaults())
                    .report(iri);
            switch (format) {
                case json -> out.println(JSON.toString(Reports.json(r)));
                case csv -> out.print(Reports.csv(r));
                default -> {
                    out.println("Rationalisation report: " + r.localityLabel());
                    out.println(r.nodes().size() + " partnerships (LSP aside), "
                            + r.edges().size() + " overlaps of " + Math.round(r.threshold() * 100) + "% or more");
                    out.println("Candidates for merging:");
                    r.clusters()
                            .forEach(c -> out.println("  - "
                                    + String.join(
                                            " + ", c.stream().map(r::label).toList())));
                    out.println("Heaviest load:");
                    r.heaviest().forEach(l -> out.printf("  %3d  %s%n", l.partnerships(), l.label()));
                    out.println("Outside the LSP's umbrella:");
                    r.outsideUmbrella().forEach(o -> out.println("  - " + o.label() + ": " + o.reason()));
                }
            }
            out.flush();
            return ExitCodes.OK;
        } catch (ProposalException e) {
            err.println("error: no locality '" + locality + "' in the Atlas");
            return ExitCodes.INPUT_ERROR;
        }
    }
}
