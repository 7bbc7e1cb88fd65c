package app.earmark.observation;

import jakarta.annotation.PreDestroy;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Who is told what, in memory, for the open pages of this server: the IQAs' pages (a live recording they marked
 * has started), observe pages waiting for a discussion's recording, and the assessor's and learner's pages (which
 * IQAs are observing now). Listeners are called on one thread of their own, never the caller's; each listener
 * must hand the change to its UI with {@code ui.access}. Every {@code listen} returns what to run to stop.
 */
@Component
public class ObservationHub {

    private static final Logger log = LoggerFactory.getLogger(ObservationHub.class);

    /** A live recording of a discussion started. */
    public record LiveStarted(long discussionId, long recordingId, String learner, String assessor, String units) {
    }

    private final Map<Long, Set<Consumer<LiveStarted>>> byIqa = new ConcurrentHashMap<>();
    private final Map<Long, Set<Consumer<LiveStarted>>> byDiscussion = new ConcurrentHashMap<>();
    private final Map<Long, Set<Consumer<List<String>>>> presenceListeners = new ConcurrentHashMap<>();
    private final Map<Long, Map<Object, String>> observers = new ConcurrentHashMap<>();
    private final ExecutorService sender = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "observation-hub");
        thread.setDaemon(true);
        return thread;
    });

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
        send(() -> {
            for (long iqaId : iqaIds) {
                byIqa.getOrDefault(iqaId, Set.of()).forEach(l -> call(l, started, "IQA " + iqaId));
            }
            byDiscussion.getOrDefault(started.discussionId(), Set.of())
                    .forEach(l -> call(l, started, "discussion " + started.discussionId()));
        });
    }

    private void presenceChanged(long discussionId) {
        List<String> now = observers(discussionId);
        List<Consumer<List<String>>> interested = new ArrayList<>(presenceListeners.getOrDefault(discussionId, Set.of()));
        if (!interested.isEmpty()) {
            send(() -> interested.forEach(l -> call(l, now, "observers of discussion " + discussionId)));
        }
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
        sender.shutdownNow();
    }
}
