package app.earmark.people.ui;

import app.earmark.people.HomeSection;
import app.earmark.people.LearnerSummary;
import app.earmark.people.People;
import app.earmark.security.CurrentUser;
import app.earmark.security.EarmarkPrincipal;
import app.earmark.security.Role;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.H4;
import com.vaadin.flow.component.html.ListItem;
import com.vaadin.flow.component.html.Main;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Section;
import com.vaadin.flow.component.html.UnorderedList;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.router.RouterLink;
import com.vaadin.flow.theme.lumo.LumoUtility;
import jakarta.annotation.security.PermitAll;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The page each person lands on: one section per role they hold, showing only what that role may see, then the
 * sections other modules contribute ({@link HomeSection}).
 */
@Route("")
@PageTitle("Home · Earmark")
@Menu(order = 0, icon = "vaadin:home", title = "Home")
@PermitAll
class HomeView extends Main {

    HomeView(People people, CurrentUser currentUser, List<HomeSection> sections) {
        addClassNames(LumoUtility.Padding.MEDIUM);
        EarmarkPrincipal me = currentUser.require();
        var centre = people.centre();
        var welcome = new H1("Welcome, " + me.displayName());
        welcome.setId("welcome");
        var where = new Paragraph(centre.name() + " (centre " + centre.number() + ")");
        where.addClassNames(LumoUtility.TextColor.SECONDARY);
        add(welcome, where);
        if (me.hasRole(Role.ADMIN)) {
            add(adminSection());
        }
        if (me.hasRole(Role.ASSESSOR)) {
            add(section("assessor-home", "Your learners", people.assessedLearners(),
                    "No learners are assigned to you yet. The centre administrator assigns them."));
        }
        if (me.hasRole(Role.IQA)) {
            add(iqaSection(people));
        }
        if (me.hasRole(Role.EQA)) {
            add(section("eqa-home", "Evidence you may see", people.eqaLearners(),
                    "You have not been given access to any learner's evidence yet. The centre gives an external"
                            + " quality assurer access to a sample on request."));
        }
        if (me.hasRole(Role.LEARNER)) {
            add(learnerSection(people));
        }
        sections.stream().sorted(java.util.Comparator.comparingInt(HomeSection::order))
                .forEach(section -> section.create().ifPresent(this::add));
    }

    private static Section section(String id, String title, List<LearnerSummary> learners, String whenEmpty) {
        var section = new Section(new H3(title));
        section.setId(id);
        section.add(learners.isEmpty() ? empty(whenEmpty) : new LearnersGrid(learners));
        return section;
    }

    private static Section iqaSection(People people) {
        var section = new Section(new H3("Assessors you quality-assure"));
        section.setId("iqa-home");
        var assessors = people.qualityAssuredAssessors();
        if (assessors.isEmpty()) {
            section.add(empty("You are not quality-assuring any assessor yet. The centre administrator assigns them."));
        }
        assessors.forEach(a -> {
            var heading = new H4(a.assessor().displayName());
            heading.addClassName("qa-assessor");
            section.add(heading, a.learners().isEmpty() ? empty("No learners assigned.") : new LearnersGrid(a.learners()));
        });
        return section;
    }

    private static Section learnerSection(People people) {
        var section = new Section(new H3("Your qualifications"));
        section.setId("learner-home");
        var self = people.self();
        if (self.isEmpty() || self.get().enrolments().isEmpty()) {
            section.add(empty("You are not enrolled on a qualification yet."));
            return section;
        }
        var list = new UnorderedList();
        self.get().enrolments().forEach(e -> list.add(new ListItem(e.qualificationCode() + " " + e.qualificationTitle()
                + " · registration number " + e.registrationNumber())));
        String assessors = self.get().assessors().stream().map(a -> a.displayName()).collect(Collectors.joining(", "));
        var mine = new RouterLink("Your result sheets and progress", LearnerView.class,
                new com.vaadin.flow.router.RouteParameters("id", String.valueOf(self.get().id())));
        mine.setId("my-sheets");
        section.add(list, new Paragraph(assessors.isEmpty() ? "No assessor is assigned to you yet."
                : "Your assessor: " + assessors), new Paragraph(mine));
        return section;
    }

    private static Section adminSection() {
        var section = new Section(new H3("Running the centre"));
        section.setId("admin-home");
        var links = new UnorderedList(
                new ListItem(new RouterLink("People and roles", PeopleView.class)),
                new ListItem(new RouterLink("Enrolments", EnrolmentsView.class)),
                new ListItem(new RouterLink("Assignments", AssignmentsView.class)));
        section.add(links);
        return section;
    }

    private static Component empty(String text) {
        var paragraph = new Paragraph(text);
        paragraph.addClassNames("empty-state", LumoUtility.TextColor.SECONDARY);
        return paragraph;
    }
}
