package app.earmark.talktime;

import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static org.assertj.core.api.Assertions.assertThat;

import app.earmark.sheets.SheetFixtures;
import app.earmark.sheets.SheetView;
import app.earmark.support.ViewTest;
import com.vaadin.flow.component.html.Paragraph;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The IQA sees the recording's talk time beside the assessor's AC map while reviewing the sheet. */
class TalkTimeReviewTest extends ViewTest {

    @Autowired
    SheetFixtures fixtures;
    @Autowired
    TalkTimeStore store;

    @Test
    void theIqaSeesTalkTimeInTheReview() {
        fixtures.clear("learner", "8587-300");
        long discussion = fixtures.discussion("learner", "8587-300");
        long recording = fixtures.hourLongRecording(discussion);
        fixtures.tag(discussion, recording, 12_000, null, "Explains the rationale", "1.1");
        SheetView signed = fixtures.signedPass("learner", "8587-300");
        TalkScript.analysed(store, discussion, recording);

        openAs("iqa", "review/" + signed.id());

        assertThat(_get(Paragraph.class, spec -> spec.withId("review-talk-time")).getText()).isEqualTo(
                "Talk time: learner 71 %, assessor 29 %; median thinking time 1.4 s; 1 interruption; 1 turn that ran"
                        + " into a further question; longest assessor monologue 3.7 s.");
    }
}
