package app.earmark.observation.ui;

import app.earmark.base.DisplayFormats;
import app.earmark.base.ui.Notifications;
import app.earmark.observation.LiveObservations;
import app.earmark.observation.LiveObservations.Upcoming;
import app.earmark.observation.ObservationException;
import app.earmark.security.Role;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.Main;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.theme.lumo.LumoUtility;
import jakarta.annotation.security.RolesAllowed;

/** For an IQA: the coming discussions of the assessors they quality-assure, to mark for live observation. */
@Route("observation")
@PageTitle("Live observation · Earmark")
@Menu(order = 15, icon = "vaadin:headphones", title = "Live observation")
@RolesAllowed(Role.Name.IQA)
class UpcomingObservationsView extends Main {

    private final LiveObservations observations;
    private final Grid<Upcoming> grid = new Grid<>();

    UpcomingObservationsView(LiveObservations observations) {
        this.observations = observations;
        addClassNames(LumoUtility.Padding.MEDIUM);
        var help = new Paragraph("Discussions of your assessors held today or later. Mark one to be told, on any"
                + " page, when its live recording starts, and to listen to it a few seconds behind.");
        help.addClassNames(LumoUtility.TextColor.SECONDARY);
        grid.setId("upcoming-observations");
        grid.addThemeVariants(GridVariant.LUMO_COMPACT);
        grid.setAllRowsVisible(true);
        grid.addColumn(u -> DisplayFormats.date(u.discussion().heldOn())
                + (u.discussion().startsAt() == null ? "" : " " + DisplayFormats.time(u.discussion().startsAt())))
                .setHeader("Date").setAutoWidth(true).setFlexGrow(0);
        grid.addColumn(u -> u.discussion().learner().displayName()).setHeader("Learner").setAutoWidth(true);
        grid.addColumn(u -> u.discussion().assessor().displayName()).setHeader("Assessor").setAutoWidth(true);
        grid.addColumn(u -> u.discussion().unitCodes()).setHeader("Units").setFlexGrow(2);
        grid.addColumn(u -> u.liveNow() ? "Recording live now" : u.marked() ? "Marked" : "")
                .setHeader("Live observation").setAutoWidth(true);
        grid.addComponentColumn(this::actions).setHeader("Actions").setAutoWidth(true);
        add(new H1("Live observation"), help, grid);
        refresh();
    }

    private HorizontalLayout actions(Upcoming upcoming) {
        long id = upcoming.discussion().id();
        String who = upcoming.discussion().learner().displayName() + ", " + DisplayFormats.date(upcoming.discussion()
                .heldOn());
        var actions = new HorizontalLayout();
        if (upcoming.marked()) {
            var observe = new Button("Observe", e -> getUI().ifPresent(ui -> ui.navigate("discussions/" + id
                    + "/observe")));
            observe.setAriaLabel("Observe the discussion with " + who);
            observe.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_PRIMARY);
            actions.add(observe);
        } else {
            var mark = new Button("Mark", e -> {
                try {
                    observations.mark(id);
                    Notifications.success("Marked for live observation.");
                    refresh();
                } catch (ObservationException ex) {
                    Notifications.error(ex.getMessage());
                }
            });
            mark.setAriaLabel("Mark the discussion with " + who + " for live observation");
            mark.addThemeVariants(ButtonVariant.LUMO_SMALL);
            mark.addClassName("mark-upcoming");
            actions.add(mark);
        }
        return actions;
    }

    private void refresh() {
        grid.setItems(observations.upcoming());
    }
}
