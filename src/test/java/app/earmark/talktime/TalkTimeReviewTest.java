package app.earmark.talktime;

import static com.github.mvysny.kaributesting.v10.LocatorJ._find;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static org.assertj.core.api.Assertions.assertThat;

import app.earmark.discussions.DiscussionPlan;
import app.earmark.discussions.Discussions;
import app.earmark.sheets.SheetFixtures;
import app.earmark.sheets.SheetView;
import app.earmark.support.SignedIn;
import app.earmark.support.ViewTest;
import app.earmark.workspace.Tags;
import app.earmark.workspace.Tags.TagDraft;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.html.Paragraph;
import java.time.LocalTime;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The IQA sees the recording's talk time beside the assessor's AC map while reviewing the sheet, and the figures of
 * each planned question the assessor marked asked.
 */
class TalkTimeReviewTest extends ViewTest {

    @Autowired
    SheetFixtures fixtures;
    @Autowired
    TalkTimeStore store;
    @Autowired
    SignedIn signedIn;
    @Autowired
    Discussions discussions;
    @Autowired
    Tags tags;

    @Test
    void theIqaSeesTalkTimeInTheReview() {
        fixtures.clear("learner", "8587-300");
        long discussion = fixtures.discussion("learner", "8587-300");
        long recording = fixtures.hourLongRecording(discussion);
        fixtures.tag(discussion, recording, 12_000, null, "Explains the rationale", "1.1");
        long ac = signedIn.as("assessor", () -> discussions.criteria(discussion)).get(0).id();
        signedIn.as("assessor", () -> {
            discussions.savePlan(discussion, LocalTime.of(10, 0), List.of(
                    new DiscussionPlan.Draft("How do you contract with a new client?", Set.of(ac))));
            return tags.create(recording, new TagDraft(23_000, null, Set.of(ac), null, 1));
        });
        SheetView signed = fixtures.signedPass("learner", "8587-300");
        TalkScript.analysed(store, discussion, recording);

        openAs("iqa", "review/" + signed.id());

        assertThat(_get(Paragraph.class, spec -> spec.withId("review-talk-time")).getText()).isEqualTo(
                "Talk time: learner 71 %, assessor 29 %; median thinking time 1.4 s; 1 interruption; 1 turn that ran"
                        + " into a further question; longest assessor monologue 3.7 s.");
        // The question the assessor marked asked at 23.0 s, to the end (worked out in TalkFiguresTest).
        assertThat(_find(Button.class, spec -> spec.withClasses("review-question-talk"))).singleElement()
                .extracting(Button::getText).isEqualTo("Question 1, from 0m 23s: learner 75 %, assessor 25 %; median"
                        + " thinking time 1.3 s; 1 interruption; 0 turns that ran into a further question; longest"
                        + " assessor monologue 2.5 s.");
    }
}
