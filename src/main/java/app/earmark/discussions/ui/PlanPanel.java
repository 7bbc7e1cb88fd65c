package app.earmark.discussions.ui;

import app.earmark.base.DisplayFormats;
import app.earmark.base.ui.Notifications;
import app.earmark.discussions.AssessedCriterion;
import app.earmark.discussions.DiscussionException;
import app.earmark.discussions.DiscussionPlan;
import app.earmark.discussions.DiscussionSummary;
import app.earmark.discussions.Discussions;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.combobox.MultiSelectComboBox;
import com.vaadin.flow.component.details.Details;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.ListItem;
import com.vaadin.flow.component.html.OrderedList;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Section;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.timepicker.TimePicker;
import com.vaadin.flow.theme.lumo.LumoUtility;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The discussion's plan. The assessor writes the agreed questions, maps each to ACs, sees which ACs no
 * question covers, and shares the plan; the learner reads the plan, the questions and a blank result sheet
 * and acknowledges them; everyone else who may see the discussion reads it.
 */
class PlanPanel extends Section {

    private final DiscussionSummary discussion;
    private final Discussions discussions;
    private final List<AssessedCriterion> criteria;
    private final Map<Long, AssessedCriterion> byId;
    private final Div body = new Div();

    PlanPanel(DiscussionSummary discussion, Discussions discussions) {
        this.discussion = discussion;
        this.discussions = discussions;
        this.criteria = discussions.criteria(discussion.id());
        this.byId = criteria.stream().collect(Collectors.toMap(AssessedCriterion::id, Function.identity()));
        setId("plan");
        add(new H3("Plan"), body);
        show(discussions.plan(discussion.id()));
    }

    private void show(DiscussionPlan plan) {
        body.removeAll();
        body.add(status(plan));
        if (discussions.mayRecord(discussion)) {
            body.add(editor(plan));
        } else {
            body.add(questions(plan));
            if (plan.shared()) {
                body.add(new Details("Blank result sheet", new BlankResultSheet(criteria, discussion)));
            }
            if (plan.shared() && discussions.isLearnerOf(discussion) && !plan.acknowledged()) {
                var acknowledge = new Button("I have received and read the plan, the questions and the result sheet",
                        VaadinIcon.CHECK.create(), e -> act(() -> discussions.acknowledgePlan(discussion.id())));
                acknowledge.setId("acknowledge-plan");
                acknowledge.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
                body.add(acknowledge);
            }
        }
    }

    private Paragraph status(DiscussionPlan plan) {
        String text;
        if (!plan.shared()) {
            text = discussions.mayRecord(discussion) ? "Not yet shared with the learner."
                    : "The assessor has not shared the plan yet.";
        } else if (!plan.acknowledged()) {
            text = "Shared with the learner on " + DisplayFormats.dateTime(plan.sharedAt()) + "; not yet acknowledged.";
        } else {
            text = "Shared on " + DisplayFormats.dateTime(plan.sharedAt()) + "; acknowledged by " + plan.acknowledgedBy() + " on "
                    + DisplayFormats.dateTime(plan.acknowledgedAt()) + ".";
        }
        var status = new Paragraph(text);
        status.setId("plan-status");
        status.addClassNames(LumoUtility.TextColor.SECONDARY);
        return status;
    }

    private OrderedList questions(DiscussionPlan plan) {
        var list = new OrderedList();
        list.setId("plan-questions");
        plan.questions().forEach(q -> list.add(new ListItem(q.text() + " (" + labels(q.criterionIds()) + ")")));
        return list;
    }

    private Div editor(DiscussionPlan plan) {
        var editor = new Div();
        var startsAt = new TimePicker("Start time", plan.startsAt() != null ? plan.startsAt() : discussion.startsAt());
        startsAt.setId("plan-starts-at");
        var rows = new Div();
        List<QuestionRow> questionRows = new ArrayList<>();
        plan.questions().forEach(q -> questionRows.add(new QuestionRow(q.text(), q.criterionIds())));
        if (questionRows.isEmpty()) {
            questionRows.add(new QuestionRow("", List.of()));
        }
        questionRows.forEach(rows::add);
        var addQuestion = new Button("Add a question", VaadinIcon.PLUS.create(), e -> {
            var row = new QuestionRow("", List.of());
            questionRows.add(row);
            rows.add(row);
        });
        addQuestion.setId("add-question");
        var save = new Button("Save the plan", e -> act(() -> discussions.savePlan(discussion.id(), startsAt.getValue(),
                questionRows.stream().filter(r -> r.getParent().isPresent()).map(QuestionRow::draft).toList())));
        save.setId("save-plan");
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        var share = new Button("Share with the learner", e -> act(() -> discussions.sharePlan(discussion.id())));
        share.setId("share-plan");
        editor.add(startsAt, rows, new HorizontalLayout(addQuestion, save, share));
        if (!plan.uncovered().isEmpty()) {
            var warning = new Paragraph("No agreed question covers " + plan.uncovered().size() + " of the "
                    + criteria.size() + " ACs: " + plan.uncovered().stream().map(AssessedCriterion::label)
                    .collect(Collectors.joining(", ")) + ". Add or map questions so that every AC can be evidenced.");
            warning.setId("plan-uncovered");
            warning.addClassNames(LumoUtility.TextColor.WARNING);
            editor.add(warning);
        }
        editor.add(new Details("Blank result sheet (as the learner sees it)", new BlankResultSheet(criteria, discussion)));
        return editor;
    }

    private void act(java.util.function.Supplier<DiscussionPlan> action) {
        try {
            show(action.get());
            Notifications.success("Plan saved");
        } catch (DiscussionException e) {
            Notifications.error(e.getMessage());
        }
    }

    private String labels(List<Long> ids) {
        return ids.stream().map(byId::get).filter(c -> c != null).map(AssessedCriterion::label)
                .collect(Collectors.joining(", "));
    }

    /** One agreed question: its text and the ACs it is meant to evidence. */
    private final class QuestionRow extends HorizontalLayout {

        private final TextArea text = new TextArea("Question");
        private final MultiSelectComboBox<AssessedCriterion> acs = new MultiSelectComboBox<>("ACs");

        QuestionRow(String question, List<Long> criterionIds) {
            addClassName("plan-question");
            setWidthFull();
            text.setValue(question);
            text.setWidth("50%");
            text.setMaxLength(2000);
            acs.setItems(criteria);
            acs.setItemLabelGenerator(AssessedCriterion::label);
            acs.setValue(new HashSet<>(criterionIds.stream().map(byId::get).filter(c -> c != null).toList()));
            acs.setWidth("40%");
            var remove = new Button(VaadinIcon.TRASH.create(), e -> removeFromParent());
            remove.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
            remove.setAriaLabel("Remove this question");
            setDefaultVerticalComponentAlignment(Alignment.BASELINE);
            add(text, acs, remove);
        }

        DiscussionPlan.Draft draft() {
            return new DiscussionPlan.Draft(text.getValue(), acs.getValue().stream().map(AssessedCriterion::id)
                    .collect(Collectors.toSet()));
        }
    }
}
