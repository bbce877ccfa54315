package org.partnershipatlas.endpoint.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.jena.sparql.exec.QueryExec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.partnershipatlas.endpoint.AtlasFixture;
import org.partnershipatlas.loaders.BulkLoader;
import org.partnershipatlas.loaders.LoadReport;
import org.partnershipatlas.loaders.generate.Generator;
import org.partnershipatlas.ontology.AtlasOntology;

/**
 * The seed's worst case in a real Chromium: one generated locality of 120 partnerships, its partnership map and its
 * rationalisation report's overlap graph. No two labels' boxes, as the browser lays the text out, intersect; the
 * drawings are screenshots in {@code target/screenshots/}.
 */
@Timeout(value = 300, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class DenseLocalityBrowserIT {
    /** Partnerships drawn: the generator's current ones (some it makes have ended) less the LSP. */
    static final int PARTNERSHIPS = 120;

    @RegisterExtension
    static final AtlasFixture atlas = AtlasFixture.storeBuiltBy(DenseLocalityBrowserIT::load);

    static Chromium chromium;
    static WebDriver driver;

    static void load(AtlasFixture fixture) {
        Path sources = fixture.dir().resolve("generated");
        Generator.to(sources)
                .localities(1)
                .partnershipsPerLocality(144)
                .seed(5)
                .schemes(Path.of(System.getProperty("atlas.data.dir")).resolve("schemes"))
                .run();
        LoadReport report = BulkLoader.into(fixture.dir().resolve("tdb2"))
                .sources(List.of(sources))
                .run();
        assertThat(report.committed()).as("%s", report.violations()).isTrue();
    }

    @BeforeAll
    static void start() throws IOException {
        chromium = Chromium.start();
        driver = chromium.driver;
    }

    @AfterAll
    static void stop() throws IOException {
        if (chromium != null) {
            chromium.close();
        }
    }

    static String localitySlug() {
        return atlas.store().read(dsg -> {
            try (QueryExec qe = QueryExec.dataset(dsg)
                    .query(AtlasOntology.sparqlPrefixes() + "SELECT ?l { GRAPH ?g { ?l a pa:Locality } }")
                    .build()) {
                String iri = qe.select().next().get("l").getURI();
                return iri.substring(iri.lastIndexOf('/') + 1);
            }
        });
    }

    /** Every label's box in the drawing's own units (getBBox), as left, top, right, bottom, with its text. */
    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> labelBoxes() {
        return (List<Map<String, Object>>) ((JavascriptExecutor) driver).executeScript("""
                        return Array.from(document.querySelectorAll('svg.overlap-graph text')).map(t => {
                          const b = t.getBBox();
                          return {text: t.textContent, left: b.x, top: b.y, right: b.x + b.width,
                                  bottom: b.y + b.height};
                        });""");
    }

    static double at(Map<String, Object> box, String side) {
        return ((Number) box.get(side)).doubleValue();
    }

    static void assertNoLabelsOverlap(List<Map<String, Object>> boxes, int atLeast) {
        assertThat(boxes).hasSizeGreaterThanOrEqualTo(atLeast);
        for (int i = 0; i < boxes.size(); i++) {
            Map<String, Object> a = boxes.get(i);
            assertThat(at(a, "right") - at(a, "left"))
                    .as("%s is drawn", a.get("text"))
                    .isGreaterThan(10);
            for (int j = i + 1; j < boxes.size(); j++) {
                Map<String, Object> b = boxes.get(j);
                boolean intersect = at(a, "left") < at(b, "right")
                        && at(b, "left") < at(a, "right")
                        && at(a, "top") < at(b, "bottom")
                        && at(b, "top") < at(a, "bottom");
                assertThat(intersect)
                        .as("'%s' %s and '%s' %s", a.get("text"), a, b.get("text"), b)
                        .isFalse();
            }
        }
    }

    void open(String path) {
        driver.get(atlas.url() + path);
        new WebDriverWait(driver, Duration.ofSeconds(30))
                .until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("svg.overlap-graph text")));
    }

    @Test
    void theLocalityMapOfOneHundredAndTwentyPartnershipsHasNoOverlappingLabels() throws IOException {
        open("localities/" + localitySlug());
        chromium.screenshotOf("svg.overlap-graph", "dense-locality-map");
        List<Map<String, Object>> boxes = labelBoxes();
        assertNoLabelsOverlap(boxes, PARTNERSHIPS);
        assertThat(driver.findElements(By.cssSelector("svg.partnership-map circle.clustered")))
                .isNotEmpty();
        assertThat(driver.findElements(By.cssSelector("svg.partnership-map circle.umbrella")))
                .isNotEmpty();
    }

    @Test
    void theReportsOverlapGraphHasNoOverlappingLabels() throws IOException {
        open("reports/" + localitySlug());
        chromium.screenshotOf("svg.overlap-graph", "dense-locality-report");
        assertNoLabelsOverlap(labelBoxes(), PARTNERSHIPS);
        assertThat(driver.findElements(By.cssSelector("svg.overlap-graph line")))
                .hasSizeGreaterThan(PARTNERSHIPS);
    }
}
