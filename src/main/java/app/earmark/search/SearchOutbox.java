package app.earmark.search;

import app.earmark.base.SearchContributor.Subject;
import app.earmark.discussions.DiscussionEvents;
import app.earmark.notes.NotesEvents;
import app.earmark.review.QaReviewEvents;
import app.earmark.sheets.SheetEvents;
import app.earmark.workspace.TagEvents;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Writes the search outbox from the other modules' events, synchronously and in the transaction that made the
 * change (so the row commits or vanishes with it), and asks the feed to apply it once that transaction commits.
 * The events carry only which discussion or sheet changed: the feed re-reads it from its owners.
 */
@Component
class SearchOutbox {

    private final SearchFeed feed;

    SearchOutbox(SearchFeed feed) {
        this.feed = feed;
    }

    @EventListener
    void on(TagEvents.TagCreated event) {
        changed(Subject.discussion(event.discussionId()));
    }

    @EventListener
    void on(TagEvents.TagChanged event) {
        changed(Subject.discussion(event.discussionId()));
    }

    @EventListener
    void on(TagEvents.TagDeleted event) {
        changed(Subject.discussion(event.discussionId()));
    }

    @EventListener
    void on(DiscussionEvents.DiscussionCreated event) {
        changed(Subject.discussion(event.discussionId()));
    }

    @EventListener
    void on(DiscussionEvents.DiscussionCorrected event) {
        changed(Subject.discussion(event.discussionId()));
    }

    @EventListener
    void on(DiscussionEvents.DiscussionDeleted event) {
        changed(Subject.discussion(event.discussionId()));
    }

    @EventListener
    void on(DiscussionEvents.PlanSaved event) {
        changed(Subject.discussion(event.discussionId()));
    }

    @EventListener
    void on(NotesEvents.NotesDisputed event) {
        changed(Subject.discussion(event.discussionId()));
    }

    @EventListener
    void on(NotesEvents.NotesDisputeResolved event) {
        changed(Subject.discussion(event.discussionId()));
    }

    @EventListener
    void on(SheetEvents.SheetSaved event) {
        changed(Subject.sheet(event.sheetId()));
    }

    @EventListener
    void on(SheetEvents.SheetSigned event) {
        changed(Subject.sheet(event.sheetId()));
    }

    @EventListener
    void on(SheetEvents.SheetAmended event) {
        changed(Subject.sheet(event.signedSheetId()));
        changed(Subject.sheet(event.newSheetId()));
    }

    @EventListener
    void on(QaReviewEvents.QaReviewStarted event) {
        changed(Subject.sheet(event.sheetId()));
    }

    @EventListener
    void on(QaReviewEvents.QaReviewDecided event) {
        changed(Subject.sheet(event.sheetId()));
    }

    @EventListener
    void on(QaReviewEvents.QaNoteAdded event) {
        changed(Subject.sheet(event.sheetId()));
    }

    @EventListener
    void on(QaReviewEvents.QaVerdictRecorded event) {
        changed(Subject.sheet(event.sheetId()));
    }

    @EventListener
    void on(QaReviewEvents.QaActionAnswered event) {
        changed(Subject.sheet(event.sheetId()));
    }

    @EventListener
    void on(QaReviewEvents.QaAcceptanceVoided event) {
        changed(Subject.sheet(event.sheetId()));
    }

    private void changed(Subject subject) {
        feed.changed(subject);
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    feed.nudge();
                }
            });
        } else {
            feed.nudge();
        }
    }
}
