package app.earmark.search;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/** Where a hit opens: the recording at a moment, or a result sheet at an AC. */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({@JsonSubTypes.Type(value = Target.Moment.class, name = "moment"),
        @JsonSubTypes.Type(value = Target.SheetAc.class, name = "sheet")})
public sealed interface Target {

    /**
     * A recording of the discussion at {@code ms} milliseconds from its start (the time counters' play URL).
     *
     * @param recordingId the recording; null for the discussion's first playable one (a title's or plan's hit)
     */
    record Moment(long discussionId, Long recordingId, long ms) implements Target {
        public Moment {
            if (ms < 0) {
                throw new IllegalArgumentException("A moment cannot be before the recording starts: " + ms + " ms");
            }
        }

        /** The discussion's first playable recording at {@code ms}. */
        public Moment(long discussionId, long ms) {
            this(discussionId, null, ms);
        }
    }

    /** A result sheet at one AC, written {@code unit/number} (e.g. {@code 502/2.3}); null for the whole sheet. */
    record SheetAc(long sheetId, String ac) implements Target {
    }
}
