package app.earmark.room.ui;

import app.earmark.discussions.DiscussionSummary;
import app.earmark.people.HomeSection;
import app.earmark.room.RemoteRooms;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Section;
import com.vaadin.flow.component.html.Span;
import java.util.List;
import java.util.Optional;

/** On a learner's home page: "Join" for each of their remote discussions whose room the assessor has opened. */
@org.springframework.stereotype.Component
class RoomHomeSection implements HomeSection {

    private final RemoteRooms rooms;

    RoomHomeSection(RemoteRooms rooms) {
        this.rooms = rooms;
    }

    @Override
    public int order() {
        return 1;
    }

    @Override
    public Optional<Component> create() {
        List<DiscussionSummary> open = rooms.openForMe();
        if (open.isEmpty()) {
            return Optional.empty();
        }
        var section = new Section(new H3("Remote discussion waiting for you"));
        section.setId("remote-room-home");
        for (DiscussionSummary d : open) {
            var join = new Button("Join", e -> UI.getCurrent().navigate("discussions/" + d.id() + "/room"));
            join.setId("join-remote-discussion-" + d.id());
            join.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
            section.add(new Div(new Span(d.assessor().displayName() + " has started your discussion of "
                    + d.unitCodes() + ". "), join));
        }
        return Optional.of(section);
    }
}
