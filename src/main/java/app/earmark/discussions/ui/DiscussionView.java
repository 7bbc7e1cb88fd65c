package app.earmark.discussions.ui;

import app.earmark.base.DisplayFormats;
import app.earmark.discussions.DiscussionException;
import app.earmark.discussions.DiscussionSection;
import app.earmark.discussions.DiscussionSummary;
import app.earmark.discussions.Discussions;
import app.earmark.security.AccessRefusedException;
import app.earmark.base.ui.Notifications;
import app.earmark.base.ui.ReasonDialog;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
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

/**
 * One discussion: who, what and when, its plan, then the sections other modules contribute (its recordings first:
 * upload, ingest progress, playback).
 */
@Route("discussions/:id")
@PageTitle("Discussion · Earmark")
@PermitAll
class DiscussionView extends Main implements BeforeEnterObserver {

    private final Discussions discussions;
    private final List<DiscussionSection> sections;

    DiscussionView(Discussions discussions, List<DiscussionSection> sections) {
        this.discussions = discussions;
        this.sections = sections.stream().sorted(Comparator.comparingInt(DiscussionSection::order)).toList();
        addClassNames(LumoUtility.Padding.MEDIUM);
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        removeAll();
        String id = event.getRouteParameters().get("id").orElse("");
        try {
            if (!DiscussionsView.isId(id)) {
                throw new IllegalArgumentException("There is no discussion '" + id + "': a discussion's address is "
                        + "/discussions/ and its number, as in /discussions/12.");
            }
            show(discussions.get(Long.parseLong(id)));
        } catch (AccessRefusedException | IllegalArgumentException e) {
            var refused = new Paragraph(e.getMessage());
            refused.setId("access-refused");
            refused.addClassNames(LumoUtility.TextColor.ERROR);
            add(new H1("Not available"), refused);
        }
    }

    /** Correct or delete, until the evidence is signed; after that, a note that an amendment is the way. */
    private Component corrections(DiscussionSummary discussion) {
        var refusal = discussions.correctionRefusal(discussion.id());
        if (refusal.isPresent()) {
            var signed = new Paragraph(refusal.get());
            signed.setId("discussion-signed");
            signed.addClassNames(LumoUtility.TextColor.SECONDARY, LumoUtility.FontSize.SMALL);
            return signed;
        }
        var correct = new Button("Correct details", VaadinIcon.EDIT.create(),
                e -> new CorrectDiscussionDialog(discussion, discussions, this::reshow).open());
        correct.setId("correct-discussion");
        correct.addThemeVariants(ButtonVariant.LUMO_SMALL);
        var delete = new Button("Delete discussion", VaadinIcon.TRASH.create(), e -> new ReasonDialog(
                "Delete discussion " + discussion.id() + "?", "Delete a discussion created by mistake. It and its"
                        + " recordings are kept in the audit trail but no longer shown to anyone.", "Delete",
                "delete-discussion", DiscussionException.class, reason -> {
                    discussions.delete(discussion.id(), reason);
                    Notifications.success("Discussion " + discussion.id() + " deleted.");
                    getUI().ifPresent(ui -> ui.navigate(DiscussionsView.class));
                }).open());
        delete.setId("delete-discussion");
        delete.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_ERROR);
        return new HorizontalLayout(correct, delete);
    }

    private void reshow(DiscussionSummary corrected) {
        removeAll();
        show(corrected);
    }

    private void show(DiscussionSummary discussion) {
        var title = new H1("Discussion with " + discussion.learner().displayName());
        title.setId("discussion-title");
        var facts = new Span(DisplayFormats.date(discussion.heldOn())
                + (discussion.startsAt() == null ? "" : " " + DisplayFormats.time(discussion.startsAt()))
                + " · " + discussion.mode().label() + " · " + discussion.unitCodes() + " · assessor "
                + discussion.assessor().displayName());
        facts.setId("discussion-facts");
        facts.addClassNames(LumoUtility.TextColor.SECONDARY);
        add(new RouterLink("← Discussions", DiscussionsView.class), title, facts);
        boolean mayRecord = discussions.mayRecord(discussion);
        if (mayRecord) {
            add(corrections(discussion));
        }
        add(new PlanPanel(discussion, discussions));
        sections.forEach(section -> section.create(discussion).ifPresent(this::add));
    }
}
