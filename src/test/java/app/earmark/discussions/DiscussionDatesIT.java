package app.earmark.discussions;

import app.earmark.recordings.RecordingFixtures;
import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import app.earmark.people.PeopleAdmin;
import app.earmark.support.BrowserTest;
import app.earmark.support.SignedIn;
import com.microsoft.playwright.Locator;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Dates and times as a UK centre writes them, in a real browser: typed dd/mm/yyyy into the date picker and saved as
 * that day, shown back as dd/mm/yyyy, and times on a 24-hour clock, from the centre's setting (default en-GB) with the
 * browser's locale only when the centre has none.
 */
class DiscussionDatesIT extends BrowserTest {

    @Autowired
    Discussions discussions;
    @Autowired
    PeopleAdmin peopleAdmin;
    @Autowired
    SignedIn signedIn;
    @Autowired
    RecordingFixtures fixtures;

    @ParameterizedTest(name = "{0} is {1}")
    @CsvSource({"13/12/2026, 2026-12-13", "3/4/2027, 2027-04-03"})
    void aDateTypedInAnEnGbBrowserIsSavedAsDayMonthYear(String typed, LocalDate saved) {
        context = newContext("en-GB");
        page = context.newPage();
        signInAs("assessor");
        open("/discussions");
        byId("new-discussion").click();
        choose("discussion-learner", "Lee Learner");
        choose("discussion-units", "8587-300");
        Locator date = page.locator("#discussion-date input");
        date.fill(typed);
        date.press("Enter");
        byId("create-discussion").click();

        assertThat(page).hasURL(Pattern.compile(".*/discussions/\\d+$"));
        long id = Long.parseLong(page.url().replaceAll(".*/", ""));
        assertThat(signedIn.as("assessor", () -> discussions.get(id)).heldOn()).isEqualTo(saved);
        assertThat(byId("discussion-facts")).containsText(String.format("%02d/%02d/%d", saved.getDayOfMonth(),
                saved.getMonthValue(), saved.getYear()));
    }

    @Test
    void timesAreOnATwentyFourHourClockAndDatesInTheListAreDayMonthYear() {
        var discussion = fixtures.discussionWithLearner();
        signedIn.as("assessor", () -> discussions.savePlan(discussion.id(), LocalTime.of(14, 30), List.of()));
        context = newContext("en-GB");
        page = context.newPage();
        signInAs("assessor");
        open("/discussions/" + discussion.id());

        assertThat(byId("discussion-facts")).containsText(" 14:30 ");
        assertThat(page.locator("#plan-starts-at input")).hasValue("14:30");

        open("/discussions");
        LocalDate today = discussion.heldOn();
        assertThat(page.locator("#discussions-grid")).containsText(String.format("%02d/%02d/%d",
                today.getDayOfMonth(), today.getMonthValue(), today.getYear()));
    }

    @Test
    void theCentreSettingWinsOverTheBrowserAndTheBrowserDecidesWhenTheCentreHasNone() {
        var discussion = fixtures.discussionWithLearner();
        signedIn.as("assessor", () -> discussions.savePlan(discussion.id(), LocalTime.of(14, 30), List.of()));
        context = newContext("en-US");
        page = context.newPage();
        signInAs("assessor");
        open("/discussions/" + discussion.id());
        assertThat(byId("discussion-facts")).containsText(" 14:30 ");

        signedIn.as("admin", () -> peopleAdmin.changeCentreLocale(""));
        try {
            open("/discussions/" + discussion.id());
            assertThat(byId("discussion-facts")).containsText("2:30 PM");
            assertThat(page.locator("#plan-starts-at input")).hasValue("2:30 PM");
        } finally {
            signedIn.as("admin", () -> peopleAdmin.changeCentreLocale("en-GB"));
        }
    }

    private void choose(String comboBoxId, String item) {
        page.locator("#" + comboBoxId + " input").fill(item);
        page.locator("vaadin-multi-select-combo-box-item").filter(new Locator.FilterOptions().setHasText(item))
                .first().click();
        // Tab closes the list (Escape would close the dialog too).
        page.locator("#" + comboBoxId + " input").press("Tab");
    }
}
