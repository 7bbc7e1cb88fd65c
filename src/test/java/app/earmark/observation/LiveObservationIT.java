package app.earmark.observation;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import app.earmark.recordings.RecordingFixtures;
import app.earmark.support.Axe;
import app.earmark.support.BrowserTest;
import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.Route;
import com.microsoft.playwright.assertions.LocatorAssertions;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Live sampling in Chromium: an IQA marks a discussion for live observation; when the assessor starts recording
 * it live (a 1 kHz tone in the fake microphone), the IQA, on another page, is told by push, opens the observe page
 * and hears the tone (the FFT peak of the sound passing through the page's AnalyserNode is at 1 kHz), while the
 * assessor's and the learner's pages say "IQA observing"; a note dropped while listening is kept and shown to the
 * IQA afterwards on the discussion's page.
 */
class LiveObservationIT extends BrowserTest {

    static final int TONE_HZ = 1000;

    @Autowired
    RecordingFixtures fixtures;

    /** A mono 16-bit WAV: {@code silenceSeconds} of silence then {@code toneSeconds} of a sine at {@code hz}. */
    static Path toneWav(Path file, int hz, double silenceSeconds, double toneSeconds) throws IOException {
        int rate = 48_000;
        int silent = (int) (rate * silenceSeconds);
        int samples = silent + (int) (rate * toneSeconds);
        ByteBuffer pcm = ByteBuffer.allocate(samples * 2).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < samples; i++) {
            double value = i < silent ? 0 : 0.5 * Math.sin(2 * Math.PI * hz * (i - silent) / rate);
            pcm.putShort((short) Math.round(value * Short.MAX_VALUE));
        }
        var out = new ByteArrayOutputStream();
        ByteBuffer header = ByteBuffer.allocate(44).order(ByteOrder.LITTLE_ENDIAN);
        header.put("RIFF".getBytes()).putInt(36 + samples * 2).put("WAVE".getBytes()).put("fmt ".getBytes())
                .putInt(16).putShort((short) 1).putShort((short) 1).putInt(rate).putInt(rate * 2)
                .putShort((short) 2).putShort((short) 16).put("data".getBytes()).putInt(samples * 2);
        out.write(header.array());
        out.write(pcm.array());
        Files.createDirectories(file.getParent());
        Files.write(file, out.toByteArray());
        return file;
    }

    /** Whether the sound the page's live player plays now peaks at {@code hz} (within one 25 Hz bin or so). */
    static final String TONE_HEARD = "hz => { const p = document.querySelector('#live-player');"
            + " const a = p && p.analyser; if (!a) return false;"
            + " const d = new Float32Array(a.frequencyBinCount); a.getFloatFrequencyData(d);"
            + " let max = -Infinity, at = 0; for (let i = 1; i < d.length; i++) if (d[i] > max) { max = d[i]; at = i; }"
            + " const peak = at * a.context.sampleRate / a.fftSize; window.heardPeak = {peak, max};"
            + " return max > -60 && Math.abs(peak - hz) < 40; }";

    @Test
    void anIqaMarkedForLiveSamplingIsToldWhenTheRecordingStartsAndHearsItWhileBothPartiesSeeThemObserving()
            throws Exception {
        long discussion = fixtures.discussionWithLearner().id();
        Playwright own = newPlaywright();
        try {
            Browser browser = launchWithTone(own, 20);
            Page iqa = open(browser, "iqa");
            Page learner = open(browser, "learner");
            Page assessor = open(browser, "assessor");

            // The IQA marks the planned discussion, then goes elsewhere.
            mark(iqa, discussion);
            Axe.check(iqa);
            iqa.navigate(url("/"));
            iqa.locator("#welcome").waitFor();

            learner.navigate(url("/discussions/" + discussion));
            assertThat(learner.locator("#observation-marked-notice")).containsText("Marked for live observation");
            assertThat(learner.locator("#iqa-observing")).isHidden();

            // The assessor records live.
            record(assessor, discussion);

            // The IQA, on their home page, is told by push and opens the live observation.
            assertThat(iqa.locator("#live-started-notice")).containsText("Live recording started");
            iqa.locator("#observe-live-now").click();
            iqa.waitForURL(url("/discussions/" + discussion + "/observe"));
            assertThat(iqa.locator("#live-player")).hasAttribute("data-state", "playing",
                    new LocatorAssertions.HasAttributeOptions().setTimeout(30_000));
            iqa.waitForFunction(TONE_HEARD, TONE_HZ, new Page.WaitForFunctionOptions().setTimeout(20_000));

            // Both parties see it plainly.
            assertThat(assessor.locator("#iqa-observing")).isVisible();
            assertThat(assessor.locator("#iqa-observing")).containsText("IQA observing");
            assertThat(learner.locator("#iqa-observing")).isVisible();
            assertThat(learner.locator("#iqa-observing")).containsText("IQA observing");
            Axe.check(iqa);
            Axe.check(assessor);

            // A note at the moment heard.
            iqa.locator("#observation-note textarea").fill("Learner states the purpose of contracting");
            iqa.locator("#add-observation-note").click();
            assertThat(iqa.locator("#observation-notes .observation-note"))
                    .containsText("Learner states the purpose of contracting");

            // The assessor stops: the IQA's player says so and the parties' notices go.
            assessor.locator("#recorder .recorder-stop").click();
            assessor.waitForURL(url("/discussions/" + discussion));
            assertThat(iqa.locator("#live-player")).hasAttribute("data-state", "ended",
                    new LocatorAssertions.HasAttributeOptions().setTimeout(30_000));
            assertThat(learner.locator("#iqa-observing")).isHidden();

            iqa.navigate(url("/discussions/" + discussion));
            assertThat(iqa.locator("#observation-notes-after"))
                    .containsText("Learner states the purpose of contracting");
        } finally {
            own.close();
        }
    }

    /**
     * A part the recorder's browser never delivered (here answered as stored and dropped on the way) would hold the
     * IQA's player at it until the recording ends; instead the player waits a few seconds for it, then goes on from
     * the first cluster after it and is heard again.
     */
    @Test
    void anIqaListeningLiveIsNotHeldAtAPartThatNeverArrived() throws Exception {
        long discussion = fixtures.discussionWithLearner().id();
        Playwright own = newPlaywright();
        try {
            Browser browser = launchWithTone(own, 40);
            Page iqa = open(browser, "iqa");
            Page assessor = open(browser, "assessor");
            mark(iqa, discussion);

            // The fourth part (number 3, from about 6 s in) is lost between the recorder and Earmark.
            assessor.route(Pattern.compile(".*/live/recordings/\\d+/chunks/3$"),
                    route -> route.fulfill(new Route.FulfillOptions().setStatus(204)));
            record(assessor, discussion);

            iqa.navigate(url("/discussions/" + discussion + "/observe"));
            assertThat(iqa.locator("#live-player")).hasAttribute("data-state", "playing",
                    new LocatorAssertions.HasAttributeOptions().setTimeout(30_000));
            assertThat(iqa.locator("#live-player .live-status")).containsText("did not reach Earmark",
                    new LocatorAssertions.ContainsTextOptions().setTimeout(40_000));
            // Past the gap (part 3 ends at about 8 s) and hearing the tone again.
            iqa.waitForFunction("() => document.querySelector('#live-player').currentTime > 10", null,
                    new Page.WaitForFunctionOptions().setTimeout(30_000));
            iqa.waitForFunction(TONE_HEARD, TONE_HZ, new Page.WaitForFunctionOptions().setTimeout(20_000));
            // What was skipped: the lost part (about 2 s) and what came before the first cluster after it.
            @SuppressWarnings("unchecked")
            List<Number> ranges = (List<Number>) iqa.evaluate("() => { const b = document.querySelector("
                    + "'#live-player video').buffered; const r = []; for (let i = 0; i < b.length; i++)"
                    + " r.push(b.start(i), b.end(i)); return r; }");
            System.out.println("[live] buffered after the gap: " + ranges);
            org.assertj.core.api.Assertions.assertThat(ranges).as("two stretches, with the hole between").hasSize(4);
            org.assertj.core.api.Assertions.assertThat(ranges.get(2).doubleValue() - ranges.get(1).doubleValue())
                    .as("seconds skipped").isBetween(1.0, 6.0);
            double before = (double) iqa.evaluate("() => document.querySelector('#live-player').currentTime");
            iqa.waitForTimeout(3_000);
            double after = (double) iqa.evaluate("() => document.querySelector('#live-player').currentTime");
            org.assertj.core.api.Assertions.assertThat(after).as("still playing after the gap").isGreaterThan(
                    before + 1.5);

            assessor.locator("#recorder .recorder-stop").click();
            assertThat(iqa.locator("#live-player")).hasAttribute("data-state", "ended",
                    new LocatorAssertions.HasAttributeOptions().setTimeout(30_000));
        } finally {
            own.close();
        }
    }

    /** Chromium whose fake microphone plays the 1 kHz tone for {@code seconds}. */
    private Browser launchWithTone(Playwright own, int seconds) throws IOException {
        Path wav = toneWav(Path.of("target", "observation", "tone-1khz-" + seconds + "s.wav").toAbsolutePath(),
                TONE_HZ, 0, seconds);
        var flags = new ArrayList<>(CHROMIUM_FLAGS);
        flags.add("--use-file-for-fake-audio-capture=" + wav);
        return launch(own, flags);
    }

    /** The IQA marks the discussion for live observation on its page. */
    private void mark(Page iqa, long discussion) {
        iqa.navigate(url("/discussions/" + discussion));
        iqa.locator("#mark-observation").click();
        assertThat(iqa.locator("#observation-status")).containsText("You have marked this discussion");
    }

    /** The assessor starts recording the discussion live from the microphone. */
    private void record(Page assessor, long discussion) {
        assessor.navigate(url("/discussions/" + discussion + "/record"));
        assessor.locator("#recorder .recorder-start").waitFor();
        assessor.selectOption("#recorder .recorder-mode", "microphone");
        assessor.locator("#recorder .recorder-start").click();
        assessor.locator("#recorder .plan-notice-continue").click();
        assertThat(assessor.locator("#recorder")).hasAttribute("data-state", "recording");
    }

    private Page open(Browser browser, String username) {
        BrowserContext context = browser.newContext(new Browser.NewContextOptions().setViewportSize(1400, 1000));
        context.setDefaultTimeout(20_000);
        Page opened = context.newPage();
        signInAs(opened, username);
        return opened;
    }
}
