package app.earmark.room.ui;

import app.earmark.discussions.DiscussionSection;
import app.earmark.discussions.DiscussionSummary;
import app.earmark.room.RemoteRooms;
import app.earmark.room.RemoteRooms.Session;
import app.earmark.room.RoomRole;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Section;
import java.util.Optional;

/**
 * On a remote discussion's page, for those who may enter its room: "Start remote discussion" for its assessor,
 * "Join" for its learner (once the assessor has opened the room), "Observe" for an IQA who marked it.
 */
@org.springframework.stereotype.Component
class RoomSection implements DiscussionSection {

    private final RemoteRooms rooms;

    RoomSection(RemoteRooms rooms) {
        this.rooms = rooms;
    }

    @Override
    public int order() {
        return 5;
    }

    @Override
    public Optional<Component> create(DiscussionSummary discussion) {
        Optional<RoomRole> role = rooms.roleIn(discussion);
        if (role.isEmpty()) {
            return Optional.empty();
        }
        Optional<Session> open = rooms.openRoom(discussion);
        var section = new Section(new H3("Remote discussion"));
        section.setId("remote-room");
        String room = "discussions/" + discussion.id() + "/room";
        switch (role.get()) {
            case ASSESSOR -> {
                var start = new Button(open.isPresent() ? "Return to the remote discussion" : "Start remote discussion",
                        e -> UI.getCurrent().navigate(room));
                start.setId("start-remote-discussion");
                start.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
                section.add(new Paragraph("A call with " + discussion.learner().displayName() + " inside Earmark, each"
                        + " of you recorded from your own microphone once you have both agreed to the recording"
                        + " notice. The learner sees \"Join\" once you have started it."), start);
            }
            case LEARNER -> {
                if (open.isPresent()) {
                    var join = new Button("Join", e -> UI.getCurrent().navigate(room));
                    join.setId("join-remote-discussion");
                    join.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
                    section.add(new Paragraph(discussion.assessor().displayName() + " has started the remote"
                            + " discussion."), join);
                } else {
                    var waiting = new Paragraph("This discussion is held remotely, in Earmark. \"Join\" appears here"
                            + " (and on your home page) when " + discussion.assessor().displayName()
                            + " starts it.");
                    waiting.setId("remote-room-not-started");
                    section.add(waiting);
                }
            }
            case OBSERVER -> {
                var observe = new Button("Observe the remote discussion", e -> UI.getCurrent().navigate(room));
                observe.setId("observe-remote-discussion");
                section.add(new Paragraph("You marked this discussion for live observation: you may join its call"
                        + " receive-only (no camera or microphone); both parties see that you are observing."),
                        observe);
            }
            default -> {
                return Optional.empty();
            }
        }
        return Optional.of(section);
    }
}
