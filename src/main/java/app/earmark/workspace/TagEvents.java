package app.earmark.workspace;

import app.earmark.base.AuditableEvent;

/** Every change to a tag, recorded with who, when, before and after. */
public final class TagEvents {

    private TagEvents() {
    }

    /** How a tag's search piece id begins. */
    public static final String SEARCH_PIECE_PREFIX = "tag:";

    /** The id of a tag's search piece ({@code tag:42}): what a search outbox row names when only that tag changed. */
    public static String searchPieceId(long tagId) {
        return SEARCH_PIECE_PREFIX + tagId;
    }

    public record TagCreated(String actor, long discussionId, long tagId, String after) implements AuditableEvent {
        public String action() {
            return "tag-created";
        }

        public String subject() {
            return "discussion:" + discussionId + " tag:" + tagId;
        }

        public String details() {
            return "Tag " + tagId + " created: " + after;
        }
    }

    public record TagChanged(String actor, long discussionId, long tagId, String before, String after)
            implements AuditableEvent {
        public String action() {
            return "tag-changed";
        }

        public String subject() {
            return "discussion:" + discussionId + " tag:" + tagId;
        }

        public String details() {
            return "Tag " + tagId + " changed from " + before + " to " + after;
        }
    }

    public record TagDeleted(String actor, long discussionId, long tagId, String before) implements AuditableEvent {
        public String action() {
            return "tag-deleted";
        }

        public String subject() {
            return "discussion:" + discussionId + " tag:" + tagId;
        }

        public String details() {
            return "Tag " + tagId + " deleted; it was " + before;
        }
    }

    /**
     * A tag moved from one recording of a discussion to another made from it (a remote room's track onto the room's
     * combined recording), its time shifted by the track's place on the new recording.
     */
    public record TagMoved(String actor, long discussionId, long tagId, long fromRecordingId, long fromStartMs,
            long toRecordingId, long toStartMs) implements AuditableEvent {
        public String action() {
            return "tag-moved";
        }

        public String subject() {
            return "discussion:" + discussionId + " tag:" + tagId;
        }

        public String details() {
            return "Tag " + tagId + " moved from recording " + fromRecordingId + " at " + fromStartMs
                    + " ms to recording " + toRecordingId + " at " + toStartMs + " ms (the remote room's combined"
                    + " recording)";
        }
    }

    /**
     * One tag of a recording was made, changed or deleted, or moved onto or off the recording (for live updates of
     * open workspaces; not audited itself). Carries only that tag, never the recording's whole list.
     *
     * @param tag the tag as committed, or {@code null} when it was deleted or moved off the recording
     */
    public record TagsChanged(long recordingId, long tagId, TagView tag) {

        public boolean deleted() {
            return tag == null;
        }
    }
}
