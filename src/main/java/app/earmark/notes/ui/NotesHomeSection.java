package app.earmark.notes.ui;

import app.earmark.notes.DiscussionNotes;
import app.earmark.notes.Notes;
import app.earmark.notes.NotesState;
import app.earmark.people.HomeSection;
import app.earmark.security.CurrentUser;
import app.earmark.security.EarmarkPrincipal;
import app.earmark.security.Role;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Section;
import com.vaadin.flow.component.html.UnorderedList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * On a learner's home page: the discussions whose notes wait for them (never authenticated, or changed since they
 * authenticated them), so that a learner asked again sees it where they land. Nothing when none waits.
 */
@org.springframework.stereotype.Component
class NotesHomeSection implements HomeSection {

    private static final Set<NotesState> WAITING = Set.of(NotesState.NOT_AUTHENTICATED, NotesState.CHANGED);

    private final Notes notes;
    private final CurrentUser currentUser;

    NotesHomeSection(Notes notes, CurrentUser currentUser) {
        this.notes = notes;
        this.currentUser = currentUser;
    }

    @Override
    public int order() {
        return 10;
    }

    @Override
    public Optional<Component> create() {
        EarmarkPrincipal me = currentUser.require();
        if (!me.hasRole(Role.LEARNER)) {
            return Optional.empty();
        }
        List<DiscussionNotes> waiting = notes.forLearner(me.userId()).stream()
                .filter(n -> WAITING.contains(n.state())).toList();
        if (waiting.isEmpty()) {
            return Optional.empty();
        }
        var section = new Section(new H3("Notes waiting for you"));
        section.setId("notes-home");
        var list = new UnorderedList();
        waiting.forEach(n -> list.add(NotesLearnerSection.item(n)));
        section.add(list);
        return Optional.of(section);
    }
}
