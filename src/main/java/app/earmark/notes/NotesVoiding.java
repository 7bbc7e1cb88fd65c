package app.earmark.notes;

import app.earmark.recordings.RecordingEvents.LiveRecordingStarted;
import app.earmark.recordings.RecordingEvents.RecordingRemoved;
import app.earmark.recordings.RecordingEvents.RecordingUploaded;
import app.earmark.workspace.TagEvents.TagChanged;
import app.earmark.workspace.TagEvents.TagCreated;
import app.earmark.workspace.TagEvents.TagDeleted;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Voids the learner's authentication of a discussion's notes when any of what it covered changes: a tag made,
 * changed or deleted, a recording added or removed. It runs in the transaction of the change, so the change and
 * the voiding commit (and are audited) together.
 */
@Component
class NotesVoiding {

    private final Notes notes;

    NotesVoiding(Notes notes) {
        this.notes = notes;
    }

    @EventListener
    void on(TagCreated event) {
        notes.voidFor(event.discussionId(), event.actor(), "Tag " + event.tagId() + " was added by " + event.actor()
                + ": " + event.after() + ".");
    }

    @EventListener
    void on(TagChanged event) {
        notes.voidFor(event.discussionId(), event.actor(), "Tag " + event.tagId() + " was changed by "
                + event.actor() + " from " + event.before() + " to " + event.after() + ".");
    }

    @EventListener
    void on(TagDeleted event) {
        notes.voidFor(event.discussionId(), event.actor(), "Tag " + event.tagId() + " was deleted by "
                + event.actor() + "; it was " + event.before() + ".");
    }

    @EventListener
    void on(RecordingUploaded event) {
        notes.voidFor(event.discussionId(), event.actor(), "Recording " + event.recordingId() + " was added by "
                + event.actor() + " (SHA-256 " + event.sha256() + ").");
    }

    @EventListener
    void on(LiveRecordingStarted event) {
        notes.voidFor(event.discussionId(), event.actor(), "A live recording (" + event.recordingId()
                + ") was started by " + event.actor() + ".");
    }

    @EventListener
    void on(RecordingRemoved event) {
        notes.voidFor(event.discussionId(), event.actor(), "Recording " + event.recordingId() + " was removed by "
                + event.actor() + ".");
    }
}
