package app.earmark.sheets;

import app.earmark.recordings.ChapteredCopies;
import java.time.Instant;

/**
 * An evidence attachment as those who may see its discussion or sheet see it.
 *
 * @param discussionId the discussion it belongs to (AC map exports), or {@code null}
 * @param sheetId      the result sheet version it belongs to (the signed PDF), or {@code null}
 * @param recordingId  the recording a copy with embedded chapters was made of (kept in the media store), or
 *                     {@code null}
 * @param sha256       SHA-256 of the file, checked again whenever it is read
 */
public record EvidenceView(long id, Long discussionId, Long sheetId, Long recordingId, EvidenceKind kind,
        String fileName, String mediaType, String sha256, long size, String createdBy, Instant createdAt) {

    /**
     * Where the browser downloads it (with its session); {@code /api/v1/evidence/{id}} for the API. A recording
     * copy is answered there with a redirect to the media path that streams it with Range requests.
     */
    public String downloadPath() {
        return "/exports/evidence/" + id;
    }

    /** The media path of a recording copy ({@code /media/…}, or {@code /api/v1/…} for the API); else empty. */
    public java.util.Optional<String> mediaPath(boolean api) {
        return kind == EvidenceKind.CHAPTERED_RECORDING && recordingId != null
                ? java.util.Optional.of(ChapteredCopies.url(recordingId, sha256, api))
                : java.util.Optional.empty();
    }
}
