package app.earmark.talktime;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import app.earmark.recordings.RecordingFixtures;
import app.earmark.recordings.RecordingState;
import app.earmark.recordings.TusUploads;
import app.earmark.support.BrowserTest;
import app.earmark.support.SignedIn;
import com.microsoft.playwright.Locator;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * In a real browser: on a two-channel recording whose channels are the parties (assessor left, 440 Hz; learner right,
 * 880 Hz at 8 dB less, both sounding throughout), the playback page and the workspace offer Mute and Solo per party, labelled with
 * their names and operable by keyboard; soloing the learner silences the assessor's channel in the Web Audio graph
 * (its gain is 0 and its level after the gain is nil, while the learner's is not), and muting works the same way.
 */
class PartyMixerIT extends BrowserTest {

    @TempDir
    static Path media;

    @Autowired
    RecordingFixtures recordings;
    @Autowired
    TusUploads ingest;
    @Autowired
    TalkTime talkTime;
    @Autowired
    SignedIn signedIn;

    private long discussion;
    private long recording;

    @BeforeEach
    void stereoRecordingWithOnePartyPerChannel() throws Exception {
        Path file = media.resolve("two-parties.m4a");
        Process ffmpeg = new ProcessBuilder("ffmpeg", "-v", "error", "-y", "-f", "lavfi", "-i",
                "sine=f=440:d=30", "-f", "lavfi", "-i", "sine=f=880:d=30", "-filter_complex",
                "[0][1]amerge=inputs=2,pan=stereo|c0=0.5*c0|c1=0.2*c1", "-c:a", "aac", file.toString())
                .redirectErrorStream(true).start();
        String output = new String(ffmpeg.getInputStream().readAllBytes());
        assertThat(ffmpeg.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(ffmpeg.exitValue()).as(output).isZero();
        discussion = recordings.discussionWithLearner().id();
        recording = recordings.queuedRecording(discussion, file);
        var ready = ingest.await(discussion, r -> !r.state().inProgress(), Duration.ofSeconds(120));
        assertThat(ready.state()).as(ready.message()).isEqualTo(RecordingState.READY);
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        Optional<TalkAnalysis> analysis;
        do {
            Thread.sleep(200);
            analysis = signedIn.as("assessor", () -> talkTime.forRecording(recording));
        } while (analysis.isEmpty() && System.nanoTime() < deadline);
        assertThat(analysis).isPresent();
        assertThat(analysis.get().assessorChannel()).as(analysis.get().message()).isEqualTo(0);
    }

    private Map<?, ?> gains() {
        return (Map<?, ?>) page.evaluate("() => document.getElementById('party-mixer').gainValues()");
    }

    /** Each party's level after its gain, once the graph has had time to play some sound. */
    private Map<?, ?> levels() {
        page.waitForTimeout(400);
        return (Map<?, ?>) page.evaluate("() => document.getElementById('party-mixer').levels()");
    }

    private static double at(Map<?, ?> values, String party) {
        return ((Number) values.get(party)).doubleValue();
    }

    @Test
    void soloingTheLearnerSilencesTheAssessorOnPlaybackAndInTheWorkspace() {
        signInAs("assessor");
        open("/discussions/" + discussion + "/play?recording=" + recording + "&t=1");
        page.waitForFunction("() => { const m = document.getElementById('playback-media');"
                + " return m && !m.paused && m.currentTime > 1.2; }");
        Locator soloLearner = byId("solo-learner");
        assertThat(soloLearner).hasAccessibleName("Solo Lee Learner (learner) (hear only them)");
        assertThat(byId("mute-assessor")).hasAccessibleName("Mute Sam Assessor (assessor)");
        assertThat(byId("party-mixer-status")).hasText("Both parties are heard.");

        soloLearner.click();
        assertThat(soloLearner).hasAttribute("aria-pressed", "true");
        assertThat(byId("party-mixer-status")).hasText("Only Lee Learner (learner) is heard.");
        assertThat(at(gains(), "assessor")).isZero();
        assertThat(at(gains(), "learner")).isEqualTo(1.0);
        Map<?, ?> soloed = levels();
        assertThat(at(soloed, "assessor")).as("the assessor's level when the learner is soloed").isLessThan(1e-4);
        // The learner's tone peaks at 0.025 (ffmpeg's sine is at 1/8 of full scale, times 0.2): an RMS of 0.018.
        assertThat(at(soloed, "learner")).as("the learner's level").isGreaterThan(0.01);

        // By keyboard: Space on the focused Solo ends it, Enter on Mute silences the assessor.
        soloLearner.focus();
        page.keyboard().press("Space");
        assertThat(soloLearner).hasAttribute("aria-pressed", "false");
        Map<?, ?> both = levels();
        assertThat(at(both, "assessor")).isGreaterThan(0.03);
        assertThat(at(both, "learner")).isGreaterThan(0.01);
        byId("mute-assessor").focus();
        page.keyboard().press("Enter");
        assertThat(byId("mute-assessor")).hasAttribute("aria-pressed", "true");
        assertThat(at(gains(), "assessor")).isZero();
        assertThat(at(levels(), "assessor")).isLessThan(1e-4);

        // The workspace offers the same, on its own player.
        open("/discussions/" + discussion + "/workspace?recording=" + recording);
        byId("solo-learner").waitFor(new Locator.WaitForOptions().setTimeout(30_000));
        assertThat(byId("solo-learner")).hasAccessibleName("Solo Lee Learner (learner) (hear only them)");
        page.evaluate("() => document.getElementById('player').play()");
        byId("solo-learner").click();
        assertThat(at(gains(), "assessor")).isZero();
        assertThat(at(gains(), "learner")).isEqualTo(1.0);
    }
}
