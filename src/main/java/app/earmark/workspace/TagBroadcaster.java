package app.earmark.workspace;

import app.earmark.workspace.TagEvents.TagsChanged;
import jakarta.annotation.PreDestroy;
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
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Tells every open workspace of a recording about a change to its tags once it is committed, so that
 * two people editing the same discussion see each other's changes without reloading.
 *
 * <p>Only the change travels (the tag made or changed, or the id of the one deleted), never the recording's
 * whole list: a workspace applies it to what it shows. Broadcasts run on one thread of their own, after the
 * request that made the change has answered, in the order the changes were committed; each change carries
 * the tag's version, so a workspace ignores one older than what it already has.
 */
@Component
public class TagBroadcaster {

    private static final Logger log = LoggerFactory.getLogger(TagBroadcaster.class);

    private final Map<Long, Set<Consumer<TagsChanged>>> listeners = new ConcurrentHashMap<>();
    private final ExecutorService sender = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "tag-broadcaster");
        thread.setDaemon(true);
        return thread;
    });

    /**
     * @return what to run to stop listening (when the workspace closes)
     */
    public Runnable listen(long recordingId, Consumer<TagsChanged> listener) {
        listeners.computeIfAbsent(recordingId, id -> new CopyOnWriteArraySet<>()).add(listener);
        return () -> listeners.computeIfPresent(recordingId, (id, set) -> {
            set.remove(listener);
            return set.isEmpty() ? null : set;
        });
    }

    @TransactionalEventListener(fallbackExecution = true)
    void changed(TagsChanged event) {
        if (!listeners.containsKey(event.recordingId())) {
            return;
        }
        sender.execute(() -> send(event));
    }

    private void send(TagsChanged change) {
        Set<Consumer<TagsChanged>> interested = listeners.get(change.recordingId());
        if (interested == null) {
            return;
        }
        for (Consumer<TagsChanged> listener : interested) {
            try {
                listener.accept(change);
            } catch (RuntimeException e) {
                log.warn("Could not tell an open workspace of recording {} about a change to tag {}",
                        change.recordingId(), change.tagId(), e);
            }
        }
    }

    @PreDestroy
    void stop() {
        sender.shutdownNow();
    }
}
