package app.earmark.security;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import app.earmark.support.AuditTrail;
import app.earmark.support.BrowserTest;
import com.microsoft.playwright.assertions.LocatorAssertions;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** In a real browser: the menu's access checks write nothing; asking for an administrator's page writes one refusal. */
class NavigationRefusalsIT extends BrowserTest {

    /** Generous: on a busy machine a page can take longer than the default five seconds. */
    private static final LocatorAssertions.IsVisibleOptions LOADED = new LocatorAssertions.IsVisibleOptions()
            .setTimeout(30_000);

    @Autowired
    AuditTrail trail;

    @Test
    void anAssessorOpeningPagesWritesNoRefusalAndOneForAnAdministratorsPage() {
        long before = trail.lastSeq();
        signInAs("assessor");
        assertThat(byId("main-nav")).isVisible(LOADED);
        open("/discussions");
        assertThat(byId("main-nav")).isVisible(LOADED);
        open("/catalogue");
        assertThat(byId("main-nav")).isVisible(LOADED);
        org.assertj.core.api.Assertions.assertThat(refusalsSince(before)).as("menu checks are not refusals").isZero();

        long beforeAdmin = trail.lastSeq();
        open("/admin/audit");
        assertThat(byId("not-found")).isVisible(LOADED);
        org.assertj.core.api.Assertions.assertThat(trail.since(beforeAdmin))
                .filteredOn(e -> "access-refused".equals(e.get("action")))
                .extracting(e -> e.get("actor") + " " + e.get("subject"))
                .containsExactly("assessor view:/admin/audit");
    }

    private long refusalsSince(long seq) {
        return trail.since(seq).stream().filter(e -> "access-refused".equals(e.get("action"))).count();
    }
}
