package org.partnershipatlas.endpoint;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A server started with {@code warmUpPages} asks itself, over loopback, for each single page and the pages of the first
 * resource of each kind, and every one of them answers 200 on the sample data; a visitor at {@code localhost} gets
 * copies of their own (the tags name the URL asked for), so no one's first visit is answered from the warm-up.
 */
class PageWarmUpIT {
    @RegisterExtension
    static final AtlasFixture atlas = AtlasFixture.sampleData().server((b, f) -> b.warmUpPages(true));

    @Test
    void every_kind_of_page_is_visited_once_after_the_start_and_answers_200() throws Exception {
        PageWarmUp warmUp = atlas.server().pageWarmUp().orElseThrow();
        List<String> paths = warmUp.paths();
        Instant deadline = Instant.now().plus(Duration.ofMinutes(2));
        while (warmUp.visits().size() < paths.size() && Instant.now().isBefore(deadline)) {
            Thread.sleep(50);
        }
        assertThat(warmUp.visits()).extracting(PageWarmUp.Visit::path).containsExactlyElementsOf(paths);
        assertThat(warmUp.visits())
                .allSatisfy(v -> assertThat(v.status()).as(v.path()).isEqualTo(200));
        assertThat(paths)
                .containsAll(PageWarmUp.SINGLE_PAGES)
                .contains("/localities/newham", "/reports/newham")
                .anyMatch(p -> p.startsWith("/domains/"))
                .anyMatch(p -> p.startsWith("/doc/partnership/") && p.endsWith(".ttl"))
                .anyMatch(p -> p.startsWith("/doc/organisation/"))
                .anyMatch(p -> p.startsWith("/doc/guidance/"))
                .anyMatch(p -> p.startsWith("/doc/case/"));
        // Asked at 127.0.0.1: a visitor at localhost gets a copy of their own, under another tag.
        assertThat(atlas.server().url()).startsWith("http://localhost:");
        var warmed = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(PageWarmUp.base(
                                                "localhost", atlas.server().port()) + "/"))
                                .header("Accept", "text/html")
                                .build(),
                        HttpResponse.BodyHandlers.discarding());
        var visitor = atlas.get("", "text/html");
        assertThat(visitor.header("ETag"))
                .isPresent()
                .isNotEqualTo(warmed.headers().firstValue("ETag"));
    }

    @Test
    void the_address_asked_is_loopback_when_the_server_listens_there_or_everywhere() {
        assertThat(PageWarmUp.base("0.0.0.0", 3030)).isEqualTo("http://127.0.0.1:3030");
        assertThat(PageWarmUp.base("localhost", 3030)).isEqualTo("http://127.0.0.1:3030");
        assertThat(PageWarmUp.base("::1", 3030)).isEqualTo("http://[::1]:3030");
        assertThat(PageWarmUp.base("atlas.example.org", 80)).isEqualTo("http://atlas.example.org:80");
    }
}
