package app.earmark.notes;

import java.time.Instant;
import java.util.List;

/**
 * A learner's dispute of items of a discussion's notes, as those who may see the discussion see it.
 *
 * @param notesSha256 the SHA-256 of the notes as they were when disputed
 * @param resolvedAt  when the assessor resolved it, or {@code null} while it is open
 */
public record NotesDisputeView(long id, long discussionId, long learnerId, String disputedBy, Instant disputedAt,
        String comment, String notesSha256, List<Item> items, String resolvedBy, Instant resolvedAt,
        String resolution) {

    public NotesDisputeView {
        items = List.copyOf(items);
    }

    public boolean resolved() {
        return resolvedAt != null;
    }

    /**
     * A disputed item: a tag of the notes.
     *
     * @param description the tag as it was when disputed, e.g. {@code 0m 43s 8587-300 AC 3.1 (note: "…")}
     */
    public record Item(long tagId, String description) {
    }
}
