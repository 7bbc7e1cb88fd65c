package app.earmark.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import app.earmark.support.EarmarkSpringTest;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MockMvc;

/**
 * {@code GET /session/csrf}: the signed-in session's CSRF token, which a page whose own session ended asks for once
 * the person has signed in again elsewhere; without a session it is 401 ({@link SignedOutScriptRequestsTest}).
 */
@EarmarkSpringTest
class SessionTokensTest {

    @Autowired
    MockMvc mvc;

    @Test
    void aSignedInSessionIsToldItsTokenAndAChangeSentWithItPassesTheCsrfCheck() throws Exception {
        var session = (MockHttpSession) mvc.perform(post("/login").param("username", "assessor")
                        .param("password", "demo").with(csrf()))
                .andExpect(status().is3xxRedirection()).andReturn().getRequest().getSession(false);

        String body = mvc.perform(get(SessionTokens.PATH).session(session)).andExpect(status().isOk())
                .andExpect(header().string("Cache-Control", "no-store")).andReturn().getResponse()
                .getContentAsString();
        JsonNode token = new ObjectMapper().readTree(body);
        assertThat(token.get("header").asText()).isEqualTo("X-CSRF-TOKEN");
        assertThat(token.get("token").asText()).isNotBlank();
        assertThat(token.get("username").asText()).as("whose it is: a page takes only its own person's")
                .isEqualTo("assessor");

        // The finish of a live recording, with a body that is not JSON: refused by the CSRF check (403) with a stale
        // token, and past it (400, the body) with the one just told.
        mvc.perform(post("/live/recordings/1/finish").session(session).header("X-CSRF-TOKEN", "stale")
                .contentType("application/json").content("not json")).andExpect(status().isForbidden());
        mvc.perform(post("/live/recordings/1/finish").session(session)
                .header(token.get("header").asText(), token.get("token").asText())
                .contentType("application/json").content("not json")).andExpect(status().isBadRequest());
    }
}
