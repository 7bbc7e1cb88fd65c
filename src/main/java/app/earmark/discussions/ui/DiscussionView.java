package app.earmark.discussions.ui;

import app.earmark.discussions.DiscussionSection;
import app.earmark.discussions.DiscussionSummary;
import app.earmark.discussions.Discussions;
import app.earmark.discussions.Recordings;
import app.earmark.discussions.RecordingsProperties;
import app.earmark.security.AccessRefusedException;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.Main;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.router.RouterLink;
import com.vaadin.flow.theme.lumo.LumoUtility;
import jakarta.annotation.security.PermitAll;
import java.util.Comparator;
import java.util.List;

/** One discussion: who, what and when, and its recordings (upload, ingest progress, playback). */
@Route("discussions/:id")
@PageTitle("Discussion · Earmark")
@PermitAll
class DiscussionView extends Main implements BeforeEnterObserver {

    private final Discussions discussions;
    private final Recordings recordings;
    private final RecordingsProperties limits;
    private final List<DiscussionSection> sections;

    DiscussionView(Discussions discussions, Recordings recordings, RecordingsProperties limits,
            List<DiscussionSection> sections) {
        this.discussions = discussions;
        this.recordings = recordings;
        this.limits = limits;
        this.sections = sections.stream().sorted(Comparator.comparingInt(DiscussionSection::order)).toList();
        addClassNames(LumoUtility.Padding.MEDIUM);
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        removeAll();
        var id = event.getRouteParameters().getLong("id");
        try {
            show(discussions.get(id.orElse(-1L)));
        } catch (AccessRefusedException e) {
            var refused = new Paragraph(e.getMessage());
            refused.setId("access-refused");
            refused.addClassNames(LumoUtility.TextColor.ERROR);
            add(new H1("Not available"), refused);
        }
    }

    private void show(DiscussionSummary discussion) {
        var title = new H1("Discussion with " + discussion.learner().displayName());
        title.setId("discussion-title");
        var facts = new Span(discussion.heldOn() + (discussion.startsAt() == null ? "" : " " + discussion.startsAt())
                + " · " + discussion.mode().label() + " · " + discussion.unitCodes() + " · assessor "
                + discussion.assessor().displayName());
        facts.setId("discussion-facts");
        facts.addClassNames(LumoUtility.TextColor.SECONDARY);
        add(new RouterLink("← Discussions", DiscussionsView.class), title, facts,
                new PlanPanel(discussion, discussions),
                new RecordingsPanel(discussion, recordings, discussions.mayRecord(discussion),
                        limits.maxUploadSize().toBytes()));
        sections.forEach(section -> section.create(discussion).ifPresent(this::add));
    }
}
