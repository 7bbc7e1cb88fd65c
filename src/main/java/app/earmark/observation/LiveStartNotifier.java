package app.earmark.observation;

import app.earmark.recordings.RecordingEvents.LiveRecordingStarted;
import app.earmark.discussions.DiscussionSummary;
import app.earmark.discussions.Discussions;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;

/** Tells the IQAs who marked a discussion that its live recording started, once the start is committed. */
@Component
class LiveStartNotifier {

    private static final Logger log = LoggerFactory.getLogger(LiveStartNotifier.class);

    private final ObservationMarks marks;
    private final Discussions discussions;
    private final ObservationHub hub;

    LiveStartNotifier(ObservationMarks marks, Discussions discussions, ObservationHub hub) {
        this.marks = marks;
        this.discussions = discussions;
        this.hub = hub;
    }

    @TransactionalEventListener(fallbackExecution = true)
    void liveRecordingStarted(LiveRecordingStarted started) {
        try {
            Set<Long> iqas = marks.findByDiscussionId(started.discussionId()).stream().map(ObservationMark::iqaId)
                    .collect(Collectors.toSet());
            if (iqas.isEmpty()) {
                return;
            }
            // Asked as the assessor who started it, who may see the discussion.
            DiscussionSummary d = discussions.get(started.discussionId());
            hub.liveStarted(iqas, new ObservationHub.LiveStarted(d.id(), started.recordingId(),
                    d.learner().displayName(), d.assessor().displayName(), d.unitCodes()));
        } catch (RuntimeException e) {
            log.warn("Could not tell the IQAs that live recording {} started", started.recordingId(), e);
        }
    }
}
