package app.earmark.recordings;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import app.earmark.support.BrowserTest;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Response;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The whole way in a real browser: an assessor uploads a recording (tus-js-client, with the CSRF token),
 * ingest makes it playable, and the browser's own player seeks into it with HTTP Range requests.
 */
class RecordingsIT extends BrowserTest {

    @TempDir
    static Path media;

    @Autowired
    RecordingFixtures fixtures;

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "talk.m4a,   audio, audio/mp4",
            "talk.webm,  video, video/webm",
            "talk.mp4,   video, video/mp4"})
    void uploadIngestAndPlayFromTheMiddle(String fileName, String element, String mimeType) {
        Path file = switch (fileName) {
            case "talk.m4a" -> TestMedia.m4aAac(media, 20);
            case "talk.webm" -> TestMedia.webmOpusVp8(media, 20, 320, 240);
            default -> TestMedia.mp4H264Aac(media, 20, 320, 240);
        };
        long discussion = fixtures.discussionWithLearner().id();
        List<Response> ranges = new CopyOnWriteArrayList<>();
        page.onResponse(response -> {
            if (response.url().contains("/rendition") && response.request().headers().containsKey("range")) {
                ranges.add(response);
            }
        });

        signInAs("assessor");
        open("/discussions/" + discussion);
        page.locator("#recording-upload input[type=file]").setInputFiles(file);
        Locator state = page.locator(".recording .recording-state");
        assertThat(state).hasText("Ready", new com.microsoft.playwright.assertions.LocatorAssertions.HasTextOptions()
                .setTimeout(90_000));
        assertThat(page.locator(".recording-facts")).containsText("played as uploaded (not re-encoded)");

        Locator player = page.locator(".recording-player");
        assertThat(player).hasAttribute("src", java.util.regex.Pattern.compile("/media/recordings/\\d+/rendition"));
        assertThat(player.evaluate("e => e.tagName.toLowerCase()")).isEqualTo(element);
        assertThat(player.evaluate("e => e.canPlayType('" + mimeType + "')")).isNotEqualTo("");
        Object duration = player.evaluate("e => new Promise(done => { if (e.readyState >= 1) done(e.duration);"
                + " else e.addEventListener('loadedmetadata', () => done(e.duration), {once: true}); e.load(); })");
        assertThat(((Number) duration).doubleValue()).isBetween(19.5, 20.5);

        Object playedFrom = player.evaluate("e => new Promise((done, fail) => {"
                + " e.muted = true;"
                + " e.addEventListener('seeked', () => {"
                + "   const from = e.currentTime;"
                + "   e.play().catch(fail);"
                + "   const check = () => e.currentTime > from + 0.3 ? done(from) : setTimeout(check, 50);"
                + "   check(); }, {once: true});"
                + " e.currentTime = 12; })");
        assertThat(((Number) playedFrom).doubleValue()).isBetween(11.5, 12.5);
        assertThat(ranges).anySatisfy(r -> assertThat(r.status()).isEqualTo(206));
    }
}
