package app.earmark.workspace.ui;

import app.earmark.discussions.AssessedCriterion;
import app.earmark.discussions.DiscussionException;
import app.earmark.discussions.DiscussionPlan;
import app.earmark.recordings.LiveRecordings;
import app.earmark.recordings.RecordingSummary;
import app.earmark.security.PageTokens;
import app.earmark.workspace.TagBroadcaster;
import app.earmark.workspace.Tags;
import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.ClientCallable;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.ComponentEvent;
import com.vaadin.flow.component.ComponentEventListener;
import com.vaadin.flow.component.DetachEvent;
import com.vaadin.flow.component.DomEvent;
import com.vaadin.flow.component.EventData;
import com.vaadin.flow.component.Tag;
import com.vaadin.flow.component.dependency.JsModule;
import com.vaadin.flow.component.dependency.NpmPackage;
import com.vaadin.flow.shared.Registration;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.springframework.security.access.AccessDeniedException;

/**
 * Live recording in the browser (the {@code <earmark-recorder>} web component: microphone, camera or
 * meeting tab, level meter, pause and stop, parts sent every few seconds and kept in the browser until
 * they arrive) with live tagging against the ACs, beside the discussion's planned questions; the
 * component warns before recording when the learner has not had (or acknowledged) the plan.
 */
@Tag("earmark-recorder")
@JsModule("./earmark-recorder.ts")
@NpmPackage(value = "idb-keyval", version = "6.3.0")
class LiveRecorder extends Component {

    private final long discussionId;
    private final LiveRecordings live;
    private final TagBroadcaster broadcaster;
    private final TagEndpoint endpoint;
    private final TagFeed feed;
    /** The token naming this page in its tag requests: its own changes are not pushed back to it. */
    private final String page = TagRequests.newPage();
    private long recordingId = -1;
    private Runnable stopListening;

    LiveRecorder(long discussionId, List<AssessedCriterion> criteria, DiscussionPlan plan, LiveRecordings live,
            Tags tags, TagBroadcaster broadcaster, Duration reactionDelay, int partMillis, Duration maxDuration) {
        this.discussionId = discussionId;
        this.live = live;
        this.broadcaster = broadcaster;
        this.endpoint = new TagEndpoint(tags, () -> {
            if (recordingId < 0) {
                throw new IllegalArgumentException("Start the recording before tagging it.");
            }
            return recordingId;
        });
        this.feed = new TagFeed(getElement(), () -> recordingId < 0 ? List.of() : tags.forRecording(recordingId));
        setId("recorder");
        var element = getElement();
        element.setAttribute("criteria-json", TaggingJson.criteria(criteria));
        element.setAttribute("plan-json", TaggingJson.plan(plan));
        feed.showAll(List.of());
        element.setAttribute("reaction-delay-ms", String.valueOf(reactionDelay.toMillis()));
        element.setAttribute("timeslice-ms", String.valueOf(partMillis));
        element.setAttribute("max-duration-ms", String.valueOf(maxDuration.toMillis()));
        PageTokens.putOn(element);
    }

    @ClientCallable
    String startRecording(String json) {
        try {
            RecordingSummary recording = live.start(discussionId);
            recordingId = recording.id();
            var ui = getUI().orElseThrow();
            stopListening = broadcaster.listen(recordingId, page, change -> feed.push(ui, change));
            return TaggingJson.ok(Map.of("recordingId", recordingId,
                    "chunkUrl", "/live/recordings/" + recordingId + "/chunks",
                    "finishUrl", "/live/recordings/" + recordingId + "/finish",
                    "tagsUrl", TagRequests.createUrl(page, recordingId), "tagChangeUrl", TagRequests.changeUrl(page)));
        } catch (DiscussionException | AccessDeniedException e) {
            return TaggingJson.refused(e.getMessage());
        }
    }

    @ClientCallable
    String createTag(String json) {
        return endpoint.create(json).json();
    }

    @ClientCallable
    String updateTag(String json) {
        return endpoint.update(json).json();
    }

    @ClientCallable
    String deleteTag(String json) {
        return endpoint.delete(json).json();
    }

    Registration addFinishedListener(ComponentEventListener<Finished> listener) {
        return addListener(Finished.class, listener);
    }

    @Override
    protected void onAttach(AttachEvent event) {
        if (!event.isInitialAttach()) {
            feed.reattached();
        }
    }

    @Override
    protected void onDetach(DetachEvent event) {
        if (stopListening != null) {
            stopListening.run();
        }
    }

    /** The recording stopped and the server has all of it. */
    @DomEvent("recording-finished")
    public static class Finished extends ComponentEvent<LiveRecorder> {
        private final long recordingId;

        public Finished(LiveRecorder source, boolean fromClient,
                @EventData("event.detail.recordingId") double recordingId) {
            super(source, fromClient);
            this.recordingId = (long) recordingId;
        }

        long recordingId() {
            return recordingId;
        }
    }
}
