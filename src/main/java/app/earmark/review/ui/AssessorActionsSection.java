package app.earmark.review.ui;

import app.earmark.base.TimeFormat;
import app.earmark.people.HomeSection;
import app.earmark.review.QaReviews;
import app.earmark.review.QaReviews.OpenAction;
import app.earmark.security.CurrentUser;
import app.earmark.security.Role;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.ListItem;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Section;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.html.UnorderedList;
import com.vaadin.flow.theme.lumo.LumoUtility;
import java.util.List;
import java.util.Optional;

/** On an assessor's home page: the QA actions IQAs sent them that are still open, each linking to its review. */
@org.springframework.stereotype.Component
class AssessorActionsSection implements HomeSection {

    private final QaReviews reviews;
    private final CurrentUser currentUser;

    AssessorActionsSection(QaReviews reviews, CurrentUser currentUser) {
        this.reviews = reviews;
        this.currentUser = currentUser;
    }

    @Override
    public int order() {
        return 100;
    }

    @Override
    public Optional<Component> create() {
        if (!currentUser.require().hasRole(Role.ASSESSOR)) {
            return Optional.empty();
        }
        List<OpenAction> open = reviews.openActions();
        var section = new Section(new H3("QA actions for you"));
        section.setId("qa-actions-home");
        if (open.isEmpty()) {
            var none = new Paragraph("No QA action is waiting for you.");
            none.addClassNames("empty-state", LumoUtility.TextColor.SECONDARY);
            section.add(none);
            return Optional.of(section);
        }
        var list = new UnorderedList();
        open.forEach(o -> {
            var link = new Anchor("review/" + o.review().sheetId(), o.learnerName() + ", " + o.unitCode()
                    + " version " + o.review().sheetVersion() + ": AC " + String.join(", ", o.action().acNumbers())
                    + (o.action().atMs() == null ? "" : " at " + TimeFormat.counter(o.action().atMs())));
            link.addClassName("qa-action-link");
            var item = new ListItem(link, new Span(" — " + o.action().text() + " (from " + o.review().reviewerName()
                    + ")"));
            item.addClassName("qa-action-open");
            list.add(item);
        });
        section.add(list);
        return Optional.of(section);
    }
}
