package app.earmark.workspace;

import app.earmark.room.RoomEvents.RoomRecordingCombined;
import app.earmark.room.RoomEvents.TrackPlacement;
import app.earmark.workspace.TagEvents.TagMoved;
import java.time.Clock;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Tags made during a remote discussion are on a party's track recording (the assessor's, at the time since that track
 * started). When the room's tracks become one combined recording, every tag of those tracks moves onto it, shifted by
 * its track's place on the combined timeline, each move audited ({@code tag-moved}). Runs in the transaction that
 * records the combined recording, so the tags move exactly once, with it.
 */
@Component
class RoomTagMover {

    private final TagRepository tags;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    RoomTagMover(TagRepository tags, ApplicationEventPublisher events, Clock clock) {
        this.tags = tags;
        this.events = events;
        this.clock = clock;
    }

    @EventListener
    void combined(RoomRecordingCombined event) {
        for (TrackPlacement placement : event.placements()) {
            for (Tag tag : tags.findByRecordingIdOrderByStartMsAscIdAsc(placement.recordingId())) {
                long from = tag.startMs();
                tag.moveTo(event.combinedRecordingId(), placement.offsetMs(), event.actor(), clock.instant());
                events.publishEvent(new TagMoved(event.actor(), tag.discussionId(), tag.id(), placement.recordingId(),
                        from, event.combinedRecordingId(), tag.startMs()));
            }
        }
    }
}
