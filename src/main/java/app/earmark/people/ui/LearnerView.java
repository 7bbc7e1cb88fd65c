package app.earmark.people.ui;

import app.earmark.people.LearnerSection;
import app.earmark.people.LearnerSummary;
import app.earmark.people.People;
import app.earmark.people.PersonRef;
import app.earmark.security.AccessRefusedException;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.ListItem;
import com.vaadin.flow.component.html.Main;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.UnorderedList;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.theme.lumo.LumoUtility;
import jakarta.annotation.security.PermitAll;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;

/**
 * One learner's page. Anyone signed in may open the URL; the service decides whether they see the
 * learner, and a refusal shows nothing of the learner. Other modules add their sections
 * ({@link LearnerSection}) after its own.
 */
@Route("learners/:id")
@PageTitle("Learner · Earmark")
@PermitAll
class LearnerView extends Main implements BeforeEnterObserver {

    private final People people;
    private final List<LearnerSection> sections;

    LearnerView(People people, List<LearnerSection> sections) {
        this.people = people;
        this.sections = sections.stream().sorted(Comparator.comparingInt(LearnerSection::order)).toList();
        addClassNames(LumoUtility.Padding.MEDIUM);
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        removeAll();
        var id = event.getRouteParameters().getLong("id");
        if (id.isEmpty()) {
            refused("There is no such learner.");
            return;
        }
        try {
            show(people.learner(id.get()));
        } catch (AccessRefusedException e) {
            refused(e.getMessage());
        }
    }

    private void refused(String message) {
        var text = new Paragraph(message);
        text.setId("access-refused");
        text.addClassNames(LumoUtility.TextColor.ERROR);
        add(new H1("Not available"), text);
    }

    private void show(LearnerSummary learner) {
        var name = new H1(learner.displayName());
        name.setId("learner-name");
        var enrolments = new UnorderedList();
        enrolments.setId("learner-enrolments");
        learner.enrolments().forEach(e -> enrolments.add(new ListItem(e.qualificationCode() + " "
                + e.qualificationTitle() + " · registration number " + e.registrationNumber() + " · enrolled "
                + app.earmark.base.DisplayFormats.date(e.enrolledOn()))));
        String assessors = learner.assessors().stream().map(PersonRef::displayName).collect(Collectors.joining(", "));
        add(name, new H3("Qualifications"), enrolments, new H3("Assessors"),
                new Paragraph(assessors.isEmpty() ? "None assigned." : assessors));
        sections.forEach(section -> section.create(learner).ifPresent(this::add));
    }
}
