package app.earmark.observation.web;

import app.earmark.recordings.LiveRecordings;
import app.earmark.recordings.LiveRecordings.LiveSoFar;
import app.earmark.recordings.LiveRecordings.RecordingClosedException;
import app.earmark.observation.LiveObservations;
import app.earmark.security.AccessRefusedException;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The parts of a live recording received so far, for the IQA observing it: {@code GET
 * /observation/live/{recordingId}/parts?from=n} answers the parts from number {@code n} on that have arrived in
 * order (the recorder's WebM pieces, which concatenated from part 0 make one stream), with the number of the next
 * part to ask for in {@code Earmark-Next-Part}; 204 when none has arrived yet (naming the first part that arrived
 * after a missing one, if any), 410 once the recording has ended.
 * Anyone but the IQA who marked the discussion gets 404, and the refusal is audited.
 */
@RestController
class LivePartsController {

    static final String NEXT_PART = "Earmark-Next-Part";
    static final String NEXT_AFTER_GAP = "Earmark-Next-After-Gap";

    private final LiveObservations observations;
    private final LiveRecordings live;

    LivePartsController(LiveObservations observations, LiveRecordings live) {
        this.observations = observations;
        this.live = live;
    }

    /**
     * The parts from {@code from} on. Part {@code from} missing while a later one has arrived: 204 with
     * {@value #NEXT_AFTER_GAP} naming that one, and the player decides when to go on from it. It asks then with
     * {@code cluster=true}: the answer starts at the first WebM cluster from there (204 with {@value #NEXT_PART}
     * past the parts looked at, if none has one yet).
     */
    @GetMapping("/observation/live/{recordingId}/parts")
    void parts(@PathVariable long recordingId, @RequestParam(defaultValue = "0") int from,
            @RequestParam(defaultValue = "false") boolean cluster, HttpServletResponse response) throws IOException {
        LiveSoFar soFar = observations.parts(recordingId, from);
        response.setHeader("Cache-Control", CacheControl.noStore().getHeaderValue());
        response.setHeader(NEXT_PART, String.valueOf(soFar.to()));
        if (!soFar.recording()) {
            text(response, HttpStatus.GONE, "Recording " + recordingId + " has ended.");
            return;
        }
        if (soFar.to() == soFar.from()) {
            if (soFar.nextAfterGap() >= 0) {
                response.setHeader(NEXT_AFTER_GAP, String.valueOf(soFar.nextAfterGap()));
            }
            response.setStatus(HttpStatus.NO_CONTENT.value());
            return;
        }
        if (!cluster) {
            webm(response);
            live.copyParts(soFar, response.getOutputStream());
        } else if (!live.copyPartsFromCluster(soFar, () -> webm(response).getOutputStream())) {
            response.setStatus(HttpStatus.NO_CONTENT.value());
        }
    }

    private static HttpServletResponse webm(HttpServletResponse response) {
        response.setStatus(HttpStatus.OK.value());
        response.setContentType("video/webm");
        return response;
    }

    @ExceptionHandler(RecordingClosedException.class)
    ResponseEntity<String> closed(RecordingClosedException e) {
        return ResponseEntity.status(HttpStatus.GONE).contentType(MediaType.TEXT_PLAIN).body(e.getMessage());
    }

    @ExceptionHandler(AccessRefusedException.class)
    ResponseEntity<String> refused(AccessRefusedException e) {
        return ResponseEntity.status(HttpStatus.NOT_FOUND).contentType(MediaType.TEXT_PLAIN)
                .body("There is no such live recording.");
    }

    @ExceptionHandler(IllegalArgumentException.class)
    ResponseEntity<String> bad(IllegalArgumentException e) {
        return ResponseEntity.badRequest().contentType(MediaType.TEXT_PLAIN).body(e.getMessage());
    }

    private static void text(HttpServletResponse response, HttpStatus status, String message) throws IOException {
        response.setStatus(status.value());
        response.setContentType("text/plain;charset=UTF-8");
        response.getWriter().write(message);
    }
}
