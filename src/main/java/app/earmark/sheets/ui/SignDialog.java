package app.earmark.sheets.ui;

import app.earmark.sheets.AcResult;
import app.earmark.sheets.SheetView;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.html.Paragraph;

/** Asks the assessor to confirm their signature: what they sign, and that the signed version cannot change. */
class SignDialog extends Dialog {

    SignDialog(SheetView sheet, AcResult decision, boolean unsavedChanges, Runnable sign) {
        setId("sign-dialog");
        setHeaderTitle("Sign version " + sheet.versionNumber() + " as " + decision.label() + "?");
        add(new Paragraph("You are signing the " + (sheet.useMarks() ? "mark" : "result") + " sheet of "
                + sheet.learner().displayName() + " for unit " + sheet.unit().code() + " with the unit outcome "
                + decision.label().toUpperCase() + "."));
        if (unsavedChanges) {
            add(new Paragraph("Your unsaved changes are saved first."));
        }
        add(new Paragraph("Once signed, this version and its time counters are frozen and fingerprinted (SHA-256):"
                + " it cannot be changed. A later change is an amendment, which starts a new version and keeps this"
                + " one as it is."));
        var cancel = new Button("Cancel", e -> close());
        cancel.setId("cancel-sign");
        var confirm = new Button("Sign as " + decision.label(), e -> {
            close();
            sign.run();
        });
        confirm.setId("confirm-sign");
        confirm.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        getFooter().add(cancel, confirm);
    }
}
