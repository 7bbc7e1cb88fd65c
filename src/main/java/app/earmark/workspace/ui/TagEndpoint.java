package app.earmark.workspace.ui;

import app.earmark.workspace.TagException;
import app.earmark.workspace.Tags;
import app.earmark.workspace.Tags.TagDraft;
import java.util.Set;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.springframework.security.access.AccessDeniedException;

/**
 * The tag requests of a tagging component (create, update, delete), answered as JSON: either the saved
 * tag or a refusal with its reason. Shared by the playback workspace and the live recorder, whether the
 * request came as a plain HTTP request ({@link TagRequests}) or through Vaadin ({@code @ClientCallable}).
 */
final class TagEndpoint {

    /** What became of a request: {@code json} is the answer either way. */
    enum Outcome {
        SAVED, REFUSED, NOT_ALLOWED
    }

    /** An answer and what it says. */
    record Answer(Outcome outcome, String json) {
    }

    private final Tags tags;
    private final LongSupplier recordingId;
    /** The only tag changes may name (the one in a request's address), or null for any. */
    private final Long onlyTagId;

    TagEndpoint(Tags tags, LongSupplier recordingId) {
        this(tags, recordingId, null);
    }

    TagEndpoint(Tags tags, LongSupplier recordingId, Long onlyTagId) {
        this.tags = tags;
        this.recordingId = recordingId;
        this.onlyTagId = onlyTagId;
    }

    Answer create(String json) {
        return answer(() -> {
            var request = TaggingJson.request(json);
            return TaggingJson.ok(tags.create(recordingId.getAsLong(), draft(request)));
        });
    }

    Answer update(String json) {
        return asIfMissing(answer(() -> {
            var request = TaggingJson.request(json);
            if (request.id() == null || request.version() == null) {
                throw new IllegalArgumentException("The change does not say which tag it is for.");
            }
            requireAddressed(request);
            return TaggingJson.ok(tags.update(request.id(), request.version(), draft(request)));
        }));
    }

    Answer delete(String json) {
        return asIfMissing(answer(() -> {
            var request = TaggingJson.request(json);
            if (request.id() == null || request.version() == null) {
                throw new IllegalArgumentException("The deletion does not say which tag it is for.");
            }
            requireAddressed(request);
            tags.delete(request.id(), request.version());
            return TaggingJson.ok();
        }));
    }

    /**
     * A change to a tag the person may not change (refused and audited by {@link Tags}) is answered exactly
     * as one to a tag that does not exist, so that which tag ids exist cannot be learnt by trying them.
     */
    private static Answer asIfMissing(Answer answer) {
        return answer.outcome() == Outcome.NOT_ALLOWED
                ? new Answer(Outcome.REFUSED, TaggingJson.refused(Tags.NO_SUCH_TAG))
                : answer;
    }

    private void requireAddressed(TaggingJson.TagRequest request) {
        if (onlyTagId != null && !onlyTagId.equals(request.id())) {
            throw new IllegalArgumentException("The change names another tag than the one it was sent for.");
        }
    }

    private static TagDraft draft(TaggingJson.TagRequest request) {
        if (request.startMs() == null) {
            throw new IllegalArgumentException("The tag has no time.");
        }
        return new TagDraft(request.startMs(), request.endMs(),
                request.criterionIds() == null ? Set.of() : request.criterionIds(), request.note(),
                request.questionPosition());
    }

    private static Answer answer(Supplier<String> action) {
        try {
            return new Answer(Outcome.SAVED, action.get());
        } catch (TagException | IllegalArgumentException e) {
            return new Answer(Outcome.REFUSED, TaggingJson.refused(e.getMessage()));
        } catch (AccessDeniedException e) {
            return new Answer(Outcome.NOT_ALLOWED, TaggingJson.refused(e.getMessage()));
        }
    }
}
