package app.earmark.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.contains;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import app.earmark.base.Hashing;
import app.earmark.support.AuditTrail;
import app.earmark.support.EarmarkSpringTest;
import app.earmark.support.SignedIn;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

/** Personal API tokens: created and revoked by their owner, kept hashed, read-only, audited. */
@EarmarkSpringTest
class ApiTokensTest {

    @Autowired
    MockMvc mvc;
    @Autowired
    ApiTokens tokens;
    @Autowired
    SignedIn signedIn;
    @Autowired
    AuditTrail trail;
    @Autowired
    JdbcTemplate jdbc;

    @Test
    void aCreatedTokenReadsTheApiUntilItIsRevoked() throws Exception {
        long before = trail.lastSeq();
        var issued = signedIn.as("assessor", () -> tokens.create("Centre reports", Duration.ofDays(30)));
        assertThat(issued.token()).startsWith("ea_").hasSize(3 + 43);

        bearer("/api/v1/learners", issued.token()).andExpect(status().isOk())
                .andExpect(jsonPath("$[*].username", containsInAnyOrder("learner", "learner2")));
        assertThat(jdbc.queryForObject("select last_used_at from api_token where id = ?", java.sql.Timestamp.class,
                issued.summary().id())).isNotNull();

        signedIn.as("assessor", () -> tokens.revoke(issued.summary().id()));
        bearer("/api/v1/learners", issued.token()).andExpect(status().isUnauthorized())
                .andExpect(header().string("WWW-Authenticate", "Bearer realm=\"Earmark\", error=\"invalid_token\""))
                .andExpect(jsonPath("$.error").value("invalid_token"))
                .andExpect(jsonPath("$.message").value("This API token was revoked. Create a new one under API"
                        + " tokens in Earmark."));

        var audit = trail.since(before).stream().filter(e -> e.get("subject").equals("api-token:"
                + issued.summary().id())).toList();
        assertThat(audit).extracting(e -> e.get("action")).containsExactly("api-token-created", "api-token-revoked");
        assertThat(audit).allSatisfy(e -> assertThat(e.get("actor")).isEqualTo("assessor"));
        assertThat(audit).allSatisfy(e -> assertThat((String) e.get("details")).doesNotContain(issued.token()));
    }

    @Test
    void theTokenIsNotStoredOnlyItsSha256() {
        var issued = signedIn.as("iqa", () -> tokens.create("Stored hashed", null));
        Map<String, Object> row = jdbc.queryForMap("select * from api_token where id = ?", issued.summary().id());
        assertThat(row.values()).noneSatisfy(value -> assertThat(String.valueOf(value)).contains(issued.token()
                .substring(3)));
        assertThat(row.get("token_hash")).isEqualTo(Hashing.sha256Hex(issued.token()));
        assertThat(row.get("token_hint")).isEqualTo(issued.token().substring(0, 7));
    }

    @Test
    void aLearnersTokenSeesOnlyWhatTheLearnerSees() throws Exception {
        var issued = signedIn.as("learner", () -> tokens.create("My progress", Duration.ofDays(1)));
        bearer("/api/v1/learners", issued.token()).andExpect(status().isOk())
                .andExpect(jsonPath("$[*].username", contains("learner")));
        long other = trail.userId("learner2");
        bearer("/api/v1/learners/" + other, issued.token()).andExpect(status().isForbidden())
                .andExpect(jsonPath("$.message").value("You may not see learner " + other + "."));
    }

    @Test
    void aTokenOnlyReads() throws Exception {
        var issued = signedIn.as("admin", () -> tokens.create("Read only", Duration.ofDays(1)));
        mvc.perform(post("/api/v1/learners").header("Authorization", "Bearer " + issued.token()))
                .andExpect(status().isForbidden());
    }

    @Test
    void unknownAndExpiredTokensAreRefusedWithAMessage() throws Exception {
        bearer("/api/v1/learners", "ea_" + "A".repeat(43)).andExpect(status().isUnauthorized())
                .andExpect(jsonPath("$.message").value("This API token is not known. Create one under API tokens in"
                        + " Earmark."));
        var issued = signedIn.as("assessor2", () -> tokens.create("Short-lived", Duration.ofDays(1)));
        jdbc.update("update api_token set expires_at = created_at where id = ?", issued.summary().id());
        bearer("/api/v1/learners", issued.token()).andExpect(status().isUnauthorized())
                .andExpect(jsonPath("$.message", org.hamcrest.Matchers.startsWith("This API token expired on ")));
    }

    @Test
    void basicAuthenticationStillWorks() throws Exception {
        mvc.perform(get("/api/v1/learners").with(org.springframework.security.test.web.servlet.request
                .SecurityMockMvcRequestPostProcessors.httpBasic("learner", "demo"))).andExpect(status().isOk());
    }

    @Test
    void onlyTheOwnerRevokesATokenAndANameIsRequired() throws Exception {
        var issued = signedIn.as("assessor", () -> tokens.create("Mine", Duration.ofDays(1)));
        long id = issued.summary().id();
        assertThatThrownBy(() -> signedIn.as("assessor2", () -> tokens.revoke(id)))
                .isInstanceOf(AccessRefusedException.class).hasMessage("You may not revoke API token " + id + ".");
        bearer("/api/v1/learners", issued.token()).andExpect(status().isOk());
        assertThat(signedIn.as("assessor2", () -> tokens.mine())).noneMatch(t -> t.id() == id);

        assertThatThrownBy(() -> signedIn.as("assessor", () -> tokens.create("  ", null)))
                .hasMessage("Give the token a name, e.g. the integration that will use it.");
    }

    private ResultActions bearer(String path, String token) throws Exception {
        return mvc.perform(get(path).header("Authorization", "Bearer " + token));
    }
}
