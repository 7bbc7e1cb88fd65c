package app.earmark.workspace.ui;

import app.earmark.discussions.DiscussionSummary;
import app.earmark.discussions.Discussions;
import app.earmark.recordings.LiveProperties;
import app.earmark.recordings.LiveRecordings;
import app.earmark.recordings.RecordingsProperties;
import app.earmark.security.AccessRefusedException;
import app.earmark.security.Role;
import app.earmark.workspace.TagBroadcaster;
import app.earmark.workspace.Tags;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.Main;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.theme.lumo.LumoUtility;
import jakarta.annotation.security.RolesAllowed;

/** Recording a discussion live in the browser, and tagging it as it happens. Assessors of the learner only. */
@Route("discussions/:id/record")
@PageTitle("Record live · Earmark")
@RolesAllowed(Role.Name.ASSESSOR)
class LiveRecordingView extends Main implements BeforeEnterObserver {

    private final Discussions discussions;
    private final LiveRecordings live;
    private final Tags tags;
    private final TagBroadcaster broadcaster;
    private final WorkspaceProperties workspace;
    private final LiveProperties liveProperties;
    private final RecordingsProperties limits;

    LiveRecordingView(Discussions discussions, LiveRecordings live, Tags tags, TagBroadcaster broadcaster,
            WorkspaceProperties workspace, LiveProperties liveProperties, RecordingsProperties limits) {
        this.discussions = discussions;
        this.live = live;
        this.tags = tags;
        this.broadcaster = broadcaster;
        this.workspace = workspace;
        this.liveProperties = liveProperties;
        this.limits = limits;
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
            var refused = new Paragraph(e.getMessage());
            refused.setId("access-refused");
            add(refused);
            return;
        }
        var recorder = new LiveRecorder(id, discussions.criteria(id), discussions.plan(id), live, tags, broadcaster,
                workspace.reactionDelay(), liveProperties.partMillis(), limits.maxDuration());
        recorder.addFinishedListener(e -> getUI().ifPresent(ui -> ui.navigate("discussions/" + id)));
        var help = new Paragraph("The recording is sent to Earmark every few seconds while it runs, so a closed tab"
                + " or a dropped connection loses at most the last few seconds. The learner needs nothing beyond the"
                + " meeting they are already in.");
        help.addClassNames(LumoUtility.TextColor.SECONDARY);
        add(new Anchor("discussions/" + id, "← Discussion"),
                new H1("Record live: " + discussion.learner().displayName() + ", " + discussion.unitCodes()), help,
                recorder);
    }
}
