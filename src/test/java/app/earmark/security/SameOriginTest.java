package app.earmark.security;

import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import app.earmark.support.EarmarkSpringTest;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/**
 * State-changing requests sent by another site's page are refused, even with a valid session and CSRF
 * token: sign-in, tus uploads, live recording chunks and Vaadin's own requests.
 */
@EarmarkSpringTest
class SameOriginTest {

    private static final String REFUSED = "Refused: this request was sent by a page of another site";

    @Autowired
    MockMvc mvc;
    @Autowired
    UserDetailsService accounts;

    @Test
    void signingInFromAnotherSitesPageIsRefusedEvenWithTheRightPassword() throws Exception {
        mvc.perform(signIn().header("Origin", "https://evil.example"))
                .andExpect(status().isForbidden())
                .andExpect(content().string(REFUSED + " (https://evil.example), not by Earmark's own pages"
                        + " (http://localhost). Open Earmark at http://localhost and try again."));
    }

    @Test
    void signingInFromEarmarksOwnPageWorks() throws Exception {
        mvc.perform(signIn().header("Origin", "http://localhost")).andExpect(redirectedUrl("/"));
        mvc.perform(signIn().header("Referer", "http://localhost/login")).andExpect(redirectedUrl("/"));
    }

    @Test
    void aTusUploadFromAnotherSiteIsRefused() throws Exception {
        mvc.perform(as("assessor", post("/uploads")).header("Tus-Resumable", "1.0.0").header("Upload-Length", 10)
                        .header("Origin", "https://evil.example"))
                .andExpect(status().isForbidden()).andExpect(content().string(Matchers.startsWith(REFUSED)));
    }

    @Test
    void aLiveChunkFromAnotherSiteIsRefusedByItsReferer() throws Exception {
        mvc.perform(as("assessor", put("/live/recordings/1/chunks/0")).content(new byte[] {1, 2, 3})
                        .header("Referer", "http://localhost.evil.example/workspace"))
                .andExpect(status().isForbidden()).andExpect(content().string(Matchers.startsWith(REFUSED)));
    }

    @Test
    void vaadinsOwnRequestsFromAnotherSiteAreRefused() throws Exception {
        mvc.perform(as("assessor", post("/")).param("v-r", "uidl").param("v-uiId", "0")
                        .header("Origin", "http://localhost:8081"))
                .andExpect(status().isForbidden()).andExpect(content().string(Matchers.startsWith(REFUSED)));
        mvc.perform(as("assessor", post("/")).header("Origin", "null"))
                .andExpect(status().isForbidden())
                .andExpect(content().string(Matchers.startsWith(REFUSED + " (an unknown origin)")));
    }

    @Test
    void forwardedHeadersAreNotTrustedUnlessSpringIsToldToHonourThem() throws Exception {
        mvc.perform(signIn().header("Origin", "https://evil.example").header("X-Forwarded-Host", "evil.example")
                        .header("X-Forwarded-Proto", "https").header("X-Forwarded-Port", "443"))
                .andExpect(status().isForbidden());
    }

    @Test
    void aRequestWithNeitherOriginNorRefererIsNotABrowsersAndIsLeftToTheOtherChecks() throws Exception {
        mvc.perform(signIn()).andExpect(redirectedUrl("/"));
    }

    private MockHttpServletRequestBuilder signIn() {
        return post("/login").param("username", "assessor").param("password", "demo").with(csrf());
    }

    private MockHttpServletRequestBuilder as(String username, MockHttpServletRequestBuilder request) {
        return request.with(user(accounts.loadUserByUsername(username))).with(csrf());
    }
}
