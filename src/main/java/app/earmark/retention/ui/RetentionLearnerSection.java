package app.earmark.retention.ui;

import app.earmark.base.ui.Notifications;
import app.earmark.people.LearnerSection;
import app.earmark.people.LearnerSummary;
import app.earmark.retention.Retention;
import app.earmark.retention.Retention.HoldView;
import app.earmark.retention.RetentionException;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.ListItem;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Section;
import com.vaadin.flow.component.html.UnorderedList;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.textfield.TextField;
import java.util.List;
import java.util.Optional;

/**
 * On a learner's page, for an IQA who quality-assures their assessor, an EQA whose grant covers them, or the
 * administrator: the holds in force on the learner's recordings, and placing a hold on all of them.
 */
@org.springframework.stereotype.Component
class RetentionLearnerSection implements LearnerSection {

    private final Retention retention;

    RetentionLearnerSection(Retention retention) {
        this.retention = retention;
    }

    @Override
    public int order() {
        return 900;
    }

    @Override
    public Optional<Component> create(LearnerSummary learner) {
        if (!retention.mayHold(learner.id())) {
            return Optional.empty();
        }
        var section = new Section();
        section.setId("retention-learner-holds");
        fill(section, learner);
        return Optional.of(section);
    }

    private void fill(Section section, LearnerSummary learner) {
        section.removeAll();
        section.add(new H3("Retention holds"));
        List<HoldView> holds = retention.holdsOf(learner.id());
        if (holds.isEmpty()) {
            section.add(new Paragraph("No hold is in force: " + learner.displayName() + "'s recordings are deleted"
                    + " under the centre's retention rule when it falls due."));
        } else {
            var list = new UnorderedList();
            holds.forEach(h -> list.add(new ListItem((h.discussionLabel() == null ? "All recordings"
                    : "Recordings of " + h.discussionLabel()) + ": " + h.hold().reason() + " (" + h.hold().placedBy()
                    + ")")));
            section.add(list);
        }
        var reason = new TextField("Reason for a hold on all their recordings");
        reason.setId("learner-hold-reason");
        reason.setMaxLength(2000);
        var place = new Button("Place a hold", e -> {
            try {
                retention.placeHold(learner.id(), null, reason.getValue());
                Notifications.success("Hold placed on " + learner.displayName() + "'s recordings.");
                fill(section, learner);
            } catch (RetentionException | app.earmark.security.AccessRefusedException ex) {
                Notifications.error(ex.getMessage());
            }
        });
        place.setId("learner-hold-place");
        place.addThemeVariants(ButtonVariant.LUMO_SMALL);
        var row = new HorizontalLayout(reason, place);
        row.setDefaultVerticalComponentAlignment(com.vaadin.flow.component.orderedlayout.FlexComponent.Alignment.BASELINE);
        section.add(row);
    }
}
