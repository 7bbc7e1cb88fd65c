package app.earmark.catalogue;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import app.earmark.support.BrowserTest;
import com.microsoft.playwright.options.FilePayload;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Browsing the catalogue, and an administrator importing a unit, in a real browser. */
class CatalogueIT extends BrowserTest {

    @Test
    void browseFromQualificationToUnitToAcWithMarksAndDescriptors() {
        signInAs("assessor");
        open("/catalogue");
        var level5 = byId("qualification-8580");
        assertThat(level5).containsText("ILM Level 5 Certificate and Diploma in Coaching and Mentoring");
        assertThat(level5.locator(".rules-of-combination")).containsText("At least 37 credits");
        level5.getByText("8580-502", new com.microsoft.playwright.Locator.GetByTextOptions().setExact(true)).click();
        assertThat(byId("unit-title")).containsText("8580-502");
        assertThat(byId("unit-facts")).containsText("29 credits");
        var ac21 = byId("ac-2-1");
        assertThat(ac21.locator(".ac-text")).containsText(
                "Complete a minimum of hundred hours of coaching or mentoring activity with six or more clients");
        assertThat(ac21.locator(".ac-marks")).hasText("16 marks (minimum 8)");
        assertThat(ac21.locator(".descriptor-good-pass")).containsText("Comprehensive evidence");
        assertThat(byId("marks-rule")).containsText("automatic referral");
    }

    @Test
    void aLevel3UnitShowsItsUanDepthAndGuidance() {
        signInAs("learner");
        open("/catalogue/units/8587-302");
        assertThat(byId("unit-facts")).containsText("UAN H/617/2843");
        assertThat(byId("ac-1-1").getByText("Depth")).isVisible();
        assertThat(byId("ac-1-1").getByText("Assessment guidance")).isVisible();
        assertThat(page.locator("#import-unit")).hasCount(0);
    }

    @Test
    void anAdministratorImportsAUnitAndSeesEveryProblemOfABadOne() {
        signInAs("admin");
        open("/catalogue");
        byId("import-unit").click();
        String bad = CatalogueFilesTest.GOOD_MARKED.replace("CENTRE-101", "UI-1").replace("marks: 60", "marks: 50")
                .replace("minimum: 30", "minimum: 25");
        upload("ui-1.yaml", bad);
        assertThat(byId("import-problems")).containsText("The marks of a MARK_SHEET unit must total 100; these total 90.");

        upload("ui-1.yaml", CatalogueFilesTest.GOOD_MARKED.replace("CENTRE-101", "UI-1"));
        assertThat(byId("import-outcome")).containsText("Imported unit UI-1 version 1 (2 assessment criteria).");
        page.getByText("Close").click();
        assertThat(byId("standalone-units")).containsText("UI-1");
    }

    @Test
    void theInferredDiplomaRuleIsMarkedProvisionalUntilAnAdministratorImportsItConfirmed() throws Exception {
        signInAs("admin");
        open("/catalogue");
        var diploma = byId("qualification-8580").locator(".combination-rule[data-award=Diploma]");
        assertThat(diploma.locator(".provisional-badge")).hasText("Provisional");
        assertThat(diploma.locator(".provisional-reason")).containsText("The source lists the Diploma as 'three"
                + " mandatory units (total credit value 37)' without naming them");
        assertThat(byId("qualification-8580").locator(".provisional-badge")).hasCount(1);

        String asShipped;
        try (var in = getClass().getResourceAsStream("/catalogue/qualifications/8580.yaml")) {
            asShipped = new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("code: '8580'", "code: 'UI-Q'")
                    .replace("version: 2", "version: 1");
        }
        byId("import-qualification").click();
        upload("qualification-upload", "ui-q.yaml", asShipped);
        assertThat(byId("import-outcome")).containsText("Imported qualification UI-Q version 1 (2 rules of"
                + " combination, provisional: Diploma).");
        page.getByText("Close").click();
        assertThat(byId("qualification-UI-Q").locator(".provisional-badge")).hasCount(1);

        byId("import-qualification").click();
        upload("qualification-upload", "ui-q.yaml", asShipped.replace("version: 1", "version: 2")
                .replaceAll("(?m)^    provisional: >-\n(      .*\n)+", ""));
        assertThat(byId("import-outcome")).containsText("Imported qualification UI-Q version 2 (2 rules of"
                + " combination, all confirmed).");
        page.getByText("Close").click();
        assertThat(byId("qualification-UI-Q")).containsText("version 2");
        assertThat(byId("qualification-UI-Q").locator(".provisional-badge")).hasCount(0);
    }

    private void upload(String name, String content) {
        upload("unit-upload", name, content);
    }

    private void upload(String uploadId, String name, String content) {
        byId(uploadId).locator("input[type=file]").setInputFiles(
                new FilePayload(name, "application/yaml", content.getBytes(StandardCharsets.UTF_8)));
    }
}
