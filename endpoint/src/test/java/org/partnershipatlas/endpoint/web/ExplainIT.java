package org.partnershipatlas.endpoint.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.apache.jena.atlas.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.partnershipatlas.endpoint.AtlasFixture;
import org.partnershipatlas.endpoint.Routes;

/**
 * {@code /sparql/explain} over HTTP, and the SPARQL page's "Why is this slow?" for a query that hits the timeout,
 * in a real browser.
 */
@Timeout(value = 180, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class ExplainIT {
    static final String LEAD_BODIES = "PREFIX org: <http://www.w3.org/ns/org#>\nSELECT * { ?m org:member ?o ;"
            + " org:role <https://w3id.org/partnership-atlas/id/role/lead-body> }";
    /** Every triple three times over: it cannot finish within the test server's one-second timeout. */
    static final String HEAVY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }";

    @RegisterExtension
    static final AtlasFixture atlas =
            AtlasFixture.sharedSampleData().server((builder, fixture) -> builder.queryTimeout(Duration.ofSeconds(1)));

    static Chromium chromium;

    @BeforeAll
    static void start() throws IOException {
        chromium = Chromium.start();
    }

    @AfterAll
    static void stop() throws IOException {
        if (chromium != null) {
            chromium.close();
        }
    }

    static String explainPath(String query) {
        return Routes.EXPLAIN.substring(1) + "?query=" + URLEncoder.encode(query, StandardCharsets.UTF_8);
    }

    @Test
    void explainsAsPlainTextWithoutRunningTheQuery() throws Exception {
        AtlasFixture.Response r = atlas.get(explainPath(LEAD_BODIES), "text/plain");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.mediaType()).isEqualTo("text/plain");
        assertThat(r.header("Cache-Control")).hasValue("no-store");
        assertThat(r.text())
                .contains("Optimized algebra")
                .contains("estimated")
                .contains("org:role <https://w3id.org/partnership-atlas/id/role/lead-body>")
                .contains("starts from ?m org:role");
    }

    @Test
    void explainsAsJsonWithTheReasonInWords() throws Exception {
        AtlasFixture.Response r = atlas.get(explainPath(HEAVY), "application/json");
        assertThat(r.statusCode()).isEqualTo(200);
        JsonObject json = r.json();
        assertThat(json.getString("words")).contains("starts from ?a ?b ?c").contains("the most rows come after step");
        assertThat(json.getString("plan")).contains("Basic graph pattern 1");
    }

    @Test
    void aMissingOrBrokenQueryIsABadRequest() throws Exception {
        assertThat(atlas.get(Routes.EXPLAIN.substring(1), "text/plain").statusCode())
                .isEqualTo(400);
        AtlasFixture.Response broken = atlas.get(explainPath("SELECT * WHERE {"), "text/plain");
        assertThat(broken.statusCode()).isEqualTo(400);
        assertThat(broken.text()).contains("does not parse");
    }

    @Test
    void theSparqlPageExplainsAQueryThatTimedOut() throws Exception {
        var driver = chromium.driver;
        WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(30));
        driver.get(atlas.url() + "sparql");
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".CodeMirror")));
        ((JavascriptExecutor) driver)
                .executeScript("document.querySelector('.CodeMirror').CodeMirror.setValue(arguments[0]);", HEAVY);
        driver.findElement(By.id("run")).click();
        var button = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("why-button")));
        assertThat(driver.findElement(By.id("status")).getText()).startsWith("Error 503");
        button.click();
        var words = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("why-words")));
        assertThat(words.getText()).contains("starts from ?a ?b ?c").contains("rows");
        assertThat(driver.findElement(By.id("status")).getText()).isEqualTo("The query took too long. Why:");
        chromium.screenshot("sparql-why-is-this-slow");
    }
}
