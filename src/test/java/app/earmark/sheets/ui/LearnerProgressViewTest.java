package app.earmark.sheets.ui;

import static com.github.mvysny.kaributesting.v10.LocatorJ._find;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static org.assertj.core.api.Assertions.assertThat;

import app.earmark.support.AuditTrail;
import app.earmark.support.ViewTest;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.ListItem;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The learner's page shows progress by the rules of combination, saying which rule is still provisional. */
class LearnerProgressViewTest extends ViewTest {

    @Autowired
    AuditTrail trail;

    @Test
    void theLearnersProgressNamesTheDiplomaRuleProvisional() {
        openAs("assessor", "learners/" + trail.userId("learner2"));
        var awards = _find(_get(Div.class, spec -> spec.withId("learner-progress")), ListItem.class);
        assertThat(awards).extracting(ListItem::getText).satisfiesExactly(
                certificate -> assertThat(certificate).startsWith("Certificate: "),
                diploma -> assertThat(diploma).startsWith("Diploma (provisional rule: The source lists the Diploma as"
                        + " 'three mandatory units (total credit value 37)' without naming them;"));
    }
}
