package app.earmark.observation;

import app.earmark.discussions.DiscussionSummary;
import app.earmark.discussions.Discussions;
import app.earmark.recordings.LiveRecordings;
import app.earmark.recordings.LiveRecordings.LiveSoFar;
import app.earmark.recordings.RecordingState;
import app.earmark.recordings.RecordingSummary;
import app.earmark.recordings.Recordings;
import app.earmark.observation.ObservationEvents.LiveObservationOpened;
import app.earmark.observation.ObservationEvents.LiveObservationUnmarked;
import app.earmark.observation.ObservationEvents.MarkedForLiveObservation;
import app.earmark.observation.ObservationEvents.ObservationNoteAdded;
import app.earmark.people.AssessorSummary;
import app.earmark.people.People;
import app.earmark.people.PersonRef;
import app.earmark.security.AccessGuard;
import app.earmark.security.AccessRefusedException;
import app.earmark.security.CurrentUser;
import app.earmark.security.EarmarkPrincipal;
import app.earmark.security.Role;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Live observation by an IQA: marking a planned discussion, being told when its live recording starts, listening
 * to the parts received so far, and notes dropped while listening. Only an IQA assigned to the discussion's
 * assessor may mark it, and only an IQA who marked it may listen or take notes; every method checks the
 * signed-in person, and a refusal looks like a discussion or recording that does not exist.
 */
@Service
@Transactional(readOnly = true)
public class LiveObservations {

    /** At most this many parts (about 2 s each) per answer, so that catching up does not hold one large answer. */
    static final int MAX_PARTS_PER_ANSWER = 15;
    static final int MAX_NOTE = 2000;

    private final ObservationMarks marks;
    private final ObservationNotes notes;
    private final Discussions discussions;
    private final Recordings recordings;
    private final LiveRecordings live;
    private final People people;
    private final CurrentUser currentUser;
    private final AccessGuard guard;
    private final ApplicationEventPublisher events;
    private final ObservationHub hub;
    private final Clock clock;

    LiveObservations(ObservationMarks marks, ObservationNotes notes, Discussions discussions, Recordings recordings,
            LiveRecordings live, People people, CurrentUser currentUser, AccessGuard guard,
            ApplicationEventPublisher events, ObservationHub hub, Clock clock) {
        this.marks = marks;
        this.notes = notes;
        this.discussions = discussions;
        this.recordings = recordings;
        this.live = live;
        this.people = people;
        this.currentUser = currentUser;
        this.guard = guard;
        this.events = events;
        this.hub = hub;
        this.clock = clock;
    }

    /** Whether the signed-in person is an IQA assigned to the discussion's assessor (for showing controls). */
    public boolean mayMark(DiscussionSummary discussion) {
        EarmarkPrincipal me = currentUser.require();
        return me.hasRole(Role.IQA) && people.qualityAssuredAssessors().stream()
                .anyMatch(a -> a.assessor().id() == discussion.assessor().id());
    }

    /** Whether the signed-in IQA has marked the discussion for live observation. */
    public boolean isMarkedByMe(long discussionId) {
        return marks.findByDiscussionIdAndIqaId(discussionId, currentUser.require().userId()).isPresent();
    }

    /** Whether any IQA has marked the discussion (no access check: it names nobody). */
    public boolean anyMarks(long discussionId) {
        return marks.existsByDiscussionId(discussionId);
    }

    /** The names of the IQAs who marked the discussion, for anyone who may see it (the parties are told). */
    public List<String> markedBy(long discussionId) {
        discussions.get(discussionId);
        List<Long> iqaIds = marks.findByDiscussionId(discussionId).stream().map(ObservationMark::iqaId).toList();
        return people.refs(iqaIds).values().stream().map(PersonRef::displayName).sorted().toList();
    }

    /**
     * Marks a discussion for live observation by the signed-in IQA.
     *
     * @throws ObservationException if it is already marked, or its recording has been made
     */
    @Transactional
    public void mark(long discussionId) {
        DiscussionSummary discussion = requireAssignedIqa(discussionId);
        long me = currentUser.require().userId();
        if (marks.findByDiscussionIdAndIqaId(discussionId, me).isPresent()) {
            throw new ObservationException("You have already marked this discussion for live observation.");
        }
        boolean recorded = recordings.forDiscussion(discussionId).stream()
                .anyMatch(r -> r.state() != RecordingState.RECORDING && r.state() != RecordingState.FAILED);
        if (recorded) {
            throw new ObservationException("This discussion has already been recorded: there is nothing left to"
                    + " observe live. Review its recording instead.");
        }
        marks.save(new ObservationMark(discussionId, me, clock.instant()));
        events.publishEvent(new MarkedForLiveObservation(currentUser.actorName(), discussionId,
                discussion.learner().username(), discussion.assessor().username()));
    }

    /** Takes the signed-in IQA's mark off the discussion. */
    @Transactional
    public void unmark(long discussionId) {
        requireAssignedIqa(discussionId);
        ObservationMark mark = marks.findByDiscussionIdAndIqaId(discussionId, currentUser.require().userId())
                .orElseThrow(() -> new ObservationException("This discussion is not marked for live observation."));
        marks.delete(mark);
        events.publishEvent(new LiveObservationUnmarked(currentUser.actorName(), discussionId));
    }

    /** A discussion of one of the signed-in IQA's assessors, held today or later, and whether they marked it. */
    public record Upcoming(DiscussionSummary discussion, boolean marked, boolean liveNow) {
    }

    /** For an IQA: the discussions of the assessors they quality-assure held today or later, soonest first. */
    public List<Upcoming> upcoming() {
        EarmarkPrincipal me = currentUser.require();
        if (!me.hasRole(Role.IQA)) {
            return List.of();
        }
        Set<Long> assessors = people.qualityAssuredAssessors().stream().map(AssessorSummary::assessor)
                .map(PersonRef::id).collect(Collectors.toSet());
        LocalDate today = LocalDate.now(clock);
        List<DiscussionSummary> found = discussions.visible().stream()
                .filter(d -> assessors.contains(d.assessor().id()) && !d.heldOn().isBefore(today))
                .sorted(Comparator.comparing(DiscussionSummary::heldOn).thenComparing(DiscussionSummary::id))
                .toList();
        Set<Long> marked = marks.findByIqaIdAndDiscussionIdIn(me.userId(),
                found.stream().map(DiscussionSummary::id).toList()).stream().map(ObservationMark::discussionId)
                .collect(Collectors.toSet());
        Map<Long, List<RecordingSummary>> byDiscussion = recordings.forDiscussions(found);
        return found.stream().map(d -> new Upcoming(d, marked.contains(d.id()), byDiscussion
                .getOrDefault(d.id(), List.of()).stream().anyMatch(r -> r.state() == RecordingState.RECORDING)))
                .toList();
    }

    /** What the observe page shows: the discussion, and its live recording if one is running now. */
    public record Observation(DiscussionSummary discussion, Optional<RecordingSummary> liveRecording) {
    }

    /**
     * The discussion for its observing IQA, with its running live recording if any; opening a running one is
     * audited.
     */
    public Observation open(long discussionId) {
        DiscussionSummary discussion = requireObserver(discussionId);
        Optional<RecordingSummary> running = recordings.forDiscussion(discussionId).stream()
                .filter(r -> r.live() && r.state() == RecordingState.RECORDING)
                .max(Comparator.comparing(RecordingSummary::uploadedAt));
        running.ifPresent(r -> events.publishEvent(new LiveObservationOpened(currentUser.actorName(), discussionId,
                r.id())));
        return new Observation(discussion, running);
    }

    /** Says that the signed-in IQA is listening now (the parties' pages show it); returns what to run when they stop. */
    public Runnable observing(long discussionId) {
        requireObserver(discussionId);
        return hub.observing(discussionId, currentUser.require().displayName());
    }

    /**
     * The parts of a live recording received from {@code from} on, for the IQA observing its discussion.
     *
     * @throws AccessRefusedException (audited) for anyone else, or a recording that does not exist
     */
    public LiveSoFar parts(long recordingId, int from) {
        LiveSoFar soFar = live.soFar(recordingId, from, MAX_PARTS_PER_ANSWER);
        // Whoever reaches here may see the discussion (soFar refused anyone else): one refusal, one audit entry.
        DiscussionSummary discussion = discussions.get(soFar.discussionId());
        if (!mayMark(discussion) || !isMarkedByMe(discussion.id())) {
            throw guard.refuse("recording:" + recordingId, "You may not see recording " + recordingId + ".");
        }
        return soFar;
    }

    /**
     * Keeps a note the observing IQA dropped at {@code atMs} of the live recording.
     *
     * @throws ObservationException for an empty or too long note, or a time outside the recording
     */
    @Transactional
    public ObservationNoteView addNote(long discussionId, long recordingId, long atMs, String text) {
        requireObserver(discussionId);
        String note = text == null ? "" : text.strip();
        if (note.isEmpty()) {
            throw new ObservationException("Write the note before adding it.");
        }
        if (note.length() > MAX_NOTE) {
            throw new ObservationException("A note may be at most 2,000 characters; this one has "
                    + note.length() + ".");
        }
        RecordingSummary recording = recordings.forDiscussion(discussionId).stream()
                .filter(r -> r.id() == recordingId && r.live()).findFirst()
                .orElseThrow(() -> new ObservationException("Recording " + recordingId
                        + " is not a live recording of this discussion."));
        long elapsed = Duration.between(recording.uploadedAt(), clock.instant()).toMillis();
        if (atMs < 0 || atMs > elapsed + 5_000) {
            throw new ObservationException("The note's time is outside the recording (0 to "
                    + app.earmark.base.TimeFormat.counter(Math.max(0, elapsed)) + ").");
        }
        long me = currentUser.require().userId();
        ObservationNote saved = notes.save(new ObservationNote(discussionId, recordingId, me, atMs, note,
                clock.instant()));
        events.publishEvent(new ObservationNoteAdded(currentUser.actorName(), discussionId, recordingId,
                saved.view().id(), atMs, note));
        return saved.view();
    }

    /** The signed-in IQA's own notes on the discussion, by recording and time. */
    public List<ObservationNoteView> myNotes(long discussionId) {
        requireAssignedIqa(discussionId);
        return notes.findByDiscussionIdAndAuthorIdOrderByRecordingIdAscAtMsAsc(discussionId,
                currentUser.require().userId()).stream().map(ObservationNote::view).toList();
    }

    /**
     * Whether the signed-in person is the discussion's learner or its assessor (whose pages show that an IQA is
     * observing); asked only of discussions someone marked, so that it costs nothing on most pages.
     */
    public boolean isParty(long discussionId) {
        if (!marks.existsByDiscussionId(discussionId)) {
            return false;
        }
        try {
            DiscussionSummary d = discussions.get(discussionId);
            long me = currentUser.require().userId();
            return d.learner().id() == me || d.assessor().id() == me || discussions.mayRecord(d);
        } catch (AccessRefusedException e) {
            return false;
        }
    }

    private DiscussionSummary requireAssignedIqa(long discussionId) {
        String refusal = "You may not observe discussion " + discussionId + ".";
        DiscussionSummary discussion;
        try {
            discussion = discussions.get(discussionId);
        } catch (AccessRefusedException e) {
            throw guard.refuse("discussion:" + discussionId, refusal);
        }
        if (!mayMark(discussion)) {
            throw guard.refuse("discussion:" + discussionId, refusal);
        }
        return discussion;
    }

    private DiscussionSummary requireObserver(long discussionId) {
        DiscussionSummary discussion = requireAssignedIqa(discussionId);
        if (!isMarkedByMe(discussionId)) {
            throw guard.refuse("discussion:" + discussionId, "You may observe discussion " + discussionId
                    + " live only once you have marked it for live observation.");
        }
        return discussion;
    }
}
