package app.earmark.room;

import app.earmark.base.AuditableEvent;

/** What happens in a remote room; each is recorded in the audit trail. */
public final class RoomEvents {

    private RoomEvents() {
    }

    /** The assessor opened the discussion's remote room. */
    public record RemoteRoomOpened(String actor, long discussionId, long sessionId) implements AuditableEvent {
        public String action() {
            return "remote-room-opened";
        }

        public String subject() {
            return "discussion:" + discussionId;
        }

        public String details() {
            return "Remote discussion room " + sessionId + " of discussion " + discussionId + " opened";
        }
    }

    /** Someone entered the room (once per page opened). */
    public record RemoteRoomEntered(String actor, long discussionId, long sessionId, RoomRole role)
            implements AuditableEvent {
        public String action() {
            return "remote-room-entered";
        }

        public String subject() {
            return "discussion:" + discussionId;
        }

        public String details() {
            return "Entered remote discussion room " + sessionId + " as the " + role.label();
        }
    }

    /** A party agreed to the recording notice (its text is kept with the room's session). */
    public record RecordingConsentGiven(String actor, long discussionId, long sessionId, RoomRole party,
            String notice) implements AuditableEvent {
        public String action() {
            return "recording-consent-given";
        }

        public String subject() {
            return "discussion:" + discussionId;
        }

        public String details() {
            return "The " + party.label() + " agreed to be recorded in remote discussion room " + sessionId + ": \""
                    + notice + "\"";
        }
    }

    /** A party's browser started recording its own microphone. */
    public record PartyRecordingStarted(String actor, long discussionId, long sessionId, RoomRole party,
            long recordingId) implements AuditableEvent {
        public String action() {
            return "party-recording-started";
        }

        public String subject() {
            return "recording:" + recordingId;
        }

        public String details() {
            return "The " + party.label() + "'s microphone recorded as recording " + recordingId
                    + " in remote discussion room " + sessionId;
        }
    }

    /**
     * A room's session started recording: its first party's track started (published once per session, however many
     * tracks its parties start, and whichever party starts first; a party who rejoins starts another track of the same
     * session). Each track is audited as {@link PartyRecordingStarted}; this one is for who is told that the
     * discussion is being recorded live.
     */
    public record RoomRecordingStarted(long discussionId, long sessionId, long recordingId) {
    }

    /** The room ended (the assessor ended it, it reached its upper limit, or neither party was in it for a while). */
    public record RemoteRoomEnded(String actor, long discussionId, long sessionId, String why)
            implements AuditableEvent {
        public String action() {
            return "remote-room-ended";
        }

        public String subject() {
            return "discussion:" + discussionId;
        }

        public String details() {
            return "Remote discussion room " + sessionId + " ended: " + why;
        }
    }

    /**
     * A track's place on the combined recording's timeline: its sample 0 is at {@code offsetMs} of the combined
     * recording (a tag at {@code t} on the track is at {@code t + offsetMs} on the combined recording).
     */
    public record TrackPlacement(long recordingId, RoomRole party, long offsetMs) {
    }

    /**
     * The room's tracks were mixed into one combined recording (assessor left, learner right), which now goes through
     * ingest, with its tracks' places on its timeline (by which the room has moved the tracks' tags onto it).
     *
     * @param singleSided the note on the spans where one party only was recorded, or null
     */
    public record RoomRecordingCombined(long discussionId, long sessionId, long combinedRecordingId, long durationMs,
            java.util.List<TrackPlacement> placements, String singleSided) implements AuditableEvent {
        public RoomRecordingCombined {
            placements = java.util.List.copyOf(placements);
        }

        public String actor() {
            return SYSTEM;
        }

        public String action() {
            return "room-recording-combined";
        }

        public String subject() {
            return "recording:" + combinedRecordingId;
        }

        public String details() {
            return "The tracks of remote discussion room " + sessionId + " (" + placements.stream()
                    .map(p -> "recording " + p.recordingId() + ", the " + p.party().label() + ", at " + p.offsetMs()
                            + " ms").collect(java.util.stream.Collectors.joining("; ")) + ") combined into recording "
                    + combinedRecordingId + " of " + durationMs + " ms"
                    + (singleSided == null ? "" : ". " + singleSided);
        }
    }
}
