package app.earmark.people.ui;

import app.earmark.base.ui.Notifications;
import app.earmark.catalogue.Catalogue;
import app.earmark.catalogue.Qualification;
import app.earmark.people.PeopleAdmin;
import app.earmark.people.PeopleAdmin.EnrolmentRow;
import app.earmark.people.PeopleException;
import app.earmark.people.PersonRef;
import app.earmark.security.Role;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.datepicker.DatePicker;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.Main;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.theme.lumo.LumoUtility;
import jakarta.annotation.security.RolesAllowed;
import java.time.LocalDate;

/** Learners' registrations on qualifications. */
@Route("admin/enrolments")
@PageTitle("Enrolments · Earmark")
@Menu(order = 81, icon = "vaadin:academy-cap", title = "Enrolments")
@RolesAllowed(Role.Name.ADMIN)
class EnrolmentsView extends Main {

    private final PeopleAdmin admin;
    private final Grid<EnrolmentRow> grid = new Grid<>();

    EnrolmentsView(PeopleAdmin admin, Catalogue catalogue) {
        this.admin = admin;
        addClassNames(LumoUtility.Padding.MEDIUM);

        var learner = new ComboBox<PersonRef>("Learner", admin.peopleWithRole(Role.LEARNER));
        learner.setItemLabelGenerator(p -> p.displayName() + " (" + p.username() + ")");
        var qualification = new ComboBox<Qualification>("Qualification", catalogue.qualifications());
        qualification.setItemLabelGenerator(q -> q.code() + " " + q.title());
        var registration = new TextField("Learner registration no.");
        var date = new DatePicker("Enrolled on", LocalDate.now());
        var enrol = new Button("Enrol", e -> {
            try {
                if (learner.isEmpty() || qualification.isEmpty()) {
                    throw new IllegalArgumentException("Choose a learner and a qualification.");
                }
                admin.enrol(learner.getValue().id(), qualification.getValue().code(), registration.getValue(),
                        date.getValue());
                Notifications.success(learner.getValue().displayName() + " enrolled on " + qualification.getValue().code());
                registration.clear();
                refresh();
            } catch (PeopleException | IllegalArgumentException ex) {
                Notifications.error(ex.getMessage());
            }
        });
        enrol.addThemeVariants(ButtonVariant.LUMO_PRIMARY);

        grid.addThemeVariants(GridVariant.LUMO_COMPACT);
        grid.setAllRowsVisible(true);
        grid.addColumn(r -> r.learner().displayName()).setHeader("Learner").setAutoWidth(true);
        grid.addColumn(EnrolmentRow::qualificationCode).setHeader("Qualification").setAutoWidth(true);
        grid.addColumn(EnrolmentRow::registrationNumber).setHeader("Registration no.").setAutoWidth(true);
        grid.addColumn(r -> app.earmark.base.DisplayFormats.date(r.enrolledOn())).setHeader("Enrolled on").setAutoWidth(true);
        grid.addComponentColumn(row -> {
            var withdraw = new Button("Withdraw", e -> {
                admin.withdrawEnrolment(row.id());
                Notifications.success("Enrolment withdrawn");
                refresh();
            });
            withdraw.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_TERTIARY, ButtonVariant.LUMO_ERROR);
            return withdraw;
        });
        add(new H1("Enrolments"), new FormLayout(learner, qualification, registration, date), enrol, grid);
        refresh();
    }

    private void refresh() {
        grid.setItems(admin.enrolments());
    }
}
