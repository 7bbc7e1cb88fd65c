package app.earmark.review.ui;

import app.earmark.base.DisplayFormats;
import app.earmark.people.LearnerSection;
import app.earmark.people.LearnerSummary;
import app.earmark.review.QaReviews;
import app.earmark.review.ReviewView;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.ListItem;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Section;
import com.vaadin.flow.component.html.UnorderedList;
import com.vaadin.flow.theme.lumo.LumoUtility;
import java.util.List;
import java.util.Optional;

/**
 * On a learner's page (their own, or as those who may see them): the trail of quality assurance of their sheets, each
 * step with its date: review started, outcome, actions and answers, an acceptance voided by an amendment.
 */
@org.springframework.stereotype.Component
class LearnerTrailSection implements LearnerSection {

    private final QaReviews reviews;

    LearnerTrailSection(QaReviews reviews) {
        this.reviews = reviews;
    }

    @Override
    public int order() {
        return 300;
    }

    @Override
    public Optional<Component> create(LearnerSummary learner) {
        List<ReviewView> all = reviews.ofLearner(learner.id());
        var section = new Section(new H3("Quality assurance"));
        section.setId("qa-trail");
        if (all.isEmpty()) {
            var none = new Paragraph("No result sheet has been quality-assured yet.");
            none.addClassNames("empty-state", LumoUtility.TextColor.SECONDARY);
            section.add(none);
            return Optional.of(section);
        }
        var list = new UnorderedList();
        list.setId("qa-trail-steps");
        for (ReviewView r : all) {
            String sheet = "Sheet " + r.sheetId() + " version " + r.sheetVersion();
            step(list, r.openedAt(), sheet + ": QA review started by " + r.reviewerName() + ".");
            if (r.decided()) {
                step(list, r.decidedAt(), sheet + ": QA outcome " + r.status().label() + " (" + r.reviewerName() + ")"
                        + (r.comment() == null ? "." : ": " + r.comment()));
            }
            r.actions().forEach(a -> {
                if (a.answered()) {
                    step(list, a.answeredAt(), sheet + ": action on AC " + String.join(", ", a.acNumbers())
                            + " answered by the assessor (" + a.answerKind().label().toLowerCase() + ").");
                }
            });
            if (r.voided()) {
                step(list, r.voidedAt(), sheet + ": the QA acceptance is void. " + r.voidedReason());
            }
        }
        section.add(list);
        return Optional.of(section);
    }

    private static void step(UnorderedList list, java.time.Instant at, String text) {
        var item = new ListItem(DisplayFormats.dateTime(at) + " · " + text);
        item.addClassName("qa-trail-step");
        list.add(item);
    }
}
