package app.earmark.discussions.ui;

import app.earmark.base.ui.Notifications;
import app.earmark.catalogue.Unit;
import app.earmark.discussions.DiscussionException;
import app.earmark.discussions.DiscussionMode;
import app.earmark.discussions.DiscussionSummary;
import app.earmark.discussions.Discussions;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.combobox.MultiSelectComboBox;
import com.vaadin.flow.component.datepicker.DatePicker;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.radiobutton.RadioButtonGroup;
import com.vaadin.flow.component.textfield.TextArea;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/** The assessor corrects a discussion's date, mode or units, giving the reason (kept in the audit trail). */
class CorrectDiscussionDialog extends Dialog {

    CorrectDiscussionDialog(DiscussionSummary discussion, Discussions discussions, Consumer<DiscussionSummary> saved) {
        setHeaderTitle("Correct the discussion's details");
        setWidth("36rem");
        var date = new DatePicker("Date", discussion.heldOn());
        date.setId("correct-date");
        var mode = new RadioButtonGroup<DiscussionMode>("Mode");
        mode.setId("correct-mode");
        mode.setItems(DiscussionMode.values());
        mode.setItemLabelGenerator(DiscussionMode::label);
        mode.setValue(discussion.mode());
        var units = new MultiSelectComboBox<Unit>("Units assessed");
        units.setId("correct-units");
        units.setItemLabelGenerator(Unit::label);
        var choices = new java.util.ArrayList<>(discussions.unitsFor(discussion.learner().id()));
        units.setItems(choices);
        units.setValue(choices.stream().filter(u -> discussion.units().stream().anyMatch(r -> r.id() == u.id()))
                .collect(Collectors.toSet()));
        var reason = new TextArea("Reason for the correction");
        reason.setId("correct-reason");
        reason.setRequired(true);
        reason.setMaxLength(1000);
        reason.setHelperText("Kept in the audit trail with what changed.");

        var save = new Button("Save the correction", e -> {
            try {
                var corrected = discussions.correct(discussion.id(), date.getValue(), mode.getValue(),
                        units.getValue().stream().map(Unit::id).collect(Collectors.toSet()), reason.getValue());
                close();
                Notifications.success("Discussion corrected.");
                saved.accept(corrected);
            } catch (DiscussionException ex) {
                Notifications.error(ex.getMessage());
            }
        });
        save.setId("save-correction");
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        add(new FormLayout(date, mode, units, reason));
        getFooter().add(new Button("Cancel", e -> close()), save);
    }
}
