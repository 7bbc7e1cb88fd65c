package app.earmark.eqa;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import app.earmark.people.PersonRef;
import app.earmark.support.Axe;
import app.earmark.support.BrowserTest;
import app.earmark.support.TestClock;
import com.microsoft.playwright.APIResponse;
import com.microsoft.playwright.Download;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.options.AriaRole;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;

/**
 * The whole EQA journey in a real browser: the administrator grants an EQA access, the EQA downloads the evidence
 * pack and {@code sha256sum -c} passes on its unzipped contents; once the grant's end has passed (the application's
 * clock moved on) the EQA is refused everywhere: page, API, media URL and pack.
 */
@Import(TestClock.Configuration.class)
class EqaGrantIT extends BrowserTest {

    @Autowired
    EqaFixtures fixtures;
    @Autowired
    TestClock clock;

    @AfterEach
    void realTimeAgain() {
        clock.reset();
        fixtures.unassignLearners();
    }

    @Test
    void theAdministratorGrantsTheEqaDownloadsAVerifiedPackAndIsRefusedOnceTheGrantEnds(@TempDir Path dir)
            throws Exception {
        PersonRef learner = fixtures.learner();
        var evidence = fixtures.evidence(learner, "8587-301", LocalDate.of(2026, 3, 14));
        PersonRef eqa = fixtures.eqa();

        signInAs("admin");
        open("/admin/eqa-grants");
        page.locator("#grant-eqa input").fill(eqa.username());
        page.locator("vaadin-combo-box-item").filter(new Locator.FilterOptions().setHasText(eqa.username())).first()
                .click();
        page.locator("#grant-learners input").fill(learner.username());
        page.locator("vaadin-multi-select-combo-box-item").filter(new Locator.FilterOptions()
                .setHasText(learner.username())).first().click();
        page.locator("#grant-learners input").press("Tab");
        LocalDate endDay = LocalDate.now().plusDays(2);
        Locator endInputs = page.locator("#grant-ends input");
        endInputs.nth(0).fill(endDay.format(DateTimeFormatter.ofPattern("d/M/yyyy")));
        endInputs.nth(0).press("Enter");
        endInputs.nth(1).fill("12:00");
        endInputs.nth(1).press("Enter");
        Axe.check(page);
        byId("grant-access").click();
        assertThat(byId("grants")).containsText(eqa.displayName());
        assertThat(byId("grants")).containsText("In force");

        var eqaContext = newContext();
        page = eqaContext.newPage();
        signIn(eqa.username(), EvidencePacksTest.PASSWORD);
        page.locator("#welcome").waitFor();
        open("/eqa");
        Locator packLink = page.getByRole(AriaRole.LINK, new com.microsoft.playwright.Page.GetByRoleOptions()
                .setName("Evidence pack of " + learner.displayName() + " (ZIP)"));
        assertThat(packLink).isVisible();
        Axe.check(page);
        Download download = page.waitForDownload(packLink::click);
        Path zip = dir.resolve("pack.zip");
        download.saveAs(zip);
        Path unpacked = EvidencePacksTest.unzip(Files.readAllBytes(zip), dir);
        var check = EvidencePacksTest.run(unpacked, "sha256sum", "-c", "SHA256SUMS");
        assertThat(check.exit()).as(check.output()).isZero();
        assertThat(check.output()).contains("recording-" + evidence.recordingId() + "-playable.m4a: OK");
        String packUrl = packLink.getAttribute("href");
        APIResponse media = eqaContext.request().get(url("/media/recordings/" + evidence.recordingId() + "/rendition"));
        assertThat(media.status()).isEqualTo(200);
        open("/discussions/" + evidence.discussionId());
        assertThat(byId("discussion-title")).isVisible();

        assertThat(eqaContext.request().get(url("/api/v1/discussions/" + evidence.discussionId()), basic(eqa))
                .status()).isEqualTo(200);

        clock.advance(Duration.ofDays(3));

        open("/discussions/" + evidence.discussionId());
        assertThat(byId("access-refused")).isVisible();
        open("/eqa");
        assertThat(byId("no-grants")).isVisible();
        assertThat(eqaContext.request().get(url("/media/recordings/" + evidence.recordingId() + "/rendition"))
                .status()).isEqualTo(403);
        assertThat(eqaContext.request().get(url(packUrl)).status()).isEqualTo(403);
        APIResponse api = eqaContext.request().get(url("/api/v1/discussions/" + evidence.discussionId()), basic(eqa));
        assertThat(api.status()).isEqualTo(403);
    }

    private static com.microsoft.playwright.options.RequestOptions basic(PersonRef person) {
        return com.microsoft.playwright.options.RequestOptions.create().setHeader("Authorization", "Basic "
                + java.util.Base64.getEncoder().encodeToString((person.username() + ":" + EvidencePacksTest.PASSWORD)
                        .getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    }
}
