package app.earmark.search;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import app.earmark.discussions.Discussions;
import app.earmark.recordings.RecordingFixtures;
import app.earmark.recordings.RecordingState;
import app.earmark.recordings.TestMedia;
import app.earmark.recordings.TusUploads;
import app.earmark.support.Axe;
import app.earmark.support.BrowserTest;
import app.earmark.support.SignedIn;
import app.earmark.workspace.Tags;
import com.microsoft.playwright.Locator;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * In a real browser, the journey: an IQA searches from the top bar's box (Alt+/), narrows the results by an
 * AC facet, opens the one hit left and lands at the tagged moment of the recording, playing (the player's
 * {@code currentTime} checked).
 */
class SearchIT extends BrowserTest {

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
    SignedIn signedIn;
    @Autowired
    Search search;

    @Test
    void anIqaSearchesNarrowsByAnAcAndOpensTheHitAtItsMoment() throws InterruptedException {
        String word = "zqgrow" + Long.toString(System.nanoTime(), 36).replaceAll("[0-9]", "q");
        long discussion = recordings.discussionWithLearner().id();
        long recording = recordings.queuedRecording(discussion, TestMedia.m4aAac(media, 30));
        var ready = ingest.await(discussion, r -> !r.state().inProgress(), Duration.ofSeconds(90));
        assertThat(ready.state()).as(ready.message()).isEqualTo(RecordingState.READY);
        var criteria = signedIn.as("assessor", () -> discussions.criteria(discussion));
        signedIn.as("assessor", () -> tags.create(recording, new Tags.TagDraft(12_000, null,
                Set.of(criteria.get(0).id()), "Sets goals with the " + word + " model")));
        signedIn.as("assessor", () -> tags.create(recording, new Tags.TagDraft(20_000, null,
                Set.of(criteria.get(1).id()), "Reviews options in the " + word + " model")));
        String secondAc = "8587-300/" + criteria.get(1).number();
        await().atMost(Duration.ofSeconds(30)).until(() -> signedIn.as("iqa", () -> search.search(word, Map.of(),
                null, null, SearchSort.RELEVANCE, 0, 20)).total() == 2);

        signInAs("iqa");
        open("/");
        assertThat(byId("top-search")).isVisible();
        page.keyboard().press("Alt+/");
        assertThat(page.locator("#top-search input")).isFocused();
        page.keyboard().type(word);
        page.keyboard().press("Enter");
        page.waitForURL("**/search?q=" + word);
        assertThat(byId("search-status")).hasText("2 matches");
        assertThat(page.locator("#search-results mark").first()).hasText(word);
        Axe.check(page);

        Locator acFacet = byId("facet-ac");
        acFacet.locator("vaadin-checkbox").filter(new Locator.FilterOptions().setHasText(secondAc + " (1)")).click();
        assertThat(byId("search-status")).hasText("1 match");
        Locator hit = page.locator("#search-results a.search-hit-link");
        assertThat(hit).hasCount(1);
        assertThat(hit).hasAttribute("href", "discussions/" + discussion + "/play?recording=" + recording + "&t=20.0");

        hit.click();
        page.waitForURL("**/discussions/" + discussion + "/play?recording=" + recording + "&t=20.0");
        page.waitForFunction("() => { const m = document.getElementById('playback-media');"
                + " return m && !m.paused && m.currentTime >= 19.5; }");
        double at = ((Number) page.evaluate("() => document.getElementById('playback-media').currentTime"))
                .doubleValue();
        assertThat(at).isBetween(19.5, 21.5);
    }
}
