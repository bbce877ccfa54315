package org.partnershipatlas.endpoint.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import org.apache.commons.io.FileUtils;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * A real headless Chromium for browser tests (Debian's chromium and chromedriver, driven by Selenium), with its own
 * profile folder; screenshots go to {@code target/screenshots/}. When the browser is missing, {@link #start()}
 * fails the test; it never skips.
 */
final class Chromium implements AutoCloseable {
    static final File CHROMIUM = new File("/usr/bin/chromium");
    static final File CHROMEDRIVER = new File("/usr/bin/chromedriver");

    final WebDriver driver;
    private final Path profile;

    private Chromium(WebDriver driver, Path profile) {
        this.driver = driver;
        this.profile = profile;
    }

    static Chromium start() throws IOException {
        assertThat(CHROMIUM).as("Debian chromium (apt-get install chromium)").exists();
        assertThat(CHROMEDRIVER)
                .as("Debian chromedriver (apt-get install chromium-driver)")
                .exists();
        Path profile = Files.createTempDirectory("chromium-profile");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM);
        options.addArguments(
                "--headless=new",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-dev-shm-usage",
                "--disable-background-networking",
                "--disable-component-update",
                "--no-first-run",
                "--no-default-browser-check",
                "--disable-extensions",
                "--disable-sync",
                "--window-size=1280,1000",
                "--user-data-dir=" + profile);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER)
                .usingAnyFreePort()
                .build();
        WebDriver driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
        Files.createDirectories(Path.of("target", "screenshots"));
        return new Chromium(driver, profile);
    }

    void screenshot(String name) throws IOException {
        File shot = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE);
        Files.copy(shot.toPath(), Path.of("target", "screenshots", name + ".png"), StandardCopyOption.REPLACE_EXISTING);
    }

    /**
     * A screenshot of the first element the CSS selector finds, whole: the window is made large enough for it for the
     * screenshot (up to 4,000 pixels a side), then set back.
     */
    void screenshotOf(String css, String name) throws IOException {
        org.openqa.selenium.WebElement element = driver.findElement(org.openqa.selenium.By.cssSelector(css));
        org.openqa.selenium.Rectangle at = element.getRect();
        org.openqa.selenium.Dimension before = driver.manage().window().getSize();
        driver.manage()
                .window()
                .setSize(new org.openqa.selenium.Dimension(
                        Math.min(4000, Math.max(before.getWidth(), at.getX() + at.getWidth() + 40)),
                        Math.min(4000, Math.max(before.getHeight(), at.getY() + at.getHeight() + 200))));
        try {
            File shot = element.getScreenshotAs(OutputType.FILE);
            Files.copy(
                    shot.toPath(),
                    Path.of("target", "screenshots", name + ".png"),
                    StandardCopyOption.REPLACE_EXISTING);
        } finally {
            driver.manage().window().setSize(before);
        }
    }

    @Override
    public void close() throws IOException {
        try {
            driver.quit();
        } finally {
            FileUtils.deleteDirectory(profile.toFile());
        }
    }
}
