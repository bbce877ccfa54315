package org.partnershipatlas.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.NodeFactory;
import org.partnershipatlas.endpoint.sparql.PublicQueryPolicy;
import org.partnershipatlas.loaders.links.LinkDiscovery;
import org.partnershipatlas.loaders.links.LinkException;
import org.partnershipatlas.loaders.links.LinkSpec;
import org.partnershipatlas.loaders.store.AtlasStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code atlas link --spec SPEC}: discover links to another dataset into a linkset graph. */
@Command(
        name = "link",
        mixinStandardHelpOptions = true,
        description = {
            "Discover links between Atlas resources and another dataset (an RDF file or a SPARQL endpoint), by",
            "identifier and by normalised name, each with a confidence. Links at or above the spec's accept",
            "threshold replace the linkset graph {base}graph/linkset-{name}; those between review and accept go to",
            "the review file. A rerun gives the same result. An endpoint's host must be allowed with --allow-service."
        })
final class LinkCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    StoreOptions storeOptions;

    @Mixin
    KafkaOptions kafka;

    @Option(names = "--spec", required = true, paramLabel = "FILE", description = "The link spec (JSON).")
    Path specFile;

    @Option(
            names = "--allow-service",
            paramLabel = "HOST[:PORT]",
            split = ",",
            description = "Hosts whose SPARQL endpoints may be read (default: none).")
    List<String> allowed = List.of();

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try {
            LinkSpec link = LinkSpec.read(specFile);
            PublicQueryPolicy policy = new PublicQueryPolicy(PublicQueryPolicy.DEFAULT_MAX_ROWS, Set.copyOf(allowed));
            Graph target = LinkDiscovery.readTarget(
                    link,
                    endpoint -> policy.serviceRefusal(NodeFactory.createURI(endpoint))
                            .map(why -> "the spec's target endpoint <" + endpoint + "> is not allowed (" + why
                                    + "); allow its host with --allow-service HOST:PORT"));
            try (AtlasStore store = storeOptions.open()) {
                String refusal = kafka.unpublishedWriteRefusal(store, "a linkset");
                if (refusal != null) {
                    err.println("error: " + refusal);
                    return ExitCodes.FAILURE;
                }
                LinkDiscovery.Result r = kafka.publishing(
                        store,
                        storeOptions.releases(),
                        out,
                        () -> LinkDiscovery.run(store, storeOptions.iris(), link, target));
                out.printf(
                        "Compared %d Atlas resources with %d records. Links (confidence >= %.2f): %d, in <%s>. To review: %d,"
                                + " in %s%n",
                        r.atlasResources(),
                        r.targetResources(),
                        link.accept(),
                        r.written(),
                        storeOptions.iris().graph("linkset-" + link.name()).getURI(),
                        r.review().size(),
                        link.reviewFile());
                DumpCommand.publish(store, storeOptions, out);
            }
            return ExitCodes.OK;
        } catch (LinkException e) {
            err.println("error: " + e.getMessage());
            return ExitCodes.INPUT_ERROR;
        }
    }
}
