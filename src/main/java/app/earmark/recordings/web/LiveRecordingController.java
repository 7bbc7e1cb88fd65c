package app.earmark.recordings.web;

import app.earmark.discussions.DiscussionException;
import app.earmark.recordings.LiveRecordings;
import app.earmark.recordings.LiveRecordings.RecordingBusyException;
import app.earmark.recordings.LiveRecordings.RecordingClosedException;
import app.earmark.recordings.RecordingSummary;
import app.earmark.security.AccessRefusedException;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * Where the browser's recorder sends the parts of a live recording while it records, and says when it
 * has stopped. Session and CSRF protected like any UI request; the signed-in person must be an assessor of
 * the discussion's learner.
 */
@RestController
class LiveRecordingController {

    private final LiveRecordings live;

    LiveRecordingController(LiveRecordings live) {
        this.live = live;
    }

    @PutMapping("/live/recordings/{id}/chunks/{sequence}")
    ResponseEntity<Void> part(@PathVariable long id, @PathVariable int sequence, HttpServletRequest request)
            throws IOException {
        live.part(id, sequence, request.getInputStream());
        return ResponseEntity.noContent().build();
    }

    /** The recorder stopped after sending {@code chunks} parts. */
    record Finished(int chunks) {
    }

    @PostMapping("/live/recordings/{id}/finish")
    Map<String, Object> finish(@PathVariable long id, @RequestBody Finished finished) {
        RecordingSummary recording = live.finish(id, finished.chunks());
        return Map.of("recordingId", recording.id(), "state", recording.state().name());
    }

    @ExceptionHandler(RecordingClosedException.class)
    ResponseEntity<String> closed(RecordingClosedException e) {
        return text(HttpStatus.CONFLICT, e.getMessage());
    }

    /** Being put together just now: the browser sends the part (or the finish) again, as after a dropped connection. */
    @ExceptionHandler(RecordingBusyException.class)
    ResponseEntity<String> busy(RecordingBusyException e) {
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).header(HttpHeaders.RETRY_AFTER, "2")
                .contentType(MediaType.TEXT_PLAIN).body(e.getMessage());
    }

    @ExceptionHandler(DiscussionException.class)
    ResponseEntity<String> refused(DiscussionException e) {
        return text(HttpStatus.BAD_REQUEST, e.getMessage());
    }

    @ExceptionHandler(AccessRefusedException.class)
    ResponseEntity<String> forbidden(AccessRefusedException e) {
        return text(HttpStatus.FORBIDDEN, e.getMessage());
    }

    private static ResponseEntity<String> text(HttpStatus status, String message) {
        return ResponseEntity.status(status).contentType(MediaType.TEXT_PLAIN).body(message);
    }
}
