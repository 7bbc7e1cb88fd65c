package app.earmark.review;

import jakarta.persistence.CascadeType;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.OneToMany;
import jakarta.persistence.OrderBy;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** One IQA review of one signed sheet version, with its verdicts, QA notes and actions. */
@Entity
@Table(name = "qa_review")
class QaReview {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;
    @Column(name = "sheet_id", nullable = false)
    private long sheetId;
    @Column(name = "sheet_version", nullable = false)
    private int sheetVersion;
    @Column(name = "sheet_hash", nullable = false)
    private String sheetHash;
    @Column(name = "learner_id", nullable = false)
    private long learnerId;
    @Column(name = "unit_id", nullable = false)
    private long unitId;
    @Column(nullable = false)
    private String assessor;
    @Column(name = "discussion_id")
    private Long discussionId;
    @Column(name = "recording_id")
    private Long recordingId;
    @Column(name = "recording_sha256")
    private String recordingSha256;
    @Column(nullable = false)
    private String reviewer;
    @Column(name = "reviewer_name", nullable = false)
    private String reviewerName;
    @Column(name = "opened_at", nullable = false)
    private Instant openedAt;
    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private ReviewStatus status;
    @Column(name = "comment_text")
    private String comment;
    @Column(name = "decided_at")
    private Instant decidedAt;
    @Column(name = "voided_at")
    private Instant voidedAt;
    @Column(name = "voided_reason")
    private String voidedReason;
    @Version
    private long version;

    @OneToMany(cascade = CascadeType.ALL, orphanRemoval = true)
    @JoinColumn(name = "review_id", nullable = false)
    @OrderBy("id")
    private List<ReviewVerdict> verdicts = new ArrayList<>();

    @OneToMany(cascade = CascadeType.ALL, orphanRemoval = true)
    @JoinColumn(name = "review_id", nullable = false)
    @OrderBy("startMs, id")
    private List<ReviewNote> notes = new ArrayList<>();

    @OneToMany(cascade = CascadeType.ALL, orphanRemoval = true)
    @JoinColumn(name = "review_id", nullable = false)
    @OrderBy("id")
    private List<ReviewAction> actions = new ArrayList<>();

    protected QaReview() {
    }

    QaReview(long sheetId, int sheetVersion, String sheetHash, long learnerId, long unitId, String assessor,
            Long discussionId, Long recordingId, String recordingSha256, String reviewer, String reviewerName,
            Instant openedAt) {
        this.sheetId = sheetId;
        this.sheetVersion = sheetVersion;
        this.sheetHash = sheetHash;
        this.learnerId = learnerId;
        this.unitId = unitId;
        this.assessor = assessor;
        this.discussionId = discussionId;
        this.recordingId = recordingId;
        this.recordingSha256 = recordingSha256;
        this.reviewer = reviewer;
        this.reviewerName = reviewerName;
        this.openedAt = openedAt;
        this.status = ReviewStatus.OPEN;
    }

    void decide(ReviewStatus outcome, String comment, Instant at) {
        this.status = outcome;
        this.comment = comment;
        this.decidedAt = at;
    }

    void voidAcceptance(Instant at, String reason) {
        this.voidedAt = at;
        this.voidedReason = reason;
    }

    Long id() {
        return id;
    }

    long sheetId() {
        return sheetId;
    }

    int sheetVersion() {
        return sheetVersion;
    }

    String sheetHash() {
        return sheetHash;
    }

    long learnerId() {
        return learnerId;
    }

    long unitId() {
        return unitId;
    }

    String assessor() {
        return assessor;
    }

    Long discussionId() {
        return discussionId;
    }

    Long recordingId() {
        return recordingId;
    }

    String recordingSha256() {
        return recordingSha256;
    }

    String reviewer() {
        return reviewer;
    }

    String reviewerName() {
        return reviewerName;
    }

    Instant openedAt() {
        return openedAt;
    }

    ReviewStatus status() {
        return status;
    }

    String comment() {
        return comment;
    }

    Instant decidedAt() {
        return decidedAt;
    }

    Instant voidedAt() {
        return voidedAt;
    }

    String voidedReason() {
        return voidedReason;
    }

    List<ReviewVerdict> verdicts() {
        return verdicts;
    }

    List<ReviewNote> notes() {
        return notes;
    }

    List<ReviewAction> actions() {
        return actions;
    }
}
