package app.earmark.security;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import app.earmark.support.BrowserTest;
import com.microsoft.playwright.APIRequestContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import com.microsoft.playwright.options.RequestOptions;
import org.junit.jupiter.api.Test;

/** The API tokens page in a real browser: create a token, use it on the API, revoke it. */
class ApiTokensIT extends BrowserTest {

    @Test
    void aPersonCreatesATokenUsesItAndRevokesIt() {
        signInAs("iqa");
        page.locator("#main-nav").getByText("API tokens").click();
        assertThat(page).hasURL(url("/account/tokens"));

        page.getByLabel("Name").fill("Quality reports");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Create token")).click();
        var issued = page.locator("#issued-token-value input");
        assertThat(issued).hasValue(java.util.regex.Pattern.compile("ea_[A-Za-z0-9_-]{43}"));
        String token = issued.inputValue();
        assertThat(page.locator("#token-grid")).containsText("Quality reports");

        // A program, not this browser: a fresh context without the session cookie.
        APIRequestContext api = newContext().request();
        var ok = api.get(url("/api/v1/learners"), RequestOptions.create()
                .setHeader("Authorization", "Bearer " + token));
        assertThat(ok.status()).isEqualTo(200);

        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Revoke Quality reports")).click();
        page.locator("vaadin-confirm-dialog-overlay").getByRole(AriaRole.BUTTON,
                new com.microsoft.playwright.Locator.GetByRoleOptions().setName("Revoke")).click();
        assertThat(page.locator("#token-grid")).containsText("Revoked");

        var refused = api.get(url("/api/v1/learners"), RequestOptions.create()
                .setHeader("Authorization", "Bearer " + token));
        assertThat(refused.status()).isEqualTo(401);
        assertThat(refused.text()).contains("This API token was revoked.");
    }
}
