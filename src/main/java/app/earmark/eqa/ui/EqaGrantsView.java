package app.earmark.eqa.ui;

import app.earmark.base.DisplayFormats;
import app.earmark.base.ui.Notifications;
import app.earmark.eqa.EqaGrants;
import app.earmark.eqa.GrantException;
import app.earmark.eqa.GrantKind;
import app.earmark.eqa.GrantRequest;
import app.earmark.eqa.GrantView;
import app.earmark.eqa.SampleSource;
import app.earmark.people.LearnerSummary;
import app.earmark.people.PersonRef;
import app.earmark.security.Role;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.combobox.MultiSelectComboBox;
import com.vaadin.flow.component.datepicker.DatePicker;
import com.vaadin.flow.component.datetimepicker.DateTimePicker;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Main;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.radiobutton.RadioButtonGroup;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.theme.lumo.LumoUtility;
import jakarta.annotation.security.RolesAllowed;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/** The administrator grants EQAs time-limited, read-only access to a chosen set of evidence, and revokes it. */
@Route("admin/eqa-grants")
@PageTitle("EQA grants · Earmark")
@Menu(order = 83, icon = "vaadin:key", title = "EQA grants")
@RolesAllowed(Role.Name.ADMIN)
class EqaGrantsView extends Main {

    private final EqaGrants grants;
    private final Grid<GrantView> grid = new Grid<>();

    EqaGrantsView(EqaGrants grants) {
        this.grants = grants;
        addClassNames(LumoUtility.Padding.MEDIUM);
        add(new H1("EQA grants"), new Paragraph("An external quality assurer sees exactly what a grant in force"
                + " covers, read-only, until its end or until it is revoked. Everything they open is audited."));

        var eqa = new ComboBox<PersonRef>("External quality assurer", grants.eqas());
        eqa.setItemLabelGenerator(p -> p.displayName() + " (" + p.username() + ")");
        eqa.setId("grant-eqa");
        List<GrantKind> kinds = new ArrayList<>(List.of(GrantKind.LEARNERS, GrantKind.UNIT));
        if (grants.samplesOffered()) {
            kinds.add(GrantKind.SAMPLE);
        }
        var kind = new RadioButtonGroup<GrantKind>("Grant", kinds);
        kind.setItemLabelGenerator(GrantKind::label);
        kind.setValue(GrantKind.LEARNERS);
        kind.setId("grant-kind");
        var learners = new MultiSelectComboBox<LearnerSummary>("Learners", grants.learners());
        learners.setItemLabelGenerator(l -> l.displayName() + " (" + l.username() + ")");
        learners.setId("grant-learners");
        var unit = new ComboBox<String>("Unit", grants.unitCodes());
        unit.setId("grant-unit");
        var sample = new ComboBox<SampleSource.Sample>("IQA sample", grants.samples());
        sample.setItemLabelGenerator(SampleSource.Sample::label);
        sample.setId("grant-sample");
        var from = new DatePicker("Evidence dated from");
        from.setId("grant-from");
        var to = new DatePicker("Evidence dated to");
        to.setId("grant-to");
        var ends = new DateTimePicker("Access ends");
        ends.setId("grant-ends");
        ends.setHelperText("UK time. The access ends by itself then.");
        Runnable showFor = () -> {
            learners.setVisible(kind.getValue() == GrantKind.LEARNERS);
            unit.setVisible(kind.getValue() == GrantKind.UNIT);
            sample.setVisible(kind.getValue() == GrantKind.SAMPLE);
        };
        kind.addValueChangeListener(e -> showFor.run());
        showFor.run();
        var grant = new Button("Grant access", e -> {
            if (eqa.isEmpty()) {
                Notifications.error("Choose the external quality assurer to grant access to.");
                return;
            }
            try {
                ZoneId zone = DisplayFormats.ZONE;
                GrantView made = grants.grant(new GrantRequest(eqa.getValue().id(), kind.getValue(),
                        learners.getValue().stream().map(LearnerSummary::id).collect(Collectors.toSet()),
                        unit.getValue(), sample.isEmpty() ? null : sample.getValue().id(), from.getValue(),
                        to.getValue(), null, ends.isEmpty() ? null : ends.getValue().atZone(zone).toInstant()));
                Notifications.success("Granted " + made.eqa().displayName() + " access: " + made.description()
                        + ".");
                learners.clear();
                refresh();
            } catch (GrantException ex) {
                Notifications.error(ex.getMessage());
            }
        });
        grant.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        grant.setId("grant-access");
        var form = new FormLayout(eqa, kind, learners, unit, sample, from, to, ends);
        form.setResponsiveSteps(new FormLayout.ResponsiveStep("0", 1), new FormLayout.ResponsiveStep("40em", 2));
        add(new H2("Grant access"), form, grant);

        grid.setId("grants");
        grid.addThemeVariants(GridVariant.LUMO_COMPACT, GridVariant.LUMO_WRAP_CELL_CONTENT);
        grid.setAllRowsVisible(true);
        grid.addColumn(g -> g.eqa().displayName()).setHeader("EQA").setAutoWidth(true);
        grid.addColumn(GrantView::description).setHeader("Evidence").setFlexGrow(2);
        grid.addColumn(g -> g.learners().stream().map(PersonRef::displayName).collect(Collectors.joining(", ")))
                .setHeader("Learners").setFlexGrow(1);
        grid.addColumn(g -> DisplayFormats.dateTime(g.endsAt())).setHeader("Ends").setAutoWidth(true);
        grid.addColumn(g -> g.status().label() + (g.revokedAt() == null ? "" : " by " + g.revokedBy() + ", "
                + DisplayFormats.dateTime(g.revokedAt()))).setHeader("Status").setAutoWidth(true);
        grid.addComponentColumn(g -> {
            if (g.status() != GrantView.Status.IN_FORCE) {
                return new com.vaadin.flow.component.html.Span();
            }
            var revoke = new Button("Revoke", e -> {
                try {
                    grants.revoke(g.id());
                    Notifications.success("Revoked the access of " + g.eqa().displayName() + ".");
                } catch (GrantException ex) {
                    Notifications.error(ex.getMessage());
                }
                refresh();
            });
            revoke.getElement().setAttribute("aria-label", "Revoke the access of " + g.eqa().displayName() + ": "
                    + g.description());
            revoke.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_TERTIARY, ButtonVariant.LUMO_ERROR);
            return revoke;
        }).setHeader("Revoke").setAutoWidth(true);
        add(new H2("Grants"), grid);
        refresh();
    }

    private void refresh() {
        grid.setItems(grants.all());
    }
}
