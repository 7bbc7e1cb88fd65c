package app.earmark.review;

import app.earmark.sheets.QaCheckVoids;
import java.util.Optional;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Tells the sheets module which QA checks no longer stand: the acceptance of a review voided by an amendment
 * ({@link QaReviews#onAmended}), read from the review itself, so the sheet's page, PDF and pack say what the review
 * page says.
 */
@Component
@Transactional(readOnly = true)
class QaAcceptanceVoids implements QaCheckVoids {

    private final QaReviewRepository reviews;

    QaAcceptanceVoids(QaReviewRepository reviews) {
        this.reviews = reviews;
    }

    @Override
    public Optional<QaCheckVoid> voidOf(long sheetId) {
        return reviews.findBySheetId(sheetId).filter(r -> r.voidedAt() != null)
                .map(r -> new QaCheckVoid(r.voidedAt(), r.voidedReason()));
    }
}
