package app.earmark.base.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.textfield.TextArea;
import java.util.function.Consumer;

/**
 * Asks for the reason for removing or deleting something, then does it; the reason goes to the audit trail. A refusal
 * of the given kind (a sentence for a person) is shown and the dialog stays open; anything else propagates.
 */
public class ReasonDialog extends Dialog {

    public ReasonDialog(String title, String explanation, String action, String idPrefix,
            Class<? extends RuntimeException> refusals, Consumer<String> act) {
        setHeaderTitle(title);
        setWidth("32rem");
        var reason = new TextArea("Reason");
        reason.setId(idPrefix + "-reason");
        reason.setRequired(true);
        reason.setMaxLength(1000);
        reason.setWidthFull();
        var confirm = new Button(action, e -> {
            try {
                act.accept(reason.getValue());
                close();
            } catch (RuntimeException ex) {
                if (!refusals.isInstance(ex)) {
                    throw ex;
                }
                Notifications.error(ex.getMessage());
            }
        });
        confirm.setId(idPrefix + "-confirm");
        confirm.addThemeVariants(ButtonVariant.LUMO_PRIMARY, ButtonVariant.LUMO_ERROR);
        add(new Paragraph(explanation), reason);
        getFooter().add(new Button("Cancel", e -> close()), confirm);
    }
}
