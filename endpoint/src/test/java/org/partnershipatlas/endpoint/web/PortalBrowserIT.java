package org.partnershipatlas.endpoint.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.partnershipatlas.endpoint.AtlasFixture;
import org.partnershipatlas.endpoint.SampleData;

/**
 * The portal in a real headless Chromium (Debian's chromium and chromedriver, driven by Selenium): the paths a
 * newcomer takes. Screenshots of each page go to {@code target/screenshots/}. When the browser is missing the
 * tests fail; they never skip.
 */
@Timeout(value = 180, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class PortalBrowserIT {
    @RegisterExtension
    static final AtlasFixture atlas = AtlasFixture.sharedSampleData();

    static Chromium chromium;
    static WebDriver driver;
    static WebDriverWait wait;

    @BeforeAll
    static void start() throws IOException {
        chromium = Chromium.start();
        driver = chromium.driver;
        wait = new WebDriverWait(driver, Duration.ofSeconds(20));
    }

    @AfterAll
    static void stop() throws IOException {
        if (chromium != null) {
            chromium.close();
        }
    }

    static List<Map<String, String>> rows(String file) throws IOException {
        return SampleData.rows(file);
    }

    static void open(String path) {
        driver.get(atlas.url() + path);
    }

    static void screenshot(String name) throws IOException {
        chromium.screenshot(name);
    }

    static String h1() {
        return wait.until(ExpectedConditions.visibilityOfElementLocated(By.tagName("h1")))
                .getText();
    }

    @Test
    void searchForAGuidanceTitleAndOpenTheResult() throws IOException {
        String title = rows("guidance.csv").stream()
                .map(r -> r.get("title"))
                .filter(t -> t.startsWith("Working Together"))
                .findFirst()
                .orElseThrow();
        open("");
        screenshot("home");
        WebElement box = driver.findElement(By.id("q"));
        box.sendKeys("Working Together effective partnerships");
        box.submit();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("ol.results li")));
        assertThat(driver.findElements(By.cssSelector("ol.results mark"))).isNotEmpty();
        screenshot("search");
        driver.findElement(By.linkText(title)).click();
        assertThat(h1()).isEqualTo(title);
        screenshot("guidance-document");
    }

    @Test
    void fillInTheProposalFormAndReadTheCheck() throws IOException {
        open("proposals");
        // An accented name: the browser sends the form as UTF-8, which the gatekeeper reads strictly.
        driver.findElement(By.id("title")).sendKeys("Newham Caf\u00e9 Safety Partnership");
        driver.findElement(By.id("purpose"))
                .sendKeys("Audit crime and disorder every three years and cut burglary, car crime and nuisance.");
        new Select(driver.findElement(By.id("locality"))).selectByVisibleText("Newham");
        Select domains = new Select(driver.findElement(By.id("domain")));
        domains.selectByVisibleText("Volume crime");
        domains.selectByVisibleText("Anti-social behaviour and disorder");
        Select members = new Select(driver.findElement(By.id("member")));
        for (String member : List.of(
                "London Borough of Newham",
                "Metropolitan Police Service",
                "Metropolitan Police Authority",
                "National Probation Service \u2013 London",
                "Newham Tenants and Residents Federation")) {
            members.selectByVisibleText(member);
        }
        screenshot("proposal-form");
        driver.findElement(By.cssSelector("form button[type=submit]")).click();
        assertThat(h1()).isEqualTo("Gatekeeper check: Newham Caf\u00e9 Safety Partnership");
        assertThat(driver.findElement(By.cssSelector("section.recommendation strong"))
                        .getText())
                .startsWith("Join or extend Newham Crime and Disorder Reduction Partnership");
        screenshot("proposal-check");
    }

    @Test
    void walkFromADomainToAPartnershipToAnOrganisation() throws IOException {
        open("domains");
        screenshot("domains");
        driver.findElement(By.linkText("Volume crime")).click();
        assertThat(h1()).isEqualTo("Volume crime");
        screenshot("domain");
        driver.findElement(By.cssSelector("section[aria-labelledby=partnerships] li a"))
                .click();
        String partnership = h1();
        assertThat(driver.findElement(By.id("memberships")).getText()).isEqualTo("Members");
        screenshot("partnership");
        WebElement member = driver.findElement(By.cssSelector("section[aria-labelledby=memberships] td a"));
        String memberName = member.getText();
        member.click();
        assertThat(h1()).isEqualTo(memberName);
        assertThat(driver.getPageSource()).contains("Partnerships it sits on").contains(partnership);
        screenshot("organisation");
    }

    @Test
    void theLocalityMapHasOneNodePerCurrentPartnership() throws IOException {
        long current = rows("partnerships.csv").stream()
                .filter(r -> List.of(r.get("localities").split(";")).contains("newham"))
                .filter(r -> r.get("end_date").isBlank())
                .count();
        open("localities/newham");
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("svg.partnership-map")));
        List<WebElement> nodes = driver.findElements(By.cssSelector("svg.partnership-map a.partnership-node circle"));
        assertThat((long) nodes.size()).isEqualTo(current).isGreaterThan(10);
        assertThat(driver.findElements(By.cssSelector("table.partnership-table tbody tr")))
                .hasSizeGreaterThanOrEqualTo((int) current);
        screenshot("locality");
    }

    @Test
    void fromALocalityPageToItsMapAPartnershipAndAnOverlappingPartnership() throws IOException {
        open("doc/locality/newham");
        assertThat(h1()).isEqualTo("Newham");
        List<WebElement> statistics = driver.findElements(By.cssSelector("table.statistics tbody tr"));
        assertThat(statistics).hasSizeGreaterThan(20);
        assertThat(statistics.get(0).findElement(By.cssSelector("td.number")).getText())
                .matches("[0-9]+");
        screenshot("locality-data");
        driver.findElement(By.linkText("partnership map")).click();
        assertThat(h1()).isEqualTo("Newham: the partnership map");
        driver.findElement(By.linkText("this locality as data")).click();
        assertThat(h1()).isEqualTo("Newham");
        open("doc/partnership/newham-cdrp");
        assertThat(driver.findElement(By.cssSelector("p.notice")).getText()).startsWith("Illustrative record");
        WebElement overlap = driver.findElement(By.cssSelector("table.overlaps tbody td a"));
        String name = overlap.getText();
        assertThat(name).doesNotMatch("[a-z0-9-]+");
        screenshot("partnership-overlaps");
        overlap.click();
        assertThat(h1()).isEqualTo(name);
    }

    @Test
    void filterTheGuidanceCatalogueByTwoFacetsAndPageThroughIt() throws IOException {
        open("guidance");
        int all = matching();
        screenshot("guidance");
        // The whole catalogue, page by page: every document once.
        List<String> listed = new ArrayList<>(titles());
        assertThat(listed).hasSizeLessThanOrEqualTo(50);
        while (!driver.findElements(By.cssSelector("nav.pager a[rel=next]")).isEmpty()) {
            String before = driver.getCurrentUrl();
            driver.findElement(By.cssSelector("nav.pager a[rel=next]")).click();
            wait.until(ExpectedConditions.not(ExpectedConditions.urlToBe(before)));
            assertThat(driver.findElements(By.cssSelector("nav.pager a[rel=prev]")))
                    .isNotEmpty();
            listed.addAll(titles());
        }
        assertThat(listed).hasSize(all).hasSizeGreaterThan(50);
        open("guidance");
        driver.findElement(By.cssSelector("section[aria-labelledby=facet-source] a[data-facet=source]"))
                .click();
        wait.until(ExpectedConditions.urlContains("source="));
        int bySource = matching();
        WebElement domain =
                driver.findElement(By.cssSelector("section[aria-labelledby=facet-domain] a[data-facet=domain]"));
        String countText =
                domain.findElement(By.xpath("following-sibling::span")).getText();
        int expected = Integer.parseInt(countText.replaceAll("[^0-9]", ""));
        domain.click();
        wait.until(ExpectedConditions.urlContains("domain="));
        int byBoth = matching();
        assertThat(byBoth).isEqualTo(expected).isPositive().isLessThanOrEqualTo(bySource);
        assertThat(driver.findElements(By.cssSelector("ul.documents li"))).hasSize(Math.min(50, byBoth));
        assertThat(bySource).isLessThan(all);
        assertThat(driver.findElements(By.cssSelector("a.remove"))).hasSize(2);
        screenshot("guidance-filtered");
    }

    /** How many documents the chosen facets leave, as the catalogue's heading says. */
    private int matching() {
        return Integer.parseInt(
                driver.findElement(By.cssSelector("span.matching")).getText());
    }

    /** The titles listed (a superseded document's replacement link is not a title). */
    private List<String> titles() {
        return driver.findElements(By.cssSelector("ul.documents li > a")).stream()
                .map(WebElement::getText)
                .toList();
    }

    @Test
    void runAnExampleOnTheSparqlPage() throws IOException {
        open("sparql");
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".CodeMirror")));
        new Select(driver.findElement(By.id("example"))).selectByValue("partnerships-per-locality");
        driver.findElement(By.id("run")).click();
        wait.until(ExpectedConditions.numberOfElementsToBeMoreThan(By.cssSelector("tr.result-row"), 0));
        int rows = driver.findElements(By.cssSelector("tr.result-row")).size();
        assertThat(rows).isEqualTo(rows("localities.csv").size());
        assertThat(driver.findElement(By.id("status")).getText()).isEqualTo(rows + " rows");
        screenshot("sparql");
    }
}
