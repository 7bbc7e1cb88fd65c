package app.earmark.security;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import app.earmark.support.AuditTrail;
import app.earmark.people.PeopleAdmin;
import app.earmark.support.BrowserTest;
import app.earmark.support.SignedIn;
import com.microsoft.playwright.options.Cookie;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Signing in and out in a real browser, and what the session does. */
class SignInIT extends BrowserTest {

    @Autowired
    AuditTrail trail;
    @Autowired
    PeopleAdmin people;
    @Autowired
    SignedIn signedIn;

    @Test
    void aVisitorIsSentToTheLoginPage() {
        open("/");
        assertThat(page).hasURL(url("/login"));
        assertThat(page.getByText("Sign in").first()).isVisible();
    }

    @Test
    void aWrongPasswordShowsAnErrorAndIsAudited() {
        long before = trail.lastSeq();
        signIn("assessor", "not-the-password");
        assertThat(page.getByText("Wrong username or password")).isVisible();
        assertThat(trail.since(before)).anySatisfy(e -> {
            assertThat(e.get("action")).isEqualTo("sign-in-failed");
            assertThat(e.get("actor")).isEqualTo("assessor");
        });
    }

    @Test
    void signingInGivesANewSessionIdAndIsAudited() {
        open("/login");
        String before = sessionId();
        long seq = trail.lastSeq();
        signInAs("assessor");
        assertThat(sessionId()).isNotNull().isNotEqualTo(before);
        assertThat(trail.since(seq)).anySatisfy(e -> assertThat(e.get("action")).isEqualTo("signed-in"));
    }

    @Test
    void signingOutEndsTheSession() {
        signInAs("assessor");
        byId("sign-out").click();
        assertThat(page).hasURL(url("/login"));
        open("/");
        assertThat(page).hasURL(url("/login"));
    }

    @Test
    void tooManyWrongPasswordsLockTheAccountAndTheLoginPageSaysForHowLong() {
        signedIn.as("admin", () -> people.createPerson("locked.out", "Lou Locked", "long enough",
                Set.of(Role.LEARNER)));
        for (int i = 0; i < 4; i++) {
            signIn("locked.out", "wrong " + i);
            page.waitForURL(url("/login?error"));
            assertThat(page.getByText("Wrong username or password")).isVisible();
        }
        signIn("locked.out", "wrong again");
        page.waitForURL(url("/login?error"));
        var locked = page.getByText(Pattern.compile("Too many failed sign-ins for this account; try again in [45]"
                + " minutes\\."));
        assertThat(locked).isVisible();

        signIn("locked.out", "long enough");
        page.waitForURL(url("/login?error"));
        assertThat(locked).isVisible();
        assertThat(page.getByText("Wrong username or password")).not().isVisible();
    }

    private String sessionId() {
        return context.cookies().stream().filter(c -> c.name.equals("JSESSIONID")).map(c -> c.value).findFirst()
                .orElse(null);
    }
}
