package app.earmark.notes.ui;

import app.earmark.base.DisplayFormats;
import app.earmark.notes.DiscussionNotes;
import app.earmark.notes.Notes;
import app.earmark.notes.NotesState;
import app.earmark.people.LearnerSection;
import app.earmark.people.LearnerSummary;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.ListItem;
import com.vaadin.flow.component.html.Section;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.html.UnorderedList;
import com.vaadin.flow.theme.lumo.LumoUtility;
import java.util.List;
import java.util.Optional;

/**
 * On a learner's page: each of their discussions with notes, and where the notes stand; for the learner, which
 * notes changed since they authenticated them and so ask them again.
 */
@org.springframework.stereotype.Component
class NotesLearnerSection implements LearnerSection {

    private final Notes notes;

    NotesLearnerSection(Notes notes) {
        this.notes = notes;
    }

    @Override
    public int order() {
        return 5;
    }

    @Override
    public Optional<Component> create(LearnerSummary learner) {
        List<DiscussionNotes> all = notes.forLearner(learner.id()).stream()
                .filter(n -> n.state() != NotesState.NOTHING_TO_AUTHENTICATE || !n.disputes().isEmpty()).toList();
        var section = new Section(new H3("Notes of the discussions"));
        section.setId("learner-notes");
        if (all.isEmpty()) {
            section.add(NotesParts.empty("No discussion has notes to authenticate yet."));
            return Optional.of(section);
        }
        var list = new UnorderedList();
        all.forEach(n -> list.add(item(n)));
        section.add(list);
        return Optional.of(section);
    }

    /** One discussion's notes as a list item: a link to them, where they stand, and any open disputes. */
    static ListItem item(DiscussionNotes n) {
        var d = n.discussion();
        var link = new Anchor("discussions/" + d.id() + "/notes", "Discussion on " + DisplayFormats.date(
                d.heldOn()) + " (" + d.unitCodes() + ")");
        link.getStyle().set("text-decoration", "underline");
        var item = new ListItem(link);
        item.addClassName("learner-notes-item");
        item.getElement().setAttribute("data-discussion-id", String.valueOf(d.id()));
        item.getElement().setAttribute("data-state", n.state().name());
        String state = n.state() == NotesState.CHANGED && n.isLearner()
                ? "Notes changed since you authenticated them: please read them and authenticate them again"
                : n.state() == NotesState.NOT_AUTHENTICATED && n.isLearner()
                        ? "Please read the notes and authenticate or dispute them" : n.state().label();
        var span = new Span(" · " + state);
        span.addClassName(n.state() == NotesState.CHANGED ? "notes-changed" : "notes-state");
        if (n.state() == NotesState.CHANGED) {
            span.addClassNames(LumoUtility.TextColor.ERROR);
        }
        item.add(span);
        if (n.openDisputes() > 0) {
            item.add(new Span(" · " + n.openDisputes() + " open dispute" + (n.openDisputes() == 1 ? "" : "s")));
        }
        return item;
    }
}
