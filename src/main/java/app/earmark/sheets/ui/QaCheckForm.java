package app.earmark.sheets.ui;

import app.earmark.base.ui.Notifications;
import app.earmark.catalogue.LearningOutcome;
import app.earmark.security.AccessRefusedException;
import app.earmark.sheets.Declarations;
import app.earmark.sheets.QaOutcome;
import app.earmark.sheets.SheetException;
import app.earmark.sheets.SheetView;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.details.Details;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.radiobutton.RadioButtonGroup;
import com.vaadin.flow.component.textfield.TextArea;
import java.util.LinkedHashMap;
import java.util.Map;

/** The IQA's QA check of a signed sheet: outcome, comment, and optional verification comments per learning outcome. */
class QaCheckForm extends Div {

    QaCheckForm(SheetView sheet, Declarations declarations, Runnable reload) {
        setId("qa-check-form");
        var outcome = new RadioButtonGroup<QaOutcome>("QA outcome");
        outcome.setId("qa-outcome");
        outcome.setItems(QaOutcome.values());
        outcome.setItemLabelGenerator(QaOutcome::label);
        var comment = new TextArea("Comment (required when action is required)");
        comment.setId("qa-comment");
        comment.setWidthFull();
        comment.setMaxLength(4000);
        Map<Integer, TextArea> verification = new LinkedHashMap<>();
        var perOutcome = new Div();
        for (LearningOutcome lo : sheet.unit().definition().learningOutcomes()) {
            var field = new TextArea("Learning outcome " + lo.number() + ": " + lo.title());
            field.setId("qa-verification-" + lo.number());
            field.setWidthFull();
            field.setMaxLength(4000);
            verification.put(lo.number(), field);
            perOutcome.add(field);
        }
        var details = new Details("Verification comments per learning outcome (optional)", perOutcome);
        var record = new Button("Record the QA check", e -> {
            Map<Integer, String> comments = new LinkedHashMap<>();
            verification.forEach((lo, field) -> comments.put(lo, field.getValue()));
            try {
                declarations.recordQaCheck(sheet.id(), outcome.getValue(), comment.getValue(), comments);
                Notifications.success("QA check recorded: " + outcome.getValue().label() + ".");
                reload.run();
            } catch (SheetException | AccessRefusedException ex) {
                Notifications.error(ex.getMessage());
            }
        });
        record.setId("record-qa-check");
        record.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        add(outcome, comment, details, record);
    }
}
