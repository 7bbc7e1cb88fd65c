package app.earmark.talktime;

import static com.github.mvysny.kaributesting.v10.LocatorJ._find;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static org.assertj.core.api.Assertions.assertThat;

import app.earmark.catalogue.Catalogue;
import app.earmark.catalogue.Unit;
import app.earmark.discussions.DiscussionMode;
import app.earmark.discussions.Discussions;
import app.earmark.recordings.RecordingFixtures;
import app.earmark.support.AuditTrail;
import app.earmark.support.SignedIn;
import app.earmark.support.ViewTest;
import com.github.mvysny.kaributesting.v10.GridKt;
import com.vaadin.flow.component.Html;
import com.vaadin.flow.component.datepicker.DatePicker;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Paragraph;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The centre's view of talk time over time: each assessor's learner share and thinking time as charts by date (the
 * values read out in the text alternative), narrowed to the dates chosen, with a plain message when "To" is before
 * "From".
 */
class TalkTimeOverTimeViewTest extends ViewTest {

    @Autowired
    RecordingFixtures fixtures;
    @Autowired
    TalkTimeStore store;
    @Autowired
    Discussions discussions;
    @Autowired
    Catalogue catalogue;
    @Autowired
    AuditTrail trail;
    @Autowired
    SignedIn signedIn;

    private long analysedOn(LocalDate heldOn) {
        long learner = trail.userId("learner");
        long unit = catalogue.unit("8587-300").map(Unit::id).orElseThrow();
        long discussion = signedIn.as("assessor", () -> discussions.create(List.of(learner), Set.of(unit), heldOn,
                DiscussionMode.REMOTE)).id();
        long recording = fixtures.readyRecording(discussion, ("over time " + System.nanoTime()).getBytes(),
                "audio/mp4");
        TalkScript.analysed(store, discussion, recording);
        return discussion;
    }

    @SuppressWarnings("unchecked")
    @Test
    void theIqaSeesTheAssessorsFiguresByDateAndNarrowsTheDates() {
        LocalDate march = LocalDate.of(2019, 3, 4);
        LocalDate april = LocalDate.of(2019, 4, 8);
        long first = analysedOn(march);
        long second = analysedOn(april);

        openAs("iqa", "talk-time");
        _get(DatePicker.class, spec -> spec.withId("talk-time-from")).setValue(march);
        _get(DatePicker.class, spec -> spec.withId("talk-time-to")).setValue(april);

        Grid<TalkTime.Dated> grid = _get(Grid.class, spec -> spec.withId("talk-time-grid"));
        List<Long> shown = IntStream.range(0, GridKt._size(grid))
                .mapToObj(i -> GridKt._get(grid, i).discussion().id()).toList();
        assertThat(shown).contains(first, second);
        assertThat(IntStream.range(0, GridKt._size(grid)).mapToObj(i -> GridKt._get(grid, i).discussion().heldOn()))
                .allSatisfy(held -> assertThat(held).isBetween(march, april));
        String share = _find(Html.class).stream().map(Html::getInnerHtml)
                .filter(html -> html.contains("Learner share of Sam Assessor over time")).findFirst()
                .orElseThrow();
        // The script's learner share (71 %) on each date, read out and drawn as a dot each.
        assertThat(share).contains("04/03/2019 71 %", "08/04/2019 71 %");
        assertThat(share.split("<circle", -1).length - 1).isGreaterThanOrEqualTo(2);
        String thinking = _find(Html.class).stream().map(Html::getInnerHtml)
                .filter(html -> html.contains("Median thinking time of Sam Assessor over time")).findFirst()
                .orElseThrow();
        assertThat(thinking).contains("04/03/2019 1.4 s");

        _get(DatePicker.class, spec -> spec.withId("talk-time-from")).setValue(april);
        shown = IntStream.range(0, GridKt._size(_get(Grid.class, spec -> spec.withId("talk-time-grid"))))
                .mapToObj(i -> GridKt._get((Grid<TalkTime.Dated>) _get(Grid.class,
                        spec -> spec.withId("talk-time-grid")), i).discussion().id()).toList();
        assertThat(shown).contains(second).doesNotContain(first);

        _get(DatePicker.class, spec -> spec.withId("talk-time-to")).setValue(march);
        assertThat(_get(Paragraph.class, spec -> spec.withId("talk-time-dates-wrong")).getText())
                .isEqualTo("\"To\" (04/03/2019) is before \"From\" (08/04/2019): choose a \"To\" date on or after it.");
        assertThat(_find(Grid.class)).isEmpty();
    }
}
