package app.earmark.observation;

import app.earmark.discussions.DiscussionSummary;
import app.earmark.room.RoomObservers;
import org.springframework.stereotype.Component;

/** Tells the remote room who observes it: an IQA who may mark the discussion and has marked it. */
@Component
class MarkingIqasObserveRooms implements RoomObservers {

    private final LiveObservations observations;

    MarkingIqasObserveRooms(LiveObservations observations) {
        this.observations = observations;
    }

    @Override
    public boolean observes(DiscussionSummary discussion) {
        return observations.mayMark(discussion) && observations.isMarkedByMe(discussion.id());
    }
}
