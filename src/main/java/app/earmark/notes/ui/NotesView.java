package app.earmark.notes.ui;

import app.earmark.base.DisplayFormats;
import app.earmark.base.TimeFormat;
import app.earmark.base.ui.Notifications;
import app.earmark.recordings.RecordingState;
import app.earmark.recordings.RecordingSummary;
import app.earmark.notes.DiscussionNotes;
import app.earmark.notes.Notes;
import app.earmark.notes.NotesAuthenticationView;
import app.earmark.notes.NotesDisputeView;
import app.earmark.notes.NotesException;
import app.earmark.notes.NotesState;
import app.earmark.security.AccessRefusedException;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.ListItem;
import com.vaadin.flow.component.html.Main;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Section;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.html.UnorderedList;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.dom.Element;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.theme.lumo.LumoUtility;
import jakarta.annotation.security.PermitAll;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * A discussion's notes (its tags with their notes) beside its recordings. The learner authenticates them as a true
 * record (the page sends back the hash of what it showed) or disputes named items with a comment; the assessor
 * answers and resolves disputes; the IQA and the administrator read. The service decides who may do what.
 */
@Route("discussions/:id/notes")
@PageTitle("Notes · Earmark")
@PermitAll
class NotesView extends Main implements BeforeEnterObserver {

    private final Notes notes;
    private long discussionId;
    private final Paragraph message = new Paragraph();

    NotesView(Notes notes) {
        this.notes = notes;
        addClassNames(LumoUtility.Padding.MEDIUM);
        message.setId("notes-message");
        message.getElement().setAttribute("role", "alert");
        message.addClassNames(LumoUtility.TextColor.ERROR);
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        discussionId = event.getRouteParameters().getLong("id").orElse(-1L);
        message.setText("");
        show();
    }

    private void show() {
        removeAll();
        DiscussionNotes current;
        try {
            current = notes.notes(discussionId);
        } catch (AccessRefusedException e) {
            var refused = new Paragraph(e.getMessage());
            refused.setId("access-refused");
            refused.addClassNames(LumoUtility.TextColor.ERROR);
            add(new H1("Not available"), refused);
            return;
        }
        var d = current.discussion();
        var back = new Anchor("discussions/" + d.id(), "← Discussion");
        back.setId("notes-back");
        add(back);
        var title = new H1("Notes of the discussion on " + DisplayFormats.date(d.heldOn()));
        title.setId("notes-title");
        var facts = new Paragraph(d.learner().displayName() + " with " + d.assessor().displayName() + " · "
                + d.unitCodes());
        facts.addClassNames(LumoUtility.TextColor.SECONDARY);
        add(title, facts, message, NotesParts.status(current));
        add(recordings(current));
        add(items(current));
        add(disputes(current));
        add(history(current));
    }

    private Section recordings(DiscussionNotes current) {
        var section = new Section(new H2("Recordings"));
        section.setId("notes-recordings");
        if (current.recordings().isEmpty()) {
            section.add(NotesParts.empty("This discussion has no recording."));
        }
        for (RecordingSummary r : current.recordings()) {
            var label = new Paragraph("Recording " + r.id() + " · " + r.originalName()
                    + (r.sha256() == null ? "" : " · SHA-256 " + r.sha256()));
            label.addClassNames(LumoUtility.FontSize.SMALL, LumoUtility.TextColor.SECONDARY);
            section.add(label);
            if (r.state() == RecordingState.READY) {
                section.add(player(r));
            } else {
                section.add(NotesParts.empty("Not playable yet: " + r.state().label().toLowerCase(
                        java.util.Locale.ROOT) + "."));
            }
        }
        return section;
    }

    /** The browser's own player on the recording's streamed rendition (Range requests, access checked on each). */
    private static Component player(RecordingSummary recording) {
        var holder = new Div();
        var media = new Element(recording.isVideo() ? "video" : "audio");
        media.setAttribute("controls", true);
        media.setAttribute("preload", "metadata");
        media.setAttribute("src", recording.renditionUrl());
        media.setAttribute("id", "notes-player-" + recording.id());
        media.setAttribute("aria-label", "Recording " + recording.id());
        media.getClassList().add("recording-player");
        if (recording.posterUrl() != null) {
            media.setAttribute("poster", recording.posterUrl());
        }
        media.getStyle().set("width", "100%");
        if (recording.isVideo()) {
            media.getStyle().set("max-height", "50vh").set("background", "black");
        }
        holder.getElement().appendChild(media);
        return holder;
    }

    private Section items(DiscussionNotes current) {
        var section = new Section(new H2("The assessor's notes"));
        section.setId("notes-items");
        if (current.items().isEmpty()) {
            section.add(NotesParts.empty("No tags or notes yet."));
            return section;
        }
        boolean mayDispute = current.isLearner();
        Map<Long, Checkbox> chosen = new LinkedHashMap<>();
        for (DiscussionNotes.NoteItem item : current.items()) {
            var row = new Div();
            row.addClassName("note-item");
            row.getElement().setAttribute("data-tag-id", String.valueOf(item.tagId()));
            row.addClassNames(LumoUtility.Display.FLEX, LumoUtility.Gap.MEDIUM, LumoUtility.AlignItems.BASELINE,
                    LumoUtility.Padding.Vertical.XSMALL);
            String when = TimeFormat.counter(item.startMs()) + (item.endMs() == null ? "" : "–"
                    + TimeFormat.counter(item.endMs()));
            var play = new Button(when, VaadinIcon.PLAY.create(), e -> e.getSource().getElement().executeJs(
                    "const m = document.getElementById($0); if (m) { m.currentTime = $1; m.play().catch(() => {}); }",
                    "notes-player-" + item.recordingId(), item.startMs() / 1000.0));
            play.addThemeVariants(ButtonVariant.LUMO_TERTIARY, ButtonVariant.LUMO_SMALL);
            play.getElement().setAttribute("aria-label", "Play from " + when);
            play.addClassName("note-play");
            if (mayDispute) {
                var box = new Checkbox("Dispute the item at " + when);
                box.addClassName("note-dispute");
                chosen.put(item.tagId(), box);
                row.add(box);
            }
            var acs = new Span(item.criteria());
            acs.addClassNames(LumoUtility.FontWeight.SEMIBOLD);
            var note = new Span(item.note() == null ? "(no note)" : item.note());
            note.addClassName("note-text");
            row.add(play, acs, note);
            section.add(row);
        }
        if (mayDispute) {
            section.add(learnerActions(current, chosen));
        }
        return section;
    }

    private Component learnerActions(DiscussionNotes current, Map<Long, Checkbox> chosen) {
        var actions = new Div();
        actions.setId("notes-learner-actions");
        if (current.notAuthenticable() == null && current.state() != NotesState.AUTHENTICATED) {
            String shown = current.sha256();
            var statement = new Paragraph("By authenticating, you confirm that these notes and tags are a true record"
                    + " of the discussion in the recording" + (current.recordings().size() == 1 ? "" : "s")
                    + " above.");
            var authenticate = new Button("Authenticate as a true record", VaadinIcon.CHECK.create(),
                    e -> act(() -> notes.authenticate(discussionId, shown), "You authenticated the notes."));
            authenticate.setId("authenticate-notes");
            authenticate.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
            actions.add(statement, authenticate);
        }
        var comment = new TextArea("What is wrong with the items you chose");
        comment.setId("dispute-comment");
        comment.setWidthFull();
        comment.setMaxLength(Notes.MAX_COMMENT);
        var dispute = new Button("Dispute the chosen items", VaadinIcon.FLAG.create(), e -> act(() -> notes.dispute(
                discussionId, chosen.entrySet().stream().filter(c -> c.getValue().getValue()).map(Map.Entry::getKey)
                        .collect(Collectors.toSet()), comment.getValue()),
                "Your dispute was sent to the assessor and the IQA."));
        dispute.setId("dispute-notes");
        actions.add(new H3("Dispute items"), new Paragraph("Tick the items that are not a true record and say why."),
                comment, dispute);
        return actions;
    }

    private Section disputes(DiscussionNotes current) {
        var section = new Section(new H2("Disputes"));
        section.setId("notes-disputes");
        if (current.disputes().isEmpty()) {
            section.add(NotesParts.empty("No item of these notes has been disputed."));
        }
        for (NotesDisputeView d : current.disputes()) {
            var box = NotesParts.dispute(d);
            if (current.mayResolve() && !d.resolved()) {
                var answer = new TextArea("Your answer to the learner");
                answer.setId("resolve-comment-" + d.id());
                answer.setWidthFull();
                answer.setMaxLength(Notes.MAX_COMMENT);
                var resolve = new Button("Resolve the dispute", VaadinIcon.CHECK.create(), e -> act(
                        () -> notes.resolve(d.id(), answer.getValue()), "The dispute is resolved."));
                resolve.setId("resolve-" + d.id());
                box.add(answer, new HorizontalLayout(resolve));
            }
            section.add(box);
        }
        return section;
    }

    private static Section history(DiscussionNotes current) {
        var section = new Section(new H2("Authentications"));
        section.setId("notes-history");
        if (current.authentications().isEmpty()) {
            section.add(NotesParts.empty("The notes have never been authenticated."));
            return section;
        }
        var list = new UnorderedList();
        for (NotesAuthenticationView a : current.authentications()) {
            var item = new ListItem("By " + a.authenticatedBy() + " on " + DisplayFormats.dateTimeToSecond(
                    a.authenticatedAt()) + " (SHA-256 " + a.sha256() + "): " + (a.isVoid() ? "void since "
                    + DisplayFormats.dateTimeToSecond(a.voidedAt()) + ". " + a.voidReason() : "holds."));
            item.addClassName("notes-authentication");
            item.getElement().setAttribute("data-void", String.valueOf(a.isVoid()));
            list.add(item);
        }
        section.add(list);
        return section;
    }

    private void act(Supplier<?> action, String done) {
        try {
            action.get();
            show();
            message.setText("");
            Notifications.success(done);
        } catch (NotesException | AccessRefusedException e) {
            show();
            message.setText(e.getMessage());
        }
    }
}
