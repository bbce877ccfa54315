package org.partnershipatlas.loaders.linkhealth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.partnershipatlas.loaders.linkhealth.FixtureHost.redirect;
import static org.partnershipatlas.loaders.linkhealth.FixtureHost.status;
import static org.partnershipatlas.loaders.linkhealth.FixtureHost.text;

import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The checker against local servers on loopback addresses (127.0.0.1, 127.0.0.2 and a few more, so that every case
 * has a host of its own and the hosts are checked in parallel), at the real politeness of one request a second per
 * host. Every case of issue 21 is checked in one run in {@link #checkEveryCase()}; later runs have their own tests.
 */
class LinkCheckerIT {
    private static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");
    private static final String PAGE = "<html><head><title>Partnership guidance</title></head><body>"
            + "Guidance on setting up a local strategic partnership, with its board and members.</body></html>";
    private static final String WELCOME = "<html><head><title>Welcome</title></head><body>"
            + "Welcome to the council's website. Find services, news and contacts.</body></html>";

    /** Non-loopback addresses the checker tried to reach: must stay empty. */
    private static final List<String> escapes = new CopyOnWriteArrayList<>();

    private static final AddressGuard LOOPBACK_ONLY = (host, addresses) -> {
        for (InetAddress a : addresses) {
            if (!a.isLoopbackAddress()) {
                escapes.add(host + " -> " + a);
                return "not loopback (test)";
            }
        }
        return null;
    };

    private static final List<AutoCloseable> servers = new ArrayList<>();
    private static FixtureHost plain,
            redirects,
            hopsA,
            hopsB,
            busy,
            slow,
            dribble,
            softHost,
            robotsDeny,
            robots500,
            crawlDelay;
    private static FixtureHost.Resetting resetting;
    private static URI closedPort;
    private static CheckRun run;
    private static Map<URI, LinkCheck> byUrl;

    private static FixtureHost host(String address) throws Exception {
        FixtureHost h = new FixtureHost(address);
        servers.add(h);
        return h;
    }

    static CheckSettings.Builder settings(Instant now) {
        return CheckSettings.builder()
                .guard(LOOPBACK_ONLY)
                .concurrency(16)
                // 2 s: 1 s timed out fixtures' quick answers on a busy 2-core machine (load average 17-21).
                .connectTimeout(Duration.ofSeconds(2))
                .responseTimeout(Duration.ofSeconds(2))
                .bodyTimeout(Duration.ofSeconds(2))
                .clock(Clock.fixed(now, ZoneOffset.UTC));
    }

    @BeforeAll
    static void checkEveryCase() throws Exception {
        plain = host("127.0.0.1");
        plain.on("/ok", text(200, PAGE))
                .on("/missing", status(404))
                .on("/gone", status(410))
                .on("/head-refused", ex -> {
                    if (ex.getRequestMethod().equals("HEAD")) {
                        ex.sendResponseHeaders(403, -1);
                    } else {
                        text(200, PAGE).answer(ex);
                    }
                });
        redirects = host("127.0.0.2");
        redirects
                .on("/new", text(200, PAGE))
                .on("/moved", redirect(301, redirects.url("/new")))
                .on("/found", redirect(302, redirects.url("/new")))
                .on("/temporary", redirect(307, redirects.url("/new")))
                .on("/loop-a", redirect(302, redirects.url("/loop-b")))
                .on("/loop-b", redirect(302, redirects.url("/loop-a")));
        // Eleven hops, alternating between two hosts so that the case does not take eleven seconds.
        hopsA = host("127.0.0.3");
        hopsB = host("127.0.0.4");
        for (int i = 0; i <= 11; i++) {
            FixtureHost here = i % 2 == 0 ? hopsA : hopsB;
            FixtureHost next = i % 2 == 0 ? hopsB : hopsA;
            here.on("/hop/" + i, i < 11 ? redirect(302, next.url("/hop/" + (i + 1))) : text(200, PAGE));
        }
        busy = host("127.0.0.5");
        busy.on("/busy", text(429, "slow down", "Retry-After", "2")).on("/after", text(200, PAGE));
        slow = host("127.0.0.6");
        slow.on("/slow", ex -> {
            Thread.sleep(5000);
            text(200, PAGE).answer(ex);
        });
        dribble = host("127.0.0.7");
        dribble.on("/dribble", ex -> {
            if (ex.getRequestMethod().equals("HEAD")) {
                ex.sendResponseHeaders(405, -1);
                return;
            }
            ex.sendResponseHeaders(200, 0);
            OutputStream out = ex.getResponseBody();
            for (int i = 0; i < 40; i++) {
                out.write('x');
                out.flush();
                Thread.sleep(250);
            }
        });
        softHost = host("127.0.0.8");
        softHost.otherwise(text(200, WELCOME)); // every path, robots.txt too: the same welcome page
        robotsDeny = host("127.0.0.9");
        robotsDeny
                .on("/robots.txt", text(200, "User-agent: *\nDisallow: /private/\n"))
                .on("/private/report", text(200, PAGE))
                .on("/public", text(200, PAGE));
        robots500 = host("127.0.0.10");
        robots500.on("/robots.txt", status(500)).on("/page", text(200, PAGE));
        crawlDelay = host("127.0.0.13");
        crawlDelay
                .on("/robots.txt", text(200, "User-agent: *\nCrawl-delay: 2\n"))
                .on("/one", text(200, PAGE))
                .on("/two", text(200, PAGE));
        resetting = new FixtureHost.Resetting("127.0.0.11");
        servers.add(resetting);
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.12"))) {
            closedPort = URI.create("http://127.0.0.12:" + s.getLocalPort() + "/closed");
        }

        List<URI> urls = List.of(
                plain.url("/ok"),
                plain.url("/missing"),
                plain.url("/gone"),
                plain.url("/head-refused"),
                redirects.url("/moved"),
                redirects.url("/found"),
                redirects.url("/temporary"),
                redirects.url("/loop-a"),
                hopsA.url("/hop/0"),
                busy.url("/busy"),
                busy.url("/after"),
                slow.url("/slow"),
                dribble.url("/dribble"),
                softHost.url("/guidance/2002/old-page"),
                robotsDeny.url("/private/report"),
                robotsDeny.url("/public"),
                robots500.url("/page"),
                crawlDelay.url("/one"),
                crawlDelay.url("/two"),
                resetting.url("/reset"),
                closedPort,
                URI.create("http://atlas-fixture.invalid/page"));
        run = new LinkChecker(settings(T0).build()).run(urls, Map.of());
        byUrl = run.checks().stream().collect(Collectors.toMap(LinkCheck::url, Function.identity()));
    }

    @AfterAll
    static void stopServers() throws Exception {
        for (AutoCloseable s : servers) {
            s.close();
        }
        assertThat(escapes).as("attempts to reach non-loopback addresses").isEmpty();
    }

    private static LinkCheck check(FixtureHost h, String path) {
        return byUrl.get(h.url(path));
    }

    @Test
    void everyUrlIsCheckedOnce() {
        assertThat(run.checks()).hasSize(22);
        assertThat(run.notChecked()).isEmpty();
    }

    @Test
    void ok200() {
        LinkCheck c = check(plain, "/ok");
        assertThat(c.status()).isEqualTo(LinkStatus.OK);
        assertThat(c.httpStatus()).isEqualTo(200);
        assertThat(c.chain()).isEmpty();
        assertThat(plain.seen("/ok")).extracting(FixtureHost.Seen::method).containsExactly("HEAD");
    }

    @Test
    void moved301Then200SuggestsTheNewUrl() {
        LinkCheck c = check(redirects, "/moved");
        assertThat(c.status()).isEqualTo(LinkStatus.MOVED_PERMANENTLY);
        assertThat(c.finalUrl()).isEqualTo(redirects.url("/new"));
        assertThat(c.chain()).containsExactly(redirects.url("/new"));
    }

    @Test
    void redirected302And307AreTemporary() {
        assertThat(check(redirects, "/found").status()).isEqualTo(LinkStatus.REDIRECTED_TEMPORARILY);
        assertThat(check(redirects, "/temporary").status()).isEqualTo(LinkStatus.REDIRECTED_TEMPORARILY);
        assertThat(check(redirects, "/temporary").finalUrl()).isEqualTo(redirects.url("/new"));
    }

    @Test
    void loopABAIsDetected() {
        LinkCheck c = check(redirects, "/loop-a");
        assertThat(c.status()).isEqualTo(LinkStatus.REDIRECT_LOOP);
        assertThat(c.chain()).containsExactly(redirects.url("/loop-b"), redirects.url("/loop-a"));
        assertThat(redirects.seen("/loop-a")).hasSize(1);
    }

    @Test
    void elevenHopsAreTooMany() {
        LinkCheck c = check(hopsA, "/hop/0");
        assertThat(c.status()).isEqualTo(LinkStatus.TOO_MANY_REDIRECTS);
        assertThat(c.chain()).hasSize(LinkChecker.MAX_REDIRECTS + 1);
        assertThat(hopsB.seen("/hop/11")).isEmpty();
    }

    @Test
    void notFound404AndGone410() {
        assertThat(check(plain, "/missing").status()).isEqualTo(LinkStatus.NOT_FOUND);
        assertThat(check(plain, "/gone").status()).isEqualTo(LinkStatus.GONE);
        assertThat(LinkRecord.next(null, check(plain, "/gone")).dead()).isTrue();
        assertThat(LinkRecord.next(null, check(plain, "/missing")).dead()).isFalse();
    }

    @Test
    void headRefused403ThenGet200IsOk() {
        assertThat(check(plain, "/head-refused").status()).isEqualTo(LinkStatus.OK);
        assertThat(plain.seen("/head-refused"))
                .extracting(FixtureHost.Seen::method)
                .containsExactly("HEAD", "GET");
    }

    @Test
    void retryAfter2KeepsTheHostWaiting() {
        assertThat(check(busy, "/busy").status()).isEqualTo(LinkStatus.BLOCKED);
        assertThat(check(busy, "/after").status()).isEqualTo(LinkStatus.OK);
        FixtureHost.Seen refused = busy.seen("/busy").get(0);
        FixtureHost.Seen next = busy.seen("/after").get(0);
        assertThat(next.startNanos() - refused.endNanos()).isGreaterThanOrEqualTo(TimeUnit.SECONDS.toNanos(2));
    }

    @Test
    void headersAfter5sWithA2sDeadlineTimeOut() {
        LinkCheck c = check(slow, "/slow");
        assertThat(c.status()).isEqualTo(LinkStatus.TIMEOUT);
        assertThat(c.httpStatus()).isZero();
    }

    @Test
    void aDribblingBodyTimesOut() {
        LinkCheck c = check(dribble, "/dribble");
        assertThat(c.status()).isEqualTo(LinkStatus.TIMEOUT);
        assertThat(c.detail()).contains("body");
    }

    @Test
    void connectionResetClosedPortAndUnresolvableHost() {
        assertThat(byUrl.get(resetting.url("/reset")).status()).isEqualTo(LinkStatus.REFUSED);
        assertThat(byUrl.get(closedPort).status()).isEqualTo(LinkStatus.REFUSED);
        assertThat(byUrl.get(URI.create("http://atlas-fixture.invalid/page")).status())
                .isEqualTo(LinkStatus.DNS_FAILURE);
    }

    @Test
    void robotsDisallowBlocksWithoutARequest() {
        LinkCheck c = check(robotsDeny, "/private/report");
        assertThat(c.status()).isEqualTo(LinkStatus.BLOCKED);
        assertThat(c.detail()).contains("robots.txt");
        assertThat(robotsDeny.seen("/private/report")).isEmpty();
        assertThat(check(robotsDeny, "/public").status()).isEqualTo(LinkStatus.OK);
        assertThat(robotsDeny.seen("/robots.txt")).hasSize(1);
    }

    @Test
    void robots500BlocksTheHostAnd404AllowsIt() {
        assertThat(check(robots500, "/page").status()).isEqualTo(LinkStatus.BLOCKED);
        assertThat(robots500.seen("/page")).isEmpty();
        assertThat(plain.seen("/robots.txt")).hasSize(1); // 404, and plain's pages were checked
        assertThat(LinkRecord.next(null, check(robots500, "/page")).dead()).isFalse();
    }

    @Test
    void aHostAnswering200ToAnyPathIsASuspectedSoft404() {
        LinkCheck c = check(softHost, "/guidance/2002/old-page");
        assertThat(c.status()).isEqualTo(LinkStatus.SOFT_404_SUSPECTED);
        assertThat(softHost.seen()).anySatisfy(s -> assertThat(s.path()).contains("atlas-link-check-probe"));
    }

    @Test
    void oneRequestInFlightPerHostAtLeastASecondApart() {
        for (FixtureHost h : List.of(plain, redirects, hopsA, hopsB, busy, softHost, robotsDeny)) {
            List<FixtureHost.Seen> seen = new ArrayList<>(h.seen());
            seen.sort((a, b) -> Long.compare(a.startNanos(), b.startNanos()));
            assertThat(seen).as(h.host()).hasSizeGreaterThan(1);
            for (int i = 1; i < seen.size(); i++) {
                assertThat(seen.get(i).startNanos() - seen.get(i - 1).endNanos())
                        .as(h.host() + " " + seen.get(i).path())
                        .isGreaterThanOrEqualTo(TimeUnit.SECONDS.toNanos(1));
            }
        }
    }

    @Test
    void robotsCrawlDelaySpacesTheHostsRequestsAfterRobotsTxt() {
        List<FixtureHost.Seen> seen = new ArrayList<>(crawlDelay.seen());
        seen.sort((a, b) -> Long.compare(a.startNanos(), b.startNanos()));
        assertThat(seen.get(0).path()).isEqualTo("/robots.txt");
        assertThat(seen).hasSizeGreaterThanOrEqualTo(3);
        for (int i = 1; i < seen.size(); i++) {
            assertThat(seen.get(i).startNanos() - seen.get(i - 1).endNanos())
                    .as(seen.get(i).path())
                    .isGreaterThanOrEqualTo(TimeUnit.SECONDS.toNanos(2));
        }
        assertThat(check(crawlDelay, "/one").status()).isEqualTo(LinkStatus.OK);
        assertThat(check(crawlDelay, "/two").status()).isEqualTo(LinkStatus.OK);
    }

    @Test
    void twoHostsAreCheckedInParallel() {
        List<FixtureHost.Seen> a = plain.seen();
        List<FixtureHost.Seen> b = redirects.seen();
        long aStart = a.stream().mapToLong(FixtureHost.Seen::startNanos).min().orElseThrow();
        long aEnd = a.stream().mapToLong(FixtureHost.Seen::endNanos).max().orElseThrow();
        long bStart = b.stream().mapToLong(FixtureHost.Seen::startNanos).min().orElseThrow();
        long bEnd = b.stream().mapToLong(FixtureHost.Seen::endNanos).max().orElseThrow();
        assertThat(aStart).isLessThan(bEnd);
        assertThat(bStart).isLessThan(aEnd);
    }

    @Test
    void everyRequestNamesTheCheckerAndItsContactPage() {
        for (FixtureHost h : List.of(plain, redirects, robotsDeny)) {
            assertThat(h.seen())
                    .allSatisfy(s -> assertThat(s.header("User-Agent"))
                            .startsWith(CheckSettings.ROBOTS_TOKEN + "/")
                            .contains(CheckSettings.DEFAULT_CONTACT.toString()));
        }
    }

    /**
     * Later runs of one fixture: 500 then 200 (the count resets), ETag then 304, and a page failing three times
     * within an hour (not dead) and again 48 hours after the first failure (dead).
     */
    @Test
    void laterRunsResetRevalidateAndWait48HoursBeforeDead() throws Exception {
        AtomicInteger flakyCalls = new AtomicInteger();
        // One host per page: the checker asks a host at most once a second, and four runs of three pages (and their
        // robots.txt) on one host would take sixteen seconds.
        FixtureHost flakyHost = host("127.0.0.21");
        FixtureHost etagHost = host("127.0.0.22");
        FixtureHost missingHost = host("127.0.0.23");
        flakyHost.on(
                "/flaky",
                ex -> status(flakyCalls.getAndIncrement() == 0 ? 500 : 200).answer(ex));
        etagHost.on("/etag", ex -> {
            if ("\"v1\"".equals(ex.getRequestHeaders().getFirst("If-None-Match"))) {
                ex.sendResponseHeaders(304, -1);
            } else {
                text(200, PAGE, "ETag", "\"v1\"").answer(ex);
            }
        });
        missingHost.on("/missing", status(404));
        URI flakyUrl = flakyHost.url("/flaky");
        URI etagUrl = etagHost.url("/etag");
        URI missingUrl = missingHost.url("/missing");
        List<URI> urls = List.of(flakyUrl, etagUrl, missingUrl);
        Map<URI, LinkRecord> records = new HashMap<>();
        for (Duration after :
                List.of(Duration.ZERO, Duration.ofMinutes(20), Duration.ofMinutes(40), Duration.ofHours(48))) {
            CheckRun r = new LinkChecker(settings(T0.plus(after)).build()).run(urls, records);
            for (LinkCheck c : r.checks()) {
                records.put(c.url(), LinkRecord.next(records.get(c.url()), c));
            }
            LinkRecord flaky = records.get(flakyUrl);
            LinkRecord missing = records.get(missingUrl);
            if (after.isZero()) {
                assertThat(flaky.check().status()).isEqualTo(LinkStatus.SERVER_ERROR);
                assertThat(flaky.failures()).isEqualTo(1);
                assertThat(records.get(etagUrl).check().etag()).isEqualTo("\"v1\"");
            } else {
                assertThat(flaky.check().status()).isEqualTo(LinkStatus.OK);
                assertThat(flaky.failures()).isZero();
                assertThat(flaky.lastOk()).isEqualTo(T0.plus(after));
                assertThat(records.get(etagUrl).check().httpStatus()).isEqualTo(304);
                assertThat(records.get(etagUrl).check().status()).isEqualTo(LinkStatus.OK);
            }
            if (after.equals(Duration.ofMinutes(40))) {
                assertThat(missing.failures()).isEqualTo(3);
                assertThat(missing.dead()).as("three failures within an hour").isFalse();
            }
            if (after.equals(Duration.ofHours(48))) {
                assertThat(missing.dead()).as("failing over 48 hours").isTrue();
                assertThat(missing.deadSince()).isEqualTo(T0.plus(after));
            }
        }
        assertThat(etagHost.seen("/etag"))
                .extracting(s -> s.header("If-None-Match"))
                .containsExactly(null, "\"v1\"", "\"v1\"", "\"v1\"");
    }

    @Test
    void theBudgetLeavesUrlsForTheNextRun() throws Exception {
        List<URI> urls = List.of(URI.create("http://a.invalid/"), URI.create("http://b.invalid/"));
        CheckRun r = new LinkChecker(settings(T0).maxUrls(1).build()).run(urls, Map.of());
        assertThat(r.checks()).hasSize(1);
        assertThat(r.notChecked()).hasSize(1);
    }
}
