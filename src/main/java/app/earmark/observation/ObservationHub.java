package app.earmark.observation;

import app.earmark.cluster.ClusterBus;
import jakarta.annotation.PreDestroy;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Who is told what, in memory, for the open pages of this server: the IQAs' pages (a live recording they marked
 * has started), observe pages waiting for a discussion's recording, and the assessor's and learner's pages (which
 * IQAs are observing now). Listeners are called on one thread of their own, never the caller's; each listener
 * must hand the change to its UI with {@code ui.access}. Every {@code listen} returns what to run to stop.
 *
 * <p>With several nodes ({@link ClusterBus}) the pages may be open on any of them: a live start goes to every node,
 * and each node says who observes from it whenever that changes and again every {@value #PRESENCE_EVERY_SECONDS}
 * seconds; what a node said is forgotten when it has not said it again for three times as long (the node is gone).
 */
@Component
public class ObservationHub {

    private static final Logger log = LoggerFactory.getLogger(ObservationHub.class);
    static final String LIVE_STARTED = "observation.live-started";
    static final String PRESENCE = "observation.presence";
    static final long PRESENCE_EVERY_SECONDS = 30;
    private static final Duration PRESENCE_FORGOTTEN = Duration.ofSeconds(3 * PRESENCE_EVERY_SECONDS);

    /** A live recording of a discussion started. */
    public record LiveStarted(long discussionId, long recordingId, String learner, String assessor, String units) {
    }

    /** A live start sent to the other nodes, with the IQAs to tell. */
    record LiveStartedFor(Set<Long> iqaIds, LiveStarted started) {
    }

    /** Who observes a discussion from one node (empty: nobody any more). */
    record Presence(String node, long discussionId, List<String> names) {
    }

    private record Heard(List<String> names, Instant at) {
    }

    private final Map<Long, Set<Consumer<LiveStarted>>> byIqa = new ConcurrentHashMap<>();
    private final Map<Long, Set<Consumer<LiveStarted>>> byDiscussion = new ConcurrentHashMap<>();
    private final Map<Long, Set<Consumer<List<String>>>> presenceListeners = new ConcurrentHashMap<>();
    private final Map<Long, Map<Object, String>> observers = new ConcurrentHashMap<>();
    /** What the other nodes said: by discussion, by node. */
    private final Map<Long, Map<String, Heard>> elsewhere = new ConcurrentHashMap<>();
    private final String node = UUID.randomUUID().toString();
    private final ClusterBus cluster;
    private final Clock clock;
    private final List<Runnable> unsubscribe;
    private final ExecutorService sender = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "observation-hub");
        thread.setDaemon(true);
        return thread;
    });

    ObservationHub(ClusterBus cluster, Clock clock) {
        this.cluster = cluster;
        this.clock = clock;
        this.unsubscribe = List.of(
                cluster.subscribe(LIVE_STARTED, LiveStartedFor.class, m -> deliver(m.iqaIds(), m.started())),
                cluster.subscribe(PRESENCE, Presence.class, this::heard));
    }

    /** An IQA's open page, told when a live recording of a discussion they marked starts. */
    public Runnable listenAsIqa(long iqaId, Consumer<LiveStarted> listener) {
        return add(byIqa, iqaId, listener);
    }

    /** An observe page, told when the discussion's live recording starts. */
    public Runnable listenForRecording(long discussionId, Consumer<LiveStarted> listener) {
        return add(byDiscussion, discussionId, listener);
    }

    /** A party's page, told the names of the IQAs observing the discussion whenever they change (and at once). */
    public Runnable listenForObservers(long discussionId, Consumer<List<String>> listener) {
        Runnable stop = add(presenceListeners, discussionId, listener);
        List<String> now = observers(discussionId);
        send(() -> call(listener, now, "observers of discussion " + discussionId));
        return stop;
    }

    /** The IQAs observing the discussion now, by name (one entry per IQA however many pages they have open). */
    public List<String> observers(long discussionId) {
        Instant forgotten = clock.instant().minus(PRESENCE_FORGOTTEN);
        return Stream.concat(here(discussionId).stream(), elsewhere.getOrDefault(discussionId, Map.of()).values()
                .stream().filter(heard -> heard.at().isAfter(forgotten)).flatMap(heard -> heard.names().stream()))
                .distinct().sorted().toList();
    }

    private List<String> here(long discussionId) {
        Map<Object, String> present = observers.get(discussionId);
        return present == null ? List.of() : present.values().stream().distinct().sorted().toList();
    }

    /** An IQA's observe page is listening; returns what to run when it stops. */
    Runnable observing(long discussionId, String iqaName) {
        Object token = new Object();
        observers.computeIfAbsent(discussionId, id -> new ConcurrentHashMap<>()).put(token, iqaName);
        presenceChanged(discussionId);
        return () -> {
            observers.computeIfPresent(discussionId, (id, map) -> {
                map.remove(token);
                return map.isEmpty() ? null : map;
            });
            presenceChanged(discussionId);
        };
    }

    void liveStarted(Set<Long> iqaIds, LiveStarted started) {
        deliver(iqaIds, started);
        send(() -> cluster.publish(LIVE_STARTED, new LiveStartedFor(Set.copyOf(iqaIds), started)));
    }

    private void deliver(Set<Long> iqaIds, LiveStarted started) {
        send(() -> {
            for (long iqaId : iqaIds) {
                byIqa.getOrDefault(iqaId, Set.of()).forEach(l -> call(l, started, "IQA " + iqaId));
            }
            byDiscussion.getOrDefault(started.discussionId(), Set.of())
                    .forEach(l -> call(l, started, "discussion " + started.discussionId()));
        });
    }

    private void presenceChanged(long discussionId) {
        List<String> here = here(discussionId);
        send(() -> cluster.publish(PRESENCE, new Presence(node, discussionId, here)));
        tellPresence(discussionId);
    }

    private void heard(Presence presence) {
        if (presence.names().isEmpty()) {
            elsewhere.computeIfPresent(presence.discussionId(), (id, nodes) -> {
                nodes.remove(presence.node());
                return nodes.isEmpty() ? null : nodes;
            });
        } else {
            elsewhere.computeIfAbsent(presence.discussionId(), id -> new ConcurrentHashMap<>())
                    .put(presence.node(), new Heard(List.copyOf(presence.names()), clock.instant()));
        }
        tellPresence(presence.discussionId());
    }

    /** Says again who observes from this node, and forgets what silent nodes said. */
    @Scheduled(fixedDelay = PRESENCE_EVERY_SECONDS, initialDelay = PRESENCE_EVERY_SECONDS,
            timeUnit = java.util.concurrent.TimeUnit.SECONDS)
    void sayPresenceAgain() {
        observers.keySet().forEach(id -> cluster.publish(PRESENCE, new Presence(node, id, here(id))));
        Instant forgotten = clock.instant().minus(PRESENCE_FORGOTTEN);
        for (Long id : List.copyOf(elsewhere.keySet())) {
            Map<String, Heard> nodes = elsewhere.get(id);
            if (nodes != null && nodes.values().removeIf(heard -> !heard.at().isAfter(forgotten))) {
                elsewhere.remove(id, Map.of());
                tellPresence(id);
            }
        }
    }

    /**
     * Tells the discussion's open pages who observes it, as it is when the hub's thread gets to it: a change made here
     * and one heard from another node at the same moment are told in the order the thread runs them, each with the
     * list as it is then, so the last told is the latest (a list read on the caller's thread could be told after a
     * newer one).
     */
    private void tellPresence(long discussionId) {
        if (presenceListeners.getOrDefault(discussionId, Set.of()).isEmpty()) {
            return;
        }
        send(() -> {
            List<String> now = observers(discussionId);
            new ArrayList<>(presenceListeners.getOrDefault(discussionId, Set.of()))
                    .forEach(l -> call(l, now, "observers of discussion " + discussionId));
        });
    }

    private static <T> Runnable add(Map<Long, Set<Consumer<T>>> map, long key, Consumer<T> listener) {
        map.computeIfAbsent(key, k -> new CopyOnWriteArraySet<>()).add(listener);
        return () -> map.computeIfPresent(key, (k, set) -> {
            set.remove(listener);
            return set.isEmpty() ? null : set;
        });
    }

    private static <T> void call(Consumer<T> listener, T value, String what) {
        try {
            listener.accept(value);
        } catch (RuntimeException e) {
            log.warn("Could not tell an open page about {}", what, e);
        }
    }

    /** Runs on the hub's thread; nothing once the application is shutting down (pages are closing anyway). */
    private void send(Runnable task) {
        try {
            sender.execute(task);
        } catch (java.util.concurrent.RejectedExecutionException shuttingDown) {
            log.debug("Not telling open pages: shutting down");
        }
    }

    @PreDestroy
    void stop() {
        unsubscribe.forEach(Runnable::run);
        sender.shutdownNow();
    }
}
