package io.kring.browser;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.stream.Stream;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * One person's headless Chromium (Debian's chromium and chromedriver), with helpers that find
 * controls the way a person does: a button by its accessible name, a field by its label text.
 */
final class Browser implements AutoCloseable {

    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    static final Path SCREENSHOTS = Path.of("target", "screenshots");
    static final Duration WAIT = Duration.ofSeconds(15);

    final String who;
    final ChromeDriver driver;
    private final Path profile;

    private Browser(String who, ChromeDriver driver, Path profile) {
        this.who = who;
        this.driver = driver;
        this.profile = profile;
    }

    static boolean available() {
        return Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
    }

    /** Starts a fresh browser (own empty profile) with a window of the given size. */
    static Browser open(String who, int width, int height) {
        try {
            Path profile = Files.createTempDirectory("kring-chromium-");
            ChromeOptions options = new ChromeOptions();
            options.setBinary(CHROMIUM.toFile());
            options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                    "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                    "--disable-sync", "--user-data-dir=" + profile, "--window-size=" + Math.max(width, 800) + "," + height,
                    "--lang=nl-BE");
            if (width < 800) {
                // A desktop window cannot be narrower than about 500 px: emulate the phone's viewport.
                options.setExperimentalOption("mobileEmulation", Map.of("deviceMetrics",
                        Map.of("width", width, "height", height, "pixelRatio", 1.0, "touch", false)));
            }
            LoggingPreferences logs = new LoggingPreferences();
            logs.enable(LogType.BROWSER, Level.ALL);
            options.setCapability("goog:loggingPrefs", logs);
            ChromeDriverService service = new ChromeDriverService.Builder()
                    .usingDriverExecutable(CHROMEDRIVER.toFile())
                    .usingAnyFreePort()
                    .build();
            return new Browser(who, new ChromeDriver(service, options), profile);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * From the start page at {@code base}: creates an English meeting with one agenda item, as its moderator
     * "Mo", and waits until connected. Returns the link to join.
     */
    String startEnglishMeeting(String base, String title, String firstItem) {
        get(base);
        type("Titel van de vergadering", title);
        new Select(field("Taal van de vergadering")).selectByValue("en");
        type("Je naam (als moderator)", "Mo");
        type("Titel van punt 1", firstItem);
        click("Vergadering starten");
        text("Connected");
        return field("Link to join").getDomProperty("value");
    }

    void get(String url) {
        driver.get(url);
    }

    /** A wait that looks again when the page re-rendered what it was looking at. */
    WebDriverWait waiting() {
        WebDriverWait wait = new WebDriverWait(driver, WAIT);
        wait.ignoring(StaleElementReferenceException.class);
        return wait;
    }

    /** A visible button whose accessible name (aria-label, else its text) is {@code name}. */
    WebElement button(String name) {
        By by = By.xpath("//button[@aria-label=" + literal(name) + " or (not(@aria-label) and normalize-space(.)="
                + literal(name) + ")]");
        return waiting().withMessage(() -> who + ": no visible button \"" + name + "\"")
                .until(d -> d.findElements(by).stream().filter(WebElement::isDisplayed).findFirst().orElse(null));
    }

    /** True when a visible button with that accessible name is on the page now (no waiting). */
    boolean hasButton(String name) {
        By by = By.xpath("//button[@aria-label=" + literal(name) + " or (not(@aria-label) and normalize-space(.)="
                + literal(name) + ")]");
        try {
            return driver.findElements(by).stream().anyMatch(WebElement::isDisplayed);
        } catch (StaleElementReferenceException e) {
            return hasButton(name);
        }
    }

    /** Clicks the button, finding it again if a re-render replaced it meanwhile. */
    void click(String buttonName) {
        waiting().withMessage(() -> who + ": could not click \"" + buttonName + "\"").until(d -> {
            WebElement button = button(buttonName);
            if (!button.isEnabled()) {
                return false;
            }
            button.click();
            return true;
        });
    }

    /**
     * The visible form field labelled {@code label} (a {@code <label for>} with exactly that text);
     * while a modal dialog is open, only its fields count (they are all a person can reach).
     */
    WebElement field(String label) {
        By by = By.xpath("//label[normalize-space(.)=" + literal(label) + "]");
        By inDialog = By.xpath("//dialog[@open]//label[normalize-space(.)=" + literal(label) + "]");
        return waiting().withMessage(() -> who + ": no visible field labelled \"" + label + "\"").until(d -> {
            boolean modal = !d.findElements(By.cssSelector("dialog[open]")).isEmpty();
            for (WebElement l : d.findElements(modal ? inDialog : by)) {
                String id = l.getDomAttribute("for");
                if (id == null) {
                    continue;
                }
                List<WebElement> fields = d.findElements(By.id(id));
                if (!fields.isEmpty() && fields.get(0).isDisplayed()) {
                    return fields.get(0);
                }
            }
            return null;
        });
    }

    void type(String label, String text) {
        WebElement field = field(label);
        field.clear();
        field.sendKeys(text);
    }

    /** Sets a number field (clearing a number input by keys is unreliable). */
    void number(String label, int value) {
        WebElement field = field(label);
        field.sendKeys(org.openqa.selenium.Keys.chord(org.openqa.selenium.Keys.CONTROL, "a"));
        field.sendKeys(String.valueOf(value));
    }

    /** Waits until some visible element's text is exactly {@code text}; returns it. */
    WebElement text(String text) {
        By by = By.xpath("//*[normalize-space(.)=" + literal(text) + "]");
        return waiting().withMessage(() -> who + ": no visible text \"" + text + "\"")
                .until(d -> d.findElements(by).stream().filter(WebElement::isDisplayed).reduce((a, b) -> b).orElse(null));
    }

    /** Waits until some visible element's text contains {@code text}. */
    WebElement textContaining(String text) {
        By by = By.xpath("//*[contains(normalize-space(.), " + literal(text) + ")]");
        return waiting().withMessage(() -> who + ": no visible text containing \"" + text + "\"")
                .until(d -> d.findElements(by).stream().filter(WebElement::isDisplayed).reduce((a, b) -> b).orElse(null));
    }

    /** The visible region (section, aside...) labelled by a heading with this text. */
    WebElement region(String heading) {
        By by = By.xpath("//*[@aria-labelledby][.//*[self::h1 or self::h2][normalize-space(.)=" + literal(heading) + "]]");
        return waiting().withMessage(() -> who + ": no region \"" + heading + "\"")
                .until(d -> d.findElements(by).stream().filter(WebElement::isDisplayed).reduce((a, b) -> b).orElse(null));
    }

    Object js(String script, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(script, args);
    }

    /** Saves a screenshot of the whole page (not just the window) as target/screenshots/{name}.png. */
    void screenshot(String name) {
        try {
            Files.createDirectories(SCREENSHOTS);
            byte[] png;
            try {
                Map<String, Object> metrics = driver.executeCdpCommand("Page.getLayoutMetrics", Map.of());
                @SuppressWarnings("unchecked")
                Map<String, Object> size = (Map<String, Object>) metrics.get("cssContentSize");
                double w = ((Number) size.get("width")).doubleValue();
                double h = Math.min(((Number) size.get("height")).doubleValue(), 6000);
                Map<String, Object> shot = driver.executeCdpCommand("Page.captureScreenshot", Map.of(
                        "format", "png", "captureBeyondViewport", true,
                        "clip", Map.of("x", 0, "y", 0, "width", w, "height", h, "scale", 1)));
                png = java.util.Base64.getDecoder().decode((String) shot.get("data"));
            } catch (RuntimeException e) {
                png = ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES);
            }
            Files.write(SCREENSHOTS.resolve(name + ".png"), png);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Browser console messages so far (errors, CSP reports...). */
    List<LogEntry> console() {
        return driver.manage().logs().get(LogType.BROWSER).getAll();
    }

    WebDriver driver() {
        return driver;
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            try (Stream<Path> files = Files.walk(profile)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException ignored) {
                // a temp folder; the OS cleans it eventually
            }
        }
    }

    /** An XPath string literal for any text (quotes included). */
    static String literal(String s) {
        if (!s.contains("'")) {
            return "'" + s + "'";
        }
        if (!s.contains("\"")) {
            return "\"" + s + "\"";
        }
        return "concat('" + s.replace("'", "',\"'\",'") + "')";
    }
}
