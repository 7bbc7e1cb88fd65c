package app.earmark.sampling.ui;

import app.earmark.base.DisplayFormats;
import app.earmark.base.ui.Notifications;
import app.earmark.people.PersonRef;
import app.earmark.sampling.Coverage;
import app.earmark.sampling.DueItem;
import app.earmark.sampling.SamplingException;
import app.earmark.sampling.Samples;
import app.earmark.security.AccessRefusedException;
import app.earmark.security.CurrentUser;
import app.earmark.security.Role;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.grid.ColumnTextAlign;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Main;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Section;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.theme.lumo.LumoUtility;
import jakarta.annotation.security.RolesAllowed;
import java.util.List;

/**
 * The IQA's list of what is due: sampled assessments not yet reviewed, oldest first, with why each was sampled and a
 * link to its review; which are overdue by the centre's number of days; and coverage so far. Each opening is audited
 * ({@link Samples#openDuePage}).
 */
@Route("sampling")
@PageTitle("Due for QA · Earmark")
@Menu(order = 30, icon = "vaadin:check-square-o", title = "Due for QA")
@RolesAllowed({Role.Name.IQA, Role.Name.ADMIN})
class SamplingDueView extends Main {

    private final Samples samples;

    SamplingDueView(Samples samples, CurrentUser currentUser) {
        this.samples = samples;
        addClassNames(LumoUtility.Padding.MEDIUM);
        setId("sampling-due");
        add(new H1("Due for QA review"));
        add(new Anchor("sampling/plans", "Sampling plans"));
        Samples.DuePage page = samples.openDuePage();
        if (currentUser.require().hasRole(Role.ADMIN)) {
            add(overdueSetting(page.overdueDays()));
        } else {
            var days = new Paragraph("A sampled assessment is overdue when it has waited more than "
                    + page.overdueDays() + " days (set by the centre administrator).");
            days.setId("overdue-days");
            add(days);
        }
        add(due(page.due()), coverage(page.coverage()));
    }

    private Section overdueSetting(int overdueDays) {
        var days = new NumberInput("Overdue after (days)");
        days.setId("overdue-days-field");
        days.setNumber(overdueDays);
        days.setHelperText("1 to 365 days after an assessment is sampled");
        var save = new Button("Save", e -> {
            try {
                Integer number = days.number("Overdue after (days)");
                if (number == null) {
                    throw new SamplingException("Give a number of days from 1 to 365. Nothing was saved.");
                }
                samples.changeOverdueDays(number);
                Notifications.success("Sampled assessments are overdue after " + number + " days.");
                getUI().ifPresent(ui -> ui.getPage().reload());
            } catch (SamplingException | AccessRefusedException ex) {
                Notifications.error(ex.getMessage());
            }
        });
        save.setId("save-overdue-days");
        var row = new HorizontalLayout(days, save);
        row.setDefaultVerticalComponentAlignment(HorizontalLayout.Alignment.BASELINE);
        var section = new Section(new H2("Centre setting"), row);
        section.setId("overdue-setting");
        return section;
    }

    private Section due(List<DueItem> items) {
        var section = new Section(new H2("Due (" + items.size() + ")"));
        section.setId("due");
        if (items.isEmpty()) {
            var none = new Paragraph("Nothing is due: no sampled assessment is waiting for review.");
            none.setId("nothing-due");
            section.add(none);
            return section;
        }
        long overdue = items.stream().filter(DueItem::overdue).count();
        if (overdue > 0) {
            var warning = new Paragraph(overdue + (overdue == 1 ? " is" : " are") + " overdue.");
            warning.setId("overdue-count");
            warning.addClassNames(LumoUtility.TextColor.ERROR);
            section.add(warning);
        }
        var grid = new Grid<DueItem>();
        grid.setId("due-grid");
        grid.addThemeVariants(GridVariant.LUMO_COMPACT, GridVariant.LUMO_WRAP_CELL_CONTENT);
        grid.setAllRowsVisible(true);
        grid.addColumn(d -> DisplayFormats.dateTime(d.sampledAt())).setHeader("Sampled").setAutoWidth(true);
        grid.addColumn(d -> name(d.learner())).setHeader("Learner").setAutoWidth(true);
        grid.addColumn(d -> name(d.assessor())).setHeader("Assessor").setAutoWidth(true);
        grid.addColumn(d -> d.unitCode() + " (version " + d.sheetVersion() + ")").setHeader("Sheet").setAutoWidth(true);
        grid.addColumn(DueItem::reason).setHeader("Why").setFlexGrow(2);
        grid.addComponentColumn(d -> {
            var status = new Span(d.overdue() ? "Overdue (" + d.daysWaiting() + " days)" : d.daysWaiting() + " days");
            status.addClassName(d.overdue() ? "due-overdue" : "due-waiting");
            if (d.overdue()) {
                status.getElement().getThemeList().add("badge error");
            }
            return status;
        }).setHeader("Waiting").setAutoWidth(true);
        grid.addComponentColumn(d -> {
            var link = new Anchor(d.reviewPath(), "Review");
            link.addClassName("review-link");
            link.getElement().setAttribute("aria-label", "Review " + d.unitCode() + " of " + name(d.learner()));
            return link;
        }).setHeader("Review").setAutoWidth(true);
        grid.setItems(items);
        section.add(grid);
        return section;
    }

    private Section coverage(Coverage coverage) {
        var section = new Section(new H2("Coverage"));
        section.setId("coverage");
        section.add(new Paragraph("Assessed: signed result sheet versions; sampled: drawn into a plan's sample;"
                + " reviewed: a QA review decision recorded."));
        section.add(new H3("By assessor"), counts("coverage-assessors", "Assessor", coverage.byAssessor()));
        section.add(new H3("By unit"), counts("coverage-units", "Unit", coverage.byUnit()));
        section.add(new H3("Assessment criteria in the sample"));
        if (coverage.criteria().isEmpty()) {
            section.add(new Paragraph("Nothing has been sampled yet."));
        }
        for (Coverage.UnitCriteria unit : coverage.criteria()) {
            var unitSection = new Section();
            unitSection.addClassName("coverage-unit");
            var heading = new Paragraph(unit.unitCode() + " " + unit.unitTitle());
            heading.addClassNames(LumoUtility.FontWeight.SEMIBOLD);
            List<String> missing = unit.notLookedAt();
            var summary = new Paragraph(missing.isEmpty() ? "Every AC has been looked at in a review."
                    : "Not looked at yet (" + missing.size() + " of " + unit.criteria().size() + "): "
                            + String.join(", ", missing));
            summary.addClassName("coverage-missing");
            var grid = new Grid<Coverage.Criterion>();
            grid.addThemeVariants(GridVariant.LUMO_COMPACT);
            grid.setAllRowsVisible(true);
            grid.addColumn(c -> "AC " + c.number()).setHeader("AC");
            grid.addColumn(Coverage.Criterion::sampled).setHeader("Sampled").setTextAlign(ColumnTextAlign.END);
            grid.addColumn(Coverage.Criterion::reviewed).setHeader("Reviewed").setTextAlign(ColumnTextAlign.END);
            grid.setItems(unit.criteria());
            grid.getElement().setAttribute("aria-label", "ACs of " + unit.unitCode() + " in the sample");
            unitSection.add(heading, summary, grid);
            section.add(unitSection);
        }
        return section;
    }

    private static Grid<Coverage.Row> counts(String id, String what, List<Coverage.Row> rows) {
        var grid = new Grid<Coverage.Row>();
        grid.setId(id);
        grid.addThemeVariants(GridVariant.LUMO_COMPACT);
        grid.setAllRowsVisible(true);
        grid.addColumn(Coverage.Row::label).setHeader(what);
        grid.addColumn(Coverage.Row::assessed).setHeader("Assessed").setTextAlign(ColumnTextAlign.END);
        grid.addColumn(Coverage.Row::sampled).setHeader("Sampled").setTextAlign(ColumnTextAlign.END);
        grid.addColumn(Coverage.Row::reviewed).setHeader("Reviewed").setTextAlign(ColumnTextAlign.END);
        grid.setItems(rows);
        grid.getElement().setAttribute("aria-label", "Coverage by " + what.toLowerCase());
        return grid;
    }

    private static String name(PersonRef person) {
        return person == null ? "" : person.displayName();
    }
}
