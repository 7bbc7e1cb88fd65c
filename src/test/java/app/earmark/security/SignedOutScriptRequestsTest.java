package app.earmark.security;

import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.head;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.patch;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrlPattern;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import app.earmark.support.EarmarkSpringTest;
import jakarta.servlet.http.Cookie;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/**
 * What pages send by script (a live recording's parts and finish, tags, tus uploads, a live observation's parts)
 * without a session, as after a restart of the server or of its node: 401, never the redirect to the login page that
 * a navigation gets (a script following it read the login page's 200 as its part stored, and threw the part away).
 */
@EarmarkSpringTest
class SignedOutScriptRequestsTest {

    @Autowired
    MockMvc mvc;

    @Test
    void scriptRequestsWithoutASessionAreAnswered401NotRedirectedToTheLoginPage() throws Exception {
        List<Supplier<MockHttpServletRequestBuilder>> requests = List.of(
                () -> put("/live/recordings/1/chunks/0").content(new byte[] {1, 2, 3}),
                () -> post("/live/recordings/1/finish").contentType("application/json").content("{\"chunks\":3}"),
                () -> post("/workspace/recordings/1/tags").contentType("application/json").content("{}"),
                () -> post("/workspace/pages/p1/recordings/1/tags").contentType("application/json").content("{}"),
                () -> put("/workspace/tags/1").contentType("application/json").content("{}"),
                () -> delete("/workspace/pages/p1/tags/1").contentType("application/json").content("{}"),
                () -> post("/uploads").header("Tus-Resumable", "1.0.0").header("Upload-Length", 10),
                () -> patch("/uploads/abc").header("Tus-Resumable", "1.0.0"),
                () -> head("/uploads/abc").header("Tus-Resumable", "1.0.0"),
                () -> get("/observation/live/1/parts").param("from", "0"),
                () -> get(SessionTokens.PATH));
        for (Supplier<MockHttpServletRequestBuilder> request : requests) {
            // The cookie and the CSRF token of a session the server no longer has, as a page sends them after a
            // restart; neither; a valid token without a session.
            mvc.perform(request.get().cookie(new Cookie("JSESSIONID", "gone.a")).header("X-CSRF-TOKEN", "stale"))
                    .andExpect(status().isUnauthorized()).andExpect(header().doesNotExist("Location"))
                    .andExpect(content().string(SignedOutScriptRequests.MESSAGE));
            mvc.perform(request.get()).andExpect(status().isUnauthorized());
            mvc.perform(request.get().with(csrf())).andExpect(status().isUnauthorized())
                    .andExpect(header().doesNotExist("Location"));
        }
    }

    @Test
    void pagesAndDownloadsWithoutASessionStillGoToTheLoginPage() throws Exception {
        for (String page : List.of("/discussions", "/discussions/1/record", "/exports/discussions/1/ac-map.pdf")) {
            mvc.perform(get(page)).andExpect(status().is3xxRedirection())
                    .andExpect(redirectedUrlPattern("**/login"));
        }
    }
}
