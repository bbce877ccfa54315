package org.partnershipatlas.endpoint;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.Reader;
import java.io.Writer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;
import org.apache.commons.io.FileUtils;
import org.apache.commons.io.input.BOMInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Labels, titles and descriptions full of markup, in every kind of source, and a crawl of every page reachable from
 * the home page: none may carry the markup unescaped, and the crawl must meet each hostile text (escaped) somewhere,
 * so that the check covers the pages that show it.
 */
class EscapingCrawlIT {
    /** The text put into names and descriptions; {@code %s} is the kind, so each can be found. */
    static final String HOSTILE = "<script>alert('xss-%s')</script> \"Q\" & <b>bold</b> <img src=x onerror=alert(1)>";

    static final Map<String, List<String>> COLUMNS = new LinkedHashMap<>();

    static {
        COLUMNS.put("localities.csv", List.of("name"));
        COLUMNS.put("organisations.csv", List.of("name", "alt_name"));
        COLUMNS.put("partnerships.csv", List.of("name", "purpose"));
        COLUMNS.put("guidance.csv", List.of("title", "description"));
        COLUMNS.put("resources.csv", List.of("title", "description"));
        COLUMNS.put("cases.csv", List.of("title", "description", "outcome"));
    }

    /** Enough to reach every kind of page; the facet combinations of the catalogues alone run to thousands. */
    static final int MAX_PAGES = 900;

    @RegisterExtension
    static final AtlasFixture atlas = AtlasFixture.emptyStore().prepare(EscapingCrawlIT::loadPoisonedSources);

    static void loadPoisonedSources(AtlasFixture fixture) throws Exception {
        Path sources = fixture.dir().resolve("sources");
        FileUtils.copyDirectory(SampleData.directory().toFile(), sources.toFile());
        for (Map.Entry<String, List<String>> e : COLUMNS.entrySet()) {
            poison(sources.resolve(e.getKey()), e.getKey().replace(".csv", ""), e.getValue());
        }
        var report = org.partnershipatlas.loaders.Loader.into(fixture.store())
                .sources(List.of(sources))
                .run();
        assertThat(report.violations()).isEmpty();
    }

    /** Puts the hostile text into the given columns of the first three rows (alt_name: a "; " list stays one). */
    static void poison(Path csv, String kind, List<String> columns) throws Exception {
        List<List<String>> rows = new ArrayList<>();
        List<String> header;
        try (Reader r = new java.io.InputStreamReader(
                        BOMInputStream.builder()
                                .setInputStream(Files.newInputStream(csv))
                                .get(),
                        StandardCharsets.UTF_8);
                var parser = CSVFormat.RFC4180
                        .builder()
                        .setHeader()
                        .setSkipHeaderRecord(true)
                        .get()
                        .parse(r)) {
            header = parser.getHeaderNames();
            int n = 0;
            for (CSVRecord record : parser) {
                List<String> row = new ArrayList<>(record.toList());
                if (n++ < 3) {
                    for (String c : columns) {
                        row.set(
                                header.indexOf(c),
                                String.format(HOSTILE, kind + "-" + c).replace(";", ","));
                    }
                }
                rows.add(row);
            }
        }
        try (Writer w = Files.newBufferedWriter(csv, StandardCharsets.UTF_8);
                CSVPrinter printer = new CSVPrinter(w, CSVFormat.RFC4180)) {
            printer.printRecord(header);
            for (List<String> row : rows) {
                printer.printRecord(row);
            }
        }
    }

    @Test
    void noPageShowsMarkupFromTheData() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        Deque<String> queue = new ArrayDeque<>(List.of(atlas.url()));
        Set<String> seen = new LinkedHashSet<>(queue);
        Set<String> escapedSeen = new LinkedHashSet<>();
        List<String> unescaped = new ArrayList<>();
        Pattern href = Pattern.compile("href=\"([^\"#]*)");
        Pattern marker = Pattern.compile("xss-([a-z]+-[a-z_]+)");
        int pages = 0;
        while (!queue.isEmpty() && pages < MAX_PAGES) {
            String url = queue.poll();
            HttpResponse<String> r = http.send(
                    HttpRequest.newBuilder(URI.create(url))
                            .header("Accept", "text/html")
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            String type = r.headers().firstValue("Content-Type").orElse("");
            if (!type.startsWith("text/html")) {
                continue;
            }
            pages++;
            assertThat(r.statusCode()).as(url).isLessThan(500);
            String body = r.body();
            if (body.contains("<script>alert(") || body.contains("<b>bold</b>") || body.contains("<img src=x")) {
                unescaped.add(url);
            }
            Matcher m = marker.matcher(body);
            while (m.find()) {
                escapedSeen.add(m.group(1));
            }
            Matcher links = href.matcher(body);
            while (links.find()) {
                String next = resolve(url, links.group(1).replace("&amp;", "&"));
                if (next != null && seen.add(next)) {
                    queue.add(next);
                }
            }
        }
        System.out.printf("Crawled %d pages (%d links); hostile texts met: %s%n", pages, seen.size(), escapedSeen);
        assertThat(unescaped).as("pages showing markup from the data").isEmpty();
        assertThat(pages).isGreaterThan(300);
        for (Map.Entry<String, List<String>> e : COLUMNS.entrySet()) {
            String kind = e.getKey().replace(".csv", "");
            assertThat(escapedSeen)
                    .as("the crawl met the hostile %s names (escaped)", kind)
                    .anyMatch(s -> s.startsWith(kind + "-"));
        }
    }

    /** The absolute URL of a link on the same server, or null for links to skip (other hosts, files, SPARQL). */
    static String resolve(String from, String link) {
        if (link.isBlank() || link.startsWith("mailto:") || link.startsWith("javascript:")) {
            return null;
        }
        URI uri;
        try {
            uri = URI.create(from).resolve(link.replace(" ", "%20"));
        } catch (IllegalArgumentException e) {
            return null;
        }
        String s = uri.toString();
        if (!s.startsWith(atlas.url())) {
            return null;
        }
        String path = uri.getPath();
        if (path.startsWith("/dumps/") && !path.equals("/dumps/")
                || path.startsWith("/atlas/")
                || path.startsWith("/static/")
                || path.startsWith("/webjars/")
                || path.startsWith("/admin")
                || path.endsWith(".ttl")
                || path.endsWith(".jsonld")
                || path.endsWith(".nt")
                || path.endsWith(".rdf")
                || s.contains("format=")
                || uri.getQuery() != null && uri.getQuery().contains("&")) {
            return null;
        }
        return s;
    }
}
