package app.earmark.sheets;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A generated file attached to a discussion's or a sheet's evidence record; never changed once made. */
@Entity
@Table(name = "evidence_attachment")
class EvidenceAttachment {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "discussion_id")
    private Long discussionId;

    @Column(name = "sheet_id")
    private Long sheetId;

    @Column(name = "recording_id")
    private Long recordingId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 30)
    private EvidenceKind kind;

    @Column(name = "file_name", nullable = false, length = 200)
    private String fileName;

    @Column(name = "media_type", nullable = false, length = 100)
    private String mediaType;

    @Column(nullable = false, length = 64)
    private String sha256;

    @Column(nullable = false)
    private long size;

    @Column(name = "created_by", nullable = false, length = 100)
    private String createdBy;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    protected EvidenceAttachment() {
    }

    EvidenceAttachment(Long discussionId, Long sheetId, Long recordingId, EvidenceKind kind, String fileName,
            String mediaType, String sha256, long size, String createdBy, Instant createdAt) {
        this.discussionId = discussionId;
        this.sheetId = sheetId;
        this.recordingId = recordingId;
        this.kind = kind;
        this.fileName = fileName;
        this.mediaType = mediaType;
        this.sha256 = sha256;
        this.size = size;
        this.createdBy = createdBy;
        this.createdAt = createdAt;
    }

    Long discussionId() {
        return discussionId;
    }

    Long sheetId() {
        return sheetId;
    }

    String sha256() {
        return sha256;
    }

    EvidenceView view() {
        return new EvidenceView(id, discussionId, sheetId, recordingId, kind, fileName, mediaType, sha256, size,
                createdBy, createdAt);
    }
}
