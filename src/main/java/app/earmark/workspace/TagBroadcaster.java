package app.earmark.workspace;

import app.earmark.cluster.ClusterBus;
import app.earmark.workspace.TagEvents.TagsChanged;
import jakarta.annotation.PreDestroy;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Tells every open workspace of a recording about a change to its tags once it is committed, so that
 * two people editing the same discussion see each other's changes without reloading.
 *
 * <p>Only the change travels (the tag made or changed, or the id of the one deleted), never the recording's
 * whole list: a workspace applies it to what it shows. Broadcasts run on one thread of their own, after the
 * request that made the change has answered, in the order the changes were committed; each change carries
 * the tag's version, so a workspace ignores one older than what it already has.
 *
 * <p>A change is not sent back to the page that made it ({@link #from}): that page has it already, in the
 * answer to its request, and a second copy would only cost the server a push and the browser a second
 * update in the same frame.
 *
 * <p>With several nodes, each change also goes to the other nodes ({@link ClusterBus}), whose open workspaces of the
 * recording get it the same way.
 */
@Component
public class TagBroadcaster {

    private static final Logger log = LoggerFactory.getLogger(TagBroadcaster.class);
    static final String TOPIC = "workspace.tags-changed";

    /** The page whose request is being handled on this thread, if it named itself. */
    private static final ThreadLocal<String> ORIGIN = new ThreadLocal<>();

    private record Listener(String page, Consumer<TagsChanged> consumer) {
    }

    private final Map<Long, Set<Listener>> listeners = new ConcurrentHashMap<>();
    private final ExecutorService sender = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "tag-broadcaster");
        thread.setDaemon(true);
        return thread;
    });
    private final ClusterBus cluster;
    private final Runnable unsubscribe;

    TagBroadcaster(ClusterBus cluster) {
        this.cluster = cluster;
        this.unsubscribe = cluster.subscribe(TOPIC, TagsChanged.class, change -> {
            List<Listener> interested = openAt(change.recordingId());
            sender.execute(() -> send(change, null, interested));
        });
    }

    /**
     * @return what to run to stop listening (when the workspace closes)
     */
    public Runnable listen(long recordingId, Consumer<TagsChanged> listener) {
        return listen(recordingId, null, listener);
    }

    /**
     * Listens for a page that names itself {@code page} in its requests ({@link #from}): changes it makes
     * are not sent back to it.
     *
     * @return what to run to stop listening (when the workspace closes)
     */
    public Runnable listen(long recordingId, String page, Consumer<TagsChanged> consumer) {
        Listener listener = new Listener(page, consumer);
        listeners.computeIfAbsent(recordingId, id -> new CopyOnWriteArraySet<>()).add(listener);
        return () -> listeners.computeIfPresent(recordingId, (id, set) -> {
            set.remove(listener);
            return set.isEmpty() ? null : set;
        });
    }

    /**
     * Does {@code work} for the page {@code page} (a token the page was given, or null): the changes it
     * commits are sent to every other open workspace of the recording, not back to this page.
     */
    public <T> T from(String page, Supplier<T> work) {
        String outer = ORIGIN.get();
        ORIGIN.set(page);
        try {
            return work.get();
        } finally {
            if (outer == null) {
                ORIGIN.remove();
            } else {
                ORIGIN.set(outer);
            }
        }
    }

    /** Runs after the commit, in the committing thread: it only hands the change to the sending thread. */
    @TransactionalEventListener(fallbackExecution = true)
    void changed(TagsChanged event) {
        String origin = ORIGIN.get();
        // The workspaces open at the commit: one opened since has read the change from the database already.
        List<Listener> interested = openAt(event.recordingId());
        sender.execute(() -> {
            send(event, origin, interested);
            cluster.publish(TOPIC, event);
        });
    }

    private List<Listener> openAt(long recordingId) {
        Set<Listener> open = listeners.get(recordingId);
        return open == null ? List.of() : List.copyOf(open);
    }

    private void send(TagsChanged change, String origin, List<Listener> interested) {
        for (Listener listener : interested) {
            if (origin != null && origin.equals(listener.page())) {
                continue;
            }
            try {
                listener.consumer().accept(change);
            } catch (RuntimeException e) {
                log.warn("Could not tell an open workspace of recording {} about a change to tag {}",
                        change.recordingId(), change.tagId(), e);
            }
        }
    }

    @PreDestroy
    void stop() {
        unsubscribe.run();
        sender.shutdownNow();
    }
}
