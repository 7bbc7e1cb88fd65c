package app.earmark.people;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import app.earmark.support.AuditTrail;
import app.earmark.support.BrowserTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Each role signs in and sees what it may, and nothing it may not. */
class HomePagesIT extends BrowserTest {

    @Autowired
    AuditTrail trail;

    @Test
    void anAssessorSeesTheirAssignedLearnersAndQualifications() {
        signInAs("assessor");
        var mine = byId("assessor-home");
        assertThat(mine.getByText("Lee Learner")).isVisible();
        assertThat(mine.getByText("Kim Learner")).isVisible();
        assertThat(mine.getByText("8587 ILM Level 3 Certificate in Effective Coaching and Mentoring")).isVisible();
        assertThat(byId("main-nav").getByText("People")).hasCount(0);
    }

    @Test
    void anAssessorWithoutLearnersSeesNone() {
        signInAs("assessor2");
        assertThat(byId("assessor-home").locator(".empty-state")).isVisible();
        assertThat(page.getByText("Lee Learner")).hasCount(0);
    }

    @Test
    void aLearnerSeesOnlyTheirOwnEnrolments() {
        signInAs("learner");
        var mine = byId("learner-home");
        assertThat(mine).containsText("8587 ILM Level 3 Certificate in Effective Coaching and Mentoring");
        assertThat(mine).containsText("ILM-DEMO-0001");
        assertThat(mine).containsText("Your assessor: Sam Assessor");
        assertThat(page.getByText("Kim Learner")).hasCount(0);
        assertThat(page.getByText("ILM-DEMO-0002")).hasCount(0);
    }

    @Test
    void anIqaSeesTheAssessorTheyQualityAssureAndTheirLearners() {
        signInAs("iqa");
        var mine = byId("iqa-home");
        assertThat(mine.locator(".qa-assessor")).hasText("Sam Assessor");
        assertThat(mine.getByText("Lee Learner")).isVisible();
        assertThat(mine.getByText("Kim Learner")).isVisible();
    }

    @Test
    void anEqaSeesNothingUntilGivenAccess() {
        signInAs("eqa");
        assertThat(byId("eqa-home").locator(".empty-state")).containsText("not been given access");
        assertThat(page.locator(".learners-grid")).hasCount(0);
    }

    @Test
    void anAdministratorManagesPeopleAndSeesTheAuditTrail() {
        signInAs("admin");
        assertThat(byId("admin-home")).isVisible();
        byId("main-nav").getByText("People").click();
        assertThat(byId("people-grid")).containsText("learner2");
        byId("main-nav").getByText("Audit trail").click();
        assertThat(byId("audit-grid")).containsText("signed-in");
        page.getByText("Check the chain").click();
        assertThat(byId("audit-chain-verdict")).containsText("The audit trail is intact");
    }

    @Test
    void aLearnerCannotOpenAnotherLearnersPageByUrl() {
        long other = trail.userId("learner2");
        long self = trail.userId("learner");
        signInAs("learner");
        open("/learners/" + self);
        assertThat(byId("learner-name")).hasText("Lee Learner");
        open("/learners/" + other);
        assertThat(byId("access-refused")).hasText("You may not see learner " + other + ".");
        assertThat(page.getByText("Kim Learner")).hasCount(0);
        assertThat(page.getByText("ILM-DEMO-0002")).hasCount(0);
    }

    @Test
    void aLearnerCannotOpenAnAdministrationPageByUrl() {
        signInAs("learner");
        long before = trail.lastSeq();
        open("/admin/people");
        assertThat(byId("not-found")).containsText("not one you may open");
        assertThat(page.locator("#people-grid")).hasCount(0);
        assertThat(page.getByText("learner2")).hasCount(0);
        org.assertj.core.api.Assertions.assertThat(trail.since(before)).anySatisfy(e -> {
            org.assertj.core.api.Assertions.assertThat(e.get("action")).isEqualTo("access-refused");
            org.assertj.core.api.Assertions.assertThat(e.get("subject")).isEqualTo("view:/admin/people");
        });
    }
}
