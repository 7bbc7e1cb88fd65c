package app.earmark.workspace;

import app.earmark.workspace.TagEvents.TagsChanged;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.function.Consumer;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Tells every open workspace of a recording about a change to its tags once it is committed, so that
 * two people editing the same discussion see each other's changes without reloading.
 */
@Component
public class TagBroadcaster {

    private final TagRepository tags;
    private final Map<Long, Set<Consumer<List<TagView>>>> listeners = new ConcurrentHashMap<>();

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
        Set<Consumer<List<TagView>>> interested = listeners.get(event.recordingId());
        if (interested == null || interested.isEmpty()) {
            return;
        }
        List<TagView> current = tags.findByRecordingIdOrderByStartMsAscIdAsc(event.recordingId()).stream()
                .map(Tag::view).toList();
        interested.forEach(listener -> listener.accept(current));
    }
}
