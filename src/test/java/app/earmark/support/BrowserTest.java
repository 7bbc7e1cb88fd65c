package app.earmark.support;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.options.AriaRole;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInfo;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

/**
 * Real-browser tests: the whole application on a random port, driven through Debian's Chromium by
 * Playwright. Playwright never downloads a browser here; without Chromium the tests fail, they do not
 * skip. Set {@code -Dearmark.test.chromium=/path/to/chromium} to use another build.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.datasource.url=jdbc:h2:mem:earmark-browser-${earmark.test.context-id};MODE=PostgreSQL;"
                + "DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1",
        "earmark.media-store=target/test-media-browser/${earmark.test.context-id}",
        "earmark.live.abandon-after=6s",
        "earmark.live.sweep-interval=PT1S",
        "earmark.sheets.warm-up-pdf=true"})
@ActiveProfiles("test")
public abstract class BrowserTest {

    /** Headless, offline, and with fake camera and microphone (a test tone and pattern) granted without asking. */
    protected static final List<String> CHROMIUM_FLAGS = List.of("--disable-gpu", "--disable-dev-shm-usage",
            "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
            "--disable-quic", "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE localhost",
            "--use-fake-device-for-media-stream", "--use-fake-ui-for-media-stream",
            "--autoplay-policy=no-user-gesture-required");

    private static Playwright playwright;
    private static Browser browser;

    @LocalServerPort
    protected int port;

    protected BrowserContext context;
    protected Page page;

    @BeforeAll
    static void launchChromium() {
        playwright = newPlaywright();
        browser = launch(playwright, CHROMIUM_FLAGS);
    }

    protected static Playwright newPlaywright() {
        return Playwright.create(new Playwright.CreateOptions()
                .setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
    }

    /** Debian's Chromium (never a downloaded one), headless, with the given flags. */
    protected static Browser launch(Playwright playwright, List<String> flags) {
        Path chromium = Path.of(System.getProperty("earmark.test.chromium", "/usr/bin/chromium"));
        if (!Files.isExecutable(chromium)) {
            throw new IllegalStateException("Browser tests need Chromium at " + chromium + ". Install Debian's"
                    + " 'chromium' package (.ci/run does) or pass -Dearmark.test.chromium=<path>.");
        }
        return playwright.chromium().launch(new BrowserType.LaunchOptions().setExecutablePath(chromium)
                .setHeadless(true).setChromiumSandbox(false).setArgs(flags));
    }

    @AfterAll
    static void closeChromium() {
        if (browser != null) {
            browser.close();
        }
        if (playwright != null) {
            playwright.close();
        }
    }

    @BeforeEach
    void openPage() {
        context = newContext();
        page = context.newPage();
        // A script that throws in the page (a web component that never defines itself) shows in the test's output.
        page.onPageError(error -> System.out.println(getClass().getSimpleName() + " page error: " + error));
        page.onConsoleMessage(message -> {
            if ("error".equals(message.type())) {
                System.out.println(getClass().getSimpleName() + " console error: " + message.text());
            }
        });
    }

    /** A fresh browser context (its own cookies and session) in the shared browser; closed after the test. */
    protected BrowserContext newContext() {
        return newContext(null);
    }

    /** As {@link #newContext()}, with the browser's language (navigator.language and Accept-Language), e.g. "en-GB". */
    protected BrowserContext newContext(String locale) {
        var options = new Browser.NewContextOptions().setViewportSize(1400, 1000);
        if (locale != null) {
            options.setLocale(locale);
        }
        BrowserContext fresh = browser.newContext(options);
        fresh.setDefaultTimeout(20_000);
        extraContexts.add(fresh);
        return fresh;
    }

    private final List<BrowserContext> extraContexts = new java.util.ArrayList<>();

    @AfterEach
    void closePage(TestInfo test) {
        if (page != null && !page.isClosed()) {
            Path shot = Path.of("target", "browser-screenshots", test.getTestClass().map(Class::getSimpleName)
                    .orElse("test") + "-" + test.getDisplayName().replaceAll("[^A-Za-z0-9]+", "_") + ".png");
            page.screenshot(new Page.ScreenshotOptions().setPath(shot).setFullPage(true));
        }
        extraContexts.forEach(BrowserContext::close);
        extraContexts.clear();
    }

    protected String url(String path) {
        return "http://localhost:" + port + path;
    }

    protected void open(String path) {
        page.navigate(url(path));
        page.waitForLoadState();
    }

    /** Signs in through the login page and waits for the home page. */
    protected void signIn(String username, String password) {
        signIn(page, username, password);
    }

    protected void signIn(Page page, String username, String password) {
        page.navigate(url("/login"));
        page.getByLabel("Username").fill(username);
        page.getByLabel("Password", new Page.GetByLabelOptions().setExact(true)).fill(password);
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Log in")).click();
    }

    protected void signInAs(String username) {
        signInAs(page, username);
    }

    protected void signInAs(Page page, String username) {
        signIn(page, username, "demo");
        page.locator("#welcome").waitFor();
    }

    protected Locator byId(String id) {
        return page.locator("#" + id);
    }
}
