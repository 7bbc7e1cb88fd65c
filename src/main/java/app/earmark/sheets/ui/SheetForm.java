package app.earmark.sheets.ui;

import app.earmark.catalogue.AssessmentCriterion;
import app.earmark.catalogue.LearningOutcome;
import app.earmark.catalogue.Unit;
import app.earmark.sheets.Evaluation;
import app.earmark.sheets.SheetContent;
import app.earmark.sheets.SheetContent.AcEntry;
import app.earmark.sheets.SheetPreview;
import app.earmark.sheets.SheetView;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Section;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.radiobutton.RadioButtonGroup;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.data.value.ValueChangeMode;
import com.vaadin.flow.theme.lumo.LumoUtility;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The body of the sheet, learning outcome by learning outcome: each AC ({@link CriterionEditor}), the
 * optional comments on the learning outcome, and the IQA's verification comments. On a unit with a mark
 * scheme the assessor chooses marks or Pass / Referral, as the awarding body allows.
 */
class SheetForm extends Div {

    private final SheetView sheet;
    private final boolean editable;
    private final List<CriterionEditor> editors = new ArrayList<>();
    private final Map<Integer, TextArea> loComments = new LinkedHashMap<>();
    private final RadioButtonGroup<Boolean> mode = new RadioButtonGroup<>();
    private final List<Runnable> listeners = new ArrayList<>();
    private boolean dirty;

    /**
     * @param verification the IQA's verification comments by learning-outcome number (shown, never edited here)
     */
    SheetForm(SheetView sheet, boolean editable, Map<Integer, String> verification) {
        this.sheet = sheet;
        this.editable = editable;
        setId("sheet-form");
        Unit unit = sheet.unit();
        if (unit.definition().isMarked()) {
            mode.setId("sheet-mode");
            mode.setLabel("How this sheet is marked");
            mode.setItems(true, false);
            mode.setItemLabelGenerator(marks -> marks ? "Marks per AC, totalled out of "
                    + unit.definition().totalMarks() : "Pass or Referral per AC, without marks");
            mode.setValue(sheet.useMarks());
            mode.setReadOnly(!editable);
            mode.addValueChangeListener(e -> {
                editors.forEach(editor -> editor.useMarks(useMarks()));
                changed();
            });
            add(mode);
        }
        for (LearningOutcome lo : unit.definition().learningOutcomes()) {
            var section = new Section();
            section.setId("lo-" + lo.number());
            section.addClassNames("learning-outcome", LumoUtility.Margin.Vertical.MEDIUM);
            var heading = new H3("Learning outcome " + lo.number() + ": " + lo.title());
            section.add(heading);
            for (AssessmentCriterion ac : lo.assessmentCriteria()) {
                long id = unit.criterionIds().get(ac.number());
                var editor = new CriterionEditor(ac, id, sheet.content().entry(id), sheet.counters(id), editable,
                        this::changed);
                editor.useMarks(sheet.useMarks());
                editors.add(editor);
                section.add(editor);
            }
            var comments = new TextArea("Learning outcome " + lo.number() + " comments (optional)");
            comments.setId("lo-" + lo.number() + "-comments");
            comments.setWidthFull();
            comments.setMaxLength(4000);
            comments.setValueChangeMode(ValueChangeMode.LAZY);
            comments.setValue(sheet.content().loComments().getOrDefault(lo.number(), ""));
            comments.setReadOnly(!editable);
            comments.addValueChangeListener(e -> changed());
            loComments.put(lo.number(), comments);
            section.add(comments, verification(lo.number(), verification.get(lo.number())));
            add(section);
        }
    }

    private static Div verification(int lo, String text) {
        var label = new Span("Verification comments (IQA, optional): ");
        label.addClassNames(LumoUtility.TextColor.SECONDARY, LumoUtility.FontSize.SMALL);
        var value = new Span(text == null || text.isBlank() ? "none" : text);
        value.addClassNames(LumoUtility.FontSize.SMALL);
        value.getStyle().set("white-space", "pre-wrap");
        var box = new Div(label, value);
        box.setId("lo-" + lo + "-verification");
        return box;
    }

    /** Called after any change the assessor makes. */
    void addChangeListener(Runnable listener) {
        listeners.add(listener);
    }

    private void changed() {
        dirty = true;
        listeners.forEach(Runnable::run);
    }

    boolean dirty() {
        return dirty;
    }

    void saved() {
        dirty = false;
    }

    boolean useMarks() {
        return sheet.unit().definition().isMarked() ? Boolean.TRUE.equals(mode.getValue()) : false;
    }

    SheetContent content() {
        Map<Long, AcEntry> entries = new HashMap<>();
        editors.forEach(editor -> {
            AcEntry entry = editor.entry(useMarks());
            if (entry.result() != null || entry.marks() != null || entry.feedback() != null
                    || entry.otherEvidence() != null) {
                entries.put(editor.criterionId(), entry);
            }
        });
        Map<Integer, String> comments = new HashMap<>();
        loComments.forEach((lo, field) -> {
            if (!field.getValue().isBlank()) {
                comments.put(lo, field.getValue());
            }
        });
        return new SheetContent(entries, comments, sheet.content().verificationComments());
    }

    /** What the rules make of what is on the form now (of the stored version when it cannot be edited). */
    Evaluation evaluation() {
        return editable ? SheetPreview.evaluate(sheet, useMarks(), content()) : sheet.evaluation();
    }

    /** What saving the form now would refuse. */
    List<String> problems() {
        return editable ? SheetPreview.problems(sheet, useMarks(), content()) : List.of();
    }
}
