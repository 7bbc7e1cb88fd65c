package app.earmark.observation;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A note an IQA dropped while observing a live recording, at a time relative to the recording's start. */
@Entity
@Table(name = "observation_note")
class ObservationNote {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "discussion_id", nullable = false)
    private long discussionId;

    @Column(name = "recording_id", nullable = false)
    private long recordingId;

    @Column(name = "author_id", nullable = false)
    private long authorId;

    @Column(name = "at_ms", nullable = false)
    private long atMs;

    @Column(nullable = false, length = 2000)
    private String text;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    protected ObservationNote() {
    }

    ObservationNote(long discussionId, long recordingId, long authorId, long atMs, String text, Instant createdAt) {
        this.discussionId = discussionId;
        this.recordingId = recordingId;
        this.authorId = authorId;
        this.atMs = atMs;
        this.text = text;
        this.createdAt = createdAt;
    }

    ObservationNoteView view() {
        return new ObservationNoteView(id, discussionId, recordingId, atMs, text, createdAt);
    }
}
