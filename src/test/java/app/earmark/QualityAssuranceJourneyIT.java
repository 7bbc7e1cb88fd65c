package app.earmark;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import app.earmark.recordings.RecordingFixtures;
import app.earmark.recordings.RecordingState;
import app.earmark.recordings.TestMedia;
import app.earmark.recordings.TusUploads;
import app.earmark.eqa.EqaGrants;
import app.earmark.eqa.GrantKind;
import app.earmark.eqa.GrantRequest;
import app.earmark.people.PeopleAdmin;
import app.earmark.people.PersonRef;
import app.earmark.security.Role;
import app.earmark.sheets.SheetFixtures;
import app.earmark.sheets.SheetView;
import app.earmark.support.AuditTrail;
import app.earmark.support.BrowserTest;
import app.earmark.support.SignedIn;
import app.earmark.support.TestClock;
import app.earmark.workspace.TagView;
import com.microsoft.playwright.APIResponse;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Download;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;

/**
 * The whole quality-assurance journey in a real browser, each person in their own browser context: the IQA's plan
 * samples a discussion the assessor recorded, tagged and signed; the learner authenticates the notes and disputes
 * one item; the IQA opens the review from what is due, jumps to a time counter (the player's {@code currentTime}
 * checked), disagrees on one AC with a time-coded note and requires an action; the assessor sees the action, amends,
 * re-signs and answers; the IQA reviews the new version, accepts and signs; the EQA with a grant downloads the
 * evidence pack and {@code sha256sum -c} passes on its contents; after the grant's end the EQA is refused everywhere.
 */
@Import(TestClock.Configuration.class)
class QualityAssuranceJourneyIT extends BrowserTest {

    private static final String EQA_PASSWORD = "a long password 1";

    @TempDir
    static Path media;

    @Autowired
    RecordingFixtures recordings;
    @Autowired
    TusUploads ingest;
    @Autowired
    SheetFixtures sheets;
    @Autowired
    PeopleAdmin admin;
    @Autowired
    EqaGrants grants;
    @Autowired
    SignedIn signedIn;
    @Autowired
    AuditTrail trail;
    @Autowired
    TestClock clock;

    @AfterEach
    void realTimeAgain() {
        clock.reset();
    }

    private static Locator choice(Locator group, String label) {
        return group.locator("vaadin-radio-button").filter(new Locator.FilterOptions().setHas(
                group.page().getByText(label, new Page.GetByTextOptions().setExact(true))));
    }

    @Test
    void sampledReviewedAmendedAcceptedAndHandedToTheEqaAsAVerifiablePack(@TempDir Path dir) throws Exception {
        com.microsoft.playwright.assertions.PlaywrightAssertions.setDefaultAssertionTimeout(20_000);

        // The assessor recorded, tagged and signed.
        long discussion = recordings.discussionWithLearner().id();
        long recording = recordings.queuedRecording(discussion, TestMedia.m4aAac(media, 30));
        var ready = ingest.await(discussion, r -> !r.state().inProgress(), Duration.ofSeconds(90));
        assertThat(ready.state()).as(ready.message()).isEqualTo(RecordingState.READY);
        sheets.tag(discussion, recording, 12_000, null, "Explains the rationale for coaching", "1.1");
        TagView disputed = sheets.tag(discussion, recording, 20_000, null, "Reviews outcomes with the coachee", "1.2");
        SheetView v1 = sheets.signedPass("learner", "8587-300");
        String sheetPath = "/learners/" + trail.userId("learner") + "/units/" + v1.unit().id() + "/sheet";

        // The IQA's plan samples it.
        signInAs("iqa");
        open("/sampling/plans");
        byId("new-plan").click();
        byId("plan-name").locator("input").fill("Journey plan " + v1.id());
        page.locator(".plan-rule .rule-percentage input").first().fill("100");
        byId("save-plan").click();
        assertThat(page.locator("#plans-grid")).containsText("Journey plan " + v1.id());
        open("/");
        assertThat(page.locator("#due-home h3")).hasText(Pattern.compile("Due for QA review \\([1-9]\\d*\\)"));
        assertThat(page.locator("#due-home a.due-home-link").first()).hasText(Pattern.compile(".+, \\d{4}-\\d{3} version \\d+"));
        open("/sampling");
        Locator due = page.locator("a.review-link[href='review/" + v1.id() + "']");
        assertThat(due).hasCount(1);

        // The learner authenticates the notes, then disputes one item.
        Page learner = newContext().newPage();
        signInAs(learner, "learner");
        Locator waiting = learner.locator("#notes-home .learner-notes-item[data-discussion-id='" + discussion + "']");
        assertThat(waiting).hasAttribute("data-state", "NOT_AUTHENTICATED");
        waiting.locator("a").click();
        learner.waitForURL("**/discussions/" + discussion + "/notes");
        assertThat(learner.locator("#notes-items .note-item")).hasCount(2);
        learner.locator("#authenticate-notes").click();
        assertThat(learner.locator("#notes-status")).hasAttribute("data-state", "AUTHENTICATED");
        learner.locator(".note-item[data-tag-id='" + disputed.id() + "'] vaadin-checkbox input").check();
        learner.locator("#dispute-comment textarea").fill("I reviewed outcomes later, at about 0m 25s.");
        learner.locator("#dispute-notes").click();
        assertThat(learner.locator("#notes-disputes .notes-dispute")).hasCount(1);

        // The IQA opens the review from what is due and jumps to a time counter.
        due.click();
        page.waitForURL("**/review/" + v1.id());
        assertThat(byId("review-bound-to")).containsText(v1.contentHash());
        Locator counter = page.locator("#review-ac-1-2 vaadin-button.time-counter");
        assertThat(counter).hasText("0m 20s");
        counter.click();
        page.waitForFunction("() => { const m = document.getElementById('review-media');"
                + " return m && m.currentTime >= 19.5; }");
        double at = ((Number) page.evaluate("() => document.getElementById('review-media').currentTime"))
                .doubleValue();
        assertThat(at).isBetween(19.5, 21.5);
        page.evaluate("() => document.getElementById('review-media').pause()");

        // Disagrees on AC 1.2 with a time-coded QA note, and requires an action.
        choice(byId("review-ac-1-2-choice"), "Disagree").click();
        page.locator("#review-ac-1-2-comment textarea").fill("The learner does not review outcomes here");
        byId("review-ac-1-2-save").click();
        assertThat(byId("review-status")).containsText("Review in progress by Ingrid IQA");
        assertThat(choice(byId("review-ac-1-2-choice"), "Disagree")).hasAttribute("checked", "");
        page.locator("#qa-note-start input").fill("0:20");
        page.locator("#qa-note-end input").fill("0:26");
        page.locator("#qa-note-text input").fill("Only the assessor speaks in this span");
        byId("qa-note-add").click();
        assertThat(page.locator("#review-note-list .qa-note")).containsText("0m 20s–0m 26s Only the assessor speaks");
        choice(byId("review-outcome"), "Action required").click();
        Locator acs = page.locator("#review-action-1-acs input");
        acs.click();
        acs.fill("1.2");
        page.locator("vaadin-multi-select-combo-box-item").filter(new Locator.FilterOptions().setHasText("1.2"))
                .first().click();
        acs.press("Escape");
        page.locator("#review-action-1-at input").fill("0:20");
        page.locator("#review-action-1-text textarea").fill("Point to where the learner reviews outcomes, or refer"
                + " AC 1.2");
        byId("review-decide").click();
        assertThat(byId("review-status")).containsText("Action required");
        assertThat(page.locator("#review-actions .qa-action")).containsText("AC 1.2 at 0m 20s");
        assertThat(byId("review-ac-1-2-verdict")).hasText("IQA: Disagree — The learner does not review outcomes here");

        // The assessor sees the action, amends, re-signs and answers.
        Page assessor = newContext().newPage();
        signInAs(assessor, "assessor");
        Locator home = assessor.locator("#qa-actions-home .qa-action-link");
        assertThat(home.first()).containsText("AC 1.2 at 0m 20s");
        assessor.navigate(url(sheetPath));
        assertThat(assessor.locator("#sheet-qa-review")).containsText("Point to where the learner reviews outcomes");
        assessor.locator("#amend-sheet").click();
        assertThat(assessor.locator("#sheet-status")).containsText("Version 2, draft");
        choice(assessor.locator("#assessor-decision"), "PASS").click();
        assessor.locator("#sign-sheet").click();
        assessor.locator("#confirm-sign").click();
        assertThat(assessor.locator("#sheet-status")).hasText("Version 2, signed.");
        assessor.navigate(url("/review/" + v1.id()));
        Locator action = assessor.locator("#review-actions .qa-action").first();
        action.locator("vaadin-select").click();
        assessor.locator("vaadin-select-item").filter(new Locator.FilterOptions().setHasText("Amended the sheet"))
                .click();
        action.locator("textarea").fill("Version 2 names the moment at 0m 24s");
        action.locator("vaadin-button", new Locator.LocatorOptions().setHasText("Answer the action")).click();
        assertThat(action.locator(".qa-action-answer")).containsText("Amended the sheet");

        // The IQA reviews version 2, accepts and signs.
        open(sheetPath);
        byId("open-qa-review").click();
        page.waitForURL(Pattern.compile(".*/review/(?!" + v1.id() + "$)\\d+$"));
        assertThat(byId("review-title")).containsText("version 2");
        assertThat(byId("review-earlier")).containsText("Version 2 names the moment at 0m 24s");
        choice(byId("review-ac-1-2-choice"), "Agree").click();
        byId("review-ac-1-2-save").click();
        assertThat(byId("review-status")).containsText("Review in progress by Ingrid IQA");
        assertThat(choice(byId("review-ac-1-2-choice"), "Agree")).hasAttribute("checked", "");
        choice(byId("review-outcome"), "Accepted").click();
        byId("review-decide").click();
        assertThat(byId("review-status")).containsText("Accepted. Signature of QA: Ingrid IQA");
        byId("back-to-sheet").click();
        assertThat(byId("qa-outcome-made")).hasText("QA outcome: Accepted");

        // The EQA with a grant downloads the evidence pack, and sha256sum -c passes on its contents.
        PersonRef eqa = signedIn.as("admin", () -> admin.createPerson("journey-eqa-" + v1.id(), "Erin EQA " + v1.id(),
                EQA_PASSWORD, Set.of(Role.EQA)));
        signedIn.as("admin", () -> grants.grant(new GrantRequest(eqa.id(), GrantKind.LEARNERS,
                Set.of(trail.userId("learner")), null, null, null, null, null,
                Instant.now().plus(Duration.ofDays(2)))));
        BrowserContext eqaContext = newContext();
        Page eqaPage = eqaContext.newPage();
        signIn(eqaPage, eqa.username(), EQA_PASSWORD);
        eqaPage.locator("#welcome").waitFor();
        eqaPage.navigate(url("/eqa"));
        Locator packLink = eqaPage.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName(
                Pattern.compile("Evidence pack of .*\\(ZIP\\)"))).first();
        Download download = eqaPage.waitForDownload(packLink::click);
        Path zip = dir.resolve("pack.zip");
        download.saveAs(zip);
        Path unpacked = Files.createDirectories(dir.resolve("pack"));
        assertThat(run(dir, "unzip", "-q", zip.toString(), "-d", unpacked.toString())).isEmpty();
        String check = run(unpacked, "sha256sum", "-c", "SHA256SUMS");
        assertThat(check).contains("recording-" + recording + "-playable.m4a: OK").doesNotContain("FAILED");
        assertThat(check).containsPattern("qa-reviews/.*: OK").containsPattern("notes/.*: OK");
        String packUrl = packLink.getAttribute("href");

        // After the grant's end the EQA is refused everywhere.
        clock.advance(Duration.ofDays(3));
        eqaPage.navigate(url("/discussions/" + discussion));
        assertThat(eqaPage.locator("#access-refused")).isVisible();
        eqaPage.navigate(url("/review/" + v1.id()));
        assertThat(eqaPage.locator("#review-title")).hasCount(0);
        eqaPage.navigate(url(sheetPath));
        assertThat(eqaPage.locator("#sheet-status")).hasCount(0);
        for (String refused : List.of(packUrl, "/media/recordings/" + recording + "/rendition",
                "/exports/reviews/" + v1.id() + ".json")) {
            APIResponse response = eqaContext.request().get(url(refused));
            assertThat(response.status()).as(refused).isIn(403, 404);
        }
    }

    /** Runs a command in a directory; returns what it printed, failing the test if it failed. */
    private static String run(Path dir, String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor()).as(String.join(" ", command) + ":\n" + output).isZero();
        return output;
    }
}
