package app.earmark.sheets.ui;

import app.earmark.catalogue.AssessmentCriterion;
import app.earmark.catalogue.Descriptors;
import app.earmark.sheets.AcResult;
import app.earmark.sheets.SheetContent.AcEntry;
import app.earmark.sheets.TimeCounterRef;
import com.vaadin.flow.component.details.Details;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H4;
import com.vaadin.flow.component.html.ListItem;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.html.UnorderedList;
import com.vaadin.flow.component.radiobutton.RadioButtonGroup;
import com.vaadin.flow.component.textfield.IntegerField;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.data.value.ValueChangeMode;
import com.vaadin.flow.theme.lumo.LumoUtility;
import java.util.List;

/**
 * One AC on the sheet: its text and sufficiency descriptors, the decision (Pass / Referral, or marks out
 * of its maximum with its minimum), the assessor's feedback, other evidence, and its annotated time
 * counters.
 */
class CriterionEditor extends Div {

    private final long criterionId;
    private final AssessmentCriterion criterion;
    private final RadioButtonGroup<AcResult> result = new RadioButtonGroup<>();
    private final IntegerField marks = new IntegerField();
    private final TextArea feedback = new TextArea("Assessor feedback on AC");
    private final TextField otherEvidence = new TextField("Other evidence");

    CriterionEditor(AssessmentCriterion criterion, long criterionId, AcEntry entry, List<TimeCounterRef> counters,
            boolean editable, Runnable changed) {
        this.criterion = criterion;
        this.criterionId = criterionId;
        String key = "ac-" + criterion.number().replace('.', '-');
        setId(key);
        addClassNames("criterion", LumoUtility.Border.BOTTOM, LumoUtility.Padding.Vertical.MEDIUM);
        var title = new H4(criterion.label());
        title.addClassNames(LumoUtility.Margin.NONE);
        var text = new Paragraph(criterion.text());
        text.addClassNames("criterion-text", LumoUtility.Margin.Top.XSMALL);
        add(title, text);
        descriptors(criterion).ifPresent(this::add);

        result.setId(key + "-result");
        result.setLabel("Pass or Referral");
        // Every AC's fields carry the same visible labels: their names say which AC they decide.
        result.setAriaLabel(criterion.label() + ": Pass or Referral");
        result.setItems(AcResult.values());
        result.setItemLabelGenerator(AcResult::label);
        result.setValue(entry.result());
        marks.setId(key + "-marks");
        marks.setLabel("Marks");
        marks.setAriaLabel(criterion.label() + ": Marks");
        marks.setWidth("8em");
        marks.setValueChangeMode(ValueChangeMode.EAGER);
        marks.setMin(0);
        var messages = new IntegerField.IntegerFieldI18n().setMinErrorMessage("At least 0 marks")
                .setBadInputErrorMessage("Whole marks only, e.g. 4");
        if (criterion.marks() != null) {
            marks.setMax(criterion.marks());
            messages.setMaxErrorMessage("At most " + criterion.marks() + " marks");
            marks.setSuffixComponent(new Span("/ " + criterion.marks()));
            marks.setHelperText("min. of " + criterion.minimum());
        }
        marks.setI18n(messages);
        marks.setValue(entry.marks());
        feedback.setId(key + "-feedback");
        feedback.setWidthFull();
        feedback.setMaxLength(4000);
        feedback.setValueChangeMode(ValueChangeMode.LAZY);
        feedback.setValue(entry.feedback() == null ? "" : entry.feedback());
        otherEvidence.setId(key + "-evidence");
        otherEvidence.setWidthFull();
        otherEvidence.setMaxLength(4000);
        otherEvidence.setHelperText("Evidence other than the recording, e.g. \"portfolio p. 12\"");
        otherEvidence.setValueChangeMode(ValueChangeMode.LAZY);
        otherEvidence.setValue(entry.otherEvidence() == null ? "" : entry.otherEvidence());

        var decision = new Div(result, marks);
        decision.addClassNames(LumoUtility.Display.FLEX, LumoUtility.Gap.MEDIUM);
        add(decision, feedback, otherEvidence, TimeCounters.of(counters));
        result.setReadOnly(!editable);
        marks.setReadOnly(!editable);
        feedback.setReadOnly(!editable);
        otherEvidence.setReadOnly(!editable);
        result.addValueChangeListener(e -> changed.run());
        marks.addValueChangeListener(e -> changed.run());
        feedback.addValueChangeListener(e -> changed.run());
        otherEvidence.addValueChangeListener(e -> changed.run());
    }

    /** Shows the field for the kind of sheet: marks, or Pass / Referral. */
    void useMarks(boolean useMarks) {
        marks.setVisible(useMarks);
        result.setVisible(!useMarks);
    }

    long criterionId() {
        return criterionId;
    }

    AssessmentCriterion criterion() {
        return criterion;
    }

    /** What the fields hold, for the kind of sheet chosen (the other kind's value is left out). */
    AcEntry entry(boolean useMarks) {
        return new AcEntry(useMarks ? null : result.getValue(), useMarks ? marks() : null, text(feedback.getValue()),
                text(otherEvidence.getValue()));
    }

    /** The marks typed, even when out of range (the field shows why, the rules compute nothing from them). */
    private Integer marks() {
        return marks.getValue();
    }

    private static String text(String value) {
        return value == null || value.isBlank() ? null : value;
    }

    private static java.util.Optional<Details> descriptors(AssessmentCriterion ac) {
        Descriptors d = ac.descriptors();
        if (d.isEmpty() && ac.depth() == null && ac.guidance() == null) {
            return java.util.Optional.empty();
        }
        var columns = new Div();
        columns.addClassNames(LumoUtility.Display.GRID, LumoUtility.Gap.MEDIUM, LumoUtility.FontSize.SMALL);
        columns.getStyle().set("grid-template-columns", "repeat(auto-fit, minmax(14rem, 1fr))");
        column(columns, "Referral", d.referral());
        column(columns, ac.marks() == null ? "Pass" : "Pass [" + ac.minimum() + "/" + ac.marks() + "]", d.pass());
        column(columns, "Good Pass", d.goodPass());
        column(columns, "Depth", ac.depth() == null ? List.of() : List.of(ac.depth()));
        column(columns, "Assessment guidance", ac.guidance() == null ? List.of() : List.of(ac.guidance()));
        var details = new Details(d.isEmpty() ? "Depth and guidance" : "Sufficiency descriptors", columns);
        details.addClassName("descriptors");
        return java.util.Optional.of(details);
    }

    private static void column(Div columns, String heading, List<String> bullets) {
        if (bullets.isEmpty()) {
            return;
        }
        var list = new UnorderedList();
        bullets.forEach(b -> list.add(new ListItem(b)));
        var title = new Span(heading);
        title.addClassNames(LumoUtility.FontWeight.SEMIBOLD);
        columns.add(new Div(title, list));
    }
}
