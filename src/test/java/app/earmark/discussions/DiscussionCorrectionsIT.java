package app.earmark.discussions;

import app.earmark.recordings.RecordingFixtures;
import app.earmark.recordings.Recordings;
import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import app.earmark.sheets.SheetFixtures;
import app.earmark.support.BrowserTest;
import app.earmark.support.SignedIn;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.options.AriaRole;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Correcting a discussion in a real browser (en-GB): the edit dialog, removing a recording, and the signed case. */
class DiscussionCorrectionsIT extends BrowserTest {

    @Autowired
    Discussions discussions;
    @Autowired
    Recordings recordings;
    @Autowired
    SignedIn signedIn;
    @Autowired
    SheetFixtures sheets;
    @Autowired
    RecordingFixtures recordingFixtures;

    private void openAsAssessor(long discussion) {
        context = newContext("en-GB");
        page = context.newPage();
        signInAs("assessor");
        open("/discussions/" + discussion);
    }

    @Test
    void theEditDialogCorrectsDateAndModeWithAReason() {
        long id = sheets.discussion("learner", "8587-300");
        openAsAssessor(id);
        assertThat(byId("discussion-facts")).containsText("14/03/2026 · Remote");

        byId("correct-discussion").click();
        Locator date = page.locator("#correct-date input");
        assertThat(date).hasValue("14/03/2026");
        date.fill("3/4/2027");
        date.press("Enter");
        page.locator("#correct-mode").getByText("Face-to-face").click();
        byId("correct-reason").locator("textarea").fill("The date was typed in the wrong order");
        byId("save-correction").click();

        assertThat(byId("discussion-facts")).containsText("03/04/2027 · Face-to-face");
        var saved = signedIn.as("assessor", () -> discussions.get(id));
        assertThat(saved.heldOn()).isEqualTo(LocalDate.of(2027, 4, 3));
        assertThat(saved.mode()).isEqualTo(DiscussionMode.FACE_TO_FACE);
    }

    @Test
    void withoutAReasonNothingIsSavedAndThePersonIsTold() {
        long id = sheets.discussion("learner", "8587-300");
        openAsAssessor(id);
        byId("correct-discussion").click();
        page.locator("#correct-date input").fill("3/4/2027");
        page.locator("#correct-date input").press("Enter");
        byId("save-correction").click();
        assertThat(page.locator("vaadin-notification-card")).containsText("Give the reason for correcting discussion");
        assertThat(signedIn.as("assessor", () -> discussions.get(id)).heldOn()).isEqualTo(LocalDate.of(2026, 3, 14));
    }

    @Test
    void aWrongRecordingIsRemovedWithAReason() {
        long id = sheets.discussion("learner", "8587-300");
        long recording = recordingFixtures.readyRecording(id, new byte[48], "audio/mp4");
        openAsAssessor(id);
        byId("remove-recording-" + recording).click();
        byId("remove-recording-reason").locator("textarea").fill("Recorded the wrong learner");
        byId("remove-recording-confirm").click();

        assertThat(byId("recording-" + recording)).hasCount(0);
        assertThat(byId("no-recording")).isVisible();
        assertThat(signedIn.as("assessor", () -> recordings.forDiscussion(id))).isEmpty();
    }

    @Test
    void onceSignedThePageSaysAnAmendmentIsTheWay() {
        long id = sheets.discussion("learner", "8587-304");
        long recording = recordingFixtures.readyRecording(id, new byte[40], "audio/mp4");
        sheets.signedPass("learner", "8587-304");
        openAsAssessor(id);
        assertThat(byId("recording-" + recording)).isVisible();
        assertThat(byId("remove-recording-" + recording)).hasCount(0);
        assertThat(byId("discussion-signed")).containsText("make the correction through an amendment of the signed"
                + " sheet");
        assertThat(page.getByRole(AriaRole.BUTTON, new com.microsoft.playwright.Page.GetByRoleOptions()
                .setName("Correct details"))).hasCount(0);
    }
}
