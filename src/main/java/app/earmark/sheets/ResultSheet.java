package app.earmark.sheets;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;

/**
 * One version of a learner's result sheet for one unit version. A signed version is never changed: the
 * service refuses, and an amendment starts the next version from a copy.
 */
@Entity
@Table(name = "result_sheet")
class ResultSheet {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "learner_id", nullable = false)
    private long learnerId;

    @Column(name = "unit_id", nullable = false)
    private long unitId;

    @Column(name = "version_number", nullable = false)
    private int versionNumber;

    @Column(name = "previous_id")
    private Long previousId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 20)
    private SheetStatus status;

    @Column(name = "use_marks", nullable = false)
    private boolean useMarks;

    /** {@link SheetContent} (and, once signed, the frozen time counters) as JSON. */
    @Column(nullable = false, length = 1000000)
    private String content;

    @Enumerated(EnumType.STRING)
    @Column(name = "assessor_decision", length = 20)
    private AcResult assessorDecision;

    @Column(name = "signed_by", length = 100)
    private String signedBy;

    @Column(name = "signed_at")
    private Instant signedAt;

    @Column(name = "content_hash", length = 64)
    private String contentHash;

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

    protected ResultSheet() {
    }

    ResultSheet(long learnerId, long unitId, int versionNumber, Long previousId, boolean useMarks, String content,
            String by, Instant at) {
        this.learnerId = learnerId;
        this.unitId = unitId;
        this.versionNumber = versionNumber;
        this.previousId = previousId;
        this.status = SheetStatus.DRAFT;
        this.useMarks = useMarks;
        this.content = content;
        this.createdBy = by;
        this.createdAt = at;
    }

    void edit(boolean marks, String newContent, String by, Instant at) {
        useMarks = marks;
        content = newContent;
        updatedBy = by;
        updatedAt = at;
    }

    void sign(AcResult decision, String frozenContent, String hash, String by, Instant at) {
        assessorDecision = decision;
        content = frozenContent;
        contentHash = hash;
        signedBy = by;
        signedAt = at;
        status = SheetStatus.SIGNED;
    }

    Long id() {
        return id;
    }

    long learnerId() {
        return learnerId;
    }

    long unitId() {
        return unitId;
    }

    int versionNumber() {
        return versionNumber;
    }

    Long previousId() {
        return previousId;
    }

    SheetStatus status() {
        return status;
    }

    boolean useMarks() {
        return useMarks;
    }

    String content() {
        return content;
    }

    AcResult assessorDecision() {
        return assessorDecision;
    }

    String signedBy() {
        return signedBy;
    }

    Instant signedAt() {
        return signedAt;
    }

    String contentHash() {
        return contentHash;
    }

    long version() {
        return version;
    }

    Instant createdAt() {
        return createdAt;
    }

    String createdBy() {
        return createdBy;
    }
}
