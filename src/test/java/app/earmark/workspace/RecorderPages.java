package app.earmark.workspace;

import com.microsoft.playwright.Page;

/** What the browser tests of live recording ask of the recorder page (`<earmark-recorder>`), in one place. */
public final class RecorderPages {

    private RecorderPages() {
    }

    /**
     * Opens the recorder at {@code recorderUrl} and records the microphone, past the notice that the learner has not
     * had the plan; returns the recording's id once the MediaRecorder runs (its start is the page's
     * {@code window.recordingStartedAt}).
     */
    public static long startRecording(Page page, String recorderUrl) {
        page.navigate(recorderUrl);
        page.locator("#recorder .recorder-start").waitFor();
        page.evaluate("() => document.querySelector('#recorder').addEventListener('recording-started',"
                + " e => { window.recordingStartedAt = performance.now(); window.recordingId = e.detail.recordingId; },"
                + " {once: true})");
        page.selectOption("#recorder .recorder-mode", "microphone");
        page.locator("#recorder .recorder-start").click();
        // The discussions of these tests have no plan shared with the learner: record anyway.
        page.locator("#recorder .plan-notice-continue").click();
        page.waitForFunction("() => window.recordingStartedAt !== undefined");
        return ((Number) page.evaluate("() => window.recordingId")).longValue();
    }

    /** How long the page has been recording, by its own clock. */
    public static double elapsedMs(Page page) {
        return ((Number) page.evaluate("() => performance.now() - window.recordingStartedAt")).doubleValue();
    }

    /** Waits until the page has been recording for {@code ms}. */
    public static void waitUntilElapsed(Page page, long ms) {
        page.waitForFunction("ms => performance.now() - window.recordingStartedAt >= ms", (double) ms,
                new Page.WaitForFunctionOptions().setTimeout(ms + 30_000));
    }
}
