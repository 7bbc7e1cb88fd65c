package app.earmark.people;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import app.earmark.base.DisplayFormats;
import app.earmark.support.AuditTrail;
import app.earmark.support.EarmarkSpringTest;
import app.earmark.support.SignedIn;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.access.AccessDeniedException;

/** The centre's date and time format: en-GB by default, changed by its administrator (audited), or the browser's. */
@EarmarkSpringTest
class CentreLocaleTest {

    @Autowired
    PeopleAdmin admin;
    @Autowired
    People people;
    @Autowired
    SignedIn signedIn;
    @Autowired
    AuditTrail trail;

    @Test
    void aCentreShowsDatesDayFirstAndTimesOnATwentyFourHourClockByDefault() {
        Locale centre = signedIn.as("assessor", () -> people.centreLocale()).orElseThrow();
        assertThat(centre.toLanguageTag()).isEqualTo("en-GB");
        assertThat(DisplayFormats.date(LocalDate.of(2026, 12, 13), centre)).isEqualTo("13/12/2026");
        assertThat(DisplayFormats.date(LocalDate.of(2027, 4, 3), centre)).isEqualTo("03/04/2027");
        assertThat(DisplayFormats.time(LocalTime.of(14, 30), centre)).isEqualTo("14:30");
        assertThat(DisplayFormats.dateTime(Instant.parse("2026-07-01T13:30:00Z"), centre))
                .isEqualTo("01/07/2026 14:30");
    }

    @Test
    void theAdministratorChangesItAuditedOrLeavesItToTheBrowser() {
        long before = trail.lastSeq();
        try {
            signedIn.as("admin", () -> admin.changeCentreLocale(""));
            assertThat(signedIn.as("assessor", () -> people.centreLocale())).isEmpty();
            assertThat(trail.since(before)).anySatisfy(e -> {
                assertThat(e.get("action")).isEqualTo("centre-locale-changed");
                assertThat((String) e.get("details")).contains("from en-GB to the browser's");
            });
        } finally {
            signedIn.as("admin", () -> admin.changeCentreLocale("en-GB"));
        }
        assertThat(signedIn.as("admin", () -> admin.centreLocale())).isEqualTo("en-GB");
    }

    @Test
    void anUnknownLocaleIsRefusedWithAnExample() {
        assertThatThrownBy(() -> signedIn.as("admin", () -> admin.changeCentreLocale("dd/mm/yyyy")))
                .isInstanceOf(PeopleException.class)
                .hasMessageStartingWith("'dd/mm/yyyy' is not a locale Earmark knows: give a language tag such as en-GB");
        assertThatThrownBy(() -> signedIn.as("assessor", () -> admin.changeCentreLocale("en-US")))
                .isInstanceOf(AccessDeniedException.class);
    }
}
