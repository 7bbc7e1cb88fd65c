package app.earmark.people.ui;

import app.earmark.base.ui.Notifications;
import app.earmark.people.PeopleAdmin;
import app.earmark.people.PeopleAdmin.PersonRow;
import app.earmark.people.PeopleException;
import app.earmark.security.Role;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.checkbox.CheckboxGroup;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.Main;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.textfield.PasswordField;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.theme.lumo.LumoUtility;
import jakarta.annotation.security.RolesAllowed;
import java.util.EnumSet;
import java.util.stream.Collectors;

/** The centre's accounts: create, change roles, enable or disable, reset passwords. */
@Route("admin/people")
@PageTitle("People · Earmark")
@Menu(order = 80, icon = "vaadin:users", title = "People")
@RolesAllowed(Role.Name.ADMIN)
class PeopleView extends Main {

    private final PeopleAdmin admin;
    private final Grid<PersonRow> grid = new Grid<>();

    PeopleView(PeopleAdmin admin) {
        this.admin = admin;
        addClassNames(LumoUtility.Padding.MEDIUM);
        var create = new Button("New person", VaadinIcon.PLUS.create(), e -> createDialog().open());
        create.setId("new-person");
        create.addThemeVariants(ButtonVariant.LUMO_PRIMARY);

        grid.setId("people-grid");
        grid.addThemeVariants(GridVariant.LUMO_COMPACT);
        grid.setAllRowsVisible(true);
        grid.addColumn(PersonRow::username).setHeader("Username").setAutoWidth(true);
        grid.addColumn(PersonRow::displayName).setHeader("Name").setAutoWidth(true);
        grid.addColumn(p -> p.roles().stream().map(Role::label).sorted().collect(Collectors.joining(", ")))
                .setHeader("Roles").setFlexGrow(2);
        grid.addColumn(p -> p.enabled() ? "Active" : "Disabled").setHeader("Status").setAutoWidth(true);
        grid.addComponentColumn(this::actions).setHeader("").setAutoWidth(true);
        add(new H1("People and roles"), create, grid, new CentreSettings(admin));
        refresh();
    }

    private void refresh() {
        grid.setItems(admin.people());
    }

    private HorizontalLayout actions(PersonRow person) {
        var roles = new Button("Roles", e -> rolesDialog(person).open());
        var toggle = new Button(person.enabled() ? "Disable" : "Enable",
                e -> run(() -> admin.setEnabled(person.id(), !person.enabled()),
                        person.username() + (person.enabled() ? " disabled" : " enabled")));
        var password = new Button("Reset password", e -> passwordDialog(person).open());
        for (Button b : new Button[] {roles, toggle, password}) {
            b.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_TERTIARY);
        }
        return new HorizontalLayout(roles, toggle, password);
    }

    private Dialog createDialog() {
        var dialog = new Dialog("New person");
        var username = new TextField("Username");
        username.setId("new-username");
        var name = new TextField("Name");
        name.setId("new-name");
        var password = new PasswordField("Password");
        password.setId("new-password");
        password.setHelperText("At least 8 characters");
        var roles = roleChoice();
        roles.setId("new-roles");
        var save = new Button("Create", e -> {
            if (run(() -> admin.createPerson(username.getValue(), name.getValue(), password.getValue(),
                    roles.getValue()), "Created " + username.getValue())) {
                dialog.close();
            }
        });
        save.setId("create-person");
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        dialog.add(new FormLayout(username, name, password, roles));
        dialog.getFooter().add(new Button("Cancel", e -> dialog.close()), save);
        return dialog;
    }

    private Dialog rolesDialog(PersonRow person) {
        var dialog = new Dialog("Roles of " + person.displayName());
        var roles = roleChoice();
        roles.setValue(person.roles().isEmpty() ? EnumSet.noneOf(Role.class) : EnumSet.copyOf(person.roles()));
        var save = new Button("Save", e -> {
            if (run(() -> admin.changeRoles(person.id(), roles.getValue()), "Roles of " + person.username() + " saved")) {
                dialog.close();
            }
        });
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        dialog.add(roles);
        dialog.getFooter().add(new Button("Cancel", e -> dialog.close()), save);
        return dialog;
    }

    private Dialog passwordDialog(PersonRow person) {
        var dialog = new Dialog("New password for " + person.displayName());
        var password = new PasswordField("New password");
        password.setHelperText("At least 8 characters; tell the person in person, not by email.");
        var save = new Button("Set password", e -> {
            if (run(() -> admin.resetPassword(person.id(), password.getValue()), "Password set")) {
                dialog.close();
            }
        });
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        dialog.add(password);
        dialog.getFooter().add(new Button("Cancel", e -> dialog.close()), save);
        return dialog;
    }

    private static CheckboxGroup<Role> roleChoice() {
        var roles = new CheckboxGroup<Role>("Roles");
        roles.setItems(Role.values());
        roles.setItemLabelGenerator(Role::label);
        return roles;
    }

    private boolean run(Runnable action, String done) {
        try {
            action.run();
            Notifications.success(done);
            refresh();
            return true;
        } catch (PeopleException e) {
            Notifications.error(e.getMessage());
            return false;
        }
    }
}
