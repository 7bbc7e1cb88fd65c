package app.earmark.people.ui;

import app.earmark.base.ui.Notifications;
import app.earmark.people.PeopleAdmin;
import app.earmark.people.PeopleAdmin.LinkRow;
import app.earmark.people.PeopleException;
import app.earmark.people.PersonRef;
import app.earmark.people.Relationship;
import app.earmark.security.Role;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Main;
import com.vaadin.flow.component.html.Section;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.theme.lumo.LumoUtility;
import jakarta.annotation.security.RolesAllowed;

/** Who assesses whom and who quality-assures whom. (What an EQA may see is granted on the EQA grants page.) */
@Route("admin/assignments")
@PageTitle("Assignments · Earmark")
@Menu(order = 82, icon = "vaadin:connect", title = "Assignments")
@RolesAllowed(Role.Name.ADMIN)
class AssignmentsView extends Main {

    AssignmentsView(PeopleAdmin admin) {
        addClassNames(LumoUtility.Padding.MEDIUM);
        add(new H1("Assignments"));
        add(new RelationshipSection(admin, Relationship.ASSESSES, "Assessors and their learners"),
                new RelationshipSection(admin, Relationship.QUALITY_ASSURES, "IQAs and the assessors they quality-assure"),
                new com.vaadin.flow.component.html.Paragraph("External quality assurers are given time-limited"
                        + " access to evidence on the EQA grants page."));
    }

    /** One kind of relationship: add a pair, see and remove the pairs. */
    private static final class RelationshipSection extends Section {

        private final PeopleAdmin admin;
        private final Relationship kind;
        private final Grid<LinkRow> grid = new Grid<>();

        RelationshipSection(PeopleAdmin admin, Relationship kind, String title) {
            this.admin = admin;
            this.kind = kind;
            setId("links-" + kind.name().toLowerCase());
            var from = people(kind.fromRole());
            var to = people(kind.toRole());
            var add = new Button("Add", e -> {
                if (from.isEmpty() || to.isEmpty()) {
                    Notifications.error("Choose both a " + kind.fromRole().label().toLowerCase() + " and a "
                            + kind.toRole().label().toLowerCase() + ".");
                    return;
                }
                try {
                    admin.link(kind, from.getValue().id(), to.getValue().id());
                    Notifications.success(from.getValue().displayName() + " " + kind.phrase() + " "
                            + to.getValue().displayName());
                    refresh();
                } catch (PeopleException ex) {
                    Notifications.error(ex.getMessage());
                }
            });
            add.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
            var form = new HorizontalLayout(from, to, add);
            form.setDefaultVerticalComponentAlignment(HorizontalLayout.Alignment.BASELINE);

            grid.addThemeVariants(GridVariant.LUMO_COMPACT);
            grid.setAllRowsVisible(true);
            grid.addColumn(r -> r.from().displayName()).setHeader(kind.fromRole().label());
            grid.addColumn(r -> r.to().displayName()).setHeader(kind.toRole().label());
            grid.addComponentColumn(row -> {
                var remove = new Button("Remove", e -> {
                    admin.unlink(kind, row.from().id(), row.to().id());
                    refresh();
                });
                remove.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_TERTIARY, ButtonVariant.LUMO_ERROR);
                return remove;
            });
            add(new H3(title), form, grid);
            refresh();
        }

        private ComboBox<PersonRef> people(Role role) {
            var box = new ComboBox<PersonRef>(role.label(), admin.peopleWithRole(role));
            box.setItemLabelGenerator(p -> p.displayName() + " (" + p.username() + ")");
            return box;
        }

        private void refresh() {
            grid.setItems(admin.links(kind));
        }
    }
}
