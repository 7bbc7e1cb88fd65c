package app.earmark.sheets;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import app.earmark.discussions.Discussions;
import app.earmark.recordings.RecordingFixtures;
import app.earmark.recordings.RecordingState;
import app.earmark.recordings.TestMedia;
import app.earmark.recordings.TusUploads;
import app.earmark.support.AuditTrail;
import app.earmark.support.BrowserTest;
import app.earmark.support.SignedIn;
import app.earmark.workspace.Tags;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * In a real browser: a tagged moment of a ready recording appears on the learner's result sheet as an
 * annotated time counter, and the counter opens the recording at that moment, playing, with the AC map
 * beside it.
 */
class SheetPlaybackIT extends BrowserTest {

    @TempDir
    static Path media;

    @Autowired
    RecordingFixtures recordings;
    @Autowired
    TusUploads ingest;
    @Autowired
    Tags tags;
    @Autowired
    Discussions discussions;
    @Autowired
    SheetFixtures sheets;
    @Autowired
    SignedIn signedIn;
    @Autowired
    AuditTrail trail;

    private long discussion;
    private long recording;
    private SheetView sheet;

    @BeforeEach
    void taggedRecordingAndSheet() throws InterruptedException {
        discussion = recordings.discussionWithLearner().id();
        recording = recordings.queuedRecording(discussion, TestMedia.m4aAac(media, 30));
        var ready = ingest.await(discussion, r -> !r.state().inProgress(), Duration.ofSeconds(90));
        assertThat(ready.state()).as(ready.message()).isEqualTo(RecordingState.READY);
        var criteria = signedIn.as("assessor", () -> discussions.criteria(discussion));
        signedIn.as("assessor", () -> tags.create(recording, new Tags.TagDraft(12_000, null,
                Set.of(criteria.get(0).id()), "Explains the rationale for coaching")));
        signedIn.as("assessor", () -> tags.create(recording, new Tags.TagDraft(20_000, null,
                Set.of(criteria.get(1).id()), null)));
        sheet = sheets.freshSheet("learner", "8587-300");
    }

    private String sheetPath() {
        return "/learners/" + trail.userId("learner") + "/units/" + sheet.unit().id() + "/sheet";
    }

    /** The player's current time and whether it is playing, once it has started playing past {@code from}. */
    private Map<?, ?> playingFrom(double from) {
        page.waitForFunction("from => { const m = document.getElementById('playback-media');"
                + " return m && !m.paused && m.currentTime >= from; }", from - 0.5);
        return (Map<?, ?>) page.evaluate("() => { const m = document.getElementById('playback-media');"
                + " return {time: m.currentTime, paused: m.paused}; }");
    }

    @Test
    void aTimeCounterOnTheSheetOpensTheRecordingAtItsMomentAndPlays() {
        signInAs("assessor");
        open(sheetPath());
        Locator counter = page.locator("#ac-1-1 a.time-counter[href^='/discussions/" + discussion + "/']");
        assertThat(counter).hasText("0m 12s");
        assertThat(counter).hasAttribute("href", "/discussions/" + discussion + "/play?recording=" + recording
                + "&t=12.0");

        counter.click();
        page.waitForURL("**/discussions/" + discussion + "/play?recording=" + recording + "&t=12.0");
        Map<?, ?> state = playingFrom(12);
        // With the fake-media flags Chromium allows playing without a gesture: it plays, from 12 s.
        assertThat(((Number) state.get("time")).doubleValue()).isBetween(11.0, 13.0);
        assertThat(state.get("paused")).isEqualTo(false);
        assertThat(byId("play-from")).isHidden();
        assertThat(page.locator("#playback-media track[kind=chapters]")).hasAttribute("src",
                "/exports/discussions/" + discussion + "/ac-map.vtt");

        Locator entries = page.locator("#ac-map .ac-map-entry");
        assertThat(entries).hasCount(2);
        assertThat(entries.first()).hasText("0m 12s AC 1.1");
        assertThat(page.locator("#ac-map")).containsText("Explains the rationale for coaching");
        Locator playing = page.locator("#ac-map .ac-map-entry[aria-current=true]");
        assertThat(playing).hasText("0m 12s AC 1.1");
        entries.nth(1).click();
        double at = ((Number) playingFrom(20).get("time")).doubleValue();
        assertThat(at).isBetween(19.0, 21.5);
        assertThat(playing).hasText("0m 20s AC 1.2");
        assertThat(playing).hasCount(1);
    }

    @Test
    void theLearnerPlaysTheirOwnDiscussionAndAnotherLearnerCannot() {
        signInAs("learner");
        open("/discussions/" + discussion + "/play?recording=" + recording + "&t=20");
        assertThat(((Number) playingFrom(20).get("time")).doubleValue()).isBetween(19.0, 21.5);

        Page other = newContext().newPage();
        signInAs(other, "learner2");
        other.navigate(url("/discussions/" + discussion + "/play?recording=" + recording + "&t=20"));
        assertThat(other.locator("#access-refused")).containsText("You may not see discussion " + discussion);
        assertThat(other.locator("#playback-media")).hasCount(0);
    }

    @Test
    void anUnknownRecordingOrATimeAfterTheEndGetsAClearMessage() {
        signInAs("assessor");
        open("/discussions/" + discussion + "/play?recording=999999999&t=5");
        assertThat(byId("playback-message")).containsText("This discussion has no recording \"999999999\"");
        assertThat(page.locator("#playback-media")).hasCount(0);

        open("/discussions/" + discussion + "/play?recording=" + recording + "&t=4000");
        assertThat(byId("playback-message")).containsText("1h 06m 40s is after the end of this recording");
        assertThat(byId("play-from")).isVisible();
        assertThat(byId("play-from")).hasText("Play from 0m 00s");
        byId("play-from").click();
        assertThat(((Number) playingFrom(0).get("time")).doubleValue()).isBetween(0.0, 2.0);
    }
}
