package org.partnershipatlas.cli;

import java.io.PrintWriter;
import java.math.BigDecimal;
import java.net.URI;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.partnershipatlas.loaders.linkhealth.AddressGuard;
import org.partnershipatlas.loaders.linkhealth.ArchiveLookup;
import org.partnershipatlas.loaders.linkhealth.CheckSettings;
import org.partnershipatlas.loaders.linkhealth.LinkCheck;
import org.partnershipatlas.loaders.linkhealth.LinkCheckException;
import org.partnershipatlas.loaders.linkhealth.LinkHealthCheck;
import org.partnershipatlas.loaders.linkhealth.LinkRecord;
import org.partnershipatlas.loaders.linkhealth.LinkReport;
import org.partnershipatlas.loaders.linkhealth.LinkStatus;
import org.partnershipatlas.loaders.store.AtlasStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code atlas check-links}: check every outbound link politely and record its health. */
@Command(
        name = "check-links",
        mixinStandardHelpOptions = true,
        description = {
            "Check every outbound link in the data (guidance and resource pages, homepages, sources) and record",
            "its health in {base}graph/link-health. Polite: one request in flight per host, at least",
            "--per-host-seconds apart (never under 1), robots.txt and Retry-After honoured, conditional requests",
            "on later runs. A link is dead only after three failures spread over 48 hours (or one 410);",
            "blocked links are never dead. Run it daily; --max-urls and --max-seconds bound one run."
        })
final class CheckLinksCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    StoreOptions storeOptions;

    @Mixin
    KafkaOptions kafka;

    @Option(names = "--max-urls", paramLabel = "N", description = "Check at most N links this run (default: all).")
    int maxUrls = Integer.MAX_VALUE;

    @Option(
            names = "--max-seconds",
            paramLabel = "S",
            description = "Start no check after S seconds; the rest wait for the next run (default: no limit).")
    long maxSeconds = Duration.ofDays(365).toSeconds();

    @Option(
            names = "--per-host-seconds",
            paramLabel = "S",
            description = "Seconds between two requests to one host (default and least: 1).")
    BigDecimal perHostSeconds = BigDecimal.ONE;

    @Option(names = "--concurrency", paramLabel = "N", description = "Hosts checked at once (default: 8).")
    int concurrency = 8;

    @Option(
            names = "--contact",
            paramLabel = "URL",
            description = "The page named in the User-Agent, telling site owners who checks and how to object.")
    URI contact = CheckSettings.DEFAULT_CONTACT;

    @Option(
            names = "--allow-private",
            description = "Also check links to private and loopback addresses (for tests against local servers).")
    boolean allowPrivate;

    @Option(
            names = "--archives",
            description = "Then look up archived copies of dead and moved links at the linking document's issue date.")
    boolean archives;

    @Option(
            names = "--ukgwa",
            paramLabel = "URL",
            description = "The UK Government Web Archive's timegate, for *.gov.uk links (default: ${DEFAULT-VALUE}).")
    URI ukgwa = ArchiveLookup.UKGWA;

    @Option(
            names = "--wayback",
            paramLabel = "URL",
            description = "The Internet Archive's availability API, for other links (default: ${DEFAULT-VALUE}).")
    URI wayback = ArchiveLookup.AVAILABILITY;

    @Option(
            names = "--report",
            description =
                    "Check nothing: print the links needing review (dead, failing, moved, blocked), per publisher.")
    boolean report;

    /**
     * The politeness settings both {@code check-links} and {@code serve} (for {@code POST /admin/check-links}) take;
     * {@link CheckSettings.Builder#build} refuses what is too fast.
     */
    static CheckSettings.Builder politeness(
            BigDecimal perHostSeconds, int concurrency, URI contact, boolean allowPrivate) {
        return CheckSettings.builder()
                .perHostInterval(Duration.ofMillis(
                        perHostSeconds.multiply(BigDecimal.valueOf(1000)).longValue()))
                .concurrency(concurrency)
                .contact(contact)
                .guard(allowPrivate ? AddressGuard.anyAddress() : AddressGuard.publicOnly());
    }

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (report) {
            try (AtlasStore store = storeOptions.open()) {
                out.print(LinkReport.text(store.read(dsg -> LinkReport.rows(dsg, storeOptions.iris()))));
            }
            return ExitCodes.OK;
        }
        CheckSettings settings;
        try {
            settings = politeness(perHostSeconds, concurrency, contact, allowPrivate)
                    .maxUrls(maxUrls)
                    .maxDuration(Duration.ofSeconds(maxSeconds))
                    .build();
        } catch (LinkCheckException e) {
            err.println("error: " + e.getMessage());
            return ExitCodes.USAGE;
        }
        try (AtlasStore store = storeOptions.open()) {
            String refusal = kafka.unpublishedWriteRefusal(store, "the links' health records");
            if (refusal != null) {
                err.println("error: " + refusal);
                return ExitCodes.FAILURE;
            }
            LinkHealthCheck.Outcome o = kafka.publishing(
                    store,
                    storeOptions.releases(),
                    out,
                    () -> LinkHealthCheck.run(store, storeOptions.iris(), settings));
            Map<LinkStatus, Integer> counts = new EnumMap<>(LinkStatus.class);
            for (LinkCheck c : o.run().checks()) {
                counts.merge(c.status(), 1, Integer::sum);
            }
            long dead = o.records().values().stream().filter(LinkRecord::dead).count();
            out.printf(
                    "Checked %d links (%d left for a later run) in %d s. Dead: %d. Changed records: %d, in <%s>.%n",
                    o.run().checks().size(),
                    o.run().notChecked().size(),
                    Duration.between(o.run().startedAt(), o.run().endedAt()).toSeconds(),
                    dead,
                    o.written().linksChanged(),
                    storeOptions.iris().linkHealthGraph().getURI());
            counts.forEach((status, n) -> out.printf("  %-24s %d%n", status.slug(), n));
            if (archives) {
                ArchiveLookup defaults = ArchiveLookup.defaults(settings);
                List<ArchiveLookup.Found> found = new ArchiveLookup(
                                ukgwa,
                                wayback,
                                defaults.maxDistance(),
                                defaults.interval(),
                                defaults.guard(),
                                defaults.userAgent())
                        .run(store, storeOptions.iris());
                out.printf("Archived copies found: %d%n", found.size());
            }
        }
        return ExitCodes.OK;
    }
}
