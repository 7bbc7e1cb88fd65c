package app.earmark.discussions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import app.earmark.catalogue.Catalogue;
import app.earmark.catalogue.Unit;
import app.earmark.security.AccessRefusedException;
import app.earmark.support.AuditTrail;
import app.earmark.support.EarmarkSpringTest;
import app.earmark.support.SignedIn;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.access.AccessDeniedException;

@EarmarkSpringTest
class DiscussionsTest {

    @Autowired
    Discussions discussions;
    @Autowired
    Catalogue catalogue;
    @Autowired
    SignedIn signedIn;
    @Autowired
    AuditTrail trail;

    private long unit(String code) {
        return catalogue.unit(code).map(Unit::id).orElseThrow();
    }

    @Test
    void anAssessorCreatesADiscussionWithTheirLearnerOnTheirUnits() {
        long learner = trail.userId("learner");
        long before = trail.lastSeq();
        var created = signedIn.as("assessor", () -> discussions.create(List.of(learner),
                Set.of(unit("8587-300"), unit("8587-301")), LocalDate.of(2026, 11, 20), DiscussionMode.REMOTE));
        assertThat(created.learner().username()).isEqualTo("learner");
        assertThat(created.unitCodes()).isEqualTo("8587-300, 8587-301");
        assertThat(trail.byPeopleSince(before)).extracting(e -> e.get("action")).containsExactly("discussion-created");
        assertThat(signedIn.as("learner", () -> discussions.get(created.id())).id()).isEqualTo(created.id());
        assertThat(signedIn.as("iqa", () -> discussions.visible())).extracting(DiscussionSummary::id)
                .contains(created.id());
    }

    @Test
    void aUnitOutsideTheLearnersQualificationsIsRefused() {
        long learner = trail.userId("learner");
        assertThatThrownBy(() -> signedIn.as("assessor", () -> discussions.create(List.of(learner), Set.of(unit("8580-502")),
                LocalDate.now(), DiscussionMode.FACE_TO_FACE))).isInstanceOf(DiscussionException.class)
                .hasMessage("Unit 8580-502 is not one of the learner's units.");
    }

    @Test
    void noUnitsIsRefused() {
        long learner = trail.userId("learner");
        assertThatThrownBy(() -> signedIn.as("assessor", () -> discussions.create(List.of(learner), Set.of(), LocalDate.now(),
                DiscussionMode.FACE_TO_FACE))).hasMessage("Choose the unit or units the discussion assesses.");
    }

    @Test
    void anAssessorCannotCreateADiscussionWithSomeoneElsesLearner() {
        long learner = trail.userId("learner");
        assertThatThrownBy(() -> signedIn.as("assessor2", () -> discussions.create(List.of(learner),
                Set.of(unit("8587-300")), LocalDate.now(), DiscussionMode.FACE_TO_FACE)))
                .isInstanceOf(AccessRefusedException.class);
        assertThatThrownBy(() -> signedIn.as("learner", () -> discussions.create(List.of(learner), Set.of(unit("8587-300")),
                LocalDate.now(), DiscussionMode.FACE_TO_FACE))).isInstanceOf(AccessDeniedException.class);
    }

    @Test
    void anotherLearnerAndAnUnassignedAssessorCannotSeeTheDiscussion() {
        long learner = trail.userId("learner");
        var created = signedIn.as("assessor", () -> discussions.create(List.of(learner), Set.of(unit("8587-300")),
                LocalDate.now(), DiscussionMode.FACE_TO_FACE));
        for (String outsider : new String[] {"learner2", "assessor2", "eqa"}) {
            assertThatThrownBy(() -> signedIn.as(outsider, () -> discussions.get(created.id()))).as(outsider)
                    .isInstanceOf(AccessRefusedException.class);
            assertThat(signedIn.as(outsider, () -> discussions.visible())).extracting(DiscussionSummary::id)
                    .doesNotContain(created.id());
        }
    }

    @Test
    void onlyTheLearnersAssessorMayAddRecordings() {
        long learner = trail.userId("learner");
        var created = signedIn.as("assessor", () -> discussions.create(List.of(learner), Set.of(unit("8587-300")),
                LocalDate.now(), DiscussionMode.FACE_TO_FACE));
        assertThat(signedIn.as("assessor", () -> discussions.mayRecord(created.id()))).isTrue();
        signedIn.as("assessor", () -> discussions.requireMayRecord(created.id()));
        for (String other : new String[] {"learner", "iqa", "admin", "assessor2"}) {
            assertThat(signedIn.as(other, () -> discussions.mayRecord(created.id()))).as(other).isFalse();
            // Who sees the discussion is told it is not theirs to add to; who does not is told no more than that.
            assertThatThrownBy(() -> signedIn.as(other, () -> discussions.requireMayRecord(created.id()))).as(other)
                    .isInstanceOf(AccessRefusedException.class).hasMessage("assessor2".equals(other)
                            ? "You may not see discussion " + created.id() + "."
                            : "Only an assessor of this learner may add recordings to discussion " + created.id() + ".");
        }
    }
}
