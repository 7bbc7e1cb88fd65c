package app.earmark.discussions.ui;

import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static org.assertj.core.api.Assertions.assertThat;

import app.earmark.recordings.RecordingFixtures;
import app.earmark.support.AuditTrail;
import app.earmark.support.ViewTest;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.router.QueryParameters;
import com.vaadin.flow.component.html.Paragraph;
import com.github.mvysny.kaributesting.v10.GridKt;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** A bad address on the discussions pages is answered with a sentence for a person, never a Java message. */
class DiscussionsAddressesTest extends ViewTest {

    @Autowired
    RecordingFixtures fixtures;
    @Autowired
    AuditTrail trail;

    /** Signs in and opens the discussions list with the query string as a browser would send it. */
    private void openList(String username, String query) {
        openAs(username, "");
        UI.getCurrent().navigate("discussions", QueryParameters.fromString(query));
    }

    private static String problem() {
        // Karibu finds only visible components: no visible problem reads as none.
        return com.github.mvysny.kaributesting.v10.LocatorJ._find(Paragraph.class,
                spec -> spec.withId("discussions-problem")).stream().map(Paragraph::getText).findFirst().orElse("");
    }

    @Test
    void aLearnerThatIsNotANumberIsNamedAndEveryDiscussionStillShown() {
        fixtures.discussionWithLearner();
        openList("assessor", "learner=abc");
        assertThat(problem()).startsWith("There is no learner 'abc'").doesNotContain("For input string");
        assertThat(GridKt._size(_get(Grid.class, spec -> spec.withId("discussions-grid")))).isPositive();
    }

    @Test
    void aLearnerNumberOutsideWhatOneMaySeeReadsTheSameAsOneThatDoesNotExist() {
        long other = trail.userId("learner2");
        openList("learner", "learner=" + other);
        String existing = problem();
        openList("learner", "learner=99999999");
        assertThat(existing).isEqualTo("There is no learner " + other + " among the learners you may see.");
        assertThat(problem()).isEqualTo("There is no learner 99999999 among the learners you may see.");
    }

    @Test
    void aLearnerNumberTooLongForALongIsNotAJavaError() {
        openList("assessor", "learner=99999999999999999999999");
        assertThat(problem()).startsWith("There is no learner '99999999999999999999999'");
    }

    @Test
    void aValidLearnerShowsNoProblem() {
        fixtures.discussionWithLearner();
        openList("assessor", "learner=" + trail.userId("learner"));
        assertThat(problem()).isEmpty();
    }

    @Test
    void aDiscussionAddressThatIsNotANumberIsNamed() {
        openAs("assessor", "discussions/abc");
        assertThat(_get(Paragraph.class, spec -> spec.withId("access-refused")).getText())
                .startsWith("There is no discussion 'abc'");
    }
}
