package app.earmark.sampling;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import app.earmark.sampling.SamplingFixtures.Team;
import app.earmark.sheets.SheetView;
import app.earmark.support.Axe;
import app.earmark.support.BrowserTest;
import com.microsoft.playwright.Locator;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * An IQA makes a sampling plan in the browser (a bad percentage refused first), its draw samples the assessment
 * signed before, and an assessment signed afterwards appears as due with its reason and a link to its review.
 */
class SamplingIT extends BrowserTest {

    @Autowired
    SamplingFixtures fixtures;

    @Test
    void anIqaCreatesAPlanAndSeesSignedAssessmentsDueWithTheirReasons() {
        com.microsoft.playwright.assertions.PlaywrightAssertions.setDefaultAssertionTimeout(20_000);
        Team team = fixtures.team();
        SheetView before = fixtures.signed(team, "8587-300", false);
        String learnerName = "Learner " + team.learner().substring("smp-learner-".length());

        signIn(team.iqa(), "password123");
        page.locator("#welcome").waitFor();
        open("/sampling/plans");
        byId("new-plan").click();
        byId("plan-name").locator("input").fill("Browser plan");
        Locator percentage = page.locator(".plan-rule .rule-percentage input").first();
        percentage.fill("150");
        byId("risk-new-assessor").locator("input").fill("0");
        Axe.check(page);
        byId("save-plan").click();
        assertThat(page.locator("vaadin-notification-card.error-notification"))
                .containsText("Rule 1: a percentage is from 0 to 100; 150 is not.");
        assertThat(page.locator("#plans-grid")).not().containsText("Browser plan");

        percentage.fill("100");
        byId("save-plan").click();
        assertThat(page.locator("#plans-grid")).containsText("Browser plan");
        assertThat(page.locator("#plans-grid")).containsText("Every assessment: 100 %");
        assertThat(page.locator("#draws-grid")).containsText("sampled because: rule 1 (100 %)");
        page.waitForFunction("() => [...document.querySelectorAll('vaadin-notification-card')]"
                + ".every(card => !card.hasAttribute('opening') && !card.hasAttribute('closing'))");
        Axe.check(page);

        SheetView after = fixtures.signed(team, "8587-301", false);
        open("/sampling");
        Locator due = page.locator("#due-grid");
        assertThat(due).containsText(learnerName);
        assertThat(due).containsText("8587-300 (version 1)");
        assertThat(due).containsText("8587-301 (version 1)");
        assertThat(due).containsText("sampled because: rule 1 (100 %)");
        assertThat(page.locator("#due h2")).hasText("Due (2)");
        assertThat(page.locator("a.review-link").first()).hasAttribute("href", "review/" + before.id());
        assertThat(page.locator("a.review-link").nth(1)).hasAttribute("href", "review/" + after.id());
        assertThat(page.locator("#coverage-units")).containsText("8587-301");
        assertThat(page.locator(".coverage-missing").first()).containsText("Not looked at yet");
        Axe.check(page);
        assertThat(before.id()).isLessThan(after.id());
    }
}
