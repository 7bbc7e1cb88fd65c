package app.earmark.observation.ui;

import app.earmark.base.TimeFormat;
import app.earmark.base.ui.Notifications;
import app.earmark.discussions.DiscussionSummary;
import app.earmark.recordings.RecordingSummary;
import app.earmark.observation.LiveObservations;
import app.earmark.observation.LiveObservations.Observation;
import app.earmark.observation.ObservationException;
import app.earmark.observation.ObservationHub;
import app.earmark.observation.ObservationNoteView;
import app.earmark.security.AccessRefusedException;
import app.earmark.security.Role;
import com.vaadin.flow.component.DetachEvent;
import com.vaadin.flow.component.Key;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.ListItem;
import com.vaadin.flow.component.html.Main;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Section;
import com.vaadin.flow.component.html.UnorderedList;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.theme.lumo.LumoUtility;
import jakarta.annotation.security.RolesAllowed;

/**
 * An IQA listening to a discussion's live recording a few seconds behind, with notes dropped at the moment they
 * hear. Waits for the recording to start if it has not yet. Only the IQA who marked the discussion.
 */
@Route("discussions/:id/observe")
@PageTitle("Observe live · Earmark")
@RolesAllowed(Role.Name.IQA)
class ObserveView extends Main implements BeforeEnterObserver {

    private final LiveObservations observations;
    private final ObservationHub hub;
    private final Section player = new Section();
    private final UnorderedList noteList = new UnorderedList();
    private long discussionId = -1;
    private Runnable stopWaiting;
    private Runnable stopObserving;

    ObserveView(LiveObservations observations, ObservationHub hub) {
        this.observations = observations;
        this.hub = hub;
        addClassNames(LumoUtility.Padding.MEDIUM);
        player.setId("observe-player");
        noteList.setId("observation-notes");
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        stop();
        removeAll();
        player.removeAll();
        noteList.removeAll();
        discussionId = event.getRouteParameters().getLong("id").orElse(-1L);
        Observation observation;
        try {
            observation = observations.open(discussionId);
        } catch (AccessRefusedException e) {
            var refused = new Paragraph(e.getMessage());
            refused.setId("access-refused");
            add(refused);
            discussionId = -1;
            return;
        }
        DiscussionSummary d = observation.discussion();
        var title = new H1("Observe live: " + d.learner().displayName() + ", " + d.unitCodes());
        title.setId("observe-title");
        var facts = new Paragraph("Assessor " + d.assessor().displayName() + ". The assessor and the learner see that"
                + " you are observing while this page is open.");
        facts.addClassNames(LumoUtility.TextColor.SECONDARY);
        add(new Anchor("discussions/" + d.id(), "← Discussion"), title, facts, player);
        observation.liveRecording().ifPresentOrElse(this::play, this::waitForStart);
        observations.myNotes(d.id()).forEach(this::showNote);
        add(new H2("Your notes"), noteList);
    }

    private void waitForStart() {
        var waiting = new Paragraph("The live recording has not started. This page starts playing as soon as the"
                + " assessor starts recording.");
        waiting.setId("observe-waiting");
        waiting.getElement().setAttribute("role", "status");
        player.add(waiting);
        UI ui = UI.getCurrent();
        long id = discussionId;
        stopWaiting = hub.listenForRecording(id, started -> ui.access(() -> {
            if (discussionId == id && stopObserving == null) {
                // Opened like any other opening: checked and audited.
                observations.open(id).liveRecording().ifPresent(this::play);
            }
        }));
    }

    private void play(RecordingSummary recording) {
        player.removeAll();
        var live = new LivePlayer(recording.id());
        live.addEndedListener(e -> stopObserving());
        var note = new TextArea("Note at the moment you hear");
        note.setId("observation-note");
        note.setMaxLength(2000);
        note.setWidthFull();
        var add = new Button("Add note", e -> addNote(live, recording, note));
        add.setId("add-observation-note");
        add.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        add.addClickShortcut(Key.ENTER, com.vaadin.flow.component.KeyModifier.CONTROL);
        var hint = new Paragraph("Ctrl+Enter adds the note at the time you are hearing.");
        hint.addClassNames(LumoUtility.TextColor.SECONDARY, LumoUtility.FontSize.SMALL);
        player.add(live, note, new HorizontalLayout(add), hint);
        if (stopObserving == null) {
            stopObserving = observations.observing(discussionId);
        }
    }

    private void addNote(LivePlayer live, RecordingSummary recording, TextArea note) {
        live.currentTime().then(Double.class, seconds -> {
            try {
                long atMs = Math.round((seconds == null ? 0 : seconds) * 1000);
                ObservationNoteView saved = observations.addNote(discussionId, recording.id(), atMs, note.getValue());
                showNote(saved);
                note.clear();
                note.focus();
                Notifications.success("Note added at " + TimeFormat.counter(saved.atMs()) + ".");
            } catch (ObservationException e) {
                Notifications.error(e.getMessage());
            }
        });
    }

    private void showNote(ObservationNoteView note) {
        var item = new ListItem(TimeFormat.counter(note.atMs()) + " – " + note.text());
        item.addClassName("observation-note");
        noteList.add(item);
    }

    @Override
    protected void onDetach(DetachEvent event) {
        stop();
    }

    private void stopObserving() {
        if (stopObserving != null) {
            stopObserving.run();
            stopObserving = null;
        }
    }

    private void stop() {
        stopObserving();
        if (stopWaiting != null) {
            stopWaiting.run();
            stopWaiting = null;
        }
    }
}
