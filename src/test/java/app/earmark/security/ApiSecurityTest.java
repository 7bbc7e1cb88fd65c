package app.earmark.security;

import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.hasSize;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import app.earmark.support.AuditTrail;
import app.earmark.support.EarmarkSpringTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;

/** The JSON API: the same accounts, and exactly what each may read in the UI. */
@EarmarkSpringTest
class ApiSecurityTest {

    @Autowired
    MockMvc mvc;
    @Autowired
    AuditTrail trail;

    @Test
    void withoutCredentialsTheApiAsksForThem() throws Exception {
        mvc.perform(get("/api/v1/learners")).andExpect(status().isUnauthorized())
                .andExpect(jsonPath("$.error").value("unauthenticated"));
    }

    @Test
    void aWrongPasswordIsRefused() throws Exception {
        mvc.perform(get("/api/v1/learners").with(httpBasic("learner", "nope"))).andExpect(status().isUnauthorized());
    }

    @Test
    void aLearnerListsOnlyThemselves() throws Exception {
        mvc.perform(get("/api/v1/learners").with(httpBasic("learner", "demo"))).andExpect(status().isOk())
                .andExpect(jsonPath("$[*].username", contains("learner")))
                .andExpect(jsonPath("$[0].enrolments[0].registrationNumber").value("ILM-DEMO-0001"));
    }

    @Test
    void aLearnerCannotReadAnotherLearnerByUrl() throws Exception {
        long other = trail.userId("learner2");
        mvc.perform(get("/api/v1/learners/" + other).with(httpBasic("learner", "demo")))
                .andExpect(status().isForbidden())
                .andExpect(jsonPath("$.message").value("You may not see learner " + other + "."));
    }

    @Test
    void anAssessorListsTheirAssignedLearners() throws Exception {
        mvc.perform(get("/api/v1/learners").with(httpBasic("assessor", "demo"))).andExpect(status().isOk())
                .andExpect(jsonPath("$[*].username", containsInAnyOrder("learner", "learner2")));
        mvc.perform(get("/api/v1/learners").with(httpBasic("assessor2", "demo"))).andExpect(status().isOk())
                .andExpect(jsonPath("$", hasSize(0)));
    }

    @Test
    void theApiIsReadOnly() throws Exception {
        mvc.perform(post("/api/v1/learners").with(httpBasic("admin", "demo"))).andExpect(status().isForbidden());
    }

    @Test
    void theCatalogueListsQualificationsWithUnitsLearningOutcomesAndAcs() throws Exception {
        mvc.perform(get("/api/v1/catalogue/qualifications").with(httpBasic("learner", "demo")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$[*].code", contains("8580", "8587")))
                .andExpect(jsonPath("$[0].units[2].code").value("8580-502"))
                .andExpect(jsonPath("$[0].units[2].learningOutcomes[1].assessmentCriteria[0].marks").value(16))
                .andExpect(jsonPath("$[0].units[2].learningOutcomes[1].assessmentCriteria[0].minimum").value(8))
                .andExpect(jsonPath("$[1].rulesOfCombination[0].oneGroupOf[*].name", contains("Group 1", "Group 2")));
    }

    @Test
    void anUnknownUnitIsA404WithAMessage() throws Exception {
        mvc.perform(get("/api/v1/catalogue/units/NOPE").with(httpBasic("learner", "demo")))
                .andExpect(status().isNotFound()).andExpect(jsonPath("$.message").value("There is no unit NOPE."));
    }
}
