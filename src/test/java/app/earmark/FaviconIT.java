package app.earmark;

import static org.assertj.core.api.Assertions.assertThat;

import app.earmark.support.BrowserTest;
import com.microsoft.playwright.APIResponse;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Earmark's icon is served to anyone, signed in or not, and every page links to it. */
class FaviconIT extends BrowserTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource({"/favicon.ico, image/x-icon", "/icons/earmark.svg, image/svg+xml", "/icons/icon.png, image/png"})
    void theIconIsAnImageForAnyone(String path, String type) {
        APIResponse response = context.request().get(url(path));
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.headers().get("content-type")).startsWith(type);
        assertThat(response.body().length).isGreaterThan(100);
    }

    @org.junit.jupiter.api.Test
    void thePagesLinkToTheIcon() {
        open("/login");
        assertThat(page.locator("link[rel=icon]").getAttribute("href")).endsWith("icons/earmark.svg");
        signInAs("learner");
        assertThat(page.locator("link[rel=icon]").getAttribute("href")).endsWith("icons/earmark.svg");
    }
}
