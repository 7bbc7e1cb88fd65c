package app.earmark.sheets;

import java.time.Instant;

/**
 * An evidence attachment as those who may see its discussion or sheet see it.
 *
 * @param discussionId the discussion it belongs to (AC map exports), or {@code null}
 * @param sheetId      the result sheet version it belongs to (the signed PDF), or {@code null}
 * @param sha256       SHA-256 of the file, checked again whenever it is read
 */
public record EvidenceView(long id, Long discussionId, Long sheetId, EvidenceKind kind, String fileName,
        String mediaType, String sha256, long size, String createdBy, Instant createdAt) {

    /** Where the browser downloads it (with its session); {@code /api/v1/evidence/{id}} for the API. */
    public String downloadPath() {
        return "/exports/evidence/" + id;
    }
}
