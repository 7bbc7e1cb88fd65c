package app.earmark.discussions.ui;

import app.earmark.base.ui.Notifications;
import app.earmark.catalogue.Unit;
import app.earmark.discussions.DiscussionException;
import app.earmark.discussions.DiscussionMode;
import app.earmark.discussions.DiscussionSummary;
import app.earmark.discussions.Discussions;
import app.earmark.people.LearnerSummary;
import app.earmark.people.People;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.combobox.MultiSelectComboBox;
import com.vaadin.flow.component.datepicker.DatePicker;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.radiobutton.RadioButtonGroup;
import java.time.LocalDate;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/** An assessor starts a discussion with one of their learners (one learner: never a group). */
class NewDiscussionDialog extends Dialog {

    NewDiscussionDialog(Discussions discussions, People people, Consumer<DiscussionSummary> created) {
        setHeaderTitle("New discussion");
        setWidth("36rem");
        var learner = new MultiSelectComboBox<LearnerSummary>("Learner", people.assessedLearners());
        learner.setId("discussion-learner");
        learner.setItemLabelGenerator(LearnerSummary::displayName);
        learner.setHelperText("One learner: a professional discussion is individual, never a group.");
        var units = new MultiSelectComboBox<Unit>("Units assessed");
        units.setId("discussion-units");
        units.setItemLabelGenerator(Unit::label);
        units.setEnabled(false);
        learner.addValueChangeListener(e -> {
            units.clear();
            units.setEnabled(e.getValue().size() == 1);
            units.setItems(e.getValue().size() == 1 ? discussions.unitsFor(e.getValue().iterator().next().id())
                    : java.util.List.of());
        });
        var date = new DatePicker("Date", LocalDate.now());
        date.setId("discussion-date");
        var mode = new RadioButtonGroup<DiscussionMode>("Mode");
        mode.setId("discussion-mode");
        mode.setItems(DiscussionMode.values());
        mode.setItemLabelGenerator(DiscussionMode::label);
        mode.setValue(DiscussionMode.FACE_TO_FACE);

        var create = new Button("Create", e -> {
            try {
                var discussion = discussions.create(learner.getValue().stream().map(LearnerSummary::id).toList(),
                        units.getValue().stream().map(Unit::id).collect(Collectors.toSet()), date.getValue(),
                        mode.getValue());
                close();
                created.accept(discussion);
            } catch (DiscussionException ex) {
                Notifications.error(ex.getMessage());
            }
        });
        create.setId("create-discussion");
        create.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        add(new FormLayout(learner, units, date, mode));
        getFooter().add(new Button("Cancel", e -> close()), create);
    }
}
