package app.earmark.search;

import static com.github.mvysny.kaributesting.v10.LocatorJ._click;
import static com.github.mvysny.kaributesting.v10.LocatorJ._find;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import app.earmark.discussions.DiscussionMode;
import app.earmark.discussions.DiscussionPlan;
import app.earmark.discussions.Discussions;
import app.earmark.support.AuditTrail;
import app.earmark.support.SignedIn;
import app.earmark.support.ViewTest;
import com.vaadin.flow.component.ComponentUtil;
import com.vaadin.flow.component.PollEvent;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.progressbar.ProgressBar;
import com.vaadin.flow.router.QueryParameters;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * The search page's administrator section (the live index, the rebuild button and its progress, polled while it
 * runs) and paging past the first 20 hits. In this package to hold the feed still while the page is looked at. On a
 * database of its own: a build goes through every discussion and sheet, and the shared test database holds thousands
 * by the time this runs in the whole suite. Not the database of {@link SearchRebuildTest}: this is another application
 * context, whose search feed would take that test's outbox rows into its own index.
 */
@SpringBootTest(properties = "spring.datasource.url=jdbc:h2:mem:earmark-index-view;MODE=PostgreSQL;"
        + "DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1")
class SearchIndexViewTest extends ViewTest {

    @Autowired
    Search search;
    @Autowired
    SearchFeed feed;
    @Autowired
    Discussions discussions;
    @Autowired
    SignedIn signedIn;
    @Autowired
    AuditTrail trail;

    private String text(String id) {
        return _get(Paragraph.class, spec -> spec.withId(id)).getText();
    }

    private void poll() {
        ComponentUtil.fireEvent(UI.getCurrent(), new PollEvent(UI.getCurrent(), true));
    }

    @Test
    void theAdministratorRebuildsAndFollowsTheProgressUntilTheNewIndexIsSwitchedIn() {
        await().atMost(Duration.ofSeconds(90)).until(() -> signedIn.as("admin", () -> search.status())
                .building() == null);
        openAs("admin", "search");
        String live = signedIn.as("admin", () -> search.status()).live();
        assertThat(text("search-index-state")).startsWith("Searches are answered by the lucene index " + live
                + " (mapping version " + LuceneIndexStore.MAPPING_VERSION + ")");
        assertThat(text("search-rebuild-progress")).isEqualTo("No rebuild in progress.");
        assertThat(_find(ProgressBar.class, spec -> spec.withId("search-rebuild-bar"))).isEmpty();

        String building;
        synchronized (feed) {
            _click(_get(Button.class, spec -> spec.withId("search-rebuild")));
            building = signedIn.as("admin", () -> search.status()).building().index();
            assertThat(text("search-rebuild-progress")).matches("Building " + building + " \\(mapping version "
                    + LuceneIndexStore.MAPPING_VERSION + "\\),"
                    + " started by admin at \\d+ \\w+ \\d{4} \\d\\d:\\d\\d:\\d\\d: 0 of \\d+ discussions and result"
                    + " sheets indexed\\.");
            assertThat(_get(ProgressBar.class, spec -> spec.withId("search-rebuild-bar")).getValue()).isZero();
            assertThat(UI.getCurrent().getPollInterval()).isEqualTo(1000);
            // The old index still answers.
            assertThat(text("search-index-state")).contains(live);
        }
        // The page's poll (Vaadin fires it every second in a browser) shows the progress until the switch.
        await().atMost(Duration.ofSeconds(120)).pollInSameThread().untilAsserted(() -> {
            poll();
            assertThat(text("search-rebuild-progress")).isEqualTo("No rebuild in progress.");
            assertThat(text("search-index-state")).startsWith("Searches are answered by the lucene index "
                    + building).contains("switched in at");
        });
        assertThat(UI.getCurrent().getPollInterval()).isEqualTo(-1);
    }

    @Test
    void hitsBeyondTheFirstTwentyAreReachedWithMoreResults() {
        String word = "zqpaging" + Long.toString(System.nanoTime(), 36).replaceAll("[0-9]", "x");
        long learner = trail.userId("learner");
        signedIn.as("assessor", () -> {
            var unit = discussions.unitsFor(learner).get(0);
            long id = discussions.create(List.of(learner), Set.of(unit.id()), LocalDate.now(),
                    DiscussionMode.REMOTE).id();
            long ac = discussions.criteria(id).get(0).id();
            discussions.savePlan(id, LocalTime.of(9, 0), IntStream.rangeClosed(1, 25)
                    .mapToObj(i -> new DiscussionPlan.Draft("Question " + i + " about " + word, Set.of(ac)))
                    .toList());
        });
        await().atMost(Duration.ofSeconds(60)).until(() -> signedIn.as("assessor", () -> search.search(word,
                Map.of(), null, null, SearchSort.RELEVANCE, 0, 20)).total() == 25);

        openAs("assessor", "search");
        UI.getCurrent().navigate("search", QueryParameters.of("q", word));
        assertThat(text("search-status")).isEqualTo("25 matches; 1–20 are shown");
        assertThat(_find(Anchor.class, spec -> spec.withClasses("search-hit-link"))).hasSize(20);
        Button previous = _get(Button.class, spec -> spec.withId("search-previous"));
        Button more = _get(Button.class, spec -> spec.withId("search-next"));
        assertThat(previous.isEnabled()).isFalse();
        assertThat(more.getText()).isEqualTo("More results");

        _click(more);
        assertThat(text("search-status")).isEqualTo("25 matches; 21–25 are shown");
        assertThat(_find(Anchor.class, spec -> spec.withClasses("search-hit-link"))).hasSize(5);
        assertThat(more.isEnabled()).isFalse();
        _click(previous);
        assertThat(text("search-status")).isEqualTo("25 matches; 1–20 are shown");
    }
}
