package app.earmark.workspace.ui;

import app.earmark.base.ui.KeyboardAccess;
import app.earmark.discussions.DiscussionSummary;
import app.earmark.discussions.Discussions;
import app.earmark.recordings.RecordingState;
import app.earmark.recordings.RecordingSummary;
import app.earmark.recordings.Recordings;
import app.earmark.security.AccessRefusedException;
import app.earmark.security.Role;
import app.earmark.workspace.TagBroadcaster;
import app.earmark.workspace.WorkspaceAddition;
import app.earmark.workspace.Tags;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.Main;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.theme.lumo.LumoUtility;
import jakarta.annotation.security.RolesAllowed;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Tagging a discussion's recording on playback. Assessors of the learner only; the service checks
 * again whatever the page shows. Opens the latest playable recording, or the one named by
 * {@code ?recording=}.
 */
@Route("discussions/:id/workspace")
@PageTitle("Workspace · Earmark")
@RolesAllowed(Role.Name.ASSESSOR)
class WorkspaceView extends Main implements BeforeEnterObserver {

    private final Discussions discussions;
    private final Recordings recordings;
    private final Tags tags;
    private final TagBroadcaster broadcaster;
    private final WorkspaceProperties properties;
    private final List<WorkspaceAddition> additions;

    WorkspaceView(Discussions discussions, Recordings recordings, Tags tags, TagBroadcaster broadcaster,
            WorkspaceProperties properties, List<WorkspaceAddition> additions) {
        this.additions = additions.stream().sorted(Comparator.comparingInt(WorkspaceAddition::order)).toList();
        this.discussions = discussions;
        this.recordings = recordings;
        this.tags = tags;
        this.broadcaster = broadcaster;
        this.properties = properties;
        addClassNames(LumoUtility.Padding.MEDIUM);
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        removeAll();
        long id = event.getRouteParameters().getLong("id").orElse(-1L);
        DiscussionSummary discussion;
        try {
            discussions.requireMayRecord(id);
            discussion = discussions.get(id);
        } catch (AccessRefusedException e) {
            message("access-refused", e.getMessage());
            return;
        }
        add(heading(discussion));
        List<RecordingSummary> all = recordings.forDiscussion(id);
        Optional<Long> chosen = event.getLocation().getQueryParameters().getSingleParameter("recording")
                .filter(v -> v.matches("\\d{1,18}")).map(Long::valueOf);
        Optional<RecordingSummary> playable = all.stream()
                .filter(r -> chosen.isEmpty() || r.id() == chosen.get())
                .filter(r -> r.state() == RecordingState.READY)
                .max(Comparator.comparing(RecordingSummary::uploadedAt));
        if (playable.isPresent()) {
            var recording = playable.get();
            add(new TagWorkspace(recording, discussions.criteria(id), discussions.plan(id),
                    tags.forRecording(recording.id()), tags, broadcaster, properties.reactionDelay()));
            additions.forEach(addition -> addition.create(recording).ifPresent(this::add));
            return;
        }
        Optional<RecordingSummary> latest = all.stream().max(Comparator.comparing(RecordingSummary::uploadedAt));
        if (latest.isPresent() && latest.get().state() == RecordingState.FAILED) {
            message("workspace-unavailable", "The latest recording could not be prepared for playback, so it cannot"
                    + " be tagged: " + latest.get().message());
        } else if (latest.isPresent()) {
            message("workspace-unavailable", "The recording is " + latest.get().state().label().toLowerCase()
                    + "; the workspace opens once it is ready to play.");
        } else {
            message("workspace-unavailable", "This discussion has no recording yet. Record it live or upload it"
                    + " from the discussion's page.");
        }
    }

    private Span heading(DiscussionSummary discussion) {
        var title = new H1("Workspace: " + discussion.learner().displayName() + ", " + discussion.unitCodes());
        var back = new Anchor("discussions/" + discussion.id(), "← Discussion");
        var heading = new Span(KeyboardAccess.skipLink("Skip to tag box", "#workspace .tag-prompt-input"), back, title);
        heading.addClassNames(LumoUtility.Display.FLEX, LumoUtility.FlexDirection.COLUMN);
        return heading;
    }

    private void message(String id, String text) {
        var paragraph = new Paragraph(text);
        paragraph.setId(id);
        paragraph.addClassNames(LumoUtility.TextColor.ERROR);
        add(paragraph);
    }
}
