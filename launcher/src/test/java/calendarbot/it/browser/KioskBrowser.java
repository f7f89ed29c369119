package calendarbot.it.browser;

import calendarbot.it.Poll;
import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.stream.Stream;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;

/**
 * Debian's chromium, headless, driven by Debian's chromedriver, sized like the kiosk's 480x800 portrait panel,
 * with a fresh profile each time. Waits go through {@link Poll}: explicit and generous, the machine may be busy.
 */
final class KioskBrowser implements AutoCloseable {

    static final Path CHROMIUM = Paths.get("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Paths.get("/usr/bin/chromedriver");

    private final Path profile;
    private final ChromeDriver driver;

    private KioskBrowser(Path profile, ChromeDriver driver) {
        this.profile = profile;
        this.driver = driver;
    }

    static KioskBrowser open() throws IOException {
        if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
            throw new IllegalStateException("the browser tests need Debian's chromium and chromedriver: "
                    + "apt-get install -y chromium chromium-driver");
        }
        Path profile = Files.createTempDirectory("calendarbot-chromium-");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-dev-shm-usage",
                "--hide-scrollbars", "--window-size=480,800", "--user-data-dir=" + profile);
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability(ChromeOptions.LOGGING_PREFS, logs);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort()
                .build();
        ChromeDriver driver;
        try {
            driver = new ChromeDriver(service, options);
        } catch (RuntimeException e) {
            deleteTree(profile);
            throw e;
        }
        KioskBrowser browser = new KioskBrowser(profile, driver);
        browser.resize(480, 800);
        return browser;
    }

    void open(URI uri) {
        driver.get(uri.toString());
    }

    /** Waits until calendarbot.js has put the first data on screen; returns the ready mark's time. */
    String awaitReady() {
        return Poll.until("the page's first render (its calendarbot-ready mark)", this::readyMark, m -> !m.isEmpty());
    }

    /**
     * The ready mark as it is now: the time of the last render, or "" before the first. The server puts the mark in
     * every served page with the content "true" (calendarbot_lite's watchdog looks for it); calendarbot.js replaces
     * that with the render's time, so "true" still means "not rendered yet".
     */
    String readyMark() {
        String mark = meta("calendarbot-ready");
        return "true".equals(mark) ? "" : mark;
    }

    // Read in one script call: the page may be replaced (a layout change reloads it) between two commands.
    private String meta(String name) {
        Object content = script("var m = document.querySelector('meta[name=\"' + arguments[0] + '\"]');"
                + " return m ? m.getAttribute('content') || '' : '';", name);
        return content == null ? "" : content.toString();
    }

    /** The layout of the page now shown (its own meta mark). */
    String layoutShown() {
        return meta("calendarbot-layout");
    }

    String text(String css) {
        return driver.findElement(By.cssSelector(css)).getText().trim();
    }

    boolean displayed(String css) {
        List<WebElement> found = driver.findElements(By.cssSelector(css));
        return !found.isEmpty() && found.get(0).isDisplayed();
    }

    WebElement element(String css) {
        return driver.findElement(By.cssSelector(css));
    }

    List<WebElement> elements(String css) {
        return driver.findElements(By.cssSelector(css));
    }

    /** Waits until the element's visible text satisfies the check; returns that text. */
    String awaitText(String css, java.util.function.Predicate<String> check) {
        return Poll.until("the text of " + css + " to be as expected", () -> {
            List<WebElement> found = driver.findElements(By.cssSelector(css));
            return found.isEmpty() ? null : found.get(0).getText().trim();
        }, text -> text != null && check.test(text));
    }

    /** Polls the page (a stale element or a script error while it reloads count as "not yet"). */
    <T> T until(String what, Poll.Probe<T> probe) {
        return Poll.until(what, probe);
    }

    Object script(String js, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(js, args);
    }

    /**
     * Sets the page's viewport to exactly this size. Headless chromium's window keeps a desktop minimum width
     * and counts its own (invisible) toolbars in --window-size, so the panel size is emulated instead.
     */
    void resize(int width, int height) {
        driver.executeCdpCommand("Emulation.setDeviceMetricsOverride", Map.of(
                "width", width, "height", height, "deviceScaleFactor", 1, "mobile", false));
    }

    /** What the page printed to the console as an error, minus failed loads (those are the server's news). */
    List<String> consoleErrors() {
        return driver.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(e -> e.getLevel().intValue() >= Level.SEVERE.intValue())
                .map(LogEntry::getMessage)
                .filter(m -> !m.contains("Failed to load resource"))
                .toList();
    }

    /** Saves what a person would see under target/screenshots/NAME.png. */
    Path screenshot(String name) throws IOException {
        Path dir = Paths.get(System.getProperty("calendarbot.target", "target")).resolve("screenshots");
        Files.createDirectories(dir);
        File shot = driver.getScreenshotAs(OutputType.FILE);
        Path target = dir.resolve(name + ".png");
        Files.copy(shot.toPath(), target, StandardCopyOption.REPLACE_EXISTING);
        return target;
    }

    @Override
    public void close() throws IOException {
        try {
            driver.quit();
        } finally {
            deleteTree(profile);
        }
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        // Chromium may still be closing files as it exits: what cannot go now is left to the temp folder.
        try (Stream<Path> all = Files.walk(root)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException busy) {
                    // left behind
                }
            }
        } catch (IOException | java.io.UncheckedIOException gone) {
            // nothing more to do
        }
    }
}
