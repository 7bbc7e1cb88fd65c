package app.earmark.search;

import app.earmark.base.SearchContributor.Subject;
import app.earmark.discussions.DiscussionEvents;
import app.earmark.notes.NotesEvents;
import app.earmark.review.QaReviewEvents;
import app.earmark.sheets.SheetEvents;
import app.earmark.workspace.TagEvents;
import java.util.LinkedHashSet;
import java.util.Set;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Writes the search outbox from the other modules' events, in the transaction that made the change (so the row
 * commits or vanishes with it; one row per subject and transaction, written just before it commits), and asks the
 * feed to apply it once that transaction commits.
 * The events carry only which discussion or sheet changed, and a tag's which tag: the feed re-reads the subject (or
 * only that tag of it) from its owners.
 */
@Component
class SearchOutbox {

    private final SearchFeed feed;

    SearchOutbox(SearchFeed feed) {
        this.feed = feed;
    }

    @EventListener
    void on(TagEvents.TagCreated event) {
        changed(Subject.discussion(event.discussionId()), TagEvents.searchPieceId(event.tagId()));
    }

    @EventListener
    void on(TagEvents.TagChanged event) {
        changed(Subject.discussion(event.discussionId()), TagEvents.searchPieceId(event.tagId()));
    }

    @EventListener
    void on(TagEvents.TagDeleted event) {
        changed(Subject.discussion(event.discussionId()), TagEvents.searchPieceId(event.tagId()));
    }

    /** A moved tag's entry names another recording and moment (a room's track onto its combined recording). */
    @EventListener
    void on(TagEvents.TagMoved event) {
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
        changed(subject, null);
    }

    /**
     * In a transaction, the change is noted once per transaction and its outbox row written just before the
     * transaction commits (in it), so a change that publishes several events writes one row per subject (or per
     * piece, where only pieces of the subject changed); the feed is nudged once the transaction has committed.
     *
     * @param pieceId the one piece of the subject that changed, or null for the whole subject
     */
    private void changed(Subject subject, String pieceId) {
        Change change = new Change(subject, pieceId);
        if (!TransactionSynchronizationManager.isSynchronizationActive()
                || !TransactionSynchronizationManager.isActualTransactionActive()) {
            outboxRow(change);
            feed.nudge();
            return;
        }
        Changes changes = TransactionSynchronizationManager.getSynchronizations().stream()
                .filter(s -> s instanceof Changes c && c.outbox() == this).map(Changes.class::cast).findFirst()
                .orElseGet(() -> {
                    var fresh = new Changes(this);
                    TransactionSynchronizationManager.registerSynchronization(fresh);
                    return fresh;
                });
        changes.add(change);
    }

    private void outboxRow(Change change) {
        feed.changed(change.subject(), change.pieceId());
    }

    /** A subject that changed, or one piece of it. */
    private record Change(Subject subject, String pieceId) {

        Change whole() {
            return new Change(subject, null);
        }
    }

    /** What a transaction changed, written to the outbox before it commits. */
    private static final class Changes implements TransactionSynchronization {
        private final SearchOutbox outbox;
        private final Set<Change> changes = new LinkedHashSet<>();
        private boolean written;

        Changes(SearchOutbox outbox) {
            this.outbox = outbox;
        }

        SearchOutbox outbox() {
            return outbox;
        }

        void add(Change change) {
            if (written) {
                // Published by another synchronization's beforeCommit, after this one: still in the transaction.
                outbox.outboxRow(change);
            } else {
                changes.add(change);
            }
        }

        /** One row per subject the transaction changed as a whole, and one per piece of the others. */
        @Override
        public void beforeCommit(boolean readOnly) {
            written = true;
            changes.stream().filter(c -> c.pieceId() == null || !changes.contains(c.whole()))
                    .forEach(outbox::outboxRow);
        }

        @Override
        public void afterCommit() {
            outbox.feed.nudge();
        }
    }
}
