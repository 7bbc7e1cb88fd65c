package app.earmark.discussions;

import app.earmark.recordings.RecordingFixtures;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import app.earmark.security.AccessRefusedException;
import app.earmark.support.AuditTrail;
import app.earmark.support.EarmarkSpringTest;
import app.earmark.support.SignedIn;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Planning a discussion: agreed questions mapped to ACs, shared with the learner and acknowledged by them. */
@EarmarkSpringTest
class DiscussionPlanTest {

    @Autowired
    Discussions discussions;
    @Autowired
    RecordingFixtures fixtures;
    @Autowired
    SignedIn signedIn;
    @Autowired
    AuditTrail trail;

    private List<AssessedCriterion> criteria(long discussion) {
        return signedIn.as("assessor", () -> discussions.criteria(discussion));
    }

    private DiscussionPlan.Draft question(String text, AssessedCriterion... acs) {
        return new DiscussionPlan.Draft(text, java.util.Arrays.stream(acs).map(AssessedCriterion::id)
                .collect(java.util.stream.Collectors.toSet()));
    }

    @Test
    void theAssessorIsWarnedOfAcsNoQuestionCovers() {
        long discussion = fixtures.discussionWithLearner().id();
        var acs = criteria(discussion);
        assertThat(acs).hasSize(12).first().extracting(AssessedCriterion::label).isEqualTo("8587-300 AC 1.1");
        var plan = signedIn.as("assessor", () -> discussions.savePlan(discussion, LocalTime.of(14, 30), List.of(
                question("What is coaching for, in your organisation?", acs.get(0), acs.get(1)),
                question("How did you contract with your coachee?", acs.get(5)))));
        assertThat(plan.questions()).extracting(DiscussionPlan.Question::position).containsExactly(1, 2);
        assertThat(plan.startsAt()).isEqualTo(LocalTime.of(14, 30));
        assertThat(plan.uncovered()).hasSize(9).doesNotContain(acs.get(0), acs.get(1), acs.get(5));
    }

    @Test
    void aQuestionWithoutAnAcOrOnAnotherUnitsAcIsRefused() {
        long discussion = fixtures.discussionWithLearner().id();
        assertThatThrownBy(() -> signedIn.as("assessor", () -> discussions.savePlan(discussion, null,
                List.of(new DiscussionPlan.Draft("Tell me about supervision.", Set.of())))))
                .isInstanceOf(DiscussionException.class).hasMessageStartingWith("Question 1 is not mapped to any AC");
        assertThatThrownBy(() -> signedIn.as("assessor", () -> discussions.savePlan(discussion, null,
                List.of(new DiscussionPlan.Draft("Anything?", Set.of(-5L))))))
                .hasMessage("Question 1 is mapped to an AC that is not part of the units this discussion assesses"
                        + " (8587-300).");
        assertThatThrownBy(() -> signedIn.as("assessor", () -> discussions.savePlan(discussion, null,
                List.of(new DiscussionPlan.Draft("  ", Set.of(criteria(discussion).get(0).id()))))))
                .hasMessage("Question 1 has no text.");
    }

    @Test
    void theLearnerSeesTheSharedPlanAndAcknowledgesItExplicitly() {
        long discussion = fixtures.discussionWithLearner().id();
        var acs = criteria(discussion);
        signedIn.as("assessor", () -> discussions.savePlan(discussion, null, List.of(question("Q1", acs.get(0)))));
        assertThat(signedIn.as("learner", () -> discussions.plan(discussion)).questions()).as("not shared yet")
                .isEmpty();
        assertThatThrownBy(() -> signedIn.as("learner", () -> discussions.acknowledgePlan(discussion)))
                .hasMessage("The assessor has not shared the plan yet.");

        signedIn.as("assessor", () -> discussions.sharePlan(discussion));
        assertThat(signedIn.as("learner", () -> discussions.plan(discussion)).questions()).hasSize(1);
        long before = trail.lastSeq();
        var acknowledged = signedIn.as("learner", () -> discussions.acknowledgePlan(discussion));
        assertThat(acknowledged.acknowledgedBy()).isEqualTo("learner");
        assertThat(trail.byPeopleSince(before)).singleElement().satisfies(e -> {
            assertThat(e.get("action")).isEqualTo("plan-acknowledged");
            assertThat((String) e.get("details")).contains("1 agreed questions").contains("8587-300");
        });
    }

    @Test
    void changingAnAcknowledgedPlanAsksTheLearnerAgain() {
        long discussion = fixtures.discussionWithLearner().id();
        var acs = criteria(discussion);
        signedIn.as("assessor", () -> discussions.savePlan(discussion, null, List.of(question("Q1", acs.get(0)))));
        signedIn.as("assessor", () -> discussions.sharePlan(discussion));
        signedIn.as("learner", () -> discussions.acknowledgePlan(discussion));
        var changed = signedIn.as("assessor", () -> discussions.savePlan(discussion, null,
                List.of(question("Q1, reworded", acs.get(0)))));
        assertThat(changed.acknowledged()).isFalse();
    }

    @Test
    void onlyTheDiscussionsOwnLearnerCanAcknowledge() {
        long discussion = fixtures.discussionWithLearner().id();
        var acs = criteria(discussion);
        signedIn.as("assessor", () -> discussions.savePlan(discussion, null, List.of(question("Q1", acs.get(0)))));
        signedIn.as("assessor", () -> discussions.sharePlan(discussion));
        assertThatThrownBy(() -> signedIn.as("assessor", () -> discussions.acknowledgePlan(discussion)))
                .isInstanceOf(AccessRefusedException.class);
        assertThatThrownBy(() -> signedIn.as("learner2", () -> discussions.acknowledgePlan(discussion)))
                .isInstanceOf(AccessRefusedException.class);
    }

    @Test
    void aGroupDiscussionIsRefused() {
        long learner = trail.userId("learner");
        long learner2 = trail.userId("learner2");
        long unit = criteria(fixtures.discussionWithLearner().id()).get(0).unitId();
        assertThatThrownBy(() -> signedIn.as("assessor", () -> discussions.create(List.of(learner, learner2),
                Set.of(unit), LocalDate.now(), DiscussionMode.REMOTE))).isInstanceOf(DiscussionException.class)
                .hasMessageStartingWith("A professional discussion is held with one learner at a time");
    }
}
