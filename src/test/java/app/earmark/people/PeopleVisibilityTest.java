package app.earmark.people;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import app.earmark.security.AccessRefusedException;
import app.earmark.support.AuditTrail;
import app.earmark.support.EarmarkSpringTest;
import app.earmark.support.SignedIn;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.access.AccessDeniedException;

/** Who sees which learner, asked of the service directly (whatever any UI shows). */
@EarmarkSpringTest
class PeopleVisibilityTest {

    @Autowired
    People people;
    @Autowired
    PeopleAdmin admin;
    @Autowired
    SignedIn signedIn;
    @Autowired
    AuditTrail trail;

    @ParameterizedTest(name = "{0} sees [{1}]")
    @CsvSource(delimiter = '|', textBlock = """
            assessor  | learner learner2
            assessor2 |
            learner   | learner
            learner2  | learner2
            iqa       | learner learner2
            eqa       |
            """)
    void eachRoleSeesExactlyItsLearners(String username, String expected) {
        var seen = signedIn.as(username, () -> people.visibleLearners().stream().map(LearnerSummary::username).sorted()
                .toList());
        assertThat(seen).containsExactly(expected == null ? new String[0] : expected.split(" "));
    }

    @Test
    void anAdministratorSeesEveryLearnerOfTheCentre(@Autowired org.springframework.jdbc.core.JdbcTemplate jdbc) {
        var learners = jdbc.queryForList("select u.username from app_user u join user_role r on r.user_id = u.id"
                + " where r.role = 'LEARNER'", String.class);
        var seen = signedIn.as("admin", () -> people.visibleLearners().stream().map(LearnerSummary::username).toList());
        assertThat(seen).contains("learner", "learner2").containsExactlyInAnyOrderElementsOf(learners);
    }

    @Test
    void aLearnerCannotReadAnotherLearnerAndTheRefusalIsAudited() {
        long other = trail.userId("learner2");
        long before = trail.lastSeq();
        assertThatThrownBy(() -> signedIn.as("learner", () -> people.learner(other)))
                .isInstanceOf(AccessRefusedException.class).hasMessage("You may not see learner " + other + ".");
        assertThat(trail.since(before)).anySatisfy(e -> {
            assertThat(e.get("actor")).isEqualTo("learner");
            assertThat(e.get("action")).isEqualTo("access-refused");
            assertThat(e.get("subject")).isEqualTo("learner:" + other);
        });
    }

    @Test
    void aLearnerReadsThemselves() {
        long self = trail.userId("learner");
        var summary = signedIn.as("learner", () -> people.learner(self));
        assertThat(summary.enrolments()).extracting(EnrolmentSummary::qualificationCode).containsExactly("8587");
        assertThat(summary.assessors()).extracting(PersonRef::username).containsExactly("assessor");
    }

    @Test
    void anUnassignedAssessorCannotReadALearner() {
        long learner = trail.userId("learner");
        assertThatThrownBy(() -> signedIn.as("assessor2", () -> people.learner(learner)))
                .isInstanceOf(AccessRefusedException.class);
    }

    @Test
    void aGuessedIdIsRefusedLikeAForbiddenOne() {
        assertThatThrownBy(() -> signedIn.as("assessor", () -> people.learner(987654)))
                .isInstanceOf(AccessRefusedException.class).hasMessage("You may not see learner 987654.");
    }

    @Test
    void anEqaAccessLinkIsNoLongerMadeAndGivesNothing() {
        long eqa = trail.userId("eqa");
        long learner2 = trail.userId("learner2");
        assertThat(signedIn.as("eqa", () -> people.eqaLearners())).isEmpty();
        assertThatThrownBy(() -> signedIn.as("admin", () -> admin.link(Relationship.EQA_ACCESS, eqa, learner2)))
                .isInstanceOf(PeopleException.class).hasMessageContaining("EQA grant");
        assertThat(signedIn.as("eqa", () -> people.visibleLearners())).isEmpty();
    }

    @Test
    void anIqaSeesTheAssessorsTheyQualityAssureWithTheirLearners() {
        var assessors = signedIn.as("iqa", () -> people.qualityAssuredAssessors());
        assertThat(assessors).singleElement().satisfies(a -> {
            assertThat(a.assessor().username()).isEqualTo("assessor");
            assertThat(a.learners()).extracting(LearnerSummary::username).containsExactlyInAnyOrder("learner", "learner2");
        });
    }

    @Test
    void administrationRefusesEveryoneButAnAdministrator() {
        for (String username : new String[] {"assessor", "learner", "iqa", "eqa"}) {
            assertThatThrownBy(() -> signedIn.as(username, () -> admin.people()))
                    .as(username).isInstanceOf(AccessDeniedException.class);
        }
    }
}
