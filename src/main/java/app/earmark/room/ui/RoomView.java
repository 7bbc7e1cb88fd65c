package app.earmark.room.ui;

import app.earmark.discussions.DiscussionSummary;
import app.earmark.recordings.LiveProperties;
import app.earmark.room.RemoteRooms;
import app.earmark.room.RemoteRooms.Entry;
import app.earmark.room.RoomException;
import app.earmark.room.RoomHub;
import app.earmark.room.RoomRole;
import app.earmark.room.TurnCredentials;
import app.earmark.security.CurrentUser;
import app.earmark.workspace.ui.LiveTagging;
import app.earmark.security.AccessRefusedException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.Main;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.theme.lumo.LumoUtility;
import jakarta.annotation.security.PermitAll;
import java.time.Clock;

/**
 * A remote discussion's room: the waiting room, then the call. Its assessor, its learner, and an IQA who marked it for
 * live observation (receive-only); anyone else is refused (and the refusal audited). The assessor's entering opens the
 * room.
 */
@Route("discussions/:id/room")
@PageTitle("Remote discussion · Earmark")
@PermitAll
class RoomView extends Main implements BeforeEnterObserver {

    private final RemoteRooms rooms;
    private final RoomHub hub;
    private final TurnCredentials turn;
    private final CurrentUser currentUser;
    private final LiveTagging tagging;
    private final LiveProperties live;
    private final ObjectMapper json;
    private final Clock clock;

    RoomView(RemoteRooms rooms, RoomHub hub, TurnCredentials turn, CurrentUser currentUser, LiveProperties live,
            ObjectMapper json, Clock clock, LiveTagging tagging) {
        this.rooms = rooms;
        this.hub = hub;
        this.turn = turn;
        this.currentUser = currentUser;
        this.tagging = tagging;
        this.live = live;
        this.json = json;
        this.clock = clock;
        addClassNames(LumoUtility.Padding.MEDIUM);
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        removeAll();
        long id = event.getRouteParameters().getLong("id").orElse(-1L);
        Entry entry;
        try {
            entry = rooms.enter(id);
        } catch (AccessRefusedException | RoomException e) {
            var refused = new Paragraph(e.getMessage());
            refused.setId("access-refused");
            refused.getElement().setAttribute("role", "alert");
            add(new H1("Remote discussion"), refused);
            return;
        }
        DiscussionSummary d = entry.discussion();
        var title = new H1("Remote discussion: " + d.learner().displayName() + " with " + d.assessor().displayName());
        title.setId("room-title");
        add(new Anchor("discussions/" + d.id(), "← Discussion"), title);
        entry.session().ifPresent(session -> hub.sessionChanged(d.id(), session));
        if (entry.session().isEmpty()) {
            var waiting = new Paragraph(d.assessor().displayName() + " has not started the remote discussion yet."
                    + " Reload this page, or use \"Join\" on your home page, once they have.");
            waiting.setId("room-not-started");
            waiting.getElement().setAttribute("role", "status");
            add(waiting);
            return;
        }
        var facts = new Paragraph(entry.role() == RoomRole.OBSERVER
                ? "You observe receive-only: nothing of yours is sent or recorded."
                : "Units " + d.unitCodes() + ". Each of you is recorded from your own microphone, in your own browser,"
                        + " once you have both agreed to the recording notice.");
        facts.addClassNames(LumoUtility.TextColor.SECONDARY);
        add(facts, new RoomCall(entry, rooms, hub, turn.forMember(currentUser.actorName()),
                live.partMillis(), json, clock, tagging));
    }
}
