package app.earmark.workspace;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import app.earmark.discussions.RecordingFixtures;
import app.earmark.discussions.RecordingState;
import app.earmark.discussions.TestMedia;
import app.earmark.discussions.TusUploads;
import app.earmark.discussions.Discussions;
import app.earmark.support.AuditTrail;
import app.earmark.support.BrowserTest;
import app.earmark.support.SignedIn;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;

/** Tagging an uploaded recording by keyboard in a real browser; coverage; live updates; who may open it. */
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

        long ac = signedIn.as("assessor", () -> discussions.criteria(discussion)).get(1).id();
        signedIn.as("assessor", () -> tags.create(recording, new Tags.TagDraft(7_000, null, Set.of(ac), "from elsewhere")));
        assertThat(mine.locator(".tag-item")).containsText("from elsewhere");
        assertThat(theirs.locator(".tag-item")).containsText("from elsewhere");
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
