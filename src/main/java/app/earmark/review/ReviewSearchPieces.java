package app.earmark.review;

import app.earmark.base.SearchContributor;
import app.earmark.catalogue.Catalogue;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * A reviewed sheet version's searchable pieces: the IQA's time-coded notes (at their moment of the recording) and
 * the actions asked of the assessor with their answers, each with the review's QA state (a voided acceptance is
 * {@code VOIDED}).
 */
@Component
class ReviewSearchPieces implements SearchContributor {

    private final QaReviewRepository reviews;
    private final Catalogue catalogue;

    ReviewSearchPieces(QaReviewRepository reviews, Catalogue catalogue) {
        this.reviews = reviews;
        this.catalogue = catalogue;
    }

    @Override
    @Transactional(readOnly = true)
    public List<Piece> pieces(Subject subject) {
        if (subject.kind() != Subject.Kind.SHEET) {
            return List.of();
        }
        QaReview review = reviews.findBySheetId(subject.id()).orElse(null);
        if (review == null) {
            return List.of();
        }
        String state = review.voidedAt() != null ? "VOIDED" : review.status().name();
        LocalDate date = LocalDate.ofInstant(review.decidedAt() != null ? review.decidedAt() : review.openedAt(),
                ZoneOffset.UTC);
        List<Piece> pieces = new ArrayList<>();
        for (ReviewNote note : review.notes()) {
            Piece piece = Piece.of("qa-note:" + note.id(), PieceKind.QA_NOTE, note.text())
                    .withLearner(review.learnerId(), null).withDate(date)
                    .withCriteria(Set.of(review.unitId()), Set.of()).withStates(null, null, state);
            pieces.add(review.discussionId() == null ? piece.atSheet(review.sheetId(), null)
                    : piece.atMoment(review.discussionId(), note.recordingId(), note.startMs()));
        }
        Map<String, Long> criteria = catalogue.unit(review.unitId()).map(u -> u.criterionIds()).orElse(Map.of());
        for (ReviewAction action : review.actions()) {
            Set<Long> acs = new LinkedHashSet<>();
            if (action.acNumbers() != null) {
                for (String number : action.acNumbers().split("[,;\\s]+")) {
                    Long id = criteria.get(number.strip());
                    if (id != null) {
                        acs.add(id);
                    }
                }
            }
            String text = action.text() + (action.answerText() == null ? "" : "\nAnswer: " + action.answerText());
            Piece piece = Piece.of("qa-action:" + action.id(), PieceKind.QA_ACTION, text)
                    .withLearner(review.learnerId(), null).withDate(date)
                    .withCriteria(Set.of(review.unitId()), acs).withStates(null, null, state);
            pieces.add(review.discussionId() != null && action.atMs() != null && action.recordingId() != null
                    ? piece.atMoment(review.discussionId(), action.recordingId(), action.atMs()) : piece.atSheet(review.sheetId(), null));
        }
        if (review.discussionId() != null) {
            pieces.replaceAll(p -> p.discussionId() == null
                    ? p.withDiscussion(review.discussionId(), null, null, p.date()) : p);
        }
        return pieces;
    }
}
