package app.earmark.room;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The remote room ({@code earmark.room.*}).
 *
 * @param recordingNotice what both parties agree to before anything is recorded: the centre's own text
 * @param retention       the sentence saying how long the recording is kept, shown after the notice
 * @param maxLength       how long a room stays open: after that it ends, and what was recorded is kept
 * @param presenceTimeout how long a page in the room may be silent (its browser says it is there every 5 s) before
 *                        it is taken to have left
 * @param emptyAfter      how long a room may stay without either party (both left without the assessor ending it, or
 *                        nobody joined) before it ends by itself, so that its combined recording is made
 */
@ConfigurationProperties("earmark.room")
public record RoomProperties(
        @DefaultValue("This professional discussion is recorded as evidence for your qualification. Each of you is"
                + " recorded from your own microphone. The recording is seen by your assessor, your centre's internal"
                + " quality assurer and, when sampled, the awarding organisation's external quality assurer.")
        String recordingNotice,
        @DefaultValue("The centre keeps the recording for three years after your qualification is certificated, then"
                + " deletes it.")
        String retention,
        @DefaultValue("4h") Duration maxLength,
        @DefaultValue("20s") Duration presenceTimeout,
        @DefaultValue("15m") Duration emptyAfter) {

    public RoomProperties {
        if (recordingNotice == null || recordingNotice.isBlank()) {
            throw new IllegalArgumentException("earmark.room.recording-notice must not be empty: both parties agree"
                    + " to it before anything is recorded");
        }
        if (retention == null || retention.isBlank()) {
            throw new IllegalArgumentException("earmark.room.retention must say how long recordings are kept");
        }
        if (maxLength == null || maxLength.isNegative() || maxLength.isZero()) {
            throw new IllegalArgumentException("earmark.room.max-length must be a positive duration, e.g. 4h");
        }
        if (emptyAfter == null || emptyAfter.toMinutes() < 1) {
            throw new IllegalArgumentException("earmark.room.empty-after must be at least 1m (a party's page that"
                    + " drops out may take a minute to come back), e.g. 15m");
        }
        if (presenceTimeout == null || presenceTimeout.toSeconds() < 10) {
            throw new IllegalArgumentException("earmark.room.presence-timeout must be at least 10s (pages say they are"
                    + " there every 5 s)");
        }
    }

    /** The notice with its retention sentence, as the parties read and agree to it. */
    public String fullNotice() {
        return recordingNotice.strip() + " " + retention.strip();
    }
}
