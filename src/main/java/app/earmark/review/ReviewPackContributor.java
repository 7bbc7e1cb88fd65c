package app.earmark.review;

import app.earmark.base.EvidencePackContributor;
import app.earmark.people.PersonRef;
import app.earmark.people.People;
import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Each QA review of a pack's scope as JSON and as a PDF section, under {@code qa-reviews/}. Called once the caller's
 * access to the scope is checked, so it reads the stored reviews directly.
 */
@Component
class ReviewPackContributor implements EvidencePackContributor {

    private final QaReviewRepository reviews;
    private final People people;
    private final app.earmark.catalogue.Catalogue catalogue;
    private final TransactionTemplate transactions;

    ReviewPackContributor(QaReviewRepository reviews, People people, app.earmark.catalogue.Catalogue catalogue,
            TransactionTemplate transactions) {
        this.reviews = reviews;
        this.people = people;
        this.catalogue = catalogue;
        this.transactions = transactions;
    }

    @Override
    public int order() {
        return 400;
    }

    @Override
    public List<PackFile> files(PackScope scope) {
        return transactions.execute(status -> {
            String learner = people.refs(List.of(scope.learnerId())).values().stream().map(PersonRef::displayName)
                    .findFirst().orElse("learner " + scope.learnerId());
            List<PackFile> files = new ArrayList<>();
            for (QaReview review : reviews.findByLearnerIdOrderByOpenedAtAscIdAsc(scope.learnerId())) {
                if (scope.unitId() != null && scope.unitId() != review.unitId()
                        || scope.from() != null && review.openedAt().isBefore(scope.from())
                        || scope.to() != null && review.openedAt().isAfter(scope.to())) {
                    continue;
                }
                var unit = catalogue.unit(review.unitId()).orElseThrow();
                var context = new ReviewDocuments.Context(learner, unit.code(), unit.title());
                ReviewView view = QaReviews.view(review);
                String base = "qa-reviews/" + unit.code() + "-v" + review.sheetVersion() + "-review-" + review.id();
                byte[] json = ReviewDocuments.json(view, context);
                byte[] pdf = ReviewDocuments.pdf(view, context);
                files.add(new PackFile(base + ".json", "application/json", json.length,
                        () -> new ByteArrayInputStream(json)));
                files.add(new PackFile(base + ".pdf", "application/pdf", pdf.length,
                        () -> new ByteArrayInputStream(pdf)));
            }
            return files;
        });
    }
}
