package app.earmark.sheets.ui;

import app.earmark.sheets.AcResult;
import app.earmark.sheets.SheetView;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.progressbar.ProgressBar;

/**
 * Asks the assessor to confirm their signature: what they sign, and that the signed version cannot change. As they
 * confirm, the browser itself disables the button and shows "Signing…" with a progress bar, before the request leaves,
 * so the progress is on screen while the server signs; the dialog closes when the signature is made (or refused).
 */
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
        var bar = new ProgressBar();
        bar.setIndeterminate(true);
        var label = new Paragraph("Signing…");
        label.setId("sign-progress-label");
        var progress = new Div(label, bar);
        progress.setId("sign-progress");
        progress.getElement().setAttribute("role", "status");
        // Hidden by the attribute, not setVisible(false): Flow would not send an invisible component's content.
        progress.getElement().setAttribute("hidden", true);
        bar.getElement().setAttribute("aria-labelledby", "sign-progress-label");
        add(progress);
        var cancel = new Button("Cancel", e -> close());
        cancel.setId("cancel-sign");
        var confirm = new Button("Sign as " + decision.label());
        confirm.setId("confirm-sign");
        confirm.setDisableOnClick(true);
        confirm.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        // Shown by the browser on the click itself: the server answers only once the signature is made.
        confirm.getElement().executeJs("""
                this.addEventListener('click', () => {
                  this.textContent = 'Signing…';
                  const progress = document.getElementById('sign-progress');
                  if (progress) { progress.hidden = false; }
                  const cancel = document.getElementById('cancel-sign');
                  if (cancel) { cancel.disabled = true; }
                });""");
        confirm.addClickListener(e -> {
            setCloseOnEsc(false);
            setCloseOnOutsideClick(false);
            try {
                sign.run();
            } finally {
                close();
            }
        });
        getFooter().add(cancel, confirm);
    }
}
