package app.earmark.notes;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;

/**
 * The learner's statement that the notes of a discussion are a true record, bound to the SHA-256 of exactly
 * what they were shown ({@link #covered}, the canonical JSON). Voided, never deleted, when that changes.
 */
@Entity
@Table(name = "notes_authentication")
class NotesAuthentication {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "discussion_id", nullable = false)
    private long discussionId;

    @Column(name = "learner_id", nullable = false)
    private long learnerId;

    @Column(name = "unit_ids", nullable = false, length = 400)
    private String unitIds;

    @Column(name = "authenticated_by", nullable = false, length = 100)
    private String authenticatedBy;

    @Column(name = "authenticated_at", nullable = false)
    private Instant authenticatedAt;

    @Column(nullable = false, length = 64)
    private String sha256;

    @Column(nullable = false, length = 1_000_000)
    private String covered;

    @Column(name = "voided_at")
    private Instant voidedAt;

    @Column(name = "void_reason", length = 4000)
    private String voidReason;

    @Version
    private long version;

    protected NotesAuthentication() {
    }

    NotesAuthentication(long discussionId, long learnerId, String unitIds, String by, Instant at, NotesContent content) {
        this.discussionId = discussionId;
        this.learnerId = learnerId;
        this.unitIds = unitIds;
        this.authenticatedBy = by;
        this.authenticatedAt = at;
        this.sha256 = content.sha256();
        this.covered = content.json();
    }

    Long id() {
        return id;
    }

    long discussionId() {
        return discussionId;
    }

    long learnerId() {
        return learnerId;
    }

    String unitIds() {
        return unitIds;
    }

    String sha256() {
        return sha256;
    }

    String covered() {
        return covered;
    }

    Instant authenticatedAt() {
        return authenticatedAt;
    }

    boolean isVoid() {
        return voidedAt != null;
    }

    void voidBecause(String reason, Instant at) {
        voidReason = reason.length() > 4000 ? reason.substring(0, 3999) + "…" : reason;
        voidedAt = at;
    }

    NotesAuthenticationView view() {
        return new NotesAuthenticationView(id, discussionId, learnerId, authenticatedBy, authenticatedAt, sha256,
                voidedAt, voidReason);
    }
}
