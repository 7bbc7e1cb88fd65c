package app.earmark.sampling.ui;

import app.earmark.base.DisplayFormats;
import app.earmark.base.ui.Notifications;
import app.earmark.people.PersonRef;
import app.earmark.sampling.AssessmentMethod;
import app.earmark.sampling.AssessmentStage;
import app.earmark.sampling.PlanDefinition;
import app.earmark.sampling.PlanView;
import app.earmark.sampling.RiskFactors;
import app.earmark.sampling.SamplingException;
import app.earmark.sampling.SamplingPlans;
import app.earmark.sampling.SamplingPlans.DrawRow;
import app.earmark.sampling.SamplingRule;
import app.earmark.security.AccessRefusedException;
import app.earmark.security.CurrentUser;
import app.earmark.security.Role;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Main;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Section;
import com.vaadin.flow.component.orderedlayout.FlexLayout;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.theme.lumo.LumoUtility;
import jakarta.annotation.security.RolesAllowed;
import java.util.ArrayList;
import java.util.List;

/**
 * Sampling plans: an IQA creates and edits their own, the administrator edits any of the centre's. Each plan has rules
 * (assessor, qualification, unit, method, stage, percentage) and risk factors; "Draw now" draws it over the signed
 * assessments it has not drawn yet, and the plan's decisions are listed with their reasons.
 */
@Route("sampling/plans")
@PageTitle("Sampling plans · Earmark")
@Menu(order = 31, icon = "vaadin:random", title = "Sampling plans")
@RolesAllowed({Role.Name.IQA, Role.Name.ADMIN})
class SamplingPlansView extends Main {

    private final SamplingPlans plans;
    private final boolean iqa;
    private final Grid<PlanView> grid = new Grid<>();
    private final Section form = new Section();
    private final Section draws = new Section();

    SamplingPlansView(SamplingPlans plans, CurrentUser currentUser) {
        this.plans = plans;
        this.iqa = currentUser.require().hasRole(Role.IQA);
        addClassNames(LumoUtility.Padding.MEDIUM);
        setId("sampling-plans");
        add(new H1("Sampling plans"), new Anchor("sampling", "Due for QA"));
        grid.setId("plans-grid");
        grid.addThemeVariants(GridVariant.LUMO_COMPACT, GridVariant.LUMO_WRAP_CELL_CONTENT);
        grid.setAllRowsVisible(true);
        grid.addColumn(PlanView::name).setHeader("Plan").setAutoWidth(true);
        grid.addColumn(p -> p.iqa() == null ? "" : p.iqa().displayName()).setHeader("IQA").setAutoWidth(true);
        grid.addColumn(p -> String.join("; ", p.ruleDescriptions())).setHeader("Rules").setFlexGrow(2);
        grid.addColumn(PlanView::version).setHeader("Version").setAutoWidth(true);
        grid.addColumn(PlanView::seed).setHeader("Seed").setAutoWidth(true);
        grid.addComponentColumn(p -> {
            var edit = new Button("Edit", e -> showForm(p));
            edit.getElement().setAttribute("aria-label", "Edit " + p.name());
            var draw = new Button("Draw now", e -> draw(p));
            draw.getElement().setAttribute("aria-label", "Draw now: " + p.name());
            var decisions = new Button("Draws", e -> showDraws(p));
            decisions.getElement().setAttribute("aria-label", "Draws of " + p.name());
            return new HorizontalLayout(edit, draw, decisions);
        }).setHeader("Actions").setAutoWidth(true);
        var intro = new Paragraph("A plan samples signed result sheet versions by the assessors its IQA quality-assures."
                + " The highest percentage of the rules that cover an assessment applies, raised by any risk factor."
                + " The draw is reproducible (the plan keeps its seed), and a changed plan never changes what was"
                + " already drawn.");
        add(intro, grid);
        if (iqa) {
            var create = new Button("New plan", e -> showForm(null));
            create.setId("new-plan");
            create.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
            add(create);
        }
        form.setId("plan-form");
        draws.setId("plan-draws");
        add(form, draws);
        refresh();
    }

    private void refresh() {
        grid.setItems(plans.plans());
    }

    private void draw(PlanView plan) {
        try {
            SamplingPlans.DrawResult result = plans.draw(plan.id());
            Notifications.success(result.drawn() == 0 ? "Nothing new to draw: every signed assessment this plan"
                    + " covers was drawn before." : "Drew " + result.drawn() + " assessment(s): " + result.sampled()
                    + " sampled.");
            showDraws(plan);
        } catch (SamplingException | AccessRefusedException ex) {
            Notifications.error(ex.getMessage());
        }
    }

    private void showDraws(PlanView plan) {
        draws.removeAll();
        List<DrawRow> rows = plans.draws(plan.id());
        draws.add(new H2("Draws of " + plan.name() + " (" + rows.size() + ")"));
        var table = new Grid<DrawRow>();
        table.setId("draws-grid");
        table.addThemeVariants(GridVariant.LUMO_COMPACT, GridVariant.LUMO_WRAP_CELL_CONTENT);
        table.setAllRowsVisible(true);
        table.addColumn(r -> DisplayFormats.dateTime(r.drawnAt())).setHeader("Drawn").setAutoWidth(true);
        table.addColumn(r -> r.learner() == null ? "" : r.learner().displayName()).setHeader("Learner").setAutoWidth(true);
        table.addColumn(r -> r.assessor() == null ? "" : r.assessor().displayName()).setHeader("Assessor")
                .setAutoWidth(true);
        table.addColumn(r -> r.unitCode() + " (version " + r.sheetVersion() + ")").setHeader("Sheet").setAutoWidth(true);
        table.addColumn(DrawRow::planVersion).setHeader("Plan version").setAutoWidth(true);
        table.addColumn(r -> r.sampled() ? "Sampled" : "Not sampled").setHeader("Outcome").setAutoWidth(true);
        table.addColumn(DrawRow::reason).setHeader("Reason").setFlexGrow(2);
        table.setItems(rows);
        draws.add(table);
    }

    private void showForm(PlanView plan) {
        form.removeAll();
        draws.removeAll();
        List<PersonRef> assessors;
        try {
            assessors = plans.assessorChoices(plan == null ? null : plan.id());
        } catch (AccessRefusedException ex) {
            Notifications.error(ex.getMessage());
            return;
        }
        form.add(new H2(plan == null ? "New plan" : "Edit plan: " + plan.name()));
        var name = new TextField("Name");
        name.setId("plan-name");
        name.setWidth("24em");
        name.setValue(plan == null ? "" : plan.name());
        var rulesBox = new Div();
        rulesBox.setId("plan-rules");
        List<RuleRow> rows = new ArrayList<>();
        Runnable[] renumber = new Runnable[1];
        renumber[0] = () -> {
            rulesBox.removeAll();
            for (int i = 0; i < rows.size(); i++) {
                rows.get(i).number(i + 1);
                rulesBox.add(rows.get(i));
            }
        };
        java.util.function.Consumer<SamplingRule> addRow = rule -> {
            RuleRow row = new RuleRow(assessors, plans.qualificationChoices(), plans.unitChoices(), rule);
            row.onRemove(() -> {
                rows.remove(row);
                renumber[0].run();
            });
            rows.add(row);
            renumber[0].run();
        };
        if (plan == null) {
            addRow.accept(new SamplingRule(null, null, null, null, null, 10));
        } else {
            plan.definition().rules().forEach(addRow);
        }
        var addRule = new Button("Add a rule", e -> addRow.accept(null));
        addRule.setId("add-rule");

        RiskFactors risks = plan == null ? new RiskFactors(5, null, null, true, true, 100) : plan.definition().risks();
        var newAssessor = new NumberInput("A new assessor's first assessments sampled at 100 %");
        newAssessor.setId("risk-new-assessor");
        newAssessor.setHelperText("0 for none");
        newAssessor.setNumber(risks.newAssessorFirst());
        var referral = new NumberInput("Referral rate above (%)");
        referral.setId("risk-referral");
        referral.setHelperText("Empty for none");
        referral.setNumber(risks.referralAbove());
        var amendment = new NumberInput("Amendment rate above (%)");
        amendment.setId("risk-amendment");
        amendment.setHelperText("Empty for none");
        amendment.setNumber(risks.amendmentAbove());
        var raised = new NumberInput("Risk factors raise the rate to (%)");
        raised.setId("risk-raised");
        raised.setNumber(risks.raisedPercentage());
        var disputes = new Checkbox("A learner's dispute of the notes", risks.disputes());
        disputes.setId("risk-disputes");
        var untimed = new Checkbox("A sheet signed with ACs that have no time counter", risks.untimedAcs());
        untimed.setId("risk-untimed");
        var riskFields = new FlexLayout(newAssessor, referral, amendment, raised);
        riskFields.setFlexWrap(FlexLayout.FlexWrap.WRAP);
        riskFields.getStyle().set("gap", "var(--lumo-space-m)");

        var save = new Button(plan == null ? "Create plan" : "Save as version " + (plan.version() + 1), e -> {
            try {
                List<SamplingRule> rules = new ArrayList<>();
                for (int i = 0; i < rows.size(); i++) {
                    rules.add(rows.get(i).rule(i + 1));
                }
                Integer first = newAssessor.number("A new assessor's first assessments");
                Integer raisedTo = raised.number("Risk factors raise the rate to");
                if (first == null || raisedTo == null) {
                    throw new SamplingException("Give the number of a new assessor's assessments (0 for none) and the"
                            + " rate risk factors raise an assessment to. Nothing was saved.");
                }
                var definition = new PlanDefinition(rules, new RiskFactors(first,
                        referral.number("Referral rate above"), amendment.number("Amendment rate above"),
                        disputes.getValue(), untimed.getValue(), raisedTo));
                PlanView saved = plan == null ? plans.create(name.getValue(), definition)
                        : plans.update(plan.id(), plan.version(), name.getValue(), definition);
                Notifications.success("Saved " + saved.name() + " (version " + saved.version() + ").");
                refresh();
                form.removeAll();
                if (plan == null) {
                    draw(saved);
                } else {
                    showDraws(saved);
                }
            } catch (SamplingException | AccessRefusedException ex) {
                Notifications.error(ex.getMessage());
            }
        });
        save.setId("save-plan");
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        var cancel = new Button("Cancel", e -> form.removeAll());
        form.add(name, new H3("Rules"), new Paragraph("Leave a choice empty for any. Percentages are from 0 to 100."),
                rulesBox, addRule, new H3("Risk factors"), riskFields, disputes, untimed,
                new HorizontalLayout(save, cancel));
        name.focus();
    }

    /** One rule of the form. */
    private static final class RuleRow extends Section {

        private final H3 title = new H3();
        private final ComboBox<PersonRef> assessor = new ComboBox<>("Assessor");
        private final ComboBox<String> qualification = new ComboBox<>("Qualification");
        private final ComboBox<String> unit = new ComboBox<>("Unit");
        private final ComboBox<AssessmentMethod> method = new ComboBox<>("Method");
        private final ComboBox<AssessmentStage> stage = new ComboBox<>("Stage");
        private final NumberInput percentage = new NumberInput("Percentage");
        private final Button remove = new Button("Remove");

        RuleRow(List<PersonRef> assessors, List<String> qualifications, List<String> units, SamplingRule rule) {
            addClassName("plan-rule");
            assessor.setItems(assessors);
            assessor.setItemLabelGenerator(PersonRef::displayName);
            assessor.setClearButtonVisible(true);
            qualification.setItems(qualifications);
            qualification.setClearButtonVisible(true);
            unit.setItems(units);
            unit.setClearButtonVisible(true);
            method.setItems(AssessmentMethod.values());
            method.setItemLabelGenerator(AssessmentMethod::label);
            method.setClearButtonVisible(true);
            stage.setItems(AssessmentStage.values());
            stage.setItemLabelGenerator(s -> s.label() + (s == AssessmentStage.SUMMATIVE ? " (signed Pass)"
                    : " (signed Referral)"));
            stage.setClearButtonVisible(true);
            percentage.setHelperText("0 to 100");
            percentage.addClassName("rule-percentage");
            if (rule != null) {
                assessors.stream().filter(a -> rule.assessorId() != null && a.id() == rule.assessorId()).findFirst()
                        .ifPresent(assessor::setValue);
                qualification.setValue(rule.qualificationCode());
                unit.setValue(rule.unitCode());
                method.setValue(rule.method());
                stage.setValue(rule.stage());
                percentage.setNumber(rule.percentage());
            }
            var fields = new FlexLayout(assessor, qualification, unit, method, stage, percentage, remove);
            fields.setFlexWrap(FlexLayout.FlexWrap.WRAP);
            fields.setAlignItems(FlexLayout.Alignment.BASELINE);
            fields.getStyle().set("gap", "var(--lumo-space-s)");
            add(title, fields);
        }

        void number(int n) {
            title.setText("Rule " + n);
            remove.getElement().setAttribute("aria-label", "Remove rule " + n);
        }

        void onRemove(Runnable action) {
            remove.addClickListener(e -> action.run());
        }

        SamplingRule rule(int n) {
            Integer percent = percentage.number("Rule " + n + ": the percentage");
            if (percent == null) {
                throw new SamplingException("Rule " + n + ": give a percentage from 0 to 100. Nothing was saved.");
            }
            return new SamplingRule(assessor.getValue() == null ? null : assessor.getValue().id(),
                    qualification.getValue(), unit.getValue(), method.getValue(), stage.getValue(), percent);
        }
    }
}
