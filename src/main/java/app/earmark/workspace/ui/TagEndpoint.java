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
 * tag or a refusal with its reason. Shared by the playback workspace and the live recorder.
 */
final class TagEndpoint {

    private final Tags tags;
    private final LongSupplier recordingId;

    TagEndpoint(Tags tags, LongSupplier recordingId) {
        this.tags = tags;
        this.recordingId = recordingId;
    }

    String create(String json) {
        return answer(() -> {
            var request = TaggingJson.request(json);
            return TaggingJson.ok(tags.create(recordingId.getAsLong(), draft(request)));
        });
    }

    String update(String json) {
        return answer(() -> {
            var request = TaggingJson.request(json);
            if (request.id() == null || request.version() == null) {
                throw new IllegalArgumentException("The change does not say which tag it is for.");
            }
            return TaggingJson.ok(tags.update(request.id(), request.version(), draft(request)));
        });
    }

    String delete(String json) {
        return answer(() -> {
            var request = TaggingJson.request(json);
            if (request.id() == null || request.version() == null) {
                throw new IllegalArgumentException("The deletion does not say which tag it is for.");
            }
            tags.delete(request.id(), request.version());
            return TaggingJson.ok();
        });
    }

    private static TagDraft draft(TaggingJson.TagRequest request) {
        if (request.startMs() == null) {
            throw new IllegalArgumentException("The tag has no time.");
        }
        return new TagDraft(request.startMs(), request.endMs(),
                request.criterionIds() == null ? Set.of() : request.criterionIds(), request.note());
    }

    private static String answer(Supplier<String> action) {
        try {
            return action.get();
        } catch (TagException | IllegalArgumentException | AccessDeniedException e) {
            return TaggingJson.refused(e.getMessage());
        }
    }
}
