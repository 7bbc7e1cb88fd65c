package app.earmark.room;

import app.earmark.cluster.ClusterBus;
import app.earmark.room.RemoteRooms.Session;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.annotation.PreDestroy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Who is in each discussion's room now, and the signalling between them. Each open room page is a member (its own
 * id, fresh for every page); the hub passes WebRTC offers, answers and candidates only between members of the same
 * room, stamped with the sender's id, and tells every member who is present, who agreed to the recording notice and
 * who is recording whenever that changes. Access is checked before a page becomes a member ({@link RemoteRooms}); the
 * hub only keeps the rooms apart. In memory: a restart of Earmark empties it and the pages join again.
 *
 * <p>On several nodes each hub holds its own pages and hears the other nodes' ({@link RoomNodes}): who is in the
 * room, signalling to a page on another node, a party's new page replacing its old one there, the session, the shared
 * questions and the end. The members of a node that stops being heard (it died) leave after the presence timeout.
 */
@Component
public class RoomHub {

    private static final Logger log = LoggerFactory.getLogger(RoomHub.class);
    static final int MAX_SIGNAL_CHARS = 64 * 1024;

    /** An open room page: how the hub reaches it (each call should hand over to the page's own UI thread). */
    public interface Member {
        void signal(String fromId, String json);

        void state(String json);

        void ended(String message);

        /** The same party joined again from another page (a reload, a restarted browser): this page is out. */
        default void replaced(String message) {
        }
    }

    /** Whether a page is (still) a member of its room. */
    public enum Presence {
        /** A member. */
        PRESENT,
        /** No longer a member (silent too long, or the room emptied): it may join again. */
        GONE,
        /** Its party joined again from another page: it must not join again by itself. */
        REPLACED
    }

    /** A planned question as the assessor shares it: its number and text, nothing else of the plan. */
    public record SharedQuestion(int position, String text) {
    }

    /** The message to a page whose party joined again elsewhere. */
    public static final String REPLACED_MESSAGE = "You joined this call again from another page or browser, so this"
            + " page has left it.";

    /** A member: a page on this node ({@code node} null) or on another node, whose hub relays to it. */
    private record Present(String id, RoomRole role, String name, Member member, boolean recording, String node) {
        Present recording(boolean on) {
            return new Present(id, role, name, member, on, node);
        }

        boolean here() {
            return node == null;
        }
    }

    private static final class Room {
        final Map<String, Present> present = new LinkedHashMap<>();
        Long sessionId;
        Set<RoomRole> consents = EnumSet.noneOf(RoomRole.class);
        boolean open;
        /** The planned questions the assessor shows the others now (none, one, or the list). */
        List<SharedQuestion> shared = List.of();
    }

    private final Map<Long, Room> rooms = new ConcurrentHashMap<>();
    /**
     * Numbers the states told to the pages (across all rooms, so it never goes back, even for a room emptied and
     * opened again). States are built under the hub's lock but handed to the pages outside it, from several threads (a
     * page joining, another starting its recording, the sweep), so two can reach a page in the opposite order: the page
     * keeps the one with the higher version. (Without it, an older state arriving last made a page drop its
     * connection to a party who had just rejoined.)
     */
    private long stateVersion;
    /** When each member's page last said it is still there (member id → clock millis). */
    private final Map<String, Long> seen = new ConcurrentHashMap<>();
    /** Members whose party joined again from another page (member id → clock millis), kept for a while. */
    private final Map<String, Long> replaced = new ConcurrentHashMap<>();
    private final ObjectMapper json;
    private final java.time.Clock clock;
    private final RoomProperties properties;
    private final RoomNodes nodes;
    /** Rosters numbered on this node. */
    private long rosterSeq;

    /** Another node's roster of a room. */
    private record NodeRoom(String node, long discussionId) {
    }

    /** The newest roster heard of another node's room: its number, and when it came (clock millis). */
    private record Heard(long seq, long at) {
    }

    private final Map<NodeRoom, Heard> heard = new ConcurrentHashMap<>();

    RoomHub(ObjectMapper json, java.time.Clock clock, RoomProperties properties, ClusterBus bus) {
        this.json = json;
        this.clock = clock;
        this.properties = properties;
        this.nodes = new RoomNodes(bus, clock);
        nodes.on(RoomNodes.ROSTER, RoomNodes.Roster.class, this::heard);
        nodes.on(RoomNodes.REPLACE, RoomNodes.Replace.class, m -> replaceHere(m.discussionId(), m.role(), m.keepId()));
        nodes.onSignal(this::signalHere);
        nodes.on(RoomNodes.SESSION, RoomNodes.SessionState.class, m -> applySession(m.discussionId(), m.sessionId(),
                m.consents(), m.open()));
        nodes.on(RoomNodes.SHARED, RoomNodes.Shared.class, m -> applyShared(m.discussionId(), m.questions()));
        nodes.on(RoomNodes.ENDED, RoomNodes.Ended.class, m -> endHere(m.discussionId(), m.message()));
    }

    @PreDestroy
    void stop() {
        nodes.close();
    }

    /**
     * A member's page says it is still there (every few seconds): {@link Presence#PRESENT}, or why it is no longer a
     * member (it was silent too long, e.g. through a network drop, so that it joins again; or it was replaced).
     */
    public Presence presence(long discussionId, String memberId) {
        synchronized (this) {
            Room room = rooms.get(discussionId);
            if (room == null || !room.present.containsKey(memberId)) {
                return replaced.containsKey(memberId) ? Presence.REPLACED : Presence.GONE;
            }
        }
        seen.put(memberId, clock.millis());
        return Presence.PRESENT;
    }

    /**
     * Members whose page has been silent longer than {@code earmark.room.presence-timeout} (a killed tab, a machine
     * gone to sleep, a network down) leave, so that "who is present" stays true; their page joins again when it can.
     */
    @Scheduled(fixedDelayString = "${earmark.room.presence-sweep:PT5S}", initialDelayString = "PT5S")
    void sweep() {
        long cutoff = clock.millis() - properties.presenceTimeout().toMillis();
        replaced.values().removeIf(at -> at < clock.millis() - Duration.ofHours(1).toMillis());
        Map<String, Long> gone = new LinkedHashMap<>();
        synchronized (this) {
            rooms.forEach((discussionId, room) -> room.present.keySet().stream()
                    .filter(id -> seen.getOrDefault(id, Long.MAX_VALUE) < cutoff)
                    .forEach(id -> gone.put(id, discussionId)));
        }
        gone.forEach((memberId, discussionId) -> {
            log.info("A page left the remote room of discussion {}: silent for over {}", discussionId,
                    properties.presenceTimeout());
            leave(discussionId, memberId);
        });
        // The other nodes hear this node's rooms again (they let its members go when they stop hearing them) ...
        Set<Long> here;
        synchronized (this) {
            here = new java.util.HashSet<>();
            rooms.forEach((discussionId, room) -> {
                if (room.present.values().stream().anyMatch(Present::here)) {
                    here.add(discussionId);
                }
            });
        }
        here.forEach(this::announce);
        // ... and this node lets go the members of a node it no longer hears from (it died, or lost the database).
        Set<Long> faded = new java.util.HashSet<>();
        synchronized (this) {
            heard.entrySet().removeIf(entry -> {
                if (entry.getValue().at() >= cutoff) {
                    return false;
                }
                NodeRoom silent = entry.getKey();
                Room room = rooms.get(silent.discussionId());
                if (room != null && room.present.values().removeIf(p -> silent.node().equals(p.node()))) {
                    faded.add(silent.discussionId());
                }
                if (room != null && room.present.isEmpty()) {
                    rooms.remove(silent.discussionId());
                }
                return true;
            });
        }
        nodes.forgetPartialsBefore(cutoff);
        faded.forEach(discussionId -> {
            log.info("Pages in the remote room of discussion {} on another node left: that node has not been heard"
                    + " for over {}", discussionId, properties.presenceTimeout());
            broadcast(discussionId);
        });
    }

    /**
     * A page joins the room; returns its member id. A party (assessor or learner) is in the call from one page only:
     * a page of the same party already there (a killed tab not yet timed out, the page before a reload, another
     * browser) is taken out at once and told so, so that the other party drops its connection to the old page and
     * negotiates only with the new one.
     */
    public String join(long discussionId, RoomRole role, String name, Member member) {
        String id = UUID.randomUUID().toString();
        List<Present> out = new ArrayList<>();
        synchronized (this) {
            Room room = rooms.computeIfAbsent(discussionId, d -> new Room());
            if (role.isParty()) {
                room.present.values().stream().filter(p -> p.role() == role).forEach(out::add);
                out.forEach(p -> room.present.remove(p.id()));
            }
            room.present.put(id, new Present(id, role, name, member, false, null));
        }
        if (role.isParty()) {
            nodes.publish(RoomNodes.REPLACE, new RoomNodes.Replace(discussionId, role, id));
        }
        tellReplaced(discussionId, role, out.stream().filter(Present::here).toList());
        seen.put(id, clock.millis());
        announce(discussionId);
        broadcast(discussionId);
        return id;
    }

    /** A party's page on another node joined: its pages here are out. */
    private void replaceHere(long discussionId, RoomRole role, String keepId) {
        List<Present> out = new ArrayList<>();
        synchronized (this) {
            Room room = rooms.get(discussionId);
            if (room == null) {
                return;
            }
            room.present.values().stream().filter(p -> p.here() && p.role() == role && !p.id().equals(keepId))
                    .forEach(out::add);
            out.forEach(p -> room.present.remove(p.id()));
            if (room.present.isEmpty()) {
                rooms.remove(discussionId);
            }
        }
        if (!out.isEmpty()) {
            tellReplaced(discussionId, role, out);
            announce(discussionId);
            broadcast(discussionId);
        }
    }

    private void tellReplaced(long discussionId, RoomRole role, List<Present> out) {
        for (Present p : out) {
            seen.remove(p.id());
            replaced.put(p.id(), clock.millis());
            log.info("The {} joined the remote room of discussion {} again from another page: the old page is out",
                    role.label(), discussionId);
            try {
                p.member().replaced(REPLACED_MESSAGE);
            } catch (RuntimeException e) {
                log.debug("Could not tell a room page it was replaced", e);
            }
        }
    }

    /**
     * The assessor shows the others planned questions (one, or the list), or none: every page of the room shows them
     * until the assessor changes them, also a page that joins later.
     */
    public void share(long discussionId, List<SharedQuestion> questions) {
        nodes.publish(RoomNodes.SHARED, new RoomNodes.Shared(discussionId, List.copyOf(questions)));
        applyShared(discussionId, questions);
    }

    private void applyShared(long discussionId, List<SharedQuestion> questions) {
        synchronized (this) {
            Room room = rooms.get(discussionId);
            if (room == null) {
                return;
            }
            room.shared = List.copyOf(questions);
        }
        broadcast(discussionId);
    }

    /**
     * The discussions whose room has the assessor or the learner in it now on this node (an observer alone does not
     * count).
     */
    public synchronized Set<Long> withParties() {
        Set<Long> occupied = new java.util.HashSet<>();
        rooms.forEach((discussionId, room) -> {
            if (room.present.values().stream().anyMatch(p -> p.here() && p.role().isParty())) {
                occupied.add(discussionId);
            }
        });
        return occupied;
    }

    /** The page left (closed, navigated away, or its connection was given up). */
    public void leave(long discussionId, String memberId) {
        seen.remove(memberId);
        synchronized (this) {
            Room room = rooms.get(discussionId);
            if (room == null || room.present.remove(memberId) == null) {
                return;
            }
            if (room.present.isEmpty()) {
                rooms.remove(discussionId);
            }
        }
        announce(discussionId);
        broadcast(discussionId);
    }

    /** The room's session as it now is (after it opened, or a party agreed). */
    public void sessionChanged(long discussionId, Session session) {
        nodes.publish(RoomNodes.SESSION, new RoomNodes.SessionState(discussionId, session.id(),
                Set.copyOf(session.consents()), !session.ended()));
        applySession(discussionId, session.id(), session.consents(), !session.ended());
    }

    private void applySession(long discussionId, long sessionId, Set<RoomRole> consents, boolean open) {
        synchronized (this) {
            Room room = rooms.computeIfAbsent(discussionId, d -> new Room());
            room.sessionId = sessionId;
            room.consents = consents.isEmpty() ? EnumSet.noneOf(RoomRole.class) : EnumSet.copyOf(consents);
            room.open = open;
        }
        broadcast(discussionId);
    }

    /** A member's browser started or stopped recording its microphone. */
    public void recording(long discussionId, String memberId, boolean on) {
        synchronized (this) {
            Room room = rooms.get(discussionId);
            if (room == null || !room.present.containsKey(memberId)) {
                return;
            }
            room.present.computeIfPresent(memberId, (k, p) -> p.recording(on));
        }
        announce(discussionId);
        broadcast(discussionId);
    }

    /**
     * Passes a signalling message from one member to another of the same room.
     *
     * @throws RoomException if the message is too large, or the other page is no longer in the room
     */
    public void relay(long discussionId, String fromId, String toId, String message) {
        if (message == null || message.length() > MAX_SIGNAL_CHARS) {
            throw new RoomException("A signalling message may be at most " + MAX_SIGNAL_CHARS + " characters.");
        }
        Present to;
        synchronized (this) {
            Room room = rooms.get(discussionId);
            if (room == null || !room.present.containsKey(fromId)) {
                throw new RoomException("This page is no longer in the room: reload it to join again.");
            }
            to = room.present.get(toId);
        }
        if (to == null) {
            throw new RoomException("The other person has left the room.");
        }
        if (to.here()) {
            to.member().signal(fromId, message);
        } else {
            nodes.signal(discussionId, fromId, toId, message);
        }
    }

    /** A signal from a page on another node to one here. */
    private void signalHere(RoomNodes.Signal signal) {
        Present to;
        synchronized (this) {
            Room room = rooms.get(signal.discussionId());
            to = room == null ? null : room.present.get(signal.toId());
        }
        if (to != null && to.here() && signal.json().length() <= MAX_SIGNAL_CHARS) {
            to.member().signal(signal.fromId(), signal.json());
        }
    }

    /** The room ended: every page stops recording, sends what is left and hangs up. */
    public void ended(long discussionId, String message) {
        nodes.publish(RoomNodes.ENDED, new RoomNodes.Ended(discussionId, message));
        endHere(discussionId, message);
    }

    private void endHere(long discussionId, String message) {
        List<Present> members;
        synchronized (this) {
            Room room = rooms.get(discussionId);
            if (room == null) {
                return;
            }
            room.open = false;
            members = room.present.values().stream().filter(Present::here).toList();
        }
        for (Present p : members) {
            try {
                p.member().ended(message);
            } catch (RuntimeException e) {
                log.debug("Could not tell a room page that the room ended", e);
            }
        }
    }

    /** Who is in the room now, for tests and the discussion page. */
    public synchronized List<RoomRole> presentRoles(long discussionId) {
        Room room = rooms.get(discussionId);
        return room == null ? List.of() : room.present.values().stream().map(Present::role).toList();
    }

    /** Tells the other nodes who of this room is on this node now. */
    private void announce(long discussionId) {
        RoomNodes.Roster roster;
        synchronized (this) {
            Room room = rooms.get(discussionId);
            List<RoomNodes.RemoteMember> here = room == null ? List.of() : room.present.values().stream()
                    .filter(Present::here)
                    .map(p -> new RoomNodes.RemoteMember(p.id(), p.role(), p.name(), p.recording())).toList();
            roster = new RoomNodes.Roster(nodes.node, ++rosterSeq, discussionId, here);
        }
        nodes.publish(RoomNodes.ROSTER, roster);
    }

    /** Another node's members of a room, as it now has them: they replace what it said before. */
    private void heard(RoomNodes.Roster roster) {
        NodeRoom from = new NodeRoom(roster.node(), roster.discussionId());
        synchronized (this) {
            Heard before = heard.get(from);
            if (before != null && before.seq() >= roster.seq()) {
                return;
            }
            heard.put(from, new Heard(roster.seq(), clock.millis()));
            Room room = roster.members().isEmpty() ? rooms.get(roster.discussionId())
                    : rooms.computeIfAbsent(roster.discussionId(), d -> new Room());
            if (room == null) {
                return;
            }
            room.present.values().removeIf(p -> roster.node().equals(p.node()));
            for (RoomNodes.RemoteMember m : roster.members()) {
                if (!room.present.containsKey(m.id())) {
                    room.present.put(m.id(), new Present(m.id(), m.role(), m.name(), null, m.recording(),
                            roster.node()));
                }
            }
            if (room.present.isEmpty()) {
                rooms.remove(roster.discussionId());
                return;
            }
        }
        broadcast(roster.discussionId());
    }

    private void broadcast(long discussionId) {
        String state;
        List<Present> members;
        synchronized (this) {
            Room room = rooms.get(discussionId);
            if (room == null) {
                return;
            }
            ObjectNode node = json.createObjectNode();
            ArrayNode present = node.putArray("present");
            for (Present p : room.present.values()) {
                present.addObject().put("id", p.id()).put("role", p.role().name()).put("label", p.role().label())
                        .put("name", p.name()).put("recording", p.recording());
            }
            ArrayNode consents = node.putArray("consents");
            room.consents.forEach(c -> consents.add(c.name()));
            if (room.sessionId != null) {
                node.put("sessionId", room.sessionId);
            }
            node.put("open", room.open);
            node.put("version", ++stateVersion);
            ArrayNode shared = node.putArray("shared");
            room.shared.forEach(q -> shared.addObject().put("position", q.position()).put("text", q.text()));
            state = node.toString();
            members = room.present.values().stream().filter(Present::here).toList();
        }
        for (Present p : members) {
            try {
                p.member().state(state);
            } catch (RuntimeException e) {
                log.debug("Could not tell a room page who is present", e);
            }
        }
    }
}
