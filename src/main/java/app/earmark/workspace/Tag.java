package app.earmark.workspace;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;

/** A moment (or span) of a recording linked to one or more ACs, with an optional note. */
@Entity
@Table(name = "tag")
class Tag {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "discussion_id", nullable = false)
    private long discussionId;

    @Column(name = "recording_id", nullable = false)
    private long recordingId;

    @Column(name = "start_ms", nullable = false)
    private long startMs;

    @Column(name = "end_ms")
    private Long endMs;

    @Column(length = 2000)
    private String note;

    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "tag_criterion", joinColumns = @JoinColumn(name = "tag_id"))
    @Column(name = "criterion_id", nullable = false)
    private Set<Long> criterionIds = new HashSet<>();

    /** Set when the tag is made, from a planned question; never changed afterwards. */
    @Column(name = "question_position")
    private Integer questionPosition;

    @Column(name = "created_by", nullable = false, length = 100)
    private String createdBy;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "updated_by", length = 100)
    private String updatedBy;

    @Column(name = "updated_at")
    private Instant updatedAt;

    @Version
    private long version;

    protected Tag() {
    }

    Tag(long discussionId, long recordingId, Tags.TagDraft draft, String by, Instant at) {
        this.discussionId = discussionId;
        this.recordingId = recordingId;
        apply(draft);
        this.questionPosition = draft.questionPosition();
        this.createdBy = by;
        this.createdAt = at;
    }

    void change(Tags.TagDraft draft, String by, Instant at) {
        apply(draft);
        updatedBy = by;
        updatedAt = at;
    }

    /** Moves the tag onto another recording made from its own, shifted by its recording's place there. */
    void moveTo(long newRecordingId, long offsetMs, String by, Instant at) {
        recordingId = newRecordingId;
        startMs += offsetMs;
        if (endMs != null) {
            endMs += offsetMs;
        }
        updatedBy = by;
        updatedAt = at;
    }

    long startMs() {
        return startMs;
    }

    private void apply(Tags.TagDraft draft) {
        startMs = draft.startMs();
        endMs = draft.endMs();
        note = draft.note() == null || draft.note().isBlank() ? null : draft.note();
        criterionIds = new HashSet<>(draft.criterionIds());
    }

    Long id() {
        return id;
    }

    long version() {
        return version;
    }

    long recordingId() {
        return recordingId;
    }

    long discussionId() {
        return discussionId;
    }

    TagView view() {
        return new TagView(id, version, discussionId, recordingId, startMs, endMs,
                criterionIds.stream().sorted().toList(), note, createdBy, createdAt, updatedBy, updatedAt,
                questionPosition);
    }
}
