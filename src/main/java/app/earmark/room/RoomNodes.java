package app.earmark.room;

import app.earmark.cluster.ClusterBus;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * What the {@link RoomHub}s of several Earmark nodes tell each other over the {@link ClusterBus}, so that the assessor
 * and the learner meet in one room whichever node each reached: each node's own members of a room (its roster, sent
 * on every change and every few seconds, so that the members of a node that died fade out), a party's new page
 * replacing its old one on another node, signalling between pages on different nodes (cut into parts that fit a
 * PostgreSQL notification), and the room's session, shared questions and end.
 */
final class RoomNodes {

    static final String ROSTER = "room.roster";
    static final String REPLACE = "room.replace";
    static final String SIGNAL = "room.signal";
    static final String SESSION = "room.session";
    static final String SHARED = "room.shared";
    static final String ENDED = "room.ended";

    /** Characters of a signal per message: well inside PostgreSQL's 8,000 bytes, even escaped. */
    static final int SIGNAL_PART_CHARS = 2000;

    /** A member of a room on the node that sends its roster. */
    record RemoteMember(String id, RoomRole role, String name, boolean recording) {
    }

    /** A node's members of one room now (none: it has none left). {@code seq} grows with each roster it sends. */
    record Roster(String node, long seq, long discussionId, List<RemoteMember> members) {
    }

    /** A party joined from a page on the sending node: its pages elsewhere, other than {@code keepId}, are out. */
    record Replace(long discussionId, RoomRole role, String keepId) {
    }

    /** One part of a signalling message between pages on different nodes. */
    record SignalPart(String messageId, int part, int parts, long discussionId, String fromId, String toId,
            String text) {
    }

    /** The room's session as the sending node last saw it. */
    record SessionState(long discussionId, long sessionId, Set<RoomRole> consents, boolean open) {
    }

    /** The planned questions the assessor shows now. */
    record Shared(long discussionId, List<RoomHub.SharedQuestion> questions) {
    }

    /** The room ended. */
    record Ended(long discussionId, String message) {
    }

    /** A whole signalling message, put together from its parts. */
    record Signal(long discussionId, String fromId, String toId, String json) {
    }

    /** This node, as its rosters name it. */
    final String node = UUID.randomUUID().toString();
    private final ClusterBus bus;
    private final Clock clock;
    private final List<Runnable> subscriptions = new ArrayList<>();
    /** Signals whose parts are still arriving (message id → parts so far, and when the first came). */
    private final Map<String, Partial> partials = new ConcurrentHashMap<>();

    private static final class Partial {
        final String[] parts;
        final long since;

        Partial(int count, long since) {
            this.parts = new String[count];
            this.since = since;
        }
    }

    RoomNodes(ClusterBus bus, Clock clock) {
        this.bus = bus;
        this.clock = clock;
    }

    <T> void on(String topic, Class<T> type, Consumer<T> consumer) {
        subscriptions.add(bus.subscribe(topic, type, consumer));
    }

    /** Calls {@code whole} with each signal from another node once all its parts have come. */
    void onSignal(Consumer<Signal> whole) {
        on(SIGNAL, SignalPart.class, part -> {
            if (part.parts() < 1 || part.part() < 0 || part.part() >= part.parts()
                    || part.parts() > RoomHub.MAX_SIGNAL_CHARS / SIGNAL_PART_CHARS + 2) {
                return;
            }
            Partial partial = partials.computeIfAbsent(part.messageId(), id -> new Partial(part.parts(),
                    clock.millis()));
            String json;
            synchronized (partial) {
                if (partial.parts.length != part.parts()) {
                    return;
                }
                partial.parts[part.part()] = part.text();
                for (String text : partial.parts) {
                    if (text == null) {
                        return;
                    }
                }
                json = String.join("", partial.parts);
            }
            partials.remove(part.messageId());
            whole.accept(new Signal(part.discussionId(), part.fromId(), part.toId(), json));
        });
    }

    void publish(String topic, Object message) {
        bus.publish(topic, message);
    }

    /** Sends a signalling message to a page on another node, in parts. */
    void signal(long discussionId, String fromId, String toId, String json) {
        String messageId = UUID.randomUUID().toString();
        List<String> texts = new ArrayList<>();
        int start = 0;
        do {
            int end = Math.min(json.length(), start + SIGNAL_PART_CHARS);
            if (end < json.length() && Character.isHighSurrogate(json.charAt(end - 1))) {
                end--; // never half a character in a part
            }
            texts.add(json.substring(start, end));
            start = end;
        } while (start < json.length());
        for (int i = 0; i < texts.size(); i++) {
            bus.publish(SIGNAL, new SignalPart(messageId, i, texts.size(), discussionId, fromId, toId, texts.get(i)));
        }
    }

    /** Forgets signals whose parts stopped coming (a node died half-way). */
    void forgetPartialsBefore(long millis) {
        partials.values().removeIf(p -> p.since < millis);
    }

    void close() {
        subscriptions.forEach(Runnable::run);
    }
}
