package app.earmark.workspace.ui;

import app.earmark.workspace.Tags;
import app.earmark.workspace.ui.TagEndpoint.Answer;
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
 * lock, no change tracking, no deferred send in the browser). Access is checked by {@link Tags} itself; every
 * open workspace of the recording, this one's too, then gets the change pushed by {@code TagBroadcaster}.
 */
@RestController
class TagRequests {

    /** Where a component sends the tags it makes for a recording. */
    static String createUrl(long recordingId) {
        return "/workspace/recordings/" + recordingId + "/tags";
    }

    /** Where a component sends changes and deletions (the tag's id follows). */
    static final String CHANGE_URL = "/workspace/tags";

    private final Tags tags;

    TagRequests(Tags tags) {
        this.tags = tags;
    }

    @PostMapping(path = "/workspace/recordings/{recordingId}/tags", produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<String> create(@PathVariable long recordingId, @RequestBody String json) {
        return http(new TagEndpoint(tags, () -> recordingId).create(json));
    }

    @PutMapping(path = CHANGE_URL + "/{tagId}", produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<String> update(@PathVariable long tagId, @RequestBody String json) {
        return http(forTag(tagId, json).update(json));
    }

    @DeleteMapping(path = CHANGE_URL + "/{tagId}", produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<String> delete(@PathVariable long tagId, @RequestBody String json) {
        return http(forTag(tagId, json).delete(json));
    }

    /** An endpoint for changes to this tag only: a body that names another tag is refused. */
    private TagEndpoint forTag(long tagId, String json) {
        return new TagEndpoint(tags, () -> {
            throw new IllegalStateException("A change to a tag needs no recording");
        }, tagId);
    }

    private static ResponseEntity<String> http(Answer answer) {
        HttpStatus status = switch (answer.outcome()) {
            case SAVED -> HttpStatus.OK;
            case REFUSED -> HttpStatus.UNPROCESSABLE_ENTITY;
            case NOT_ALLOWED -> HttpStatus.FORBIDDEN;
        };
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_JSON)
                .header("Cache-Control", "no-store").body(answer.json());
    }
}
