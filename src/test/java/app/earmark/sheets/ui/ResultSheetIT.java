package app.earmark.sheets.ui;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import app.earmark.catalogue.AssessmentCriterion;
import app.earmark.sheets.SheetFixtures;
import app.earmark.sheets.SheetView;
import app.earmark.support.AuditTrail;
import app.earmark.support.BrowserTest;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * In a real browser, opened directly at its address as an IQA's or learner's link would: the assessor fills
 * in a Pass / Referral sheet, is refused a Pass the rules make a referral, signs through the confirmation
 * dialog and sees the signed version's SHA-256; the learner then confirms it as a true record. A marked
 * unit's sheet totals the marks as they are typed and shows an automatic referral above 50.
 */
class ResultSheetIT extends BrowserTest {

    @Autowired
    SheetFixtures sheets;
    @Autowired
    AuditTrail trail;

    private String sheetPath(String learner, SheetView sheet) {
        return "/learners/" + trail.userId(learner) + "/units/" + sheet.unit().id() + "/sheet";
    }

    private static Locator choice(Locator group, String label) {
        return group.locator("vaadin-radio-button").filter(new Locator.FilterOptions().setHas(
                group.page().getByText(label, new Page.GetByTextOptions().setExact(true))));
    }

    private List<String> criterionIds() {
        var ids = (List<?>) page.locator("#sheet-form .criterion").evaluateAll("nodes => nodes.map(n => n.id)");
        return ids.stream().map(String::valueOf).toList();
    }

    @Test
    void theAssessorFillsInAndSignsTheSheetAndTheLearnerConfirmsItAsATrueRecord() {
        SheetView sheet = sheets.freshSheet("learner", "8587-300");
        signInAs("assessor");
        open(sheetPath("learner", sheet));
        assertThat(byId("sheet-status")).containsText("Version 1, draft");

        List<String> acs = criterionIds();
        assertThat(acs).hasSize(sheet.unit().criterionIds().size()).contains("ac-1-1");
        for (String ac : acs) {
            Locator result = byId(ac + "-result");
            choice(result, "Pass").click();
            assertThat(choice(result, "Pass")).hasAttribute("checked", "");
            page.locator("#" + ac + "-feedback textarea").fill("Well evidenced in the discussion (" + ac + ")");
        }
        // One AC not met: the rules make the unit a referral, and a Pass is refused with the reason.
        choice(byId("ac-1-1-result"), "Referral").click();
        page.locator("#ac-1-1-feedback textarea").fill("<b>Not</b> explained");
        page.locator("#ac-1-1-feedback textarea").press("Tab");
        assertThat(byId("sheet-outcome")).hasAttribute("data-outcome", "REFERRAL");
        assertThat(byId("sheet-referrals")).containsText("1.1");
        // Only the outcome the rules give is offered.
        assertThat(choice(byId("assessor-decision"), "PASS")).hasAttribute("disabled", "");
        assertThat(byId("assessor-decision")).containsText("The rules make this unit a Referral.");
        assertThat(byId("sheet-status")).containsText("draft");

        choice(byId("ac-1-1-result"), "Pass").click();
        assertThat(byId("sheet-outcome")).hasAttribute("data-outcome", "PASS");
        choice(byId("assessor-decision"), "PASS").click();
        byId("sign-sheet").click();
        assertThat(page.locator("vaadin-dialog-overlay")).containsText("Sign version 1 as Pass?");
        // Record what the page shows between the click and the answer: the button disabled, "Signing…" in view.
        page.evaluate("""
                () => {
                  window.signing = {disabled: false, progress: false};
                  const button = document.getElementById('confirm-sign');
                  button.addEventListener('click', () => setTimeout(() => {
                    window.signing.disabled = button.hasAttribute('disabled');
                    const progress = document.getElementById('sign-progress');
                    window.signing.progress = !!progress && !progress.hidden && progress.getClientRects().length > 0
                        && progress.textContent.includes('Signing…');
                  }, 0));
                }""");
        long clicked = System.nanoTime();
        byId("confirm-sign").click();

        assertThat(byId("sheet-status")).hasText("Version 1, signed.");
        assertThat(byId("signed-outcome")).hasText("Unit outcome: PASS");
        System.out.printf("[it] click to signed sheet shown: %.0f ms%n", (System.nanoTime() - clicked) / 1e6);
        org.assertj.core.api.Assertions.assertThat(page.evaluate("() => window.signing.disabled"))
                .as("the button is disabled while signing").isEqualTo(true);
        org.assertj.core.api.Assertions.assertThat(page.evaluate("() => window.signing.progress"))
                .as("\"Signing…\" is shown while signing").isEqualTo(true);
        assertThat(byId("signed-pdf").locator("a")).hasAttribute("href", Pattern.compile("^/exports/sheets/\\d+\\.pdf$"));
        assertThat(byId("sheet-hash")).hasText(Pattern.compile("^[0-9a-f]{64}$"));
        String hash = byId("sheet-hash").textContent();
        // The feedback is kept as typed, markup and all, and the signed version is read-only.
        assertThat(page.locator("#ac-1-1-feedback textarea")).hasValue("<b>Not</b> explained");
        assertThat(page.locator("#ac-1-1-feedback textarea")).not().isEditable();

        Page learner = newContext().newPage();
        signInAs(learner, "learner");
        learner.navigate(url(sheetPath("learner", sheet)));
        assertThat(learner.locator("#confirm-authenticity-statement")).isVisible();
        assertThat(learner.locator("#sign-sheet")).hasCount(0);
        learner.locator("#confirm-authenticity").click();
        assertThat(learner.locator("#declaration-dialog-statement")).containsText("is a true record of my");
        learner.locator("#confirm-declaration").click();
        assertThat(learner.locator("#authenticity-made")).containsText("Confirmed by");
        assertThat(learner.locator("#authenticity-made")).containsText("on version 1");
        assertThat(learner.locator("#confirm-authenticity")).hasCount(0);

        open(sheetPath("learner", sheet));
        assertThat(byId("authenticity-made")).containsText("Confirmed by");
        assertThat(byId("sheet-hash")).hasText(hash);
        assertThat(page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Amend (start version 2)")))
                .isVisible();
    }

    @Test
    void aMarkedUnitTotalsTheMarksAsTheyAreTypedAndAnAcBelowItsMinimumIsAReferralAboveFifty() {
        SheetView sheet = sheets.freshSheet("learner2", "8580-501");
        signInAs("assessor");
        open(sheetPath("learner2", sheet));
        choice(byId("sheet-mode"), "Marks per AC, totalled out of 100").click();

        List<String> acs = criterionIds();
        assertThat(acs).isNotEmpty();
        Locator first = page.locator("#" + acs.get(0) + "-marks input");
        assertThat(first).isVisible();
        assertThat(byId(acs.get(0) + "-result")).isHidden();
        // Every AC at its maximum except the first, which gets 0: the total is high, the unit a referral.
        Map<String, Integer> maxima = sheet.unit().definition().learningOutcomes().stream()
                .flatMap(lo -> lo.assessmentCriteria().stream())
                .collect(Collectors.toMap(ac -> "ac-" + ac.number().replace('.', '-'), AssessmentCriterion::marks));
        for (String ac : acs.subList(1, acs.size())) {
            page.locator("#" + ac + "-marks input").fill(String.valueOf(maxima.get(ac)));
        }
        first.fill("0");
        first.press("Tab");

        assertThat(byId("sheet-total")).containsText("/ 100 marks");
        int total = Integer.parseInt(byId("sheet-total").textContent().replaceAll("^Total (?:so far )?(\\d+).*$", "$1"));
        assertThat(total).isGreaterThan(50);
        assertThat(byId("sheet-outcome")).hasAttribute("data-outcome", "REFERRAL");
        assertThat(byId("sheet-referrals")).containsText(acs.get(0).substring(3).replace('-', '.'));
    }
}
