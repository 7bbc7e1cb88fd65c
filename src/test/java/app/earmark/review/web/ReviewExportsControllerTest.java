package app.earmark.review.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import app.earmark.review.QaReviews;
import app.earmark.review.ReviewStatus;
import app.earmark.sheets.SheetFixtures;
import app.earmark.sheets.SheetView;
import app.earmark.support.EarmarkSpringTest;
import app.earmark.support.SignedIn;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.test.web.servlet.MockMvc;

/** The review's export URLs: JSON and PDF for those who may see the sheet, the same refusal for everyone else. */
@EarmarkSpringTest
class ReviewExportsControllerTest {

    @Autowired
    MockMvc mvc;
    @Autowired
    QaReviews reviews;
    @Autowired
    SheetFixtures fixtures;
    @Autowired
    SignedIn signedIn;
    @Autowired
    UserDetailsService accounts;

    @Test
    void theReviewIsDownloadedAsJsonOrPdfByThoseWhoMaySeeItOnly() throws Exception {
        SheetView signed = fixtures.signedPass("learner", "8587-300");
        signedIn.as("iqa", () -> reviews.decide(signed.id(), signed.contentHash(), ReviewStatus.ACCEPTED, "Agreed",
                List.of()));

        mvc.perform(get("/exports/reviews/" + signed.id() + ".json").with(user(accounts.loadUserByUsername(
                "assessor")))).andExpect(status().isOk()).andExpect(content().contentType("application/json"))
                .andExpect(jsonPath("$.sheet.sha256").value(signed.contentHash()))
                .andExpect(jsonPath("$.status").value("ACCEPTED"));
        byte[] pdf = mvc.perform(get("/exports/reviews/" + signed.id() + ".pdf").with(user(accounts
                .loadUserByUsername("iqa")))).andExpect(status().isOk()).andExpect(content()
                .contentType("application/pdf")).andReturn().getResponse().getContentAsByteArray();
        assertThat(new String(pdf, 0, 5)).isEqualTo("%PDF-");
        mvc.perform(get("/exports/reviews/" + signed.id() + ".xml").with(user(accounts.loadUserByUsername("iqa"))))
                .andExpect(status().isBadRequest());
        mvc.perform(get("/api/v1/sheets/" + signed.id() + "/qa-review").with(httpBasic("admin", "demo")))
                .andExpect(status().isOk()).andExpect(jsonPath("$.reviewer.username").value("iqa"));

        for (String who : List.of("assessor2", "learner2", "learner")) {
            mvc.perform(get("/api/v1/sheets/" + signed.id() + "/qa-review").with(httpBasic(who, "demo")))
                    .andExpect(status().isForbidden())
                    .andExpect(jsonPath("$.message").value("You may not see result sheet " + signed.id() + "."));
        }
        mvc.perform(get("/api/v1/sheets/" + Long.MAX_VALUE + "/qa-review").with(httpBasic("iqa", "demo")))
                .andExpect(status().isForbidden())
                .andExpect(jsonPath("$.message").value("You may not see result sheet " + Long.MAX_VALUE + "."));
        mvc.perform(get("/api/v1/sheets/" + signed.id() + "/qa-review")).andExpect(status().isUnauthorized());
        int anonymous = mvc.perform(get("/exports/reviews/" + signed.id() + ".json")).andReturn().getResponse()
                .getStatus();
        assertThat(anonymous).as("an anonymous export is never served").isNotEqualTo(200);
    }
}
