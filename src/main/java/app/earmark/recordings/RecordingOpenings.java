package app.earmark.recordings;

import app.earmark.recordings.RecordingEvents.RecordingOpened;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

/**
 * Records in the audit trail that someone opened a recording: once per person and recording per
 * {@link #WINDOW}, as a player asks for a recording many times in ranges. Needs no transaction (the audit records the
 * event itself), so the streaming path can call it without one.
 */
@Component
class RecordingOpenings {

    static final Duration WINDOW = Duration.ofHours(1);

    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final Map<String, Instant> lastOpened = new ConcurrentHashMap<>();

    RecordingOpenings(ApplicationEventPublisher events, Clock clock) {
        this.events = events;
        this.clock = clock;
    }

    /**
     * A recording's media was handed out (from the database or from a remembered access decision): only its playable
     * copy counts as opening the recording; its poster and waveform do not.
     */
    void mediaOpened(String actor, long recordingId, Recordings.MediaKind kind) {
        if (kind == Recordings.MediaKind.RENDITION) {
            opened(actor, recordingId, "the playable copy");
        }
    }

    void opened(String actor, long recordingId, String what) {
        Instant now = clock.instant();
        Instant previous = lastOpened.put(actor + "/" + recordingId, now);
        if (previous == null || previous.plus(WINDOW).isBefore(now)) {
            events.publishEvent(new RecordingOpened(actor, recordingId, what));
        }
    }
}
