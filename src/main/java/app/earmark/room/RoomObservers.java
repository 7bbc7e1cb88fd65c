package app.earmark.room;

import app.earmark.discussions.DiscussionSummary;

/**
 * Who may observe a discussion's room, answered by the live observation module (an IQA who marked the discussion for
 * live observation). The room asks through this interface so that the observation module may hear the room's events
 * (when a room starts recording, its marking IQAs are told) without the two modules depending on each other.
 */
public interface RoomObservers {

    /** Whether the signed-in person observes the discussion: an IQA who may mark it and has marked it. */
    boolean observes(DiscussionSummary discussion);
}
