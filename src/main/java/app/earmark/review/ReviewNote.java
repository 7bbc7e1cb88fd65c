package app.earmark.review;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** The IQA's own time-coded note on the recording (a moment or a span); never one of the assessor's tags. */
@Entity
@Table(name = "qa_review_note")
class ReviewNote {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;
    @Column(name = "recording_id", nullable = false)
    private long recordingId;
    @Column(name = "start_ms", nullable = false)
    private long startMs;
    @Column(name = "end_ms")
    private Long endMs;
    @Column(name = "note_text", nullable = false)
    private String text;
    @Column(name = "created_by", nullable = false)
    private String createdBy;
    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    protected ReviewNote() {
    }

    ReviewNote(long recordingId, long startMs, Long endMs, String text, String createdBy, Instant createdAt) {
        this.recordingId = recordingId;
        this.startMs = startMs;
        this.endMs = endMs;
        this.text = text;
        this.createdBy = createdBy;
        this.createdAt = createdAt;
    }

    Long id() {
        return id;
    }

    long recordingId() {
        return recordingId;
    }

    long startMs() {
        return startMs;
    }

    Long endMs() {
        return endMs;
    }

    String text() {
        return text;
    }

    String createdBy() {
        return createdBy;
    }

    Instant createdAt() {
        return createdAt;
    }
}
