package app.earmark.recordings.web;

import app.earmark.discussions.DiscussionMode;
import app.earmark.discussions.DiscussionSummary;
import app.earmark.discussions.Discussions;
import app.earmark.recordings.RecordingState;
import app.earmark.recordings.RecordingSummary;
import app.earmark.recordings.Recordings;
import app.earmark.people.PersonRef;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The discussions a person may see, with their recordings, authorised exactly as the UI. */
@RestController
@RequestMapping("/api/v1/discussions")
class DiscussionsApi {

    private final Discussions discussions;
    private final Recordings recordings;

    DiscussionsApi(Discussions discussions, Recordings recordings) {
        this.discussions = discussions;
        this.recordings = recordings;
    }

    @GetMapping
    List<DiscussionJson> discussions() {
        List<DiscussionSummary> visible = discussions.visible();
        Map<Long, List<RecordingSummary>> byDiscussion = recordings.forDiscussions(visible);
        return visible.stream().map(d -> DiscussionJson.of(d, byDiscussion.getOrDefault(d.id(), List.of()))).toList();
    }

    @GetMapping("/{id}")
    DiscussionJson discussion(@PathVariable long id) {
        return DiscussionJson.of(discussions.get(id), recordings.forDiscussion(id));
    }

    record DiscussionJson(long id, PersonRef learner, PersonRef assessor, LocalDate date, DiscussionMode mode,
            List<DiscussionSummary.UnitRef> units, List<RecordingJson> recordings) {

        static DiscussionJson of(DiscussionSummary d, List<RecordingSummary> recordings) {
            return new DiscussionJson(d.id(), d.learner(), d.assessor(), d.heldOn(), d.mode(), d.units(),
                    recordings.stream().map(RecordingJson::of).toList());
        }
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record RecordingJson(long id, String fileName, RecordingState state, String message, Double progress,
            Long durationMillis, String sha256, long size, String container, String audioCodec, String videoCodec,
            String mimeType, Boolean remuxed, String mediaUrl, String posterUrl) {

        static RecordingJson of(RecordingSummary r) {
            boolean ready = r.state() == RecordingState.READY;
            return new RecordingJson(r.id(), r.originalName(), r.state(), r.message(),
                    r.state().inProgress() ? r.progress() : null, r.durationMillis(), r.sha256(), r.size(),
                    r.container(), r.audioCodec(), r.videoCodec(), r.renditionMime(), r.remuxed(),
                    ready ? "/api/v1/recordings/" + r.id() + "/rendition" : null,
                    ready && r.hasPoster() ? "/api/v1/recordings/" + r.id() + "/poster" : null);
        }
    }
}
