package app.earmark.review;

import app.earmark.base.Hashing;
import app.earmark.review.QaReviewEvents.QaReviewExported;
import app.earmark.security.AccessGuard;
import app.earmark.security.CurrentUser;
import app.earmark.sheets.ResultSheets;
import app.earmark.sheets.SheetView;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** A sheet version's review as JSON or PDF, for anyone who may see the sheet; every export is audited. */
@Service
@Transactional(readOnly = true)
public class ReviewExports {

    /** A generated file. */
    public record ReviewFile(String fileName, String mediaType, byte[] content) {
    }

    private final QaReviewRepository reviews;
    private final QaReviews qaReviews;
    private final ResultSheets sheets;
    private final AccessGuard guard;
    private final CurrentUser currentUser;
    private final ApplicationEventPublisher events;

    ReviewExports(QaReviewRepository reviews, QaReviews qaReviews, ResultSheets sheets, AccessGuard guard, CurrentUser currentUser,
            ApplicationEventPublisher events) {
        this.reviews = reviews;
        this.qaReviews = qaReviews;
        this.sheets = sheets;
        this.guard = guard;
        this.currentUser = currentUser;
        this.events = events;
    }

    @Transactional
    public ReviewFile json(long sheetId) {
        return export(sheetId, "json");
    }

    @Transactional
    public ReviewFile pdf(long sheetId) {
        return export(sheetId, "pdf");
    }

    private ReviewFile export(long sheetId, String format) {
        SheetView sheet = sheets.get(sheetId);
        qaReviews.refuseLearners(sheetId);
        QaReview review = reviews.findBySheetId(sheetId).orElseThrow(() -> guard.refuse("sheet:" + sheetId
                + " review", "Version " + sheet.versionNumber() + " of this sheet has no QA review."));
        ReviewView view = QaReviews.view(review);
        var context = new ReviewDocuments.Context(sheet.learner().displayName(), sheet.unit().code(),
                sheet.unit().title());
        byte[] bytes = format.equals("pdf") ? ReviewDocuments.pdf(view, context) : ReviewDocuments.json(view, context);
        events.publishEvent(new QaReviewExported(currentUser.actorName(), sheetId, review.id(), format,
                Hashing.sha256Hex(bytes)));
        return new ReviewFile("qa-review-" + sheet.unit().code() + "-v" + sheet.versionNumber() + "." + format,
                format.equals("pdf") ? "application/pdf" : "application/json", bytes);
    }
}
