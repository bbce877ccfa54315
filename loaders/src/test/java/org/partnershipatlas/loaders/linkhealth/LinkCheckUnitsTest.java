package org.partnershipatlas.loaders.linkhealth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The parts of link checking that need no network: robots rules, the dead-link rule, settings, URLs. */
class LinkCheckUnitsTest {
    private static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");
    private static final URI U = URI.create("http://example.org/a");

    private static LinkCheck check(LinkStatus status, Instant at) {
        return new LinkCheck(U, status, 0, U, List.of(), null, null, at, "");
    }

    @Test
    void robotsLongestMatchWinsAndAllowWinsTies() {
        RobotsRules r = RobotsRules.parse(
                "User-agent: *\nDisallow: /docs/\nAllow: /docs/public/\nDisallow: /*.pdf$\n", "AtlasBot");
        assertThat(r.allows("/docs/secret")).isFalse();
        assertThat(r.allows("/docs/public/a")).isTrue();
        assertThat(r.allows("/x/report.pdf")).isFalse();
        assertThat(r.allows("/x/report.pdf?v=1")).isTrue();
        assertThat(r.allows("/")).isTrue();
    }

    @Test
    void robotsCrawlDelayOfTheGroupThatApplies() {
        String text = "User-agent: *\nCrawl-delay: 5\nDisallow: /x\n\nUser-agent: PartnershipAtlasLinkChecker\n"
                + "Crawl-delay: 2.5\nDisallow: /y\n";
        assertThat(RobotsRules.parse(text, CheckSettings.ROBOTS_TOKEN).crawlDelay())
                .isEqualTo(Duration.ofMillis(2500));
        assertThat(RobotsRules.parse(text, "SomeoneElse").crawlDelay()).isEqualTo(Duration.ofSeconds(5));
        assertThat(RobotsRules.parse("User-agent: *\nCrawl-delay: soon\n", "x").crawlDelay())
                .isZero();
        assertThat(RobotsRules.parse("User-agent: *\nCrawl-delay: -3\n", "x").crawlDelay())
                .isZero();
        assertThat(RobotsRules.ALLOW_ALL.crawlDelay()).isZero();
    }

    @Test
    void robotsGroupForTheTokenReplacesTheStarGroup() {
        String text = "User-agent: *\nDisallow: /\n\nUser-agent: otherbot\nUser-agent: PartnershipAtlasLinkChecker\n"
                + "Disallow: /private\n";
        RobotsRules r = RobotsRules.parse(text, CheckSettings.ROBOTS_TOKEN);
        assertThat(r.allows("/guidance")).isTrue();
        assertThat(r.allows("/private/x")).isFalse();
        assertThat(RobotsRules.parse(text, "SomeoneElse").allows("/guidance")).isFalse();
    }

    @Test
    void deadNeedsThreeFailuresOver48HoursAndSuccessResets() {
        LinkRecord r = LinkRecord.next(null, check(LinkStatus.TIMEOUT, T0));
        r = LinkRecord.next(r, check(LinkStatus.NOT_FOUND, T0.plus(Duration.ofHours(47))));
        assertThat(r.dead()).isFalse();
        r = LinkRecord.next(r, check(LinkStatus.REFUSED, T0.plus(Duration.ofHours(48))));
        assertThat(r.dead()).isTrue();
        assertThat(r.failingSince()).isEqualTo(T0);
        r = LinkRecord.next(r, check(LinkStatus.OK, T0.plus(Duration.ofHours(50))));
        assertThat(r.dead()).isFalse();
        assertThat(r.failures()).isZero();
    }

    @Test
    void blockedNeverBecomesDeadNorResetsTheCount() {
        LinkRecord r = LinkRecord.next(null, check(LinkStatus.SERVER_ERROR, T0));
        for (int day = 1; day < 6; day++) {
            r = LinkRecord.next(r, check(LinkStatus.BLOCKED, T0.plus(Duration.ofDays(day))));
            assertThat(r.dead()).isFalse();
        }
        assertThat(r.failures()).isEqualTo(1);
    }

    @Test
    void politenessNeverUnderOneSecond() {
        assertThatThrownBy(() -> CheckSettings.builder()
                        .perHostInterval(Duration.ofMillis(999))
                        .build())
                .isInstanceOf(LinkCheckException.class)
                .hasMessageContaining("at least 1 s");
    }

    @Test
    void privateAndLoopbackAddressesAreRefusedByDefault() throws Exception {
        AddressGuard guard = AddressGuard.publicOnly();
        assertThat(guard.refusal("x", new InetAddress[] {InetAddress.getByName("127.0.0.1")}))
                .contains("--allow-private");
        assertThat(guard.refusal("x", new InetAddress[] {InetAddress.getByName("10.1.2.3")}))
                .isNotNull();
        assertThat(guard.refusal("x", new InetAddress[] {InetAddress.getByName("192.168.0.1")}))
                .isNotNull();
        assertThat(guard.refusal("x", new InetAddress[] {InetAddress.getByName("93.184.215.14")}))
                .isNull();
    }

    @Test
    void urlsAreNormalised() {
        assertThat(LinkUrls.normalise("HTTP://Www.Example.ORG:80#top")).contains(URI.create("http://www.example.org/"));
        assertThat(LinkUrls.normalise("https://x.org:443/a?b=1#c")).contains(URI.create("https://x.org/a?b=1"));
        assertThat(LinkUrls.normalise("mailto:someone@example.org")).isEmpty();
        assertThat(LinkUrls.normalise("not a url")).isEmpty();
    }
}
