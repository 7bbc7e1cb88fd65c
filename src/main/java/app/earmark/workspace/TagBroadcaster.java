package app.earmark.workspace;

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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Tells every open workspace of a recording about a change to its tags once it is committed, so that
 * two people editing the same discussion see each other's changes without reloading.
 *
 * <p>Broadcasts run on one thread of their own, after the request that made the change has answered, so
 * the person tagging does not wait for everyone's lists to be rebuilt. They run one at a time and each
 * reads the tags as committed when it runs, so the last list every workspace gets is the latest.
 */
@Component
public class TagBroadcaster {

    private static final Logger log = LoggerFactory.getLogger(TagBroadcaster.class);

    private final TagRepository tags;
    private final Map<Long, Set<Consumer<List<TagView>>>> listeners = new ConcurrentHashMap<>();
    private final ExecutorService sender = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "tag-broadcaster");
        thread.setDaemon(true);
        return thread;
    });

    TagBroadcaster(TagRepository tags) {
        this.tags = tags;
    }

    /**
     * @return what to run to stop listening (when the workspace closes)
     */
    public Runnable listen(long recordingId, Consumer<List<TagView>> listener) {
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
        sender.execute(() -> send(event.recordingId()));
    }

    private void send(long recordingId) {
        Set<Consumer<List<TagView>>> interested = listeners.get(recordingId);
        if (interested == null || interested.isEmpty()) {
            return;
        }
        try {
            List<TagView> current = tags.findByRecordingIdOrderByStartMsAscIdAsc(recordingId).stream()
                    .map(Tag::view).toList();
            interested.forEach(listener -> listener.accept(current));
        } catch (RuntimeException e) {
            log.warn("Could not tell the open workspaces of recording {} about a change to its tags", recordingId, e);
        }
    }

    @PreDestroy
    void stop() {
        sender.shutdownNow();
    }
}
