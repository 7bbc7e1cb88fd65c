package app.earmark.observation.ui;

import app.earmark.base.TimeFormat;
import app.earmark.base.ui.Notifications;
import app.earmark.discussions.DiscussionSection;
import app.earmark.discussions.DiscussionSummary;
import app.earmark.observation.LiveObservations;
import app.earmark.observation.ObservationException;
import app.earmark.observation.ObservationNoteView;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.ListItem;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Section;
import com.vaadin.flow.component.html.UnorderedList;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import java.util.List;
import java.util.Optional;

/**
 * On a discussion's page: for an IQA assigned to its assessor, marking it for live observation, the way in to
 * observe, and their own observation notes (never mixed with the assessor's tags); for the assessor and the
 * learner, which IQAs marked it.
 */
@org.springframework.stereotype.Component
class ObservationSection implements DiscussionSection {

    private final LiveObservations observations;

    ObservationSection(LiveObservations observations) {
        this.observations = observations;
    }

    @Override
    public int order() {
        return 40;
    }

    @Override
    public Optional<Component> create(DiscussionSummary discussion) {
        var section = new Section();
        section.setId("live-observation");
        if (observations.mayMark(discussion)) {
            fillForIqa(section, discussion);
            return Optional.of(section);
        }
        if (!observations.anyMarks(discussion.id())) {
            return Optional.empty();
        }
        List<String> iqas = observations.markedBy(discussion.id());
        var text = new Paragraph("Marked for live observation by " + String.join(", ", iqas) + " (IQA): while it is"
                + " recorded live they may listen a few seconds behind, and this page says so while they do.");
        text.setId("observation-marked-notice");
        section.add(new H3("Live observation"), text);
        return Optional.of(section);
    }

    private void fillForIqa(Section section, DiscussionSummary discussion) {
        section.removeAll();
        long id = discussion.id();
        boolean marked = observations.isMarkedByMe(id);
        section.add(new H3("Live observation"));
        var status = new Paragraph(marked ? "You have marked this discussion for live observation: Earmark tells you"
                + " on any page when its live recording starts." : "Mark this discussion to listen to it live, a few"
                + " seconds behind, when the assessor records it in Earmark. The assessor and the learner see that"
                + " you marked it, and when you are listening.");
        status.setId("observation-status");
        section.add(status);
        var actions = new HorizontalLayout();
        if (marked) {
            var observe = new Button("Observe live", VaadinIcon.HEADPHONES.create(), e -> e.getSource().getUI()
                    .ifPresent(ui -> ui.navigate("discussions/" + id + "/observe")));
            observe.setId("observe-live");
            observe.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
            var unmark = new Button("Stop marking for live observation", e -> {
                try {
                    observations.unmark(id);
                    fillForIqa(section, discussion);
                } catch (ObservationException ex) {
                    Notifications.error(ex.getMessage());
                }
            });
            unmark.setId("unmark-observation");
            actions.add(observe, unmark);
        } else {
            var mark = new Button("Mark for live observation", VaadinIcon.EYE.create(), e -> {
                try {
                    observations.mark(id);
                    Notifications.success("Marked for live observation.");
                    fillForIqa(section, discussion);
                } catch (ObservationException ex) {
                    Notifications.error(ex.getMessage());
                }
            });
            mark.setId("mark-observation");
            mark.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
            actions.add(mark);
        }
        section.add(actions);
        List<ObservationNoteView> notes = observations.myNotes(id);
        if (!notes.isEmpty()) {
            var list = new UnorderedList();
            list.setId("observation-notes-after");
            notes.forEach(n -> {
                var item = new ListItem("Recording " + n.recordingId() + " at " + TimeFormat.counter(n.atMs()) + ": "
                        + n.text());
                item.addClassName("observation-note");
                list.add(item);
            });
            section.add(new Paragraph("Your observation notes (only you see them; they are not the assessor's"
                    + " tags):"), list);
        }
    }
}
