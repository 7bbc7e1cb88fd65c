package app.earmark.notes;

import java.time.Instant;

/**
 * A learner's authentication of a discussion's notes as those who may see the discussion see it.
 *
 * @param sha256     the SHA-256 over the canonical JSON of the notes, tags and recordings it covered
 * @param voidedAt   when a change to what it covered voided it, or {@code null} while it holds
 * @param voidReason what changed, or {@code null}
 */
public record NotesAuthenticationView(long id, long discussionId, long learnerId, String authenticatedBy,
        Instant authenticatedAt, String sha256, Instant voidedAt, String voidReason) {

    public boolean isVoid() {
        return voidedAt != null;
    }
}
