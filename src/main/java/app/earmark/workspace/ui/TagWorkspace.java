package app.earmark.workspace.ui;

import app.earmark.discussions.AssessedCriterion;
import app.earmark.discussions.DiscussionPlan;
import app.earmark.recordings.PeakLevels;
import app.earmark.recordings.RecordingSummary;
import app.earmark.security.PageTokens;
import app.earmark.workspace.TagBroadcaster;
import app.earmark.workspace.TagView;
import app.earmark.workspace.Tags;
import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.ClientCallable;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.DetachEvent;
import com.vaadin.flow.component.Tag;
import com.vaadin.flow.component.dependency.JsModule;
import com.vaadin.flow.component.dependency.NpmPackage;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;

/**
 * The tagging workspace on playback (the {@code <earmark-workspace>} web component: player, waveform
 * from the precomputed peaks, tags, coverage, keyboard). The component asks the server to create, change
 * or delete tags (by plain requests to {@link TagRequests}; the {@code @ClientCallable}s are the same
 * through Vaadin, for a page without the URLs); every committed change, by anyone, is pushed (that change alone) to every open workspace
 * of the recording. Beside them, the discussion's planned questions and their ACs.
 */
@Tag("earmark-workspace")
@JsModule("./earmark-workspace.ts")
@NpmPackage(value = "peaks.js", version = "4.0.0")
@NpmPackage(value = "konva", version = "9.3.22")
@NpmPackage(value = "waveform-data", version = "4.5.2")
class TagWorkspace extends Component {

    /** The peaks level the waveform loads: detailed enough to zoom in, small enough for three hours. */
    static final int PEAKS_LEVEL = 1024;
    /**
     * The fewest peaks (pixels) the level must have for the whole recording to fill a wide view when the
     * workspace opens; a short recording gets a more detailed level.
     */
    static final long FIT_PIXELS = 2560;

    private final long recordingId;
    private final TagBroadcaster broadcaster;
    private final TagEndpoint endpoint;
    private final TagFeed feed;
    /** The token naming this page in its tag requests: its own changes are not pushed back to it. */
    private final String page = TagRequests.newPage();
    private Runnable stopListening;

    TagWorkspace(RecordingSummary recording, List<AssessedCriterion> criteria, DiscussionPlan plan,
            List<TagView> tags, Tags service, TagBroadcaster broadcaster, Duration reactionDelay) {
        this.recordingId = recording.id();
        this.broadcaster = broadcaster;
        this.endpoint = new TagEndpoint(service, () -> recordingId);
        this.feed = new TagFeed(getElement(), () -> service.forRecording(recordingId));
        setId("workspace");
        var element = getElement();
        element.setAttribute("media-url", recording.renditionUrl());
        element.setAttribute("media-kind", recording.isVideo() ? "video" : "audio");
        if (recording.posterUrl() != null) {
            element.setAttribute("poster-url", recording.posterUrl());
        }
        PeakLevels.Level level = recording.peaks().stream().filter(l -> l.length() >= FIT_PIXELS)
                .min(Comparator.comparingInt(l -> Math.abs(l.samplesPerPixel() - PEAKS_LEVEL)))
                .or(() -> recording.peaks().stream().min(Comparator.comparingInt(PeakLevels.Level::samplesPerPixel)))
                .orElse(null);
        if (level != null) {
            element.setAttribute("peaks-url", recording.peaksUrl(level.samplesPerPixel()));
            element.setAttribute("peaks-samples-per-pixel", String.valueOf(level.samplesPerPixel()));
        }
        element.setAttribute("duration-ms", String.valueOf(recording.durationMillis()));
        element.setAttribute("reaction-delay-ms", String.valueOf(reactionDelay.toMillis()));
        element.setAttribute("criteria-json", TaggingJson.criteria(criteria));
        element.setAttribute("plan-json", TaggingJson.plan(plan));
        feed.showAll(tags);
        // Tags go to TagRequests by plain same-origin requests, with the session's CSRF token.
        element.setAttribute("tags-url", TagRequests.createUrl(page, recordingId));
        element.setAttribute("tag-change-url", TagRequests.changeUrl(page));
        PageTokens.putOn(element);
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

    @Override
    protected void onAttach(AttachEvent event) {
        var ui = event.getUI();
        if (!event.isInitialAttach()) {
            feed.reattached();
        }
        stopListening = broadcaster.listen(recordingId, page, change -> feed.push(ui, change));
    }

    @Override
    protected void onDetach(DetachEvent event) {
        if (stopListening != null) {
            stopListening.run();
        }
    }
}
