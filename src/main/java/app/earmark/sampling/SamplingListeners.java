package app.earmark.sampling;

import app.earmark.discussions.DiscussionSummary;
import app.earmark.discussions.Discussions;
import app.earmark.recordings.Recordings;
import app.earmark.notes.NotesEvents.NotesDisputed;
import app.earmark.people.LearnerSummary;
import app.earmark.people.People;
import app.earmark.review.QaReviewEvents.QaReviewDecided;
import app.earmark.security.CurrentUser;
import app.earmark.security.EarmarkPrincipal;
import app.earmark.sheets.ResultSheets;
import app.earmark.sheets.SheetEvents.SheetSigned;
import app.earmark.sheets.SheetView;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * What the sampling module hears from others, once their change has committed: a signed sheet (an assessment to
 * record and draw), a learner's dispute (a risk factor), a QA review decision (the sampled sheet is reviewed). Each is
 * handled in a transaction of its own, so that a failure here never undoes the signature, dispute or review; an
 * assessment missed that way is picked up by the next "Draw now" of a plan.
 */
@Component
class SamplingListeners {

    private static final Logger log = LoggerFactory.getLogger(SamplingListeners.class);

    private final Drawing drawing;
    private final SamplingStore store;
    private final ResultSheets sheets;
    private final People people;
    private final Discussions discussions;
    private final Recordings recordings;
    private final CurrentUser currentUser;

    SamplingListeners(Drawing drawing, SamplingStore store, ResultSheets sheets, People people,
            Discussions discussions, Recordings recordings, CurrentUser currentUser) {
        this.drawing = drawing;
        this.store = store;
        this.sheets = sheets;
        this.people = people;
        this.discussions = discussions;
        this.recordings = recordings;
        this.currentUser = currentUser;
    }

    @TransactionalEventListener(fallbackExecution = true)
    @Transactional(propagation = Propagation.REQUIRES_NEW)
    public void signed(SheetSigned event) {
        try {
            EarmarkPrincipal signer = currentUser.require();
            SheetView sheet = sheets.get(event.sheetId());
            drawing.record(assessment(sheet, signer.centreId(), signer.userId()));
        } catch (RuntimeException e) {
            log.warn("Sheet {} was signed but could not be recorded for sampling; a plan's next draw will pick it up",
                    event.sheetId(), e);
        }
    }

    /** The assessment of a signed sheet, as the signed-in person (who must be able to see it) sees it. */
    Assessment assessment(SheetView sheet, long centreId, long assessorId) {
        LearnerSummary learner = people.learner(sheet.learner().id());
        List<DiscussionSummary> ofUnit = discussions.visible().stream()
                .filter(d -> d.learner().id() == learner.id())
                .filter(d -> d.units().stream().anyMatch(u -> u.id() == sheet.unit().id()))
                .toList();
        return drawing.assessmentOf(sheet, centreId, assessorId, learner, ofUnit, recordings.forDiscussions(ofUnit));
    }

    @TransactionalEventListener(fallbackExecution = true)
    @Transactional(propagation = Propagation.REQUIRES_NEW)
    public void disputed(NotesDisputed event) {
        if (store.addDispute(event.disputeId(), event.discussionId(), event.learnerId(), drawing.now())) {
            drawing.disputed(event.disputeId(), event.discussionId());
        }
    }

    @TransactionalEventListener(fallbackExecution = true)
    @Transactional(propagation = Propagation.REQUIRES_NEW)
    public void reviewed(QaReviewDecided event) {
        store.addReview(event.reviewId(), event.sheetId(), event.outcome(), event.actor(), drawing.now());
    }
}
