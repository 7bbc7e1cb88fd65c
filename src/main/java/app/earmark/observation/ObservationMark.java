package app.earmark.observation;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A discussion an IQA has marked for live observation. */
@Entity
@Table(name = "observation_mark")
class ObservationMark {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "discussion_id", nullable = false)
    private long discussionId;

    @Column(name = "iqa_id", nullable = false)
    private long iqaId;

    @Column(name = "marked_at", nullable = false)
    private Instant markedAt;

    protected ObservationMark() {
    }

    ObservationMark(long discussionId, long iqaId, Instant markedAt) {
        this.discussionId = discussionId;
        this.iqaId = iqaId;
        this.markedAt = markedAt;
    }

    long discussionId() {
        return discussionId;
    }

    long iqaId() {
        return iqaId;
    }

    Instant markedAt() {
        return markedAt;
    }
}
