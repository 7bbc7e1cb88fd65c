package app.earmark.workspace;

import java.time.Instant;
import java.util.List;

/**
 * A tag as those who may see its discussion see it.
 *
 * @param endMs            the end of a span, or {@code null} for a moment
 * @param questionPosition the planned question this tag marks as asked here (made with the question's "Tag all"), or
 *                         {@code null}
 */
public record TagView(long id, long version, long discussionId, long recordingId, long startMs, Long endMs,
        List<Long> criterionIds, String note, String createdBy, Instant createdAt, String updatedBy,
        Instant updatedAt, Integer questionPosition) {

    public TagView {
        criterionIds = List.copyOf(criterionIds);
    }
}
