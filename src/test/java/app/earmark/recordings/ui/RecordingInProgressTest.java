package app.earmark.recordings.ui;

import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static org.assertj.core.api.Assertions.assertThat;

import app.earmark.recordings.LiveRecordings;
import app.earmark.recordings.RecordingFixtures;
import app.earmark.support.SignedIn;
import app.earmark.support.ViewTest;
import com.vaadin.flow.component.html.Div;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** A recording still being made has no original yet: the page says so instead of "0 bytes" and "null". */
class RecordingInProgressTest extends ViewTest {

    @Autowired
    RecordingFixtures fixtures;
    @Autowired
    LiveRecordings live;
    @Autowired
    SignedIn signedIn;

    @Test
    void theIqaSeesRecordingInProgressNotZeroBytesAndNull() {
        long discussion = fixtures.discussionWithLearner().id();
        long recording = signedIn.as("assessor", () -> live.start(discussion)).id();

        openAs("iqa", "discussions/" + discussion);
        String card = _get(Div.class, spec -> spec.withId("recording-" + recording)).getElement().getTextRecursively();
        assertThat(card).contains("Recording in progress").doesNotContain("null").doesNotContain("0 bytes");
    }
}
