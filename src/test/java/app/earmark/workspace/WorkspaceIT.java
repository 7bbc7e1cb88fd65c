package app.earmark.workspace;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import app.earmark.discussions.AssessedCriterion;
import app.earmark.discussions.DiscussionPlan;
import app.earmark.recordings.RecordingFixtures;
import app.earmark.recordings.RecordingState;
import app.earmark.recordings.TestMedia;
import app.earmark.recordings.TusUploads;
import app.earmark.discussions.Discussions;
import app.earmark.support.AuditTrail;
import app.earmark.support.BrowserTest;
import app.earmark.support.SignedIn;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalTime;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Tagging an uploaded recording by keyboard in a real browser; coverage; live updates (each change on its
 * own); time counters; the waveform fitted to the recording with legible labels; the plan beside the
 * tagging; who may open it.
 */
class WorkspaceIT extends BrowserTest {

    @TempDir
    static Path media;

    @Autowired
    RecordingFixtures fixtures;
    @Autowired
    TusUploads ingest;
    @Autowired
    Tags tags;
    @Autowired
    Discussions discussions;
    @Autowired
    SignedIn signedIn;
    @Autowired
    AuditTrail trail;

    private long discussion;
    private long recording;

    @BeforeEach
    void readyRecording() throws InterruptedException {
        discussion = fixtures.discussionWithLearner().id();
        recording = fixtures.queuedRecording(discussion, TestMedia.m4aAac(media, 30));
        var ready = ingest.await(discussion, r -> !r.state().inProgress(), Duration.ofSeconds(90));
        assertThat(ready.state()).as(ready.message()).isEqualTo(RecordingState.READY);
    }

    private Locator workspace(Page page) {
        page.navigate(url("/discussions/" + discussion + "/workspace"));
        Locator workspace = page.locator("#workspace");
        page.waitForFunction("() => { const w = document.querySelector('#workspace');"
                + " const p = w && w.querySelector('#player'); return p && p.readyState >= 1; }");
        return workspace;
    }

    @Test
    void tagByKeyboardThenUndoAndTheCoverageFollows() {
        signInAs("assessor");
        Locator workspace = workspace(page);
        Locator coverage11 = workspace.locator(".coverage-row[data-criterion-key='1.1']");
        assertThat(coverage11).hasClass(java.util.regex.Pattern.compile("uncovered"));

        double at = ((Number) page.evaluate("() => { const p = document.querySelector('#player'); p.muted = true;"
                + " p.currentTime = 12; return new Promise(done => p.addEventListener('seeked',"
                + " () => done(p.currentTime), {once: true})); }")).doubleValue();
        page.locator("body").click();
        page.keyboard().type("1.1");
        page.keyboard().press("Enter");

        Locator item = workspace.locator(".tag-item");
        assertThat(item).hasCount(1);
        long startMs = Long.parseLong(item.getAttribute("data-start-ms"));
        assertThat(startMs).as("placed the reaction delay (2 s) before the key press").isBetween(
                (long) (at * 1000) - 2600, (long) (at * 1000) - 1400);
        assertThat(coverage11.locator(".coverage-count")).hasText("1");
        assertThat(coverage11).not().hasClass(java.util.regex.Pattern.compile("uncovered"));
        assertThat(signedIn.as("assessor", () -> tags.forRecording(recording))).singleElement()
                .satisfies(t -> assertThat(t.startMs()).isEqualTo(startMs));

        page.keyboard().press("Control+z");
        assertThat(item).hasCount(0);
        assertThat(coverage11.locator(".coverage-count")).hasText("0");
        assertThat(signedIn.as("assessor", () -> tags.forRecording(recording))).isEmpty();
    }

    @Test
    void anAcOutsideTheUnitsIsRefusedBeforeAnythingIsSaved() {
        signInAs("assessor");
        Locator workspace = workspace(page);
        page.locator("body").click();
        page.keyboard().type("9.9");
        page.keyboard().press("Enter");
        assertThat(workspace.locator("[role=alert]")).containsText("9.9");
        assertThat(workspace.locator(".tag-item")).hasCount(0);
        assertThat(signedIn.as("assessor", () -> tags.forRecording(recording))).isEmpty();
    }

    @Test
    void aNoteWithMarkupShowsAsText() {
        long ac = signedIn.as("assessor", () -> discussions.criteria(discussion)).get(0).id();
        signedIn.as("assessor", () -> tags.create(recording, new Tags.TagDraft(3_000, null, Set.of(ac),
                "<img src=x onerror=\"window.pwned=1\"><b>bold</b>")));
        signInAs("assessor");
        Locator workspace = workspace(page);
        assertThat(workspace.locator(".tag-item")).containsText("<img src=x onerror=\"window.pwned=1\"><b>bold</b>");
        assertThat(page.evaluate("() => window.pwned === undefined")).isEqualTo(true);
    }

    @Test
    void twoPeopleEditingSeeEachOthersChangesWithoutReloading() {
        signInAs("assessor");
        Locator mine = workspace(page);
        var otherContext = newContext();
        Page other = otherContext.newPage();
        signInAs(other, "assessor");
        Locator theirs = workspace(other);

        String listAtOpening = mine.getAttribute("tags-json");

        long ac = signedIn.as("assessor", () -> discussions.criteria(discussion)).get(1).id();
        TagView made = signedIn.as("assessor", () -> tags.create(recording,
                new Tags.TagDraft(7_000, null, Set.of(ac), "from elsewhere")));
        assertThat(mine.locator(".tag-item")).containsText("from elsewhere");
        assertThat(theirs.locator(".tag-item")).containsText("from elsewhere");
        assertThat(mine.locator(".tag-item")).hasAttribute("data-start-ms", "7000");

        TagView moved = signedIn.as("assessor", () -> tags.update(made.id(), made.version(),
                new Tags.TagDraft(8_000, null, Set.of(ac), "moved elsewhere")));
        assertThat(theirs.locator(".tag-item")).containsText("moved elsewhere");
        assertThat(theirs.locator(".tag-item")).hasAttribute("data-start-ms", "8000");
        signedIn.as("assessor", () -> tags.delete(moved.id(), moved.version()));
        assertThat(mine.locator(".tag-item")).hasCount(0);
        assertThat(theirs.locator(".tag-item")).hasCount(0);

        // Each change came on its own: the whole list was sent once, when the page opened.
        assertThat(page.evaluate("() => document.querySelector('#workspace').pushedChangeCount")).isEqualTo(3);
        assertThat(mine.getAttribute("tags-json")).isEqualTo(listAtOpening);
    }

    @Test
    void aTagMadeByKeyIsPushedToTheOtherPageButNotBackToTheOneThatMadeIt() {
        signInAs("assessor");
        Locator mine = workspace(page);
        var otherContext = newContext();
        Page other = otherContext.newPage();
        signInAs(other, "assessor");
        Locator theirs = workspace(other);

        page.locator("body").click();
        page.keyboard().type("1.1");
        page.keyboard().press("Enter");
        assertThat(mine.locator(".tag-item")).hasCount(1);
        assertThat(theirs.locator(".tag-item")).hasCount(1);
        assertThat(theirs.locator(".tag-item")).hasAttribute("data-start-ms", mine.locator(".tag-item").getAttribute("data-start-ms"));
        assertThat(other.evaluate("() => document.querySelector('#workspace').pushedChangeCount")).isEqualTo(1);

        // A change made elsewhere afterwards reaches both pages; changes are pushed in the order they were
        // committed, so an echo of the keyed tag would have reached this page before it.
        long ac = signedIn.as("assessor", () -> discussions.criteria(discussion)).get(1).id();
        signedIn.as("assessor", () -> tags.create(recording, new Tags.TagDraft(7_000, null, Set.of(ac), "from elsewhere")));
        assertThat(mine.locator(".tag-item")).hasCount(2);
        assertThat(theirs.locator(".tag-item")).hasCount(2);
        assertThat(page.evaluate("() => document.querySelector('#workspace').pushedChangeCount"))
                .as("only the change made elsewhere was pushed to the page that made the keyed tag").isEqualTo(1);
        assertThat(other.evaluate("() => document.querySelector('#workspace').pushedChangeCount")).isEqualTo(2);
    }

    @Test
    void timeCountersHaveOneFormRoundedDown() {
        long ac = signedIn.as("assessor", () -> discussions.criteria(discussion)).get(0).id();
        signedIn.as("assessor", () -> tags.create(recording, new Tags.TagDraft(1_999, null, Set.of(ac), null)));
        signedIn.as("assessor", () -> tags.create(recording, new Tags.TagDraft(21_000, 29_999L, Set.of(ac), null)));
        signInAs("assessor");
        Locator workspace = workspace(page);
        assertThat(workspace.locator(".tag-item .tag-time")).hasText(new String[] {"0m 01s", "0m 21s – 0m 29s"});
        Locator first = workspace.locator(".coverage-row[data-criterion-id='" + ac + "'] .coverage-first");
        assertThat(first).hasText("0m 01s");

        // The one function every counter of the component goes through, on the rule's edges.
        var cases = new java.util.LinkedHashMap<Long, String>();
        cases.put(0L, "0m 00s");
        cases.put(999L, "0m 00s");
        cases.put(1_000L, "0m 01s");
        cases.put(1_999L, "0m 01s");
        cases.put(115_000L, "1m 55s");
        cases.put(3_599_999L, "59m 59s");
        cases.put(3_600_000L, "1h 00m 00s");
        cases.put(3_723_500L, "1h 02m 03s");
        cases.put(36_000_000L, "10h 00m 00s");
        cases.put(-5L, "0m 00s");
        for (var c : cases.entrySet()) {
            assertThat(page.evaluate("ms => customElements.get('earmark-workspace').formatCounter(ms)",
                    c.getKey().doubleValue()))
                    .as("%d ms", c.getKey()).isEqualTo(c.getValue());
        }
    }

    @Test
    void theWholeRecordingIsInViewAndNearbyLabelsDoNotOverlap() throws InterruptedException {
        long twenty = fixtures.discussionWithLearner().id();
        long twentySeconds = fixtures.queuedRecording(twenty, TestMedia.m4aAac(media, 20));
        var ready = ingest.await(twenty, r -> !r.state().inProgress(), Duration.ofSeconds(90));
        assertThat(ready.state()).as(ready.message()).isEqualTo(RecordingState.READY);
        var acs = signedIn.as("assessor", () -> discussions.criteria(twenty));
        Set<Long> three = Set.of(acs.get(0).id(), acs.get(1).id(), acs.get(2).id());
        TagView a = signedIn.as("assessor", () -> tags.create(twentySeconds, new Tags.TagDraft(10_000, null, three, null)));
        TagView b = signedIn.as("assessor", () -> tags.create(twentySeconds, new Tags.TagDraft(10_500, null, three, null)));

        signInAs("assessor");
        page.navigate(url("/discussions/" + twenty + "/workspace"));
        page.waitForFunction("() => { const w = document.querySelector('#workspace');"
                + " return w && w.waveformState && w.waveformState() && w.drawnTagCount === 2; }");
        @SuppressWarnings("unchecked")
        var state = (java.util.Map<String, Object>) page.evaluate("() => document.querySelector('#workspace').waveformState()");
        double end = ((Number) state.get("endMs")).doubleValue();
        assertThat(((Number) state.get("startMs")).doubleValue()).isZero();
        assertThat(end).as("the axis ends where the recording does (%d ms)", ready.durationMillis())
                .isBetween(ready.durationMillis() * 0.95, ready.durationMillis() * 1.05);

        @SuppressWarnings("unchecked")
        var labels = (java.util.List<java.util.Map<String, Object>>) state.get("labels");
        var boxA = labels.stream().filter(l -> ((Number) l.get("tagId")).longValue() == a.id()).findFirst().orElseThrow();
        var boxB = labels.stream().filter(l -> ((Number) l.get("tagId")).longValue() == b.id()).findFirst().orElseThrow();
        assertThat(boxA.get("visible")).isEqualTo(true);
        assertThat(boxB.get("visible")).isEqualTo(true);
        assertThat(((Number) boxA.get("width")).doubleValue()).isPositive();
        assertThat(overlap(boxA, boxB)).as("label boxes %s and %s overlap", boxA, boxB).isFalse();

        // Still zoomable: in, and back out to the whole recording.
        page.locator("#workspace .zoom-in").click();
        page.waitForFunction("() => { const s = document.querySelector('#workspace').waveformState();"
                + " return !s.fitted && s.endMs - s.startMs < 12000; }");
        page.locator("#workspace .zoom-out").click();
        page.waitForFunction("() => document.querySelector('#workspace').waveformState().fitted");
    }

    private static boolean overlap(java.util.Map<String, Object> a, java.util.Map<String, Object> b) {
        double ax = ((Number) a.get("x")).doubleValue();
        double ay = ((Number) a.get("y")).doubleValue();
        double bx = ((Number) b.get("x")).doubleValue();
        double by = ((Number) b.get("y")).doubleValue();
        return ax < bx + ((Number) b.get("width")).doubleValue() && bx < ax + ((Number) a.get("width")).doubleValue()
                && ay < by + ((Number) b.get("height")).doubleValue() && by < ay + ((Number) a.get("height")).doubleValue();
    }

    @Test
    void thePlannedQuestionsAreBesideTheTaggingAndTheirAcsTagWithOneClick() {
        var acs = signedIn.as("assessor", () -> discussions.criteria(discussion));
        AssessedCriterion first = acs.get(0);
        AssessedCriterion second = acs.get(1);
        signedIn.as("assessor", () -> discussions.savePlan(discussion, LocalTime.of(10, 0), List.of(
                new DiscussionPlan.Draft("How do you contract with a new client?", Set.of(first.id(), second.id())))));
        signInAs("assessor");
        Locator workspace = workspace(page);
        Locator plan = workspace.locator(".plan-panel");
        assertThat(plan).isVisible();
        assertThat(plan.locator(".plan-status")).hasText("Not yet shared with the learner.");
        Locator question = plan.locator(".plan-question");
        assertThat(question).hasCount(1);
        assertThat(question).containsText("How do you contract with a new client?");
        assertThat(question.locator(".plan-ac")).hasText(new String[] {first.number(), second.number()});

        page.evaluate("() => { const p = document.querySelector('#player'); p.muted = true; p.currentTime = 6;"
                + " return new Promise(done => p.addEventListener('seeked', () => done(), {once: true})); }");
        question.locator(".plan-ac").nth(1).click();
        assertThat(workspace.locator(".tag-item")).hasCount(1);
        assertThat(signedIn.as("assessor", () -> tags.forRecording(recording))).singleElement().satisfies(t -> {
            assertThat(t.criterionIds()).containsExactly(second.id());
            assertThat(t.startMs()).isBetween(5_500L, 6_500L);
        });
        question.locator(".plan-tag-all").click();
        assertThat(workspace.locator(".tag-item")).hasCount(2);
        // "Tag all" also marks the question asked at that moment (talk time's figures per question start there);
        // a single AC's button does not.
        assertThat(signedIn.as("assessor", () -> tags.forRecording(recording))).anySatisfy(t -> {
            assertThat(t.criterionIds()).containsExactlyInAnyOrder(first.id(), second.id());
            assertThat(t.questionPosition()).isEqualTo(1);
        }).anySatisfy(t -> {
            assertThat(t.criterionIds()).containsExactly(second.id());
            assertThat(t.questionPosition()).isNull();
        });
        assertThat(workspace.locator(".tag-item .tag-question")).hasText("question 1 asked");

        // Folds away.
        plan.locator("summary").click();
        assertThat(question).not().isVisible();
    }

    @Test
    void aLearnerCannotOpenTheWorkspace() {
        signInAs("learner");
        long before = trail.lastSeq();
        open("/discussions/" + discussion + "/workspace");
        assertThat(byId("not-found")).isVisible();
        assertThat(page.locator("#workspace")).hasCount(0);
        org.assertj.core.api.Assertions.assertThat(trail.since(before)).anySatisfy(e -> org.assertj.core.api.Assertions
                .assertThat(e.get("action")).isEqualTo("access-refused"));
    }
}
