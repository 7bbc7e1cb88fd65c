package app.earmark.notes.ui;

import app.earmark.discussions.DiscussionSection;
import app.earmark.discussions.DiscussionSummary;
import app.earmark.notes.DiscussionNotes;
import app.earmark.notes.Notes;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Section;
import java.util.Optional;

/**
 * On a discussion's page: whether the learner has authenticated the notes (or why the authentication is void),
 * the learner's disputes with their resolutions, and the way to the notes page.
 */
@org.springframework.stereotype.Component
class NotesDiscussionSection implements DiscussionSection {

    private final Notes notes;

    NotesDiscussionSection(Notes notes) {
        this.notes = notes;
    }

    @Override
    public int order() {
        return 25;
    }

    @Override
    public Optional<Component> create(DiscussionSummary discussion) {
        DiscussionNotes current = notes.notes(discussion.id());
        var section = new Section(new H3("The learner's authentication of the notes"));
        section.setId("discussion-notes");
        section.add(NotesParts.status(current));
        current.disputes().forEach(d -> section.add(NotesParts.dispute(d)));
        var open = new Anchor("discussions/" + discussion.id() + "/notes", current.isLearner()
                ? "Read, authenticate or dispute the notes" : current.mayResolve() && current.openDisputes() > 0
                ? "Answer the learner's disputes" : "Open the notes");
        open.setId("open-notes");
        section.add(new Paragraph(open));
        return Optional.of(section);
    }
}
