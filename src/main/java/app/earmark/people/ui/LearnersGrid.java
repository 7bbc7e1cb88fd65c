package app.earmark.people.ui;

import app.earmark.base.ui.KeyboardAccess;
import app.earmark.people.EnrolmentSummary;
import app.earmark.people.LearnerSummary;
import app.earmark.people.PersonRef;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.router.RouteParameters;
import java.util.List;
import java.util.stream.Collectors;

/** Learners with their qualifications, registration numbers and assessors; a click, Enter or Space opens the learner. */
class LearnersGrid extends Grid<LearnerSummary> {

    LearnersGrid(List<LearnerSummary> learners) {
        addClassName("learners-grid");
        addThemeVariants(GridVariant.LUMO_COMPACT);
        setAllRowsVisible(true);
        addColumn(LearnerSummary::displayName).setHeader("Learner").setAutoWidth(true);
        addColumn(l -> l.enrolments().stream().map(e -> e.qualificationCode() + " " + e.qualificationTitle())
                .collect(Collectors.joining("; "))).setHeader("Qualifications").setFlexGrow(3);
        addColumn(l -> l.enrolments().stream().map(EnrolmentSummary::registrationNumber)
                .collect(Collectors.joining("; "))).setHeader("Registration no.").setAutoWidth(true);
        addColumn(l -> l.assessors().stream().map(PersonRef::displayName).collect(Collectors.joining(", ")))
                .setHeader("Assessors").setAutoWidth(true);
        setItems(learners);
        KeyboardAccess.openRows(this, learner -> getUI().ifPresent(ui -> ui.navigate(LearnerView.class,
                new RouteParameters("id", String.valueOf(learner.id())))));
    }
}
