package app.earmark.sheets.ui;

import app.earmark.base.ui.Notifications;
import app.earmark.security.AccessRefusedException;
import app.earmark.sheets.AcResult;
import app.earmark.sheets.Evaluation;
import app.earmark.sheets.ResultSheets;
import app.earmark.sheets.SheetException;
import app.earmark.sheets.SheetView;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Section;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.radiobutton.RadioButtonGroup;
import com.vaadin.flow.theme.lumo.LumoUtility;
import org.springframework.dao.OptimisticLockingFailureException;

/**
 * The assessor's decision on a draft they may write: the unit outcome they sign, Save (refused, with the
 * assessor's input kept, when someone else saved in between) and Sign (refused with the rule's reason
 * when the rules give another outcome or feedback is missing).
 */
class DecisionPanel extends Section {

    private final ResultSheets sheets;
    private final SheetForm form;
    private final Runnable signed;
    private final RadioButtonGroup<AcResult> decision = new RadioButtonGroup<>();
    private final Div conflict = new Div();
    private final Paragraph refused = new Paragraph();
    private final Paragraph saved = new Paragraph();
    private SheetView current;

    /**
     * @param signed what to do once the sheet is signed (show the signed version)
     */
    DecisionPanel(SheetView draft, SheetForm form, ResultSheets sheets, Runnable signed) {
        this.current = draft;
        this.form = form;
        this.sheets = sheets;
        this.signed = signed;
        setId("assessor-decision-panel");
        decision.setId("assessor-decision");
        decision.setLabel("Unit outcome (assessor's decision)");
        decision.setItems(AcResult.values());
        decision.setItemLabelGenerator(r -> r.label().toUpperCase());
        allow(form.evaluation());
        var save = new Button("Save", e -> save());
        save.setId("save-sheet");
        var sign = new Button("Sign…", e -> askToSign());
        sign.setId("sign-sheet");
        sign.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        conflict.setId("sheet-conflict");
        conflict.addClassNames(LumoUtility.TextColor.ERROR);
        conflict.setVisible(false);
        refused.setId("sign-refused");
        refused.addClassNames(LumoUtility.TextColor.ERROR);
        refused.setVisible(false);
        saved.setId("sheet-saved");
        saved.addClassNames(LumoUtility.TextColor.SECONDARY, LumoUtility.FontSize.SMALL);
        add(new H3("Assessor's decision"), decision, new HorizontalLayout(save, sign), saved, conflict, refused);
    }

    /**
     * Offers only the outcome the rules give for what is on the form now (none while an AC is undecided or a mark is
     * invalid), clearing a choice they no longer allow.
     */
    void allow(Evaluation evaluation) {
        AcResult allowed = evaluation.outcome();
        decision.setItemEnabledProvider(r -> r == allowed);
        if (decision.getValue() != null && decision.getValue() != allowed) {
            decision.clear();
        }
        decision.setHelperText(!evaluation.valid() ? "Outcome shown once every mark is valid"
                : allowed == null ? "Available once every AC has a decision"
                : "The rules make this unit a " + allowed.label() + ".");
    }

    /** Saves the form; true if it was saved. The input stays on the form whatever happens. */
    boolean save() {
        refused.setVisible(false);
        try {
            current = sheets.save(current.id(), current.version(), form.useMarks(), form.content());
            form.saved();
            conflict.setVisible(false);
            saved.setText("Saved version " + current.versionNumber() + " (draft).");
            Notifications.success("Saved version " + current.versionNumber() + " of the sheet (draft).");
            return true;
        } catch (OptimisticLockingFailureException e) {
            showConflict("Someone else saved this sheet at the same moment; nothing was saved.");
        } catch (SheetException e) {
            if (e.getMessage().startsWith("Someone else saved")) {
                showConflict(e.getMessage());
            } else {
                Notifications.error(e.getMessage());
            }
        } catch (AccessRefusedException e) {
            Notifications.error(e.getMessage());
        }
        return false;
    }

    private void showConflict(String message) {
        conflict.removeAll();
        conflict.add(new Paragraph(message + " Your input is still on this page: copy what you need, then reload"
                + " the sheet to see the saved version (your unsaved input is then lost)."),
                new Anchor(SheetLinks.sheet(current.learner().id(), current.unit().id()), "Reload the saved version"));
        conflict.setVisible(true);
        Notifications.error(message);
    }

    private void askToSign() {
        refused.setVisible(false);
        Evaluation evaluation = form.evaluation();
        if (!evaluation.valid()) {
            refuse("Correct the marks before signing: " + String.join(" ", evaluation.invalid()));
            return;
        }
        if (evaluation.outcome() == null) {
            refuse("The sheet cannot be signed yet: these ACs have no decision: "
                    + String.join(", ", evaluation.undecided()) + ".");
            return;
        }
        if (decision.isEmpty()) {
            refuse("Choose the unit outcome (" + evaluation.outcome().label().toUpperCase() + ", as the rules give)"
                    + " before signing.");
            return;
        }
        new SignDialog(current, decision.getValue(), form.dirty(), this::sign).open();
    }

    private void sign() {
        if (form.dirty() && !save()) {
            return;
        }
        try {
            SheetView done = sheets.sign(current.id(), current.version(), decision.getValue());
            Notifications.success("Signed version " + done.versionNumber() + ": " + done.assessorDecision().label()
                    + ". SHA-256 " + done.contentHash());
            signed.run();
        } catch (SheetException | AccessRefusedException e) {
            refuse(e.getMessage());
        }
    }

    private void refuse(String message) {
        refused.setText(message);
        refused.setVisible(true);
        Notifications.error(message);
    }
}
