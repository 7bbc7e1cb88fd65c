package app.earmark.review;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import app.earmark.recordings.RecordingFixtures;
import app.earmark.recordings.RecordingState;
import app.earmark.recordings.TestMedia;
import app.earmark.recordings.TusUploads;
import app.earmark.sheets.SheetFixtures;
import app.earmark.sheets.SheetView;
import app.earmark.support.AuditTrail;
import app.earmark.support.BrowserTest;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * In a real browser, the review loop: the IQA opens the review from the signed sheet, jumps to a time counter (the
 * player's {@code currentTime} checked), is refused a disagreement without comment, then disagrees on one AC with a
 * comment and agrees on another. The time-coded QA note, the action and the later decisions, the amendment, re-signing
 * and the answer are made through the services; every party's pages are then checked in the browser: the review page
 * (note, action, a click on the action's moment plays it), the assessor's home page and sheet, the review of the new
 * version, the sheet's QA box and the learner's trail. Saves the review page's picture for {@code docs/review.md}.
 */
class QaReviewIT extends BrowserTest {

    @TempDir
    static Path media;

    @Autowired
    RecordingFixtures recordings;
    @Autowired
    TusUploads ingest;
    @Autowired
    SheetFixtures sheets;
    @Autowired
    AuditTrail trail;
    @Autowired
    app.earmark.support.SignedIn signedIn;
    @Autowired
    QaReviews reviews;
    @Autowired
    app.earmark.sheets.ResultSheets resultSheets;

    private SheetView signed;

    /** Each step is a server round trip on a shared, busy machine: wait up to 20 s for its result. */
    @BeforeEach
    void patientAssertions() {
        com.microsoft.playwright.assertions.PlaywrightAssertions.setDefaultAssertionTimeout(20_000);
    }

    @org.junit.jupiter.api.AfterEach
    void usualAssertions() {
        com.microsoft.playwright.assertions.PlaywrightAssertions.setDefaultAssertionTimeout(5_000);
    }

    @BeforeEach
    void signedSheetWithATaggedRecording() throws InterruptedException {
        long discussion = recordings.discussionWithLearner().id();
        long recording = recordings.queuedRecording(discussion, TestMedia.m4aAac(media, 30));
        var ready = ingest.await(discussion, r -> !r.state().inProgress(), Duration.ofSeconds(90));
        assertThat(ready.state()).as(ready.message()).isEqualTo(RecordingState.READY);
        sheets.tag(discussion, recording, 12_000, null, "Explains the rationale for coaching", "1.1");
        sheets.tag(discussion, recording, 20_000, null, null, "1.2");
        signed = sheets.signedPass("learner", "8587-300");
    }

    private static Locator choice(Locator group, String label) {
        return group.locator("vaadin-radio-button").filter(new Locator.FilterOptions().setHas(
                group.page().getByText(label, new Page.GetByTextOptions().setExact(true))));
    }

    private double playingFrom(Page page, double from) {
        page.waitForFunction("from => { const m = document.getElementById('review-media');"
                + " return m && m.currentTime >= from; }", from - 0.5);
        return ((Number) page.evaluate("() => document.getElementById('review-media').currentTime")).doubleValue();
    }

    private String sheetPath() {
        return "/learners/" + trail.userId("learner") + "/units/" + signed.unit().id() + "/sheet";
    }

    @Test
    void theIqaRequiresAnActionAtAMomentTheAssessorAmendsAndTheIqaAcceptsTheNewVersion() throws Exception {
        signInAs("iqa");
        open(sheetPath());
        byId("open-qa-review").click();
        page.waitForURL("**/review/" + signed.id());
        assertThat(byId("review-title")).hasText("QA review: Lee Learner, 8587-300, version 1");
        assertThat(byId("review-bound-to")).containsText(signed.contentHash());

        // One click from a time counter to the moment.
        Locator counter = page.locator("#review-ac-1-2 vaadin-button.time-counter");
        assertThat(counter).hasText("0m 20s");
        counter.click();
        assertThat(playingFrom(page, 20)).isBetween(19.5, 21.5);
        page.locator("#ac-map .ac-map-entry").first().click();
        page.waitForFunction("() => { const m = document.getElementById('review-media'); return m.currentTime < 14; }");

        // Disagreeing needs a comment.
        choice(byId("review-ac-1-2-choice"), "Disagree").click();
        byId("review-ac-1-2-save").click();
        assertThat(page.locator("vaadin-notification-card").last())
                .containsText("Say why you disagree on AC 1.2; nothing was saved.");
        page.locator("#review-ac-1-2-comment textarea").fill("The learner does not review outcomes here");
        byId("review-ac-1-2-save").click();
        assertThat(byId("review-status")).containsText("Review in progress by Ingrid IQA");
        choice(byId("review-ac-1-1-choice"), "Agree").click();
        byId("review-ac-1-1-save").click();
        assertThat(choice(byId("review-ac-1-1-choice"), "Agree")).hasAttribute("checked", "");
        // Wait for the save itself (the radio is checked in the browser at once), before the next steps change the review.
        assertThat(page.locator("vaadin-notification-card").last()).containsText("Verdict on AC 1.1 saved.");

        // The rest of the IQA's steps through the service (see the report: the form steps below the verdicts are
        // not yet driven in the browser), then each party's pages show them.
        long v1 = signed.id();
        signedIn.as("iqa", () -> reviews.addNote(v1, signed.contentHash(), 20_000, 26_000L,
                "Only the assessor speaks in this span"));
        signedIn.as("iqa", () -> reviews.decide(v1, signed.contentHash(), ReviewStatus.ACTION_REQUIRED, null,
                java.util.List.of(new QaReviews.ActionDraft(java.util.List.of("1.2"), 20_000L,
                        "Point to where the learner reviews outcomes, or refer AC 1.2"))));
        open("/review/" + v1);
        assertThat(byId("review-status")).containsText("Action required, decided by Ingrid IQA");
        assertThat(page.locator("#review-note-list .qa-note")).hasText("0m 20s–0m 26s Only the assessor speaks in"
                + " this span");
        assertThat(page.locator("#review-actions .qa-action")).containsText("AC 1.2 at 0m 20s");
        assertThat(byId("review-ac-1-2-verdict")).hasText("IQA: Disagree — The learner does not review outcomes here");
        page.locator("#review-actions .qa-action-time").click();
        assertThat(playingFrom(page, 20)).isBetween(19.5, 21.5);
        Files.createDirectories(Path.of("docs", "images"));
        // The pictures in docs/review.md: the foot of the page (verdicts, QA note, action), then its top (the player
        // with the AC map beside it and the first ACs' decisions), paused at the action's moment.
        page.evaluate("() => document.getElementById('review-media').pause()");
        page.screenshot(new Page.ScreenshotOptions().setPath(Path.of("docs", "images", "review-page-foot.png")));
        page.evaluate("() => document.getElementById('review-title').scrollIntoView({block: 'center'})");
        page.screenshot(new Page.ScreenshotOptions().setPath(Path.of("docs", "images", "review-page.png")));

        // The assessor sees the action on their home page and on the sheet; amends, re-signs and answers.
        Page assessor = newContext().newPage();
        signInAs(assessor, "assessor");
        Locator home = assessor.locator("#qa-actions-home .qa-action-link");
        assertThat(home).containsText("Lee Learner, 8587-300 version 1: AC 1.2 at 0m 20s");
        assessor.navigate(url(sheetPath()));
        assertThat(assessor.locator("#sheet-qa-review .sheet-qa-open-action")).containsText("AC 1.2: Point to where");
        assertThat(assessor.locator("#qa-outcome-made")).hasText("QA outcome: Action required");
        SheetView draft = signedIn.as("assessor", () -> resultSheets.amend(v1));
        SheetView v2 = sheets.sign(sheets.save(draft, false, SheetFixtures.allPass(draft.unit())),
                app.earmark.sheets.AcResult.PASS);
        long actionId = signedIn.as("assessor", () -> reviews.of(v1)).orElseThrow().actions().get(0).id();
        signedIn.as("assessor", () -> reviews.answer(actionId, AnswerKind.AMENDED,
                "Version 2: feedback on 1.2 now names 0m 24s"));
        assessor.navigate(url("/review/" + v1));
        assertThat(assessor.locator("#review-stale")).containsText("version 2, signed, replaces it");
        assertThat(assessor.locator("#review-actions .qa-action-answer")).containsText("Amended the sheet");
        assessor.navigate(url("/"));
        assertThat(assessor.locator("#qa-actions-home")).containsText("No QA action is waiting for you.");

        // The IQA reviews the new version and accepts; the sheet shows the QA box.
        open(sheetPath());
        byId("open-qa-review").click();
        page.waitForURL("**/review/" + v2.id());
        assertThat(byId("review-title")).containsText("version 2");
        assertThat(byId("review-earlier")).containsText("Version 2: feedback on 1.2 now names 0m 24s");
        signedIn.as("iqa", () -> reviews.decide(v2.id(), v2.contentHash(), ReviewStatus.ACCEPTED, "Now evidenced",
                java.util.List.of()));
        open(sheetPath());
        assertThat(byId("qa-outcome-made")).hasText("QA outcome: Accepted");
        assertThat(byId("qa-check-made")).containsText("Signature of QA: Ingrid IQA (iqa)");
        assertThat(byId("sheet-qa-review-status")).containsText("Accepted by Ingrid IQA");

        // The learner sees the outcome in their trail, not the review page.
        Page learner = newContext().newPage();
        signInAs(learner, "learner");
        learner.navigate(url("/learners/" + trail.userId("learner")));
        assertThat(learner.locator("#qa-trail")).containsText("QA outcome Action required");
        assertThat(learner.locator("#qa-trail")).containsText("QA outcome Accepted");
        learner.navigate(url("/review/" + signed.id()));
        assertThat(learner.locator("#review-title")).hasCount(0);
    }
}
