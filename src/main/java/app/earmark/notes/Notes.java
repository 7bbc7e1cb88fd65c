package app.earmark.notes;

import app.earmark.discussions.AssessedCriterion;
import app.earmark.discussions.DiscussionSummary;
import app.earmark.discussions.Discussions;
import app.earmark.recordings.RecordingSummary;
import app.earmark.recordings.Recordings;
import app.earmark.notes.NotesEvents.NotesAuthenticated;
import app.earmark.notes.NotesEvents.NotesAuthenticationVoided;
import app.earmark.notes.NotesEvents.NotesDisputeResolved;
import app.earmark.notes.NotesEvents.NotesDisputed;
import app.earmark.people.People;
import app.earmark.security.AccessGuard;
import app.earmark.security.CurrentUser;
import app.earmark.security.EarmarkPrincipal;
import app.earmark.security.Role;
import app.earmark.workspace.TagView;
import app.earmark.workspace.Tags;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The learner's authentication of a discussion's notes (its tags with their notes, and its recordings) and their
 * disputes of named items. Anyone who may see the discussion sees both; only its learner authenticates or disputes,
 * only an assessor of the learner resolves a dispute. Every decision is audited; a refusal of someone who may not
 * see the discussion is audited and reads like "not found".
 */
@Service
@Transactional(readOnly = true)
public class Notes {

    /** The longest comment of a dispute or its resolution. */
    public static final int MAX_COMMENT = 4000;

    private final Discussions discussions;
    private final Recordings recordings;
    private final Tags tags;
    private final People people;
    private final CurrentUser currentUser;
    private final AccessGuard guard;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final NotesAuthentications authentications;
    private final NotesDisputes disputes;

    Notes(Discussions discussions, Recordings recordings, Tags tags, People people, CurrentUser currentUser,
            AccessGuard guard, ApplicationEventPublisher events, Clock clock, NotesAuthentications authentications,
            NotesDisputes disputes) {
        this.discussions = discussions;
        this.recordings = recordings;
        this.tags = tags;
        this.people = people;
        this.currentUser = currentUser;
        this.guard = guard;
        this.events = events;
        this.clock = clock;
        this.authentications = authentications;
        this.disputes = disputes;
    }

    /**
     * The discussion's notes as they are now, with the hash the page must send back to authenticate them.
     *
     * @throws app.earmark.security.AccessRefusedException if the signed-in person may not see the discussion
     */
    public DiscussionNotes notes(long discussionId) {
        DiscussionSummary discussion = discussions.get(discussionId);
        List<RecordingSummary> recs = recordings.forDiscussion(discussionId);
        List<TagView> all = tags.forDiscussion(discussionId);
        List<AssessedCriterion> criteria = discussions.criteria(discussionId);
        NotesContent content = NotesContent.of(discussionId, recs, all, criteria);
        Map<Long, String> labels = criteria.stream()
                .collect(Collectors.toMap(AssessedCriterion::id, AssessedCriterion::label, (a, b) -> a));
        List<DiscussionNotes.NoteItem> items = all.stream()
                .sorted(Comparator.comparingLong(TagView::recordingId).thenComparingLong(TagView::startMs)
                        .thenComparingLong(TagView::id))
                .map(t -> new DiscussionNotes.NoteItem(t.id(), t.recordingId(), t.startMs(), t.endMs(),
                        t.criterionIds().stream().sorted().map(id -> labels.getOrDefault(id, "criterion " + id))
                                .collect(Collectors.joining(", ")), t.note(), NotesContent.describe(t, criteria)))
                .toList();
        List<NotesAuthenticationView> auths = authentications
                .findByDiscussionIdOrderByAuthenticatedAtDescIdDesc(discussionId).stream()
                .map(NotesAuthentication::view).toList();
        List<NotesDisputeView> found = disputes.findByDiscussionIdOrderByDisputedAtAscIdAsc(discussionId).stream()
                .map(NotesDispute::view).toList();
        EarmarkPrincipal me = currentUser.require();
        boolean isLearner = me.userId() == discussion.learner().id();
        boolean mayResolve = me.hasRole(Role.ASSESSOR) && people.assesses(me.userId(), discussion.learner().id());
        return new DiscussionNotes(discussion, recs, items, content.sha256(), state(all, auths, content.sha256()),
                auths, found, isLearner, mayResolve, notAuthenticable(recs, all));
    }

    /** Each discussion of this learner the signed-in person may see, newest first, with its notes' state. */
    public List<DiscussionNotes> forLearner(long learnerId) {
        return discussions.visible().stream().filter(d -> d.learner().id() == learnerId)
                .map(d -> notes(d.id())).toList();
    }

    /**
     * The learner authenticates the notes as a true record.
     *
     * @param shownSha256 the hash of the notes the page showed them ({@link DiscussionNotes#sha256()}); if the
     *                    notes have changed since, nothing is saved
     */
    @Transactional
    public NotesAuthenticationView authenticate(long discussionId, String shownSha256) {
        DiscussionSummary discussion = requireLearner(discussionId, "authenticate");
        List<RecordingSummary> recs = recordings.forDiscussion(discussionId);
        List<TagView> all = tags.forDiscussion(discussionId);
        String refusal = notAuthenticable(recs, all);
        if (refusal != null) {
            throw new NotesException(refusal);
        }
        NotesContent content = NotesContent.of(discussionId, recs, all, discussions.criteria(discussionId));
        if (shownSha256 == null || !shownSha256.equals(content.sha256())) {
            throw new NotesException("The notes changed after they were shown to you, so your authentication was not"
                    + " saved. The page now shows the notes as they are: read them again, then authenticate or"
                    + " dispute them.");
        }
        List<NotesAuthentication> standing = authentications.findByDiscussionIdAndVoidedAtIsNull(discussionId);
        if (standing.stream().anyMatch(a -> a.sha256().equals(content.sha256()))) {
            throw new NotesException("You have already authenticated these notes as they are now.");
        }
        Instant now = clock.instant();
        String actor = currentUser.actorName();
        for (NotesAuthentication earlier : standing) {
            voidOne(earlier, actor, "The notes no longer match what was authenticated (replaced by a new"
                    + " authentication).", now);
        }
        NotesAuthentication saved = authentications.saveAndFlush(new NotesAuthentication(discussionId,
                discussion.learner().id(), unitIds(discussion), actor, now, content));
        events.publishEvent(new NotesAuthenticated(actor, saved.id(), discussionId, discussion.learner().id(),
                content.sha256()));
        return saved.view();
    }

    /**
     * The learner disputes named items (tags) of the notes, with a comment for the assessor and the IQA.
     *
     * @throws NotesException with no item, no comment, or an item that is no longer part of the notes
     */
    @Transactional
    public NotesDisputeView dispute(long discussionId, Set<Long> tagIds, String comment) {
        DiscussionSummary discussion = requireLearner(discussionId, "dispute");
        if (tagIds == null || tagIds.isEmpty()) {
            throw new NotesException("Choose at least one item of the notes that you dispute.");
        }
        String text = requireComment(comment, "Say what is wrong with the items you dispute: your comment goes to"
                + " the assessor and the IQA.");
        List<RecordingSummary> recs = recordings.forDiscussion(discussionId);
        List<TagView> all = tags.forDiscussion(discussionId);
        List<AssessedCriterion> criteria = discussions.criteria(discussionId);
        Map<Long, TagView> byId = all.stream().collect(Collectors.toMap(TagView::id, Function.identity()));
        List<NotesDisputeView.Item> items = new ArrayList<>();
        for (long tagId : new LinkedHashSet<>(tagIds.stream().sorted().toList())) {
            TagView tag = byId.get(tagId);
            if (tag == null) {
                throw new NotesException("An item you chose is no longer part of the notes (the assessor changed"
                        + " them), so your dispute was not saved. The page now shows the notes as they are.");
            }
            items.add(new NotesDisputeView.Item(tagId, NotesContent.describe(tag, criteria)));
        }
        NotesContent content = NotesContent.of(discussionId, recs, all, criteria);
        String actor = currentUser.actorName();
        NotesDispute saved = disputes.saveAndFlush(new NotesDispute(discussionId, discussion.learner().id(),
                unitIds(discussion), actor, clock.instant(), text, content.sha256(), items));
        events.publishEvent(new NotesDisputed(actor, saved.id(), discussionId, discussion.learner().id(),
                items.size(), text));
        return saved.view();
    }

    /**
     * An assessor of the learner answers a dispute and resolves it; it stays in the record.
     *
     * @throws NotesException with no comment, or when it was already resolved
     */
    @Transactional
    public NotesDisputeView resolve(long disputeId, String comment) {
        EarmarkPrincipal me = currentUser.require();
        NotesDispute dispute = disputes.findById(disputeId)
                .filter(d -> people.maySeeLearner(me, d.learnerId()))
                .orElseThrow(() -> guard.refuse("notes-dispute:" + disputeId, "You may not see dispute "
                        + disputeId + "."));
        discussions.get(dispute.discussionId());
        if (!me.hasRole(Role.ASSESSOR) || !people.assesses(me.userId(), dispute.learnerId())) {
            throw guard.refuse("notes-dispute:" + disputeId, "Only an assessor of this learner can resolve dispute "
                    + disputeId + ".");
        }
        if (dispute.resolved()) {
            NotesDisputeView view = dispute.view();
            throw new NotesException("This dispute was already resolved by " + view.resolvedBy() + ".");
        }
        String text = requireComment(comment, "Give your answer to the learner's dispute: it is kept with the dispute"
                + " and shown to the learner and the IQA.");
        dispute.resolve(me.getUsername(), clock.instant(), text);
        NotesDispute saved = disputes.saveAndFlush(dispute);
        events.publishEvent(new NotesDisputeResolved(me.getUsername(), disputeId, dispute.discussionId(),
                dispute.learnerId(), text));
        return saved.view();
    }

    /**
     * Voids every standing authentication of the discussion because what it covered changed. Called in the
     * transaction of the change, whoever makes it.
     */
    @Transactional
    void voidFor(long discussionId, String actor, String reason) {
        Instant now = clock.instant();
        authentications.findByDiscussionIdAndVoidedAtIsNull(discussionId)
                .forEach(a -> voidOne(a, actor, reason, now));
    }

    private void voidOne(NotesAuthentication authentication, String actor, String reason, Instant at) {
        authentication.voidBecause(reason, at);
        authentications.save(authentication);
        events.publishEvent(new NotesAuthenticationVoided(actor, authentication.id(), authentication.discussionId(),
                authentication.learnerId(), reason));
    }

    private DiscussionSummary requireLearner(long discussionId, String what) {
        DiscussionSummary discussion = discussions.get(discussionId);
        if (currentUser.require().userId() != discussion.learner().id()) {
            throw guard.refuse("discussion:" + discussionId, "Only the learner of discussion " + discussionId
                    + " can " + what + " its notes.");
        }
        return discussion;
    }

    private static String requireComment(String comment, String whenMissing) {
        if (comment == null || comment.isBlank()) {
            throw new NotesException(whenMissing);
        }
        if (comment.strip().length() > MAX_COMMENT) {
            throw new NotesException(String.format("A comment may have at most %,d characters; this one has %,d.",
                    MAX_COMMENT, comment.strip().length()));
        }
        return comment.strip();
    }

    private static String notAuthenticable(List<RecordingSummary> recs, List<TagView> all) {
        if (recs.stream().anyMatch(r -> r.sha256() == null)) {
            return "A recording of this discussion is still being made: its notes can be authenticated once it has"
                    + " ended.";
        }
        if (all.isEmpty()) {
            return "There are no notes to authenticate yet: the assessor has not tagged this discussion's recording.";
        }
        return null;
    }

    private static NotesState state(List<TagView> all, List<NotesAuthenticationView> auths, String sha256) {
        if (auths.isEmpty()) {
            return all.isEmpty() ? NotesState.NOTHING_TO_AUTHENTICATE : NotesState.NOT_AUTHENTICATED;
        }
        NotesAuthenticationView latest = auths.get(0);
        return !latest.isVoid() && latest.sha256().equals(sha256) ? NotesState.AUTHENTICATED : NotesState.CHANGED;
    }

    private static String unitIds(DiscussionSummary discussion) {
        return discussion.units().stream().map(u -> String.valueOf(u.id())).sorted()
                .collect(Collectors.joining(","));
    }
}
