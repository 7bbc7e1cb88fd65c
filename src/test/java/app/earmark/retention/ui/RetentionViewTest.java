package app.earmark.retention.ui;

import static com.github.mvysny.kaributesting.v10.LocatorJ._find;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static com.github.mvysny.kaributesting.v10.LocatorJ._click;
import static com.github.mvysny.kaributesting.v10.LocatorJ._setValue;
import static org.assertj.core.api.Assertions.assertThat;

import app.earmark.people.LearnerSummary;
import app.earmark.retention.Retention;
import app.earmark.retention.RetentionFixtures;
import app.earmark.support.AuditTrail;
import app.earmark.support.SignedIn;
import app.earmark.support.ViewTest;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.textfield.TextField;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The retention page: everything for the administrator, the holds for an IQA, nothing for an assessor. */
class RetentionViewTest extends ViewTest {

    @Autowired
    AuditTrail trail;
    @Autowired
    RetentionFixtures fixtures;
    @Autowired
    Retention retention;
    @Autowired
    SignedIn signedIn;

    @AfterEach
    void unassign() {
        fixtures.unassignLearners();
    }

    @Test
    void theAdministratorSeesThePeriodsTheDatesTheHoldsAndWhatIsDueAndOpeningItIsAudited() {
        long before = trail.lastSeq();
        openAs("admin", "retention");
        assertThat(_get(H1.class).getText()).isEqualTo("Retention");
        for (String id : new String[] {"retention-holds", "retention-preview", "retention-periods",
                "retention-closures", "retention-preview-summary", "retention-default-months"}) {
            assertThat(_find(com.vaadin.flow.component.Component.class, spec -> spec.withId(id))).as(id).hasSize(1);
        }
        assertThat(trail.since(before)).extracting(e -> e.get("action")).contains("retention-preview-viewed");
    }

    @Test
    void anIqaPlacesAHoldFromThePageAndSeesNoPreview() {
        var evidence = fixtures.evidence("assessor");
        openAs("iqa", "retention");
        assertThat(_find(com.vaadin.flow.component.Component.class, spec -> spec.withId("retention-preview")))
                .isEmpty();
        @SuppressWarnings("unchecked")
        ComboBox<LearnerSummary> learner = _get(ComboBox.class, spec -> spec.withId("hold-learner"));
        LearnerSummary chosen = learner.getListDataView().getItems()
                .filter(l -> l.id() == evidence.learner().id()).findFirst().orElseThrow();
        _setValue(learner, chosen);
        _setValue(_get(TextField.class, spec -> spec.withId("hold-reason")), "Under investigation");
        _click(_get(Button.class, spec -> spec.withId("hold-place")));
        assertThat(signedIn.as("iqa", () -> retention.holdsOf(evidence.learner().id()))).singleElement()
                .satisfies(h -> assertThat(h.hold().reason()).isEqualTo("Under investigation"));
    }

    @Test
    void theLearnerPageOffersAHoldToTheIqaAndNotToTheAssessor() {
        var evidence = fixtures.evidence("assessor");
        openAs("iqa", "learners/" + evidence.learner().id());
        assertThat(_find(com.vaadin.flow.component.Component.class, spec -> spec.withId("retention-learner-holds")))
                .hasSize(1);
        _setValue(_get(TextField.class, spec -> spec.withId("learner-hold-reason")), "Complaint received");
        _click(_get(Button.class, spec -> spec.withId("learner-hold-place")));
        assertThat(signedIn.as("iqa", () -> retention.holdsOf(evidence.learner().id()))).singleElement()
                .satisfies(h -> assertThat(h.hold().discussionId()).isNull());
        tearDownVaadinForNextOpen();
        openAs("assessor", "learners/" + evidence.learner().id());
        assertThat(_find(com.vaadin.flow.component.Component.class, spec -> spec.withId("retention-learner-holds")))
                .isEmpty();
    }

    private static void tearDownVaadinForNextOpen() {
        com.github.mvysny.kaributesting.v10.MockVaadin.tearDown();
    }

    @Test
    void aDeletedRecordingShowsWhenAndUnderWhichRuleInsteadOfAPlayer() {
        var evidence = fixtures.evidence("assessor");
        signedIn.as("admin", () -> {
            retention.setQualificationMonths("8587", 1);
            try {
                retention.recordClosure(evidence.learner().id(), "8587", app.earmark.retention.ClosureOutcome.WITHDRAWN,
                        java.time.LocalDate.now().minusMonths(3));
                assertThat(retention.delete(java.util.List.of(evidence.recordingId())).deleted())
                        .containsExactly(evidence.recordingId());
            } finally {
                retention.setQualificationMonths("8587", null);
            }
        });
        openAs("assessor", "discussions/" + evidence.discussionId());
        assertThat(_find(Paragraph.class).stream().map(Paragraph::getText)
                .filter(t -> t.startsWith("Media deleted on "))).singleElement().asString()
                .contains("under the retention rule: 8587: 1 month after withdrawal on "
                        + java.time.LocalDate.now().minusMonths(3));
        assertThat(_find(com.vaadin.flow.component.Component.class,
                spec -> spec.withClasses("recording-state"))).extracting(c -> c.getElement().getText())
                .contains("Deleted");
    }

    @Test
    void anAssessorIsRefusedThePage() {
        openAs("assessor", "retention");
        assertThat(_find(H1.class)).noneMatch(h -> h.getText().equals("Retention"));
        assertThat(_find(Paragraph.class, spec -> spec.withId("not-found"))).hasSize(1);
    }
}
