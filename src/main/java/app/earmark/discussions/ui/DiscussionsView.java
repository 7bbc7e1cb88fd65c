package app.earmark.discussions.ui;

import app.earmark.base.DisplayFormats;
import app.earmark.base.ui.KeyboardAccess;
import app.earmark.discussions.DiscussionColumn;
import app.earmark.discussions.DiscussionSummary;
import app.earmark.discussions.Discussions;
import app.earmark.people.People;
import app.earmark.security.CurrentUser;
import app.earmark.security.Role;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.Main;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.router.RouteParameters;
import com.vaadin.flow.theme.lumo.LumoUtility;
import jakarta.annotation.security.PermitAll;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The discussions the signed-in person may see, newest first; assessors start new ones here. */
@Route("discussions")
@PageTitle("Discussions · Earmark")
@Menu(order = 10, icon = "vaadin:microphone", title = "Discussions")
@PermitAll
class DiscussionsView extends Main implements BeforeEnterObserver {

    private final Discussions discussions;
    private final List<DiscussionColumn> columns;
    private final Grid<DiscussionSummary> grid = new Grid<>();
    private final Paragraph empty = new Paragraph("No discussions yet.");
    private final Paragraph problem = new Paragraph();
    private final People people;
    private final Map<DiscussionColumn, Map<Long, String>> columnValues = new HashMap<>();

    DiscussionsView(Discussions discussions, List<DiscussionColumn> columns, People people, CurrentUser currentUser) {
        this.discussions = discussions;
        this.columns = columns.stream().sorted(Comparator.comparingInt(DiscussionColumn::order)).toList();
        this.people = people;
        addClassNames(LumoUtility.Padding.MEDIUM);
        var header = new HorizontalLayout(new H1("Discussions"));
        header.setDefaultVerticalComponentAlignment(HorizontalLayout.Alignment.CENTER);
        if (currentUser.require().hasRole(Role.ASSESSOR)) {
            var create = new Button("New discussion", VaadinIcon.PLUS.create(),
                    e -> new NewDiscussionDialog(discussions, people, this::opened).open());
            create.setId("new-discussion");
            create.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
            header.add(create);
        }
        grid.setId("discussions-grid");
        grid.addThemeVariants(GridVariant.LUMO_COMPACT);
        grid.setAllRowsVisible(true);
        grid.addColumn(d -> DisplayFormats.date(d.heldOn())).setHeader("Date").setAutoWidth(true).setFlexGrow(0);
        grid.addColumn(d -> d.learner().displayName()).setHeader("Learner").setAutoWidth(true);
        grid.addColumn(DiscussionSummary::unitCodes).setHeader("Units").setAutoWidth(true);
        grid.addColumn(d -> d.mode().label()).setHeader("Mode").setAutoWidth(true);
        grid.addColumn(d -> d.assessor().displayName()).setHeader("Assessor").setAutoWidth(true);
        for (DiscussionColumn column : this.columns) {
            grid.addColumn(d -> columnValues.getOrDefault(column, Map.of()).getOrDefault(d.id(), ""))
                    .setHeader(column.header()).setAutoWidth(true);
        }
        KeyboardAccess.openRows(grid, this::opened);
        problem.setId("discussions-problem");
        problem.addClassNames(LumoUtility.TextColor.ERROR);
        problem.setVisible(false);
        add(header, problem, grid, empty);
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        Optional<String> asked = event.getLocation().getQueryParameters().getSingleParameter("learner");
        Optional<Long> learner = asked.filter(DiscussionsView::isId).map(Long::valueOf);
        String refusal = null;
        if (asked.isPresent() && learner.isEmpty()) {
            refusal = "There is no learner '" + asked.get() + "': a learner is chosen by their number, as in "
                    + "/discussions?learner=12. Showing every discussion you may see.";
        } else if (learner.isPresent() && !people.visibleLearnerIds().contains(learner.get())) {
            // The same answer whether the learner exists or not, so that nobody learns which numbers are in use.
            refusal = "There is no learner " + learner.get() + " among the learners you may see.";
        }
        problem.setText(refusal == null ? "" : refusal);
        problem.setVisible(refusal != null);
        List<DiscussionSummary> visible = discussions.visible().stream()
                .filter(d -> learner.isEmpty() || d.learner().id() == learner.get()).toList();
        columns.forEach(column -> columnValues.put(column, column.values(visible)));
        grid.setItems(visible);
        empty.setVisible(visible.isEmpty());
    }

    /** A database id as it may appear in an address: digits only, within a long. */
    static boolean isId(String value) {
        return value != null && value.matches("\\d{1,18}");
    }

    private void opened(DiscussionSummary discussion) {
        getUI().ifPresent(ui -> ui.navigate(DiscussionView.class,
                new RouteParameters("id", String.valueOf(discussion.id()))));
    }
}
