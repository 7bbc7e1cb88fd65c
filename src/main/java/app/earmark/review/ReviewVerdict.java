package app.earmark.review;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** The IQA's agree / disagree on one AC of the reviewed sheet, with a comment (required to disagree). */
@Entity
@Table(name = "qa_review_verdict")
class ReviewVerdict {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;
    @Column(name = "criterion_id", nullable = false)
    private long criterionId;
    @Column(name = "ac_number", nullable = false)
    private String acNumber;
    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private Verdict verdict;
    @Column(name = "comment_text")
    private String comment;
    @Column(name = "recorded_at", nullable = false)
    private Instant recordedAt;

    protected ReviewVerdict() {
    }

    ReviewVerdict(long criterionId, String acNumber, Verdict verdict, String comment, Instant recordedAt) {
        this.criterionId = criterionId;
        this.acNumber = acNumber;
        change(verdict, comment, recordedAt);
    }

    void change(Verdict verdict, String comment, Instant at) {
        this.verdict = verdict;
        this.comment = comment;
        this.recordedAt = at;
    }

    long criterionId() {
        return criterionId;
    }

    String acNumber() {
        return acNumber;
    }

    Verdict verdict() {
        return verdict;
    }

    String comment() {
        return comment;
    }

    Instant recordedAt() {
        return recordedAt;
    }
}
