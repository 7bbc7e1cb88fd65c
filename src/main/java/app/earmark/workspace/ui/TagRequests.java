package app.earmark.workspace.ui;

import app.earmark.workspace.TagBroadcaster;
import app.earmark.workspace.Tags;
import app.earmark.workspace.ui.TagEndpoint.Answer;
import java.util.Locale;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * Where the tagging components send tags to be made, changed and deleted: plain same-origin HTTP requests
 * (session, CSRF token and {@code Origin} checked like every request of Earmark's pages), answered with the
 * saved tag as JSON, or a refusal with its reason (422, or 403 where the person may not tag the recording or
 * the tag). A tag is the assessor's most frequent act, so it does not go through Vaadin's round trip (no UI
 * lock, no change tracking, no deferred send in the browser). Access is checked by {@link Tags} itself.
 *
 * <p>Each tagging component has its own addresses, with a token naming its page
 * ({@code /workspace/pages/{page}/…}): every other open workspace of the recording gets the change pushed by
 * {@link TagBroadcaster} after the commit, on the broadcaster's thread, but not the page that sent it, which
 * has it in the answer. A change to a tag the person may not change is answered as one to a tag that does
 * not exist ({@link TagEndpoint}), so tag ids cannot be probed.
 */
@RestController
class TagRequests {

    /** A new token naming one tagging component's page (unguessable: it only keeps echoes from that page). */
    static String newPage() {
        return UUID.randomUUID().toString();
    }

    /** Where the component of {@code page} sends the tags it makes for a recording. */
    static String createUrl(String page, long recordingId) {
        return "/workspace/pages/" + page + "/recordings/" + recordingId + "/tags";
    }

    /** Where the component of {@code page} sends changes and deletions (the tag's id follows). */
    static String changeUrl(String page) {
        return "/workspace/pages/" + page + "/tags";
    }

    private final Tags tags;
    private final TagBroadcaster broadcaster;

    TagRequests(Tags tags, TagBroadcaster broadcaster) {
        this.tags = tags;
        this.broadcaster = broadcaster;
    }

    @PostMapping(path = {"/workspace/recordings/{recordingId}/tags",
            "/workspace/pages/{page}/recordings/{recordingId}/tags"}, produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<String> create(@PathVariable(required = false) String page, @PathVariable long recordingId,
            @RequestBody String json) {
        long start = System.nanoTime();
        return http(broadcaster.from(page, () -> new TagEndpoint(tags, () -> recordingId).create(json)), start);
    }

    @PutMapping(path = {"/workspace/tags/{tagId}", "/workspace/pages/{page}/tags/{tagId}"},
            produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<String> update(@PathVariable(required = false) String page, @PathVariable long tagId,
            @RequestBody String json) {
        long start = System.nanoTime();
        return http(broadcaster.from(page, () -> forTag(tagId, json).update(json)), start);
    }

    @DeleteMapping(path = {"/workspace/tags/{tagId}", "/workspace/pages/{page}/tags/{tagId}"},
            produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<String> delete(@PathVariable(required = false) String page, @PathVariable long tagId,
            @RequestBody String json) {
        long start = System.nanoTime();
        return http(broadcaster.from(page, () -> forTag(tagId, json).delete(json)), start);
    }

    /** An endpoint for changes to this tag only: a body that names another tag is refused. */
    private TagEndpoint forTag(long tagId, String json) {
        return new TagEndpoint(tags, () -> {
            throw new IllegalStateException("A change to a tag needs no recording");
        }, tagId);
    }

    /**
     * The answer, with the time the request took in here (access checks, the transaction and its commit, the
     * hand-over of the change to the broadcaster) as {@code Server-Timing}, which the browser's Resource Timing
     * shows beside the request's whole time on the server.
     */
    private static ResponseEntity<String> http(Answer answer, long start) {
        HttpStatus status = switch (answer.outcome()) {
            case SAVED -> HttpStatus.OK;
            case REFUSED -> HttpStatus.UNPROCESSABLE_ENTITY;
            case NOT_ALLOWED -> HttpStatus.FORBIDDEN;
        };
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_JSON)
                .header("Cache-Control", "no-store")
                .header("Server-Timing", String.format(Locale.ROOT, "tag;dur=%.2f", (System.nanoTime() - start) / 1e6))
                .body(answer.json());
    }
}
