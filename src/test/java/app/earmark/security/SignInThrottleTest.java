package app.earmark.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.startsWith;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import app.earmark.support.AuditTrail;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.security.web.WebAttributes;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/**
 * Failed sign-ins are limited by account and by address, on the API (HTTP Basic) and the login form.
 * Its own application context (with a clock the test moves), so its lockouts touch no other test.
 */
@SpringBootTest(properties = {
        "spring.datasource.url=jdbc:h2:mem:earmark-sign-in;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;"
                + "DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1",
        "earmark.security.sign-in.max-failures=5",
        "earmark.security.sign-in.max-failures-per-address=30",
        "earmark.security.sign-in.window=15m",
        "earmark.security.sign-in.lockout=5m"})
@AutoConfigureMockMvc
@ActiveProfiles("test")
@Import(SettableClock.Configuration.class)
class SignInThrottleTest {

    @Autowired
    MockMvc mvc;
    @Autowired
    AuditTrail trail;
    @Autowired
    SettableClock clock;
    @Autowired
    SignInThrottle throttle;

    @Test
    void afterFiveWrongBasicPasswordsEvenTheRightOneIsRefusedWith429() throws Exception {
        for (int i = 0; i < 4; i++) {
            api("learner", "wrong", "10.0.1.1").andExpect(status().isUnauthorized());
        }
        api("learner", "wrong", "10.0.1.1").andExpect(status().isTooManyRequests());

        api("learner", "demo", "10.0.1.1").andExpect(status().isTooManyRequests())
                .andExpect(header().string("Retry-After", "300"))
                .andExpect(jsonPath("$.status").value(429))
                .andExpect(jsonPath("$.message")
                        .value("Too many failed sign-ins for this account; try again in 5 minutes."));
        // The account is locked, whichever address the attempt comes from.
        api("learner", "demo", "10.0.1.2").andExpect(status().isTooManyRequests());
    }

    @Test
    void whenTheLockoutIsOverTheRightPasswordWorksAndResetsTheCount() throws Exception {
        for (int i = 0; i < 5; i++) {
            api("iqa", "wrong", "10.0.2.1");
        }
        api("iqa", "demo", "10.0.2.1").andExpect(status().isTooManyRequests());

        clock.advance(Duration.ofMinutes(4));
        api("iqa", "demo", "10.0.2.1").andExpect(status().isTooManyRequests())
                .andExpect(jsonPath("$.message").value("Too many failed sign-ins for this account; try again in"
                        + " 1 minute."));
        clock.advance(Duration.ofMinutes(1));
        api("iqa", "demo", "10.0.2.1").andExpect(status().isOk());

        // The success cleared the count: four more failures do not lock.
        for (int i = 0; i < 4; i++) {
            api("iqa", "wrong", "10.0.2.1").andExpect(status().isUnauthorized());
        }
        api("iqa", "demo", "10.0.2.1").andExpect(status().isOk());
    }

    @Test
    void aHundredFailuresLeaveThreeAuditEntries() throws Exception {
        long before = trail.lastSeq();
        for (int i = 0; i < 100; i++) {
            api("assessor2", "wrong-" + i, "10.0.3.1");
        }
        List<Map<String, Object>> entries = trail.since(before);
        assertThat(entries).extracting(e -> e.get("action")).containsExactly("sign-in-failed", "sign-in-locked");
        assertThat(entries.get(1).get("subject")).isEqualTo("user:assessor2");
        assertThat((String) entries.get(1).get("details")).startsWith("5 failed sign-ins within 15 minutes (the last"
                + " from 10.0.3.1); every sign-in for this account is refused until ");

        clock.advance(Duration.ofMinutes(6));
        throttle.sweep();
        entries = trail.since(before).stream().filter(e -> e.get("subject").equals("user:assessor2")).toList();
        assertThat(entries).hasSize(3);
        assertThat(entries.get(2).get("action")).isEqualTo("sign-ins-refused");
        assertThat((String) entries.get(2).get("details")).startsWith("95 sign-ins were refused while locked, from"
                + " 10.0.3.1, between ");
    }

    @Test
    void manyAccountsTriedFromOneAddressLockTheAddress() throws Exception {
        for (int i = 0; i < 30; i++) {
            api("nobody-" + i, "guess", "10.0.4.1").andExpect(status().is4xxClientError());
        }
        api("learner2", "demo", "10.0.4.1").andExpect(status().isTooManyRequests())
                .andExpect(jsonPath("$.message", startsWith("Too many failed sign-ins from your address; try again in")));
        api("learner2", "demo", "10.0.4.2").andExpect(status().isOk());
    }

    @Test
    void theLoginFormIsLockedToo() throws Exception {
        for (int i = 0; i < 5; i++) {
            mvc.perform(form("eqa", "wrong", "10.0.5.1"))
                    .andExpect(redirectedUrl("/login?error"));
        }
        var result = mvc.perform(form("eqa", "demo", "10.0.5.1"))
                .andExpect(redirectedUrl("/login?error")).andReturn();
        assertThat(result.getRequest().getSession().getAttribute(WebAttributes.AUTHENTICATION_EXCEPTION))
                .isInstanceOf(SignInLockedException.class);
    }

    private ResultActions api(String username, String password, String address) throws Exception {
        return mvc.perform(get("/api/v1/learners").with(httpBasic(username, password)).with(from(address)));
    }

    private static org.springframework.test.web.servlet.RequestBuilder form(String username, String password,
            String address) {
        return post("/login").param("username", username).param("password", password).with(csrf())
                .with(from(address));
    }

    private static RequestPostProcessor from(String address) {
        return request -> {
            request.setRemoteAddr(address);
            return request;
        };
    }
}
