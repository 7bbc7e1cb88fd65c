package app.earmark.eqa;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import app.earmark.discussions.Discussions;
import app.earmark.people.LearnerSummary;
import app.earmark.people.People;
import app.earmark.people.PersonRef;
import app.earmark.security.AccessRefusedException;
import app.earmark.sheets.ResultSheets;
import app.earmark.support.AuditTrail;
import app.earmark.support.EarmarkSpringTest;
import app.earmark.support.SignedIn;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/** Grants: what they cover, their end and revocation, and the grants refused with a reason. */
@EarmarkSpringTest
class EqaGrantsTest {

    @Autowired
    EqaFixtures fixtures;
    @Autowired
    EqaGrants grants;
    @Autowired
    People people;
    @Autowired
    Discussions discussions;
    @Autowired
    ResultSheets sheets;
    @Autowired
    SignedIn signedIn;
    @Autowired
    AuditTrail trail;
    @Autowired
    JdbcTemplate jdbc;

    @AfterEach
    void learnersOffTheDemoAssessor() {
        fixtures.unassignLearners();
    }

    @Test
    void aGrantOfNamedLearnersShowsExactlyThemAndIsAudited() {
        PersonRef learner = fixtures.learner();
        PersonRef other = fixtures.learner();
        var evidence = fixtures.evidence(learner, "8587-301", LocalDate.of(2026, 3, 14));
        var otherEvidence = fixtures.evidence(other, "8587-301", LocalDate.of(2026, 3, 14));
        PersonRef eqa = fixtures.eqa();
        assertThat(signedIn.as(eqa.username(), () -> people.visibleLearners())).isEmpty();

        long before = trail.lastSeq();
        GrantView grant = fixtures.grantLearners(eqa, learner);

        assertThat(grant.status()).isEqualTo(GrantView.Status.IN_FORCE);
        assertThat(trail.since(before)).anySatisfy(e -> {
            assertThat(e.get("action")).isEqualTo("eqa-access-granted");
            assertThat(e.get("subject")).isEqualTo("eqa-grant:" + grant.id());
            assertThat((String) e.get("details")).contains(eqa.username(), learner.displayName());
        });
        assertThat(signedIn.as(eqa.username(), () -> people.visibleLearners())).extracting(LearnerSummary::id)
                .containsExactly(learner.id());
        assertThat(signedIn.as(eqa.username(), () -> discussions.get(evidence.discussionId())).id())
                .isEqualTo(evidence.discussionId());
        assertThat(signedIn.as(eqa.username(), () -> sheets.get(evidence.sheetId())).id()).isEqualTo(evidence.sheetId());
        assertThatThrownBy(() -> signedIn.as(eqa.username(), () -> discussions.get(otherEvidence.discussionId())))
                .isInstanceOf(AccessRefusedException.class);
        assertThatThrownBy(() -> signedIn.as(eqa.username(), () -> sheets.get(otherEvidence.sheetId())))
                .isInstanceOf(AccessRefusedException.class);
        assertThat(signedIn.as(eqa.username(), () -> grants.mine())).extracting(GrantView::id).containsExactly(grant.id());
    }

    @Test
    void aGrantOfAUnitAndDatesShowsOnlyThatUnitsEvidenceSoDated() {
        PersonRef learner = fixtures.learner();
        var inRange = fixtures.evidence(learner, "8587-302", LocalDate.of(2026, 3, 14));
        var otherUnit = fixtures.evidence(learner, "8587-303", LocalDate.of(2026, 3, 14));
        PersonRef eqa = fixtures.eqa();
        fixtures.grantUnit(eqa, "8587-302", LocalDate.of(2026, 3, 1), LocalDate.of(2026, 3, 31));
        var outOfRange = signedIn.as("assessor", () -> discussions.create(java.util.List.of(learner.id()),
                Set.of(inRange.unitId()), LocalDate.of(2026, 4, 2), app.earmark.discussions.DiscussionMode.REMOTE));

        assertThat(signedIn.as(eqa.username(), () -> people.visibleLearners())).extracting(LearnerSummary::id)
                .contains(learner.id());
        assertThat(signedIn.as(eqa.username(), () -> discussions.get(inRange.discussionId())).id())
                .isEqualTo(inRange.discussionId());
        assertThat(signedIn.as(eqa.username(), () -> discussions.visible())).extracting(d -> d.id())
                .contains(inRange.discussionId()).doesNotContain(otherUnit.discussionId(), outOfRange.id());
        assertThatThrownBy(() -> signedIn.as(eqa.username(), () -> discussions.get(otherUnit.discussionId())))
                .isInstanceOf(AccessRefusedException.class);
        assertThatThrownBy(() -> signedIn.as(eqa.username(), () -> discussions.get(outOfRange.id())))
                .isInstanceOf(AccessRefusedException.class);
        // The sheet was signed today, outside the March range: not the EQA's to see, whatever its unit.
        assertThatThrownBy(() -> signedIn.as(eqa.username(), () -> sheets.get(inRange.sheetId())))
                .isInstanceOf(AccessRefusedException.class);
        assertThat(signedIn.as(eqa.username(), () -> sheets.history(learner.id(), inRange.unitId()))).isEmpty();
    }

    @Test
    void aGrantEndsByItselfAndARevokedOneAtOnce() throws InterruptedException {
        PersonRef learner = fixtures.learner();
        var evidence = fixtures.evidence(learner, "8587-301", LocalDate.of(2026, 3, 14));
        PersonRef ending = fixtures.eqa();
        PersonRef revoked = fixtures.eqa();
        GrantView shortGrant = fixtures.grantEndingIn(ending, Duration.ofMillis(1500), learner);
        GrantView toRevoke = fixtures.grantLearners(revoked, learner);
        assertThat(signedIn.as(ending.username(), () -> discussions.get(evidence.discussionId()))).isNotNull();
        assertThat(signedIn.as(revoked.username(), () -> discussions.get(evidence.discussionId()))).isNotNull();

        long before = trail.lastSeq();
        fixtures.revoke(toRevoke);
        assertThat(trail.since(before)).anySatisfy(e -> {
            assertThat(e.get("action")).isEqualTo("eqa-access-revoked");
            assertThat(e.get("subject")).isEqualTo("eqa-grant:" + toRevoke.id());
        });
        assertThatThrownBy(() -> signedIn.as(revoked.username(), () -> discussions.get(evidence.discussionId())))
                .isInstanceOf(AccessRefusedException.class);

        Thread.sleep(Duration.between(Instant.now(), shortGrant.endsAt()).toMillis() + 200);
        assertThatThrownBy(() -> signedIn.as(ending.username(), () -> discussions.get(evidence.discussionId())))
                .isInstanceOf(AccessRefusedException.class);
        assertThat(signedIn.as(ending.username(), () -> people.visibleLearners())).isEmpty();
        assertThat(signedIn.as(ending.username(), () -> grants.mine())).isEmpty();
        assertThat(signedIn.as("admin", () -> grants.all())).filteredOn(g -> g.id() == shortGrant.id())
                .singleElement().extracting(GrantView::status).isEqualTo(GrantView.Status.ENDED);
        assertThatThrownBy(() -> fixtures.revoke(shortGrant)).isInstanceOf(GrantException.class)
                .hasMessage("This grant has already ended.");
    }

    @Test
    void badGrantsAreRefusedWithAReasonAndNothingIsSaved() {
        PersonRef learner = fixtures.learner();
        PersonRef eqa = fixtures.eqa();
        Instant now = Instant.now();
        Instant nextWeek = now.plus(Duration.ofDays(7));
        long grantsBefore = count();
        long auditBefore = trail.lastSeq();

        assertRefused(new GrantRequest(eqa.id(), GrantKind.LEARNERS, Set.of(learner.id()), null, null, null, null,
                nextWeek, now.plus(Duration.ofDays(1))),
                "The access would end before it starts: choose an end after the start.");
        assertRefused(new GrantRequest(eqa.id(), GrantKind.LEARNERS, Set.of(learner.id()), null, null, null, null,
                now.minus(Duration.ofDays(3)), now.minus(Duration.ofDays(1))),
                "The end of the access is in the past: choose an end in the future.");
        assertRefused(new GrantRequest(eqa.id(), GrantKind.LEARNERS, Set.of(learner.id()), null, null, null, null,
                null, null), "Choose when the access ends: a grant is always time-limited.");
        assertRefused(new GrantRequest(eqa.id(), GrantKind.LEARNERS, Set.of(), null, null, null, null, null, nextWeek),
                "Choose at least one learner: a grant of nobody's evidence would be empty.");
        assertRefused(new GrantRequest(eqa.id(), GrantKind.LEARNERS, Set.of(learner.id()), null, null,
                LocalDate.of(2026, 3, 31), LocalDate.of(2026, 3, 1), null, nextWeek),
                "The evidence dates end before they start: choose a 'to' date on or after the 'from' date.");
        assertRefused(new GrantRequest(eqa.id(), GrantKind.UNIT, Set.of(), "8587-301", null, null, null, null,
                nextWeek), "Choose the dates of the evidence to grant for unit 8587-301: from and to.");
        assertRefused(new GrantRequest(learner.id(), GrantKind.LEARNERS, Set.of(learner.id()), null, null, null, null,
                null, nextWeek), "Choose an external quality assurer of the centre.");
        assertRefused(new GrantRequest(eqa.id(), GrantKind.SAMPLE, Set.of(), null, Long.MAX_VALUE, null, null, null,
                nextWeek), "There is no IQA sample " + Long.MAX_VALUE + ".");
        assertRefused(new GrantRequest(eqa.id(), GrantKind.SAMPLE, Set.of(), null, null, null, null, null, nextWeek),
                "Choose the IQA sample to grant.");

        assertThat(count()).isEqualTo(grantsBefore);
        assertThat(trail.since(auditBefore)).noneSatisfy(e -> assertThat(e.get("action"))
                .isEqualTo("eqa-access-granted"));
    }

    @Test
    void existingEqaAccessLinksWereMigratedToGrantsThatEnd() {
        // V15 turned each EQA_ACCESS link into a grant of that learner ending 30 days later, and removed the links.
        assertThat(jdbc.queryForObject("select count(*) from person_link where kind = 'EQA_ACCESS'", Long.class))
                .isZero();
    }

    private void assertRefused(GrantRequest request, String message) {
        assertThatThrownBy(() -> signedIn.as("admin", () -> grants.grant(request)))
                .isInstanceOf(GrantException.class).hasMessage(message);
    }

    private long count() {
        return jdbc.queryForObject("select count(*) from eqa_grant", Long.class);
    }
}
