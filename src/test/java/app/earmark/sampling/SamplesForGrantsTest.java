package app.earmark.sampling;

import static org.assertj.core.api.Assertions.assertThat;

import app.earmark.eqa.EqaGrants;
import app.earmark.eqa.GrantKind;
import app.earmark.eqa.GrantRequest;
import app.earmark.eqa.GrantView;
import app.earmark.people.LearnerSummary;
import app.earmark.people.PeopleAdmin;
import app.earmark.people.People;
import app.earmark.people.PersonRef;
import app.earmark.sampling.SamplingFixtures.Team;
import app.earmark.security.Role;
import app.earmark.sheets.SheetView;
import app.earmark.support.EarmarkSpringTest;
import app.earmark.support.SignedIn;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** An IQA's sample offered to the administrator for an EQA grant, and the EQA seeing exactly what it drew. */
@EarmarkSpringTest
class SamplesForGrantsTest {

    @Autowired
    SamplingFixtures fixtures;
    @Autowired
    SamplingPlans plans;
    @Autowired
    EqaGrants grants;
    @Autowired
    People people;
    @Autowired
    PeopleAdmin admin;
    @Autowired
    SignedIn signedIn;

    @Test
    void anAdministratorGrantsAnEqaAPlansSampleAndTheEqaSeesOnlyItsLearners() {
        Team sampled = fixtures.team();
        Team notSampled = fixtures.team();
        SheetView signed = fixtures.signed(sampled, "8587-300", false);
        fixtures.signed(notSampled, "8587-300", false);
        PlanView plan = signedIn.as(sampled.iqa(), () -> plans.create("Grantable " + sampled.iqa(),
                SamplingFixtures.everyAssessment(100, RiskFactors.none())));
        signedIn.as(sampled.iqa(), () -> plans.draw(plan.id()));

        var offered = signedIn.as("admin", () -> grants.samples());
        assertThat(offered).filteredOn(s -> s.id() == plan.id()).singleElement()
                .satisfies(s -> assertThat(s.label()).contains(plan.name()).contains("1 assessment sampled"));

        PersonRef eqa = signedIn.as("admin", () -> admin.createPerson("smp-eqa-" + sampled.learnerId(), "Eqa "
                + sampled.learnerId(), "a long password 1", Set.of(Role.EQA)));
        GrantView grant = signedIn.as("admin", () -> grants.grant(new GrantRequest(eqa.id(), GrantKind.SAMPLE,
                Set.of(), null, plan.id(), null, null, null, Instant.now().plus(Duration.ofDays(7)))));

        assertThat(grant.status()).isEqualTo(GrantView.Status.IN_FORCE);
        assertThat(signedIn.as(eqa.username(), () -> people.visibleLearners())).extracting(LearnerSummary::id)
                .containsExactly(sampled.learnerId());
        assertThat(signed.learner().id()).isEqualTo(sampled.learnerId());
    }
}
