package app.earmark.observation;

import app.earmark.discussions.DiscussionSummary;
import app.earmark.discussions.Discussions;
import app.earmark.recordings.RecordingEvents.LiveRecordingStarted;
import app.earmark.recordings.RecordingState;
import app.earmark.recordings.Recordings;
import app.earmark.room.RemoteRooms;
import app.earmark.room.RoomEvents.RoomRecordingStarted;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Tells the IQAs who marked a discussion that its live recording started, once the start is committed: once per live
 * session, not once per track. A remote room records each party in their own browser (two live recordings, and a
 * new one for a party who rejoins), and both browsers start at the same moment: the room itself says once per
 * session that it started recording ({@link RoomRecordingStarted}, decided under the session's lock), so the
 * tracks' own starts are not announced. A live recording made in one browser is announced when it starts, unless
 * another of the discussion is still recording (a restart while the first has not been given up yet).
 */
@Component
class LiveStartNotifier {

    private static final Logger log = LoggerFactory.getLogger(LiveStartNotifier.class);

    private final ObservationMarks marks;
    private final Discussions discussions;
    private final ObservationHub hub;
    private final Recordings recordings;
    private final RemoteRooms rooms;

    LiveStartNotifier(ObservationMarks marks, Discussions discussions, ObservationHub hub, Recordings recordings,
            RemoteRooms rooms) {
        this.marks = marks;
        this.discussions = discussions;
        this.hub = hub;
        this.recordings = recordings;
        this.rooms = rooms;
    }

    @TransactionalEventListener(fallbackExecution = true)
    void liveRecordingStarted(LiveRecordingStarted started) {
        try {
            if (rooms.isTrack(started.recordingId())) {
                log.debug("Live recording {} is a room track: the room says when its session starts recording",
                        started.recordingId());
                return;
            }
            boolean alreadyLive = recordings.forDiscussion(started.discussionId()).stream()
                    .anyMatch(r -> r.id() != started.recordingId() && r.state() == RecordingState.RECORDING);
            if (alreadyLive) {
                log.debug("Live recording {} of discussion {} joins one already recording: the IQAs were told",
                        started.recordingId(), started.discussionId());
                return;
            }
            tell(started.discussionId(), started.recordingId());
        } catch (RuntimeException e) {
            log.warn("Could not tell the IQAs that live recording {} started", started.recordingId(), e);
        }
    }

    @TransactionalEventListener(fallbackExecution = true)
    void roomRecordingStarted(RoomRecordingStarted started) {
        try {
            tell(started.discussionId(), started.recordingId());
        } catch (RuntimeException e) {
            log.warn("Could not tell the IQAs that remote room {} started recording", started.sessionId(), e);
        }
    }

    private void tell(long discussionId, long recordingId) {
        Set<Long> iqas = marks.findByDiscussionId(discussionId).stream().map(ObservationMark::iqaId)
                .collect(Collectors.toSet());
        if (iqas.isEmpty()) {
            return;
        }
        // Asked as the person who started it, who may see the discussion.
        DiscussionSummary d = discussions.get(discussionId);
        hub.liveStarted(iqas, new ObservationHub.LiveStarted(d.id(), recordingId, d.learner().displayName(),
                d.assessor().displayName(), d.unitCodes()));
    }
}
