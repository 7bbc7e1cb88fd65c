package app.earmark.search.ui;

import static com.github.mvysny.kaributesting.v10.LocatorJ._find;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import app.earmark.discussions.DiscussionMode;
import app.earmark.discussions.DiscussionPlan;
import app.earmark.discussions.Discussions;
import app.earmark.recordings.RecordingFixtures;
import app.earmark.search.Search;
import app.earmark.search.SearchSort;
import app.earmark.support.AuditTrail;
import app.earmark.support.SignedIn;
import app.earmark.support.ViewTest;
import app.earmark.workspace.TagView;
import app.earmark.workspace.Tags;
import app.earmark.workspace.Tags.TagDraft;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.checkbox.CheckboxGroup;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.router.QueryParameters;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The search page as a learner and an assessor: matches marked, links to the discussion, facets with counts. */
class SearchViewTest extends ViewTest {

    @Autowired
    Discussions discussions;
    @Autowired
    Search search;
    @Autowired
    Tags tags;
    @Autowired
    RecordingFixtures recordings;
    @Autowired
    SignedIn signedIn;
    @Autowired
    AuditTrail trail;

    @Test
    void aPlanQuestionIsFoundMarkedAndLinkedAndCountedOnlyForThoseWhoMaySeeIt() {
        String word = "zqviewpage" + Long.toString(System.nanoTime(), 36).replaceAll("[0-9]", "x");
        long learner = trail.userId("learner");
        long discussion = signedIn.as("assessor", () -> {
            var unit = discussions.unitsFor(learner).get(0);
            long id = discussions.create(List.of(learner), Set.of(unit.id()), LocalDate.now(),
                    DiscussionMode.REMOTE).id();
            long ac = discussions.criteria(id).get(0).id();
            discussions.savePlan(id, LocalTime.of(9, 30), List.of(new DiscussionPlan.Draft(
                    "Describe the " + word + " approach you used", Set.of(ac))));
            return id;
        });
        await().atMost(Duration.ofSeconds(60)).until(() -> signedIn.as("assessor", () -> search.search(word,
                Map.of(), null, null, SearchSort.RELEVANCE, 0, 20)).total() == 1);

        openAs("learner", "search");
        UI.getCurrent().navigate("search", QueryParameters.of("q", word));
        assertThat(_get(Paragraph.class, spec -> spec.withId("search-status")).getText()).isEqualTo("1 match");
        assertThat(_find(Anchor.class, spec -> spec.withClasses("search-hit-link"))).singleElement()
                .satisfies(a -> assertThat(a.getHref()).isEqualTo("discussions/" + discussion));
        assertThat(_find(Div.class, spec -> spec.withClasses("search-fragment")))
                .anySatisfy(d -> assertThat(d.getElement().getProperty("innerHTML"))
                        .contains("<mark>" + word + "</mark>"));
        @SuppressWarnings("unchecked")
        CheckboxGroup<String> mode = _get(CheckboxGroup.class, spec -> spec.withId("facet-mode"));
        assertThat(mode.getListDataView().getItems().map(mode.getItemLabelGenerator()).toList())
                .containsExactly("Remote (1)");

        openAs("learner2", "search");
        UI.getCurrent().navigate("search", QueryParameters.of("q", word));
        assertThat(_get(Paragraph.class, spec -> spec.withId("search-status")).getText()).isEqualTo("0 matches");
        assertThat(_find(CheckboxGroup.class)).isEmpty();
    }

    @Test
    void aTagsHitOpensItsOwnRecordingAtItsMomentAsTheTimeCountersDo() {
        String word = "zqtaglink" + Long.toString(System.nanoTime(), 36).replaceAll("[0-9]", "x");
        long discussion = recordings.discussionWithLearner().id();
        recordings.readyRecording(discussion, new byte[1000], "audio/mp4");
        long second = recordings.readyRecording(discussion, new byte[2000], "audio/mp4");
        long ac = signedIn.as("assessor", () -> discussions.criteria(discussion)).get(0).id();
        TagView tag = signedIn.as("assessor", () -> tags.create(second,
                new TagDraft(43_500, null, Set.of(ac), "The learner names the " + word + " stage")));
        await().atMost(Duration.ofSeconds(60)).until(() -> signedIn.as("assessor", () -> search.search(word,
                Map.of(), null, null, SearchSort.RELEVANCE, 0, 20)).total() == 1);

        openAs("assessor", "search");
        UI.getCurrent().navigate("search", QueryParameters.of("q", word));
        // The second recording of the discussion, not the first: the same URL as the tag's time counter.
        assertThat(_find(Anchor.class, spec -> spec.withClasses("search-hit-link"))).singleElement()
                .satisfies(a -> assertThat(a.getHref()).isEqualTo("discussions/" + discussion + "/play?recording="
                        + second + "&t=43.5"));
        assertThat(tag.recordingId()).isEqualTo(second);
    }
}
