package app.earmark.observation;

import app.earmark.recordings.RecordingEvents.LiveRecordingStarted;
import app.earmark.discussions.DiscussionSummary;
import app.earmark.discussions.Discussions;
import app.earmark.recordings.RecordingState;
import app.earmark.recordings.Recordings;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Tells the IQAs who marked a discussion that its live recording started, once the start is committed: once per live
 * session, not once per track. A remote room records each party in their own browser (two live recordings, and a
 * new one for a party who rejoins); a live recording that starts while another of the same discussion is still
 * recording is part of the same session, so the IQA is not told again.
 */
@Component
class LiveStartNotifier {

    private static final Logger log = LoggerFactory.getLogger(LiveStartNotifier.class);

    private final ObservationMarks marks;
    private final Discussions discussions;
    private final ObservationHub hub;
    private final Recordings recordings;

    LiveStartNotifier(ObservationMarks marks, Discussions discussions, ObservationHub hub, Recordings recordings) {
        this.marks = marks;
        this.discussions = discussions;
        this.hub = hub;
        this.recordings = recordings;
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
            boolean alreadyLive = recordings.forDiscussion(d.id()).stream()
                    .anyMatch(r -> r.id() != started.recordingId() && r.state() == RecordingState.RECORDING);
            if (alreadyLive) {
                log.debug("Live recording {} of discussion {} joins one already recording: the IQAs were told",
                        started.recordingId(), d.id());
                return;
            }
            hub.liveStarted(iqas, new ObservationHub.LiveStarted(d.id(), started.recordingId(),
                    d.learner().displayName(), d.assessor().displayName(), d.unitCodes()));
        } catch (RuntimeException e) {
            log.warn("Could not tell the IQAs that live recording {} started", started.recordingId(), e);
        }
    }
}
