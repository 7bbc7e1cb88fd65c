package app.earmark.workspace;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static app.earmark.workspace.RecorderPages.elapsedMs;
import static app.earmark.workspace.RecorderPages.waitUntilElapsed;
import static org.assertj.core.api.Assertions.assertThat;

import app.earmark.discussions.DiscussionPlan;
import app.earmark.discussions.Discussions;
import app.earmark.recordings.RecordingFixtures;
import app.earmark.recordings.RecordingState;
import app.earmark.recordings.RecordingSummary;
import app.earmark.recordings.Recordings;
import app.earmark.recordings.TusUploads;
import app.earmark.support.BrowserTest;
import app.earmark.support.SignedIn;
import com.microsoft.playwright.Browser;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import java.time.Duration;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Recording live in Chromium with its fake microphone: tags placed while recording land at the right
 * times; a browser killed mid-recording loses at most the last five seconds; the planned questions are
 * beside the recorder, and recording before the learner has the plan asks first.
 */
class LiveRecordingIT extends BrowserTest {

    private static final long REACTION_DELAY_MS = 2000;

    @Autowired
    RecordingFixtures fixtures;
    @Autowired
    TusUploads ingest;
    @Autowired
    Tags tags;
    @Autowired
    SignedIn signedIn;
    @Autowired
    Discussions discussions;
    @Autowired
    Recordings recordings;
    @Autowired
    org.springframework.boot.web.servlet.context.ServletWebServerApplicationContext web;

    /** Opens the recorder and starts recording the microphone; returns when the MediaRecorder runs. */
    private long startRecording(Page page, long discussion) {
        return RecorderPages.startRecording(page, url("/discussions/" + discussion + "/record"));
    }

    /** Opens the recorder with the microphone chosen; notes the id of a recording once one starts. */
    private void openRecorder(long discussion) {
        page.navigate(url("/discussions/" + discussion + "/record"));
        page.locator("#recorder .recorder-start").waitFor();
        page.evaluate("() => document.querySelector('#recorder').addEventListener('recording-started',"
                + " e => { window.recordingId = e.detail.recordingId; })");
        page.selectOption("#recorder .recorder-mode", "microphone");
    }

    @Test
    void recordingBeforeTheLearnerHasThePlanWarnsFirstAndStartsOnlyIfAskedTo() throws Exception {
        long discussion = fixtures.discussionWithLearner().id();
        var acs = signedIn.as("assessor", () -> discussions.criteria(discussion));
        signedIn.as("assessor", () -> discussions.savePlan(discussion, LocalTime.of(10, 0), List.of(
                new DiscussionPlan.Draft("Describe how you close a helping relationship.", Set.of(acs.get(0).id())))));
        signInAs("assessor");
        openRecorder(discussion);
        Locator notice = page.locator("#recorder .plan-notice");
        assertThat(notice).isHidden();

        page.locator("#recorder .recorder-start").click();
        assertThat(notice).isVisible();
        assertThat(notice).containsText("has not been shared with the learner");
        page.locator("#recorder .plan-notice-cancel").click();
        assertThat(notice).isHidden();
        assertThat(page.locator("#recorder")).hasAttribute("data-state", "idle");
        org.assertj.core.api.Assertions.assertThat(signedIn.as("assessor", () -> recordings.forDiscussion(discussion)))
                .as("nothing recorded").isEmpty();

        // Shared, not yet acknowledged: still a warning.
        signedIn.as("assessor", () -> discussions.sharePlan(discussion));
        openRecorder(discussion);
        page.locator("#recorder .recorder-start").click();
        assertThat(notice).containsText("not yet acknowledged");
        org.assertj.core.api.Assertions.assertThat(page.evaluate("() => window.recordingId === undefined")).isEqualTo(true);

        // Acknowledged: recording starts at once.
        signedIn.as("learner", () -> discussions.acknowledgePlan(discussion));
        openRecorder(discussion);
        page.locator("#recorder .recorder-start").click();
        page.waitForFunction("() => window.recordingId !== undefined");
        assertThat(notice).isHidden();
        page.locator("#recorder .recorder-stop").click();
        page.waitForURL(url("/discussions/" + discussion));
    }

    @Test
    void thePlannedQuestionsShowWhileRecordingAndTheirAcsTagWithOneClick() throws Exception {
        long discussion = fixtures.discussionWithLearner().id();
        var acs = signedIn.as("assessor", () -> discussions.criteria(discussion));
        signedIn.as("assessor", () -> discussions.savePlan(discussion, LocalTime.of(10, 0), List.of(
                new DiscussionPlan.Draft("What is the purpose of contracting?", Set.of(acs.get(0).id())),
                new DiscussionPlan.Draft("How do you end the relationship?", Set.of(acs.get(1).id(), acs.get(2).id())))));
        signInAs("assessor");
        openRecorder(discussion);
        Locator questions = page.locator("#recorder .plan-panel .plan-question");
        assertThat(questions).hasCount(2);
        assertThat(questions.nth(0)).containsText("What is the purpose of contracting?");
        assertThat(questions.nth(1).locator(".plan-ac")).hasText(new String[] {acs.get(1).number(), acs.get(2).number()});

        startRecording(page, discussion);
        long recordingId = ((Number) page.evaluate("() => window.recordingId")).longValue();
        questions.nth(1).locator(".plan-ac").nth(0).click();
        assertThat(page.locator("#recorder .tag-item")).hasCount(1);
        org.assertj.core.api.Assertions.assertThat(signedIn.as("assessor", () -> tags.forRecording(recordingId)))
                .singleElement().satisfies(t -> org.assertj.core.api.Assertions.assertThat(t.criterionIds())
                        .containsExactly(acs.get(1).id()));
        page.locator("#recorder .recorder-stop").click();
        page.waitForURL(url("/discussions/" + discussion));
    }

    @Test
    void twentySecondsWithThreeLiveTagsThatLandAtTheRightTimes() throws Exception {
        long discussion = fixtures.discussionWithLearner().id();
        signInAs("assessor");
        startRecording(page, discussion);
        List<Double> pressedAt = new ArrayList<>();
        for (String[] tag : new String[][] {{"5000", "1.1"}, {"10000", "2.1"}, {"15000", "3.1 3.2"}}) {
            waitUntilElapsed(page, Long.parseLong(tag[0]));
            page.locator("body").click(new com.microsoft.playwright.Locator.ClickOptions().setPosition(1, 1));
            pressedAt.add(elapsedMs(page));
            page.keyboard().type(tag[1]);
            page.keyboard().press("Enter");
        }
        page.locator("#recorder .tag-item").nth(2).waitFor();
        waitUntilElapsed(page, 20_000);
        page.locator("#recorder .recorder-stop").click();
        page.waitForURL(url("/discussions/" + discussion));

        RecordingSummary ready = ingest.await(discussion, r -> !r.state().inProgress(), Duration.ofSeconds(90));
        assertThat(ready.state()).as(ready.message()).isEqualTo(RecordingState.READY);
        assertThat(ready.live()).isTrue();
        assertThat(ready.durationMillis()).isBetween(18_500L, 21_500L);

        List<TagView> placed = signedIn.as("assessor", () -> tags.forRecording(ready.id()));
        assertThat(placed).hasSize(3);
        for (int i = 0; i < 3; i++) {
            long expected = Math.round(pressedAt.get(i)) - REACTION_DELAY_MS;
            assertThat(placed.get(i).startMs()).as("tag " + (i + 1)).isBetween(expected - 800, expected + 800)
                    .isLessThan(ready.durationMillis());
        }
        assertThat(placed.get(2).criterionIds()).hasSize(2);

        page.navigate(url("/discussions/" + discussion + "/workspace"));
        var items = page.locator("#workspace .tag-item");
        items.nth(2).waitFor();
        for (int i = 0; i < 3; i++) {
            assertThat(Long.parseLong(items.nth(i).getAttribute("data-start-ms"))).isEqualTo(placed.get(i).startMs());
        }
    }

    /**
     * The session is gone for a few seconds mid-recording, as after a restart of the server (or of the node that held
     * it): a part sent meanwhile is answered 401 and kept in the browser (a redirect to the login page is never taken
     * for stored), the recorder tells the assessor to sign in again, and once the session is back it says so and the
     * kept parts go through: the recording is whole. (The session comes back before this test's 6 s without a part would close the
     * recording.)
     */
    @Test
    void partsSentWhileSignedOutAreKeptAndGoThroughOnceSignedInAgain() throws Exception {
        long discussion = fixtures.discussionWithLearner().id();
        signInAs("assessor");
        startRecording(page, discussion);
        waitUntilElapsed(page, 4_000);
        List<com.microsoft.playwright.options.Cookie> session = page.context().cookies();
        page.context().clearCookies();
        assertThat(page.locator("#recorder")).containsText("You are signed out of Earmark");
        page.context().addCookies(session);
        // Sends at once rather than at the next retry, as coming back online does.
        page.evaluate("() => window.dispatchEvent(new Event('online'))");
        assertThat(page.locator("#recorder")).containsText("Signed in again: the parts kept in this browser are"
                + " being sent.");
        waitUntilElapsed(page, 12_000);
        page.locator("#recorder .recorder-stop").click();
        page.waitForURL(url("/discussions/" + discussion));

        RecordingSummary ready = ingest.await(discussion, r -> !r.state().inProgress(), Duration.ofSeconds(90));
        assertThat(ready.state()).as(ready.message()).isEqualTo(RecordingState.READY);
        assertThat(ready.durationMillis()).as("the whole recording, the part sent while signed out included")
                .isBetween(10_500L, 13_500L);
    }

    /**
     * The session ends on the server while the assessor records (as when Earmark restarts, or the node dies): the
     * page is not reloaded (which would stop the recording) but says the session ended; the recorder goes on, keeping
     * its parts (401); the assessor signs in again in another tab, and the page's parts then go with the new session's
     * CSRF token, which it asks for after its old one is refused (403), and so does a tag typed then. The recording
     * is whole. (Until 2026-12-07 Vaadin reloaded the page as soon as it noticed, and the parts kept after signing in
     * elsewhere were refused.)
     */
    @Test
    void aSessionThatEndsWhileRecordingLeavesThePageRecordingAndItsPartsGoOnceSignedInAgainElsewhere()
            throws Exception {
        long discussion = fixtures.discussionWithLearner().id();
        signInAs("assessor");
        startRecording(page, discussion);
        page.evaluate("() => { window.sameDocument = true; }");
        waitUntilElapsed(page, 4_000);
        endSessionOnTheServer(page);
        // Vaadin notices at its next request to the server (its heartbeat, its push connection's reconnect after a
        // restart, or anything on the page that asks the server): made here at once.
        page.evaluate("() => window.Vaadin.Flow.clients.ROOT.poll()");
        assertThat(page.locator("#recorder")).containsText("You are signed out of Earmark");
        assertThat(page.locator(".v-system-error")).containsText("Your Earmark session has ended");
        assertThat(page.locator("#recorder")).hasAttribute("data-state", "recording");
        // Escape (which cancels a tag) does not reach the notice, which would reload the page on it.
        page.keyboard().press("Escape");
        page.waitForTimeout(500);
        assertThat(page.evaluate("() => window.sameDocument === true")).as("the page after Escape").isEqualTo(true);

        Page other = page.context().newPage();
        signInAs(other, "assessor");
        other.close();
        // A tag typed now carries the old session's token, or the new one if a part already asked for it.
        page.evaluate("() => document.activeElement && document.activeElement.blur()");
        page.keyboard().type("1.1");
        page.keyboard().press("Enter");
        page.evaluate("() => window.dispatchEvent(new Event('online'))");
        assertThat(page.locator("#recorder")).containsText("Signed in again: the parts kept in this browser are"
                + " being sent.");
        waitUntilElapsed(page, Math.max(14_000, Math.round(elapsedMs(page)) + 2_000));
        assertThat(page.evaluate("() => window.sameDocument === true")).as("the page was never reloaded")
                .isEqualTo(true);
        double stoppedAt = elapsedMs(page);
        page.locator("#recorder .recorder-stop").click();

        RecordingSummary whole = ingest.await(discussion, r -> !r.state().inProgress(), Duration.ofSeconds(90));
        assertThat(whole.state()).as(whole.message()).isEqualTo(RecordingState.READY);
        assertThat(whole.durationMillis()).as("all of the %.0f ms recorded", stoppedAt)
                .isBetween(Math.round(stoppedAt) - 1_500, Math.round(stoppedAt) + 1_500);
        assertThat(signedIn.as("assessor", () -> recordings.forDiscussion(discussion))).hasSize(1);
        assertThat(signedIn.as("assessor", () -> tags.forRecording(whole.id()))).as("the tag typed after signing in"
                + " again elsewhere").hasSize(1);
    }

    /** Ends the page's session on the server, as a restart or a node's death does (its cookie is then unknown). */
    private void endSessionOnTheServer(Page page) throws java.io.IOException {
        String id = page.context().cookies().stream().filter(c -> c.name.equals("JSESSIONID")).findFirst()
                .orElseThrow().value;
        var tomcat = ((org.springframework.boot.web.embedded.tomcat.TomcatWebServer) web.getWebServer()).getTomcat();
        var context = (org.apache.catalina.Context) tomcat.getHost().findChildren()[0];
        context.getManager().findSession(id).expire();
    }

    /**
     * A browser offline for longer than the server waits for a part ({@code earmark.live.abandon-after}, 6 s here, 2
     * minutes by default): the server closes the recording with what had arrived, and when the browser comes back, its
     * kept parts continue that recording in a new one, which holds the whole discussion from the start. The closed one
     * stays as it was. (Until 2026-12-07 the late parts were answered 409 and the browser threw them away.)
     */
    @Test
    void aBrowserOfflineLongerThanTheServerWaitsContinuesItsRecordingWithNothingLost() throws Exception {
        long discussion = fixtures.discussionWithLearner().id();
        signInAs("assessor");
        long started = startRecording(page, discussion);
        waitUntilElapsed(page, 4_000);
        page.context().setOffline(true);
        RecordingSummary closed = ingest.await(discussion, r -> r.id() == started && !r.state().inProgress(),
                Duration.ofSeconds(60));
        assertThat(closed.state()).as(closed.message()).isEqualTo(RecordingState.READY);
        assertThat(closed.message()).contains("stopped unexpectedly");
        assertThat(closed.durationMillis()).as("what had arrived before the browser went offline").isLessThan(7_000L);
        waitUntilElapsed(page, Math.max(16_000, Math.round(elapsedMs(page)) + 2_000));
        page.context().setOffline(false);
        waitUntilElapsed(page, Math.round(elapsedMs(page)) + 2_000);
        double stoppedAt = elapsedMs(page);
        page.locator("#recorder .recorder-stop").click();
        page.waitForURL(url("/discussions/" + discussion));

        RecordingSummary whole = ingest.await(discussion, r -> r.id() != started && !r.state().inProgress(),
                Duration.ofSeconds(90));
        assertThat(whole.state()).as(whole.message()).isEqualTo(RecordingState.READY);
        assertThat(whole.originalName()).startsWith(closed.originalName().replace(".webm", " (continued "))
                .endsWith(").webm");
        assertThat(whole.message()).startsWith("Continues “" + closed.originalName() + "”");
        assertThat(whole.durationMillis()).as("all of the %.0f ms recorded", stoppedAt)
                .isBetween(Math.round(stoppedAt) - 1_500, Math.round(stoppedAt) + 1_500);
        assertThat(signedIn.as("assessor", () -> recordings.forDiscussion(discussion))).extracting(RecordingSummary::id)
                .containsExactly(started, whole.id());
    }

    @Test
    void aBrowserKilledMidRecordingLosesAtMostTheLastFiveSeconds() throws Exception {
        long discussion = fixtures.discussionWithLearner().id();
        String marker = "--earmark-test-browser=" + UUID.randomUUID();
        var flags = new ArrayList<>(CHROMIUM_FLAGS);
        flags.add(marker);
        Playwright ownPlaywright = newPlaywright();
        double killedAt;
        try {
            Browser ownBrowser = launch(ownPlaywright, flags);
            Page own = ownBrowser.newContext().newPage();
            own.setDefaultTimeout(20_000);
            signInAs(own, "assessor");
            startRecording(own, discussion);
            waitUntilElapsed(own, 15_000);
            killedAt = elapsedMs(own);
            killBrowser(marker);
        } finally {
            try {
                ownPlaywright.close();
            } catch (RuntimeException alreadyGone) {
                // The browser was killed on purpose.
            }
        }
        RecordingSummary kept = ingest.await(discussion, r -> !r.state().inProgress(), Duration.ofSeconds(90));
        assertThat(kept.state()).as(kept.message()).isEqualTo(RecordingState.READY);
        assertThat(kept.message()).contains("stopped unexpectedly");
        assertThat(kept.durationMillis()).as("kept of %.0f ms recorded before the kill", killedAt)
                .isGreaterThanOrEqualTo(Math.round(killedAt) - 5000);
    }

    private static void killBrowser(String marker) {
        var browsers = ProcessHandle.allProcesses()
                .filter(p -> p.info().commandLine().orElse("").contains(marker)).toList();
        assertThat(browsers).as("the test's own Chromium").isNotEmpty();
        for (ProcessHandle process : browsers) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
        }
    }
}
