package app.earmark.notes.ui;

import app.earmark.base.DisplayFormats;
import app.earmark.notes.DiscussionNotes;
import app.earmark.notes.NotesAuthenticationView;
import app.earmark.notes.NotesDisputeView;
import app.earmark.notes.NotesState;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H4;
import com.vaadin.flow.component.html.ListItem;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.UnorderedList;
import com.vaadin.flow.theme.lumo.LumoUtility;

/** Parts shown both on the notes page and on the discussion page: the state of the notes, and the disputes. */
final class NotesParts {

    private NotesParts() {
    }

    /** Where the notes stand: authenticated (and by whom, when, which hash), void (why, when), or not yet. */
    static Div status(DiscussionNotes notes) {
        var box = new Div();
        box.setId("notes-status");
        box.getElement().setAttribute("data-state", notes.state().name());
        var state = new Paragraph(notes.state().label() + ".");
        state.setId("notes-state");
        state.addClassNames(LumoUtility.FontWeight.SEMIBOLD);
        box.add(state);
        switch (notes.state()) {
            case AUTHENTICATED -> {
                NotesAuthenticationView a = notes.latest().orElseThrow();
                var held = new Paragraph("Authenticated as a true record by " + a.authenticatedBy() + " on "
                        + DisplayFormats.dateTimeToSecond(a.authenticatedAt()) + ". SHA-256 " + a.sha256() + ".");
                held.setId("notes-authenticated");
                box.add(held);
            }
            case CHANGED -> {
                NotesAuthenticationView a = notes.latest().orElseThrow();
                String why = a.isVoid() ? "Void since " + DisplayFormats.dateTimeToSecond(a.voidedAt()) + ": "
                        + a.voidReason() : "Void: the notes no longer match what was authenticated.";
                var voided = new Paragraph("The authentication by " + a.authenticatedBy() + " on "
                        + DisplayFormats.dateTimeToSecond(a.authenticatedAt()) + " is void. " + why);
                voided.setId("notes-void");
                voided.addClassNames(LumoUtility.TextColor.ERROR);
                var again = new Paragraph(notes.isLearner()
                        ? "The notes changed since you authenticated them: read them again, then authenticate or"
                                + " dispute them."
                        : "The learner has been asked to authenticate the notes again.");
                again.setId("notes-changed");
                box.add(voided, again);
            }
            case NOT_AUTHENTICATED -> box.add(new Paragraph(notes.isLearner()
                    ? "Read the notes and listen to the recording, then authenticate them as a true record or"
                            + " dispute the items that are not."
                    : "The learner has not authenticated these notes yet."));
            case NOTHING_TO_AUTHENTICATE -> {
                if (notes.notAuthenticable() != null) {
                    box.add(new Paragraph(notes.notAuthenticable()));
                }
            }
        }
        if (notes.openDisputes() > 0) {
            var open = new Paragraph(notes.openDisputes() == 1 ? "1 dispute is open." : notes.openDisputes()
                    + " disputes are open.");
            open.setId("notes-open-disputes");
            open.addClassNames(LumoUtility.TextColor.ERROR);
            box.add(open);
        }
        return box;
    }

    /** One dispute: by whom, when, the comment, the items as they were, and its resolution. */
    static Div dispute(NotesDisputeView d) {
        var box = new Div();
        box.addClassName("notes-dispute");
        box.getElement().setAttribute("data-dispute-id", String.valueOf(d.id()));
        box.getElement().setAttribute("data-resolved", String.valueOf(d.resolved()));
        box.addClassNames(LumoUtility.Border.ALL, LumoUtility.BorderRadius.MEDIUM, LumoUtility.Padding.SMALL,
                LumoUtility.Margin.Bottom.SMALL);
        box.add(new H4("Dispute " + d.id() + " · " + (d.resolved() ? "resolved" : "open")));
        var said = new Paragraph("Disputed by " + d.disputedBy() + " on " + DisplayFormats.dateTimeToSecond(
                d.disputedAt()) + ": " + d.comment());
        said.addClassName("dispute-comment");
        var items = new UnorderedList();
        items.addClassName("dispute-items");
        d.items().forEach(i -> items.add(new ListItem("Tag " + i.tagId() + ": " + i.description())));
        box.add(said, items);
        if (d.resolved()) {
            var resolved = new Paragraph("Resolved by " + d.resolvedBy() + " on " + DisplayFormats.dateTimeToSecond(
                    d.resolvedAt()) + ": " + d.resolution());
            resolved.addClassName("dispute-resolution");
            box.add(resolved);
        }
        return box;
    }

    static Component empty(String text) {
        var p = new Paragraph(text);
        p.addClassNames("empty-state", LumoUtility.TextColor.SECONDARY);
        return p;
    }

    static boolean asksAgain(DiscussionNotes notes) {
        return notes.state() == NotesState.CHANGED;
    }
}
