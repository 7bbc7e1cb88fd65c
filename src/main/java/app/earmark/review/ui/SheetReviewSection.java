package app.earmark.review.ui;

import app.earmark.base.DisplayFormats;
import app.earmark.review.QaReviews;
import app.earmark.review.ReviewStatus;
import app.earmark.review.ReviewView;
import app.earmark.security.CurrentUser;
import app.earmark.security.Role;
import app.earmark.sheets.SheetSection;
import app.earmark.sheets.SheetView;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Section;
import com.vaadin.flow.theme.lumo.LumoUtility;
import java.util.List;
import java.util.Optional;

/**
 * On a result sheet: the QA review of the version shown (its outcome, or that an amendment voided its acceptance),
 * the actions still open on the sheet's reviews, and the link to the review page.
 */
@org.springframework.stereotype.Component
class SheetReviewSection implements SheetSection {

    private final QaReviews reviews;
    private final CurrentUser currentUser;

    SheetReviewSection(QaReviews reviews, CurrentUser currentUser) {
        this.reviews = reviews;
        this.currentUser = currentUser;
    }

    @Override
    public int order() {
        return 100;
    }

    @Override
    public Optional<Component> create(SheetView shown, SheetView latest) {
        var section = new Section(new H3("QA review"));
        section.setId("sheet-qa-review");
        section.addClassNames(LumoUtility.Margin.Vertical.LARGE);
        boolean learnerOnly = currentUser.require().roles().equals(java.util.Set.of(Role.LEARNER));
        Optional<ReviewView> review = reviews.of(shown.id());
        String text = review.map(r -> switch (r.status()) {
            case OPEN -> "An IQA is reviewing this version.";
            case ACCEPTED -> "Accepted by " + r.reviewerName() + " on " + DisplayFormats.dateTime(r.decidedAt()) + ".";
            case ACTION_REQUIRED -> "Action required by " + r.reviewerName() + " on "
                    + DisplayFormats.dateTime(r.decidedAt()) + ": " + r.actions().size() + " action"
                    + (r.actions().size() == 1 ? "" : "s") + ", " + r.openActions().size() + " open.";
        }).orElse(shown.signed() ? "This version has not been reviewed." : "A draft is reviewed once signed.");
        var status = new Paragraph(text);
        status.setId("sheet-qa-review-status");
        section.add(status);
        review.filter(ReviewView::voided).ifPresent(r -> {
            var voided = new Paragraph("VOID: " + r.voidedReason() + " (" + DisplayFormats.dateTime(r.voidedAt())
                    + ")");
            voided.setId("sheet-qa-review-void");
            voided.addClassNames(LumoUtility.TextColor.ERROR, LumoUtility.FontWeight.SEMIBOLD);
            section.add(voided);
        });
        if (!learnerOnly) {
            List<ReviewView> open = reviews.ofLearner(shown.learner().id()).stream()
                    .filter(r -> r.unitId() == shown.unit().id() && r.status() == ReviewStatus.ACTION_REQUIRED
                            && !r.openActions().isEmpty()).toList();
            open.forEach(r -> r.openActions().forEach(a -> {
                var link = new Anchor("review/" + r.sheetId(), "Open action on version " + r.sheetVersion() + ", AC "
                        + String.join(", ", a.acNumbers()) + ": " + a.text());
                link.addClassName("sheet-qa-open-action");
                section.add(new Paragraph(link));
            }));
            if (shown.signed()) {
                var link = new Anchor("review/" + shown.id(), "Open the QA review of version " + shown.versionNumber());
                link.setId("sheet-open-review");
                section.add(new Paragraph(link));
            }
        }
        return Optional.of(section);
    }
}
