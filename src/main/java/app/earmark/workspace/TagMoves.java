package app.earmark.workspace;

import app.earmark.workspace.TagEvents.TagMoved;
import java.time.Clock;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Moves every tag of one recording onto another, shifted by an offset, each move audited ({@code tag-moved}). Used
 * when a remote room's tracks become one combined recording: tags made during the call are on a party's track (the
 * assessor's, at the time since that track started) and move onto the combined recording by that track's place on
 * its timeline. A system action (no person's access is checked): the caller runs it inside the transaction that
 * records the new recording, so the tags move exactly once, with it.
 */
@Component
public class TagMoves {

    private final TagRepository tags;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    TagMoves(TagRepository tags, ApplicationEventPublisher events, Clock clock) {
        this.tags = tags;
        this.events = events;
        this.clock = clock;
    }

    /** Moves the tags of {@code fromRecordingId} onto {@code toRecordingId}, {@code offsetMs} later; how many moved. */
    @Transactional(propagation = Propagation.MANDATORY)
    public int moveAll(long fromRecordingId, long toRecordingId, long offsetMs, String actor) {
        int moved = 0;
        for (Tag tag : tags.findByRecordingIdOrderByStartMsAscIdAsc(fromRecordingId)) {
            long from = tag.startMs();
            tag.moveTo(toRecordingId, offsetMs, actor, clock.instant());
            events.publishEvent(new TagMoved(actor, tag.discussionId(), tag.id(), fromRecordingId, from,
                    toRecordingId, tag.startMs()));
            moved++;
        }
        return moved;
    }
}
