package app.earmark.workspace;

import app.earmark.base.TimeFormat;
import app.earmark.discussions.AssessedCriterion;
import app.earmark.discussions.Discussions;
import app.earmark.recordings.RecordingEvents;
import app.earmark.recordings.RecordingSummary;
import app.earmark.recordings.Recordings;
import app.earmark.recordings.RecordingsProperties;
import app.earmark.security.CurrentUser;
import app.earmark.workspace.TagEvents.TagChanged;
import app.earmark.workspace.TagEvents.TagCreated;
import app.earmark.workspace.TagEvents.TagDeleted;
import app.earmark.workspace.TagEvents.TagMoved;
import app.earmark.workspace.TagEvents.TagsChanged;
import java.time.Clock;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.orm.ObjectOptimisticLockingFailureException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Tags: who may read them (anyone who may see the discussion) and change them (an assessor of the
 * learner), and what a valid tag is: within the recording, on ACs of the assessed units, with a note of
 * reasonable length. A change made on a stale copy is refused rather than lost. Every change is audited
 * with before and after.
 */
@Service
@Transactional(readOnly = true)
public class Tags {

    public static final int MAX_NOTE = 2000;
    /**
     * The answer to a change to a tag that does not exist, and (by the tagging requests) to one the person may
     * not change, so that tag ids cannot be probed.
     */
    public static final String NO_SUCH_TAG = "This tag no longer exists: someone deleted it. The workspace now"
            + " shows the current tags.";

    private static final DateTimeFormatter AT = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneId.systemDefault());

    private final TagRepository tags;
    private final Discussions discussions;
    private final Recordings recordings;
    private final CurrentUser currentUser;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final RecordingsProperties limits;

    Tags(TagRepository tags, Discussions discussions, Recordings recordings, CurrentUser currentUser,
            ApplicationEventPublisher events, Clock clock, RecordingsProperties limits) {
        this.tags = tags;
        this.discussions = discussions;
        this.recordings = recordings;
        this.currentUser = currentUser;
        this.events = events;
        this.clock = clock;
        this.limits = limits;
    }

    /**
     * A tag as the assessor places it.
     *
     * @param endMs            the end of a span, or {@code null} for a moment
     * @param questionPosition the planned question asked at this moment (a tag made with the question's "Tag all"),
     *                         or {@code null}; taken when the tag is made, not changed by an update
     */
    public record TagDraft(long startMs, Long endMs, Set<Long> criterionIds, String note, Integer questionPosition) {

        public TagDraft(long startMs, Long endMs, Set<Long> criterionIds, String note) {
            this(startMs, endMs, criterionIds, note, null);
        }
    }

    public List<TagView> forRecording(long recordingId) {
        recordings.get(recordingId);
        return tags.findByRecordingIdOrderByStartMsAscIdAsc(recordingId).stream().map(Tag::view).toList();
    }

    public List<TagView> forDiscussion(long discussionId) {
        discussions.get(discussionId);
        return tags.findByDiscussionIdOrderByStartMsAscIdAsc(discussionId).stream().map(Tag::view).toList();
    }

    /** Every AC of the assessed units with the time counters of the tags that evidence it. */
    public Coverage coverage(long discussionId) {
        List<AssessedCriterion> criteria = discussions.criteria(discussionId);
        List<TagView> all = forDiscussion(discussionId);
        return new Coverage(criteria.stream().map(c -> new Coverage.Row(c, all.stream()
                .filter(t -> t.criterionIds().contains(c.id()))
                .sorted(Comparator.comparing(TagView::recordingId).thenComparing(TagView::startMs))
                .map(t -> new Coverage.TimeCounter(t.recordingId(), t.id(), t.startMs(), t.endMs(), t.note()))
                .toList())).toList());
    }

    /**
     * A new tag on the recording, or on the live recording that continues it while that one records (the tags of the
     * closed one join it when it is put together: {@link #recordingContinued}).
     */
    @Transactional
    public TagView create(long recordingId, TagDraft draft) {
        RecordingSummary recording = recordings.receiving(recordingId); // refuses whoever may not add to it
        Map<Long, AssessedCriterion> criteria = criteria(recording.discussionId());
        check(recording, draft, criteria);
        checkQuestion(recording.discussionId(), draft);
        Tag tag = tags.saveAndFlush(new Tag(recording.discussionId(), recording.id(), draft, currentUser.actorName(),
                clock.instant()));
        TagView view = tag.view();
        events.publishEvent(new TagCreated(currentUser.actorName(), view.discussionId(), view.id(),
                describe(view, criteria)));
        events.publishEvent(new TagsChanged(recording.id(), view.id(), view));
        return view;
    }

    /**
     * @param expectedVersion the version the assessor's copy shows; a newer one means someone else changed
     *        the tag meanwhile, and the change is refused
     */
    @Transactional
    public TagView update(long tagId, long expectedVersion, TagDraft draft) {
        Tag tag = existing(tagId);
        RecordingSummary recording = recordings.get(tag.recordingId());
        discussions.requireMayRecord(recording.discussionId());
        requireVersion(tag, expectedVersion);
        Map<Long, AssessedCriterion> criteria = criteria(recording.discussionId());
        check(recording, draft, criteria);
        String before = describe(tag.view(), criteria);
        tag.change(draft, currentUser.actorName(), clock.instant());
        TagView view = flush(tag);
        events.publishEvent(new TagChanged(currentUser.actorName(), view.discussionId(), view.id(), before,
                describe(view, criteria)));
        events.publishEvent(new TagsChanged(tag.recordingId(), view.id(), view));
        return view;
    }

    @Transactional
    public void delete(long tagId, long expectedVersion) {
        Tag tag = existing(tagId);
        RecordingSummary recording = recordings.get(tag.recordingId());
        discussions.requireMayRecord(recording.discussionId());
        requireVersion(tag, expectedVersion);
        String before = describe(tag.view(), criteria(recording.discussionId()));
        tags.delete(tag);
        events.publishEvent(new TagDeleted(currentUser.actorName(), tag.discussionId(), tagId, before));
        events.publishEvent(new TagsChanged(tag.recordingId(), tagId, null));
    }

    /**
     * Moves every tag of one recording onto another made from it, {@code offsetMs} later: a remote room's track onto
     * the room's combined recording (tags made during the call are on the assessor's track, at the time since that
     * track started). Each move is audited ({@code tag-moved}) and, like every other change to a tag, tells the
     * search index and the open workspaces of both recordings (gone from the one, on the other). A system action (no
     * person's access is checked): the caller runs it inside the transaction that records the new recording, so the
     * tags move exactly once, with it.
     *
     * @return how many tags moved
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public int moveAll(long fromRecordingId, long toRecordingId, long offsetMs, String actor) {
        List<Tag> moving = tags.findByRecordingIdOrderByStartMsAscIdAsc(fromRecordingId);
        List<Long> fromStarts = moving.stream().map(Tag::startMs).toList();
        for (Tag tag : moving) {
            tag.moveTo(toRecordingId, offsetMs, actor, clock.instant());
        }
        // Written now, so that the views sent carry the versions the moved tags have in the database.
        tags.flush();
        for (int i = 0; i < moving.size(); i++) {
            TagView view = moving.get(i).view();
            events.publishEvent(new TagMoved(actor, view.discussionId(), view.id(), fromRecordingId,
                    fromStarts.get(i), toRecordingId, view.startMs()));
            events.publishEvent(new TagsChanged(fromRecordingId, view.id(), null));
            events.publishEvent(new TagsChanged(toRecordingId, view.id(), view));
        }
        return moving.size();
    }

    /**
     * A live recording that continues one closed as silent was put together: it holds the sound of every recording
     * before it in the chain, at the same times, so their tags move to it (audited as moves), in the transaction that
     * queues it.
     */
    @EventListener
    @Transactional(propagation = Propagation.MANDATORY)
    void recordingContinued(RecordingEvents.LiveRecordingContinued continued) {
        for (long earlier : continued.earlierRecordingIds()) {
            moveAll(earlier, continued.recordingId(), 0, continued.actor());
        }
    }

    private Tag existing(long tagId) {
        return tags.findById(tagId).orElseThrow(() -> new TagException(NO_SUCH_TAG));
    }

    private static void requireVersion(Tag tag, long expectedVersion) {
        if (tag.version() != expectedVersion) {
            TagView current = tag.view();
            String who = current.updatedBy() != null ? current.updatedBy() : current.createdBy();
            String when = current.updatedAt() != null ? " at " + AT.format(current.updatedAt()) : "";
            throw new TagException("Someone else (" + who + when + ") changed this tag after you last saw it: your"
                    + " change was not saved. The workspace now shows their version.");
        }
    }

    private TagView flush(Tag tag) {
        try {
            return tags.saveAndFlush(tag).view();
        } catch (ObjectOptimisticLockingFailureException e) {
            throw new TagException("Someone else changed this tag at the same moment: your change was not saved."
                    + " The workspace now shows their version.");
        }
    }

    private Map<Long, AssessedCriterion> criteria(long discussionId) {
        return discussions.criteria(discussionId).stream()
                .collect(Collectors.toMap(AssessedCriterion::id, Function.identity()));
    }

    private void check(RecordingSummary recording, TagDraft draft, Map<Long, AssessedCriterion> criteria) {
        long end = switch (recording.state()) {
            case READY -> recording.durationMillis() == null ? Long.MAX_VALUE : recording.durationMillis();
            case RECORDING -> limits.maxDuration().toMillis();
            case FAILED -> throw new TagException("This recording failed ingest, so it has no timeline to tag ("
                    + recording.message() + "). Upload the recording again, or try again from the discussion page.");
            default -> throw new TagException("The recording is still being prepared for playback; tags can be"
                    + " placed once it is ready.");
        };
        if (draft.startMs() < 0) {
            throw new TagException("A tag cannot start before the recording does.");
        }
        if (draft.startMs() > end) {
            throw new TagException("A tag at " + TimeFormat.clock(draft.startMs()) + " is after the end of the"
                    + " recording (" + TimeFormat.clock(end) + ").");
        }
        if (draft.endMs() != null && draft.endMs() <= draft.startMs()) {
            throw new TagException("A span must end after it starts.");
        }
        if (draft.endMs() != null && draft.endMs() > end) {
            throw new TagException("The span ends at " + TimeFormat.clock(draft.endMs()) + ", after the end of the"
                    + " recording (" + TimeFormat.clock(end) + ").");
        }
        if (draft.criterionIds() == null || draft.criterionIds().isEmpty()) {
            throw new TagException("Choose at least one AC for the tag.");
        }
        for (long id : draft.criterionIds()) {
            if (!criteria.containsKey(id)) {
                throw new TagException("The tag names an AC that is not one of the units this discussion assesses ("
                        + criteria.values().stream().map(AssessedCriterion::unitCode).distinct()
                        .collect(Collectors.joining(", ")) + ").");
            }
        }
        if (draft.note() != null && draft.note().length() > MAX_NOTE) {
            throw new TagException(String.format("A note may have at most %,d characters; this one has %,d.", MAX_NOTE,
                    draft.note().length()));
        }
    }

    private void checkQuestion(long discussionId, TagDraft draft) {
        Integer position = draft.questionPosition();
        if (position != null && discussions.plan(discussionId).questions().stream()
                .noneMatch(q -> q.position() == position)) {
            throw new TagException("The discussion's plan has no question " + position + " (any more): the tag was"
                    + " not saved. The plan beside the tagging now shows the current questions.");
        }
    }

    /** "1m 55s–2m 10s AC 2.1, 3.1 (note: …)", for the audit trail. */
    static String describe(TagView tag, Map<Long, AssessedCriterion> criteria) {
        String when = TimeFormat.counter(tag.startMs()) + (tag.endMs() == null ? "" : "–" + TimeFormat.counter(tag.endMs()));
        String acs = tag.criterionIds().stream().map(id -> criteria.containsKey(id) ? criteria.get(id).label()
                : "criterion " + id).collect(Collectors.joining(", "));
        return when + " " + acs + (tag.questionPosition() == null ? "" : ", question " + tag.questionPosition()
                + " asked") + (tag.note() == null ? "" : " (note: \"" + tag.note() + "\")");
    }
}
