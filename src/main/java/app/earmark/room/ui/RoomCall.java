package app.earmark.room.ui;

import app.earmark.room.RemoteRooms;
import app.earmark.room.RemoteRooms.Entry;
import app.earmark.room.RemoteRooms.Session;
import app.earmark.room.RemoteRooms.Track;
import app.earmark.room.RoomException;
import app.earmark.room.RoomHub;
import app.earmark.room.RoomRole;
import app.earmark.room.RtcProperties.IceServer;
import app.earmark.security.AccessRefusedException;
import app.earmark.discussions.DiscussionException;
import app.earmark.security.PageTokens;
import app.earmark.workspace.ui.LiveTagging;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.vaadin.flow.component.ClientCallable;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.DetachEvent;
import com.vaadin.flow.component.Tag;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.dependency.JsModule;
import com.vaadin.flow.component.dependency.NpmPackage;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code <earmark-room>} web component (frontend/room/earmark-room.ts) and its server side: the page's
 * membership of the room's {@link RoomHub} (from "Join" until the page leaves or detaches), the signalling it
 * relays, consent, and the party's own recording. Every call goes through {@link RemoteRooms}, which checks the
 * signed-in person again; the hub passes signals only between pages of this room.
 */
@Tag("earmark-room")
@JsModule("./room/earmark-room.ts")
@NpmPackage(value = "idb-keyval", version = "6.3.0")
class RoomCall extends Component {

    private final long discussionId;
    private final RemoteRooms rooms;
    private final RoomHub hub;
    private final ObjectMapper json;
    private final Clock clock;
    /** The assessor's live tagging (null for the learner and an observer). */
    private final LiveTagging tagging;
    private String memberId;
    /** This page is recording its party's microphone (so a rejoined member shows as recording at once). */
    private boolean recording;

    RoomCall(Entry entry, RemoteRooms rooms, RoomHub hub, List<IceServer> iceServers, int partMillis, ObjectMapper json,
            Clock clock, LiveTagging tagging) {
        this.discussionId = entry.discussion().id();
        this.rooms = rooms;
        this.hub = hub;
        this.json = json;
        this.clock = clock;
        this.tagging = entry.role() == RoomRole.ASSESSOR ? tagging : null;
        setId("room");
        var element = getElement();
        if (this.tagging != null) {
            // The assessor tags their own track live, with the workspace's AC box and keys, beside the plan.
            LiveTagging.Setup setup = this.tagging.setup(discussionId);
            element.setAttribute("criteria-json", setup.criteriaJson());
            element.setAttribute("plan-json", setup.planJson());
            element.setAttribute("reaction-delay-ms", String.valueOf(setup.reactionDelayMs()));
        }
        element.setAttribute("party-role", entry.role().name());
        element.setAttribute("self-name", entry.displayName());
        element.setAttribute("notice", entry.session().map(Session::notice).orElse(""));
        element.setAttribute("timeslice-ms", String.valueOf(partMillis));
        element.setAttribute("replaced-message", RoomHub.REPLACED_MESSAGE);
        try {
            element.setAttribute("ice-servers-json", json.writeValueAsString(iceServers.stream().map(s -> {
                Map<String, Object> server = new LinkedHashMap<>();
                server.put("urls", s.urls());
                if (s.username() != null) {
                    server.put("username", s.username());
                }
                if (s.credential() != null) {
                    server.put("credential", s.credential());
                }
                return server;
            }).toList()));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        PageTokens.putOn(element);
    }

    @ClientCallable
    String join() {
        if (memberId != null) {
            return ok(Map.of("memberId", memberId));
        }
        Entry now;
        try {
            now = rooms.rejoin(discussionId);
        } catch (AccessRefusedException | RoomException e) {
            return refused(e.getMessage());
        }
        if (now.session().isEmpty() || now.session().get().ended()) {
            return refused("The assessor has not started the remote discussion yet, or it has ended. Reload this"
                    + " page when they have started it.");
        }
        UI ui = getUI().orElseThrow();
        var element = getElement();
        memberId = hub.join(discussionId, now.role(), now.displayName(), new RoomHub.Member() {
            @Override
            public void signal(String fromId, String message) {
                ui.access(() -> element.callJsFunction("receiveSignal", fromId, message));
            }

            @Override
            public void state(String state) {
                ui.access(() -> element.callJsFunction("roomState", state));
            }

            @Override
            public void ended(String message) {
                ui.access(() -> element.callJsFunction("roomEnded", message));
            }

            @Override
            public void replaced(String message) {
                ui.access(() -> element.callJsFunction("roomReplaced", message));
            }
        });
        if (recording) {
            hub.recording(discussionId, memberId, true);
        }
        hub.sessionChanged(discussionId, now.session().get());
        return ok(Map.of("memberId", memberId));
    }

    /**
     * The page is still there: PRESENT, or GONE if it is no longer a member (then it joins again), or REPLACED if its
     * party joined again from another page (then it stays out).
     */
    @ClientCallable
    String alive() {
        RoomHub.Presence presence = memberId == null ? RoomHub.Presence.GONE : hub.presence(discussionId, memberId);
        if (presence != RoomHub.Presence.PRESENT) {
            memberId = null;
        }
        return presence.name();
    }

    /** The assessor shows the others planned questions (their numbers; none to stop showing). */
    @ClientCallable
    String shareQuestions(String positionsJson) {
        List<Integer> positions;
        try {
            positions = List.of(json.readValue(positionsJson, Integer[].class));
        } catch (JsonProcessingException | RuntimeException e) {
            return refused("The page sent question numbers Earmark cannot read: reload the page.");
        }
        try {
            rooms.share(discussionId, positions);
            return ok(Map.of());
        } catch (AccessRefusedException | RoomException e) {
            return refused(e.getMessage());
        }
    }

    @ClientCallable
    String signal(String to, String message) {
        if (memberId == null) {
            return "Join the call first.";
        }
        try {
            hub.relay(discussionId, memberId, to, message);
            return "ok";
        } catch (RoomException e) {
            return e.getMessage();
        }
    }

    @ClientCallable
    String consent() {
        try {
            Session session = rooms.consent(discussionId);
            hub.sessionChanged(discussionId, session);
            return ok(Map.of());
        } catch (AccessRefusedException | RoomException e) {
            return refused(e.getMessage());
        }
    }

    @ClientCallable
    double serverTime() {
        return clock.millis();
    }

    @ClientCallable
    String startTrack(double offsetMs, double rttMs) {
        try {
            Track track = rooms.startTrack(discussionId, Math.round(offsetMs), Math.round(rttMs));
            recording = true;
            if (memberId != null) {
                hub.recording(discussionId, memberId, true);
            }
            var answer = new LinkedHashMap<String, Object>(Map.of("recordingId", track.recordingId(), "chunkUrl",
                    track.chunkUrl(), "finishUrl", track.finishUrl()));
            if (tagging != null) {
                LiveTagging.Urls urls = tagging.urls(track.recordingId());
                answer.put("tagsUrl", urls.tagsUrl());
                answer.put("tagChangeUrl", urls.changeUrl());
            }
            return ok(answer);
        } catch (AccessRefusedException | RoomException | DiscussionException e) {
            return refused(e.getMessage());
        }
    }

    @ClientCallable
    void partCaptured(double recordingId, int seq, double startMs, double endMs) {
        rooms.partCaptured((long) recordingId, seq, Math.round(startMs), Math.round(endMs));
    }

    @ClientCallable
    void recordingStopped() {
        recording = false;
        if (memberId != null) {
            hub.recording(discussionId, memberId, false);
        }
    }

    @ClientCallable
    void leave() {
        if (memberId != null) {
            hub.leave(discussionId, memberId);
            memberId = null;
        }
    }

    @ClientCallable
    String end() {
        try {
            rooms.end(discussionId);
            return ok(Map.of());
        } catch (AccessRefusedException | RoomException e) {
            return refused(e.getMessage());
        }
    }

    @Override
    protected void onDetach(DetachEvent event) {
        leave();
    }

    private String ok(Map<String, Object> values) {
        var answer = new LinkedHashMap<String, Object>(values);
        answer.put("ok", true);
        return write(answer);
    }

    private String refused(String message) {
        return write(Map.of("ok", false, "message", message));
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
