package app.earmark.discussions.ui;

import app.earmark.base.ui.Notifications;
import app.earmark.discussions.DiscussionException;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.textfield.TextArea;
import java.util.function.Consumer;

/** Asks for the reason for removing or deleting something, then does it; the reason goes to the audit trail. */
class ReasonDialog extends Dialog {

    ReasonDialog(String title, String explanation, String action, String idPrefix, Consumer<String> act) {
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
            } catch (DiscussionException ex) {
                Notifications.error(ex.getMessage());
            }
        });
        confirm.setId(idPrefix + "-confirm");
        confirm.addThemeVariants(ButtonVariant.LUMO_PRIMARY, ButtonVariant.LUMO_ERROR);
        add(new Paragraph(explanation), reason);
        getFooter().add(new Button("Cancel", e -> close()), confirm);
    }
}
