package app.earmark.room;

import app.earmark.discussions.DiscussionMode;
import app.earmark.discussions.DiscussionSummary;
import app.earmark.discussions.Discussions;
import app.earmark.recordings.LiveRecordings;
import app.earmark.recordings.RecordingSummary;
import app.earmark.room.RoomEvents.PartyRecordingStarted;
import app.earmark.room.RoomEvents.RecordingConsentGiven;
import app.earmark.room.RoomEvents.RemoteRoomEnded;
import app.earmark.room.RoomEvents.RemoteRoomEntered;
import app.earmark.room.RoomEvents.RemoteRoomOpened;
import app.earmark.room.RoomEvents.RoomRecordingStarted;
import app.earmark.room.RoomStore.SessionRow;
import app.earmark.room.RoomStore.TrackRow;
import app.earmark.security.AccessGuard;
import app.earmark.security.AccessRefusedException;
import app.earmark.security.CurrentUser;
import app.earmark.security.EarmarkPrincipal;
import app.earmark.security.Role;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Who may enter a discussion's remote room, and what happens there that Earmark keeps: the room's session (opened by
 * the assessor), each party's consent to the recording notice, each party's own recording and its parts' capture
 * clock. Only the discussion's learner and assessor, and an IQA who marked the discussion for live observation, may
 * enter; every method checks the signed-in person, and every refusal is audited.
 */
@Service
public class RemoteRooms {

    private static final Logger log = LoggerFactory.getLogger(RemoteRooms.class);
    static final String REFUSAL = "Only the learner and the assessor of this discussion, and an IQA who marked it for"
            + " live observation, may enter its remote discussion room.";
    private static final DateTimeFormatter NAME_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH.mm")
            .withZone(ZoneId.systemDefault());

    private final Discussions discussions;
    private final LiveRecordings live;
    private final RoomObservers observers;
    private final CurrentUser currentUser;
    private final AccessGuard guard;
    private final ApplicationEventPublisher events;
    private final RoomStore store;
    private final RoomProperties properties;
    private final RoomHub hub;
    private final Clock clock;

    RemoteRooms(Discussions discussions, LiveRecordings live, RoomObservers observers, CurrentUser currentUser,
            AccessGuard guard, ApplicationEventPublisher events, RoomStore store, RoomProperties properties,
            RoomHub hub, Clock clock) {
        this.discussions = discussions;
        this.live = live;
        this.observers = observers;
        this.currentUser = currentUser;
        this.guard = guard;
        this.events = events;
        this.store = store;
        this.properties = properties;
        this.hub = hub;
        this.clock = clock;
    }

    /** A room's session as the people in it see it. */
    public record Session(long id, long discussionId, String notice, Instant openedAt, Set<RoomRole> consents,
            boolean ended) {
        public Session {
            consents = Set.copyOf(consents);
        }

        /** Both parties agreed to the recording notice: their browsers may record. */
        public boolean bothAgreed() {
            return consents.contains(RoomRole.ASSESSOR) && consents.contains(RoomRole.LEARNER);
        }
    }

    /** Someone let into the room: the discussion, who they are there, and the room's session if it is open. */
    public record Entry(DiscussionSummary discussion, RoomRole role, String displayName, Optional<Session> session) {
    }

    /** A party's own recording, started: where its browser sends the parts and says it has stopped. */
    public record Track(long recordingId, RoomRole party, String chunkUrl, String finishUrl) {
    }

    /** The signed-in person's role in the discussion's room, if they may enter (for showing the way in; no audit). */
    public Optional<RoomRole> roleIn(DiscussionSummary discussion) {
        EarmarkPrincipal me = currentUser.require();
        if (discussion.mode() != DiscussionMode.REMOTE) {
            return Optional.empty();
        }
        if (me.userId() == discussion.assessor().id() && me.hasRole(Role.ASSESSOR)) {
            return Optional.of(RoomRole.ASSESSOR);
        }
        if (me.userId() == discussion.learner().id() && me.hasRole(Role.LEARNER)) {
            return Optional.of(RoomRole.LEARNER);
        }
        if (me.hasRole(Role.IQA) && observers.observes(discussion)) {
            return Optional.of(RoomRole.OBSERVER);
        }
        return Optional.empty();
    }

    /** The discussion's open room, if any (for showing "Join"); nothing for someone who may not enter. */
    @Transactional(readOnly = true)
    public Optional<Session> openRoom(DiscussionSummary discussion) {
        if (roleIn(discussion).isEmpty()) {
            return Optional.empty();
        }
        return store.openSession(discussion.id()).map(this::view);
    }

    /** For a learner: their remote discussions whose room the assessor has opened (for "Join" on the home page). */
    @Transactional(readOnly = true)
    public java.util.List<DiscussionSummary> openForMe() {
        EarmarkPrincipal me = currentUser.require();
        if (!me.hasRole(Role.LEARNER)) {
            return java.util.List.of();
        }
        return discussions.visible().stream()
                .filter(d -> d.mode() == DiscussionMode.REMOTE && d.learner().id() == me.userId())
                .filter(d -> store.openSession(d.id()).isPresent()).toList();
    }

    /**
     * Lets the signed-in person into the discussion's room. The assessor's entering opens the room (a new session)
     * if it is not open; the others wait for it.
     *
     * @throws AccessRefusedException for anyone else (audited), also for a discussion that does not exist
     * @throws RoomException          for a discussion held face to face
     */
    @Transactional
    public Entry enter(long discussionId) {
        DiscussionSummary discussion;
        try {
            discussion = discussions.get(discussionId);
        } catch (AccessRefusedException e) {
            throw guard.refuse("room:" + discussionId, REFUSAL);
        }
        if (discussion.mode() != DiscussionMode.REMOTE) {
            throw new RoomException("This discussion is held face to face, so it has no remote room. If it is held"
                    + " remotely, its assessor can correct its mode on the discussion's page.");
        }
        RoomRole role = roleIn(discussion).orElseThrow(() -> guard.refuse("room:" + discussionId, REFUSAL));
        Optional<SessionRow> open = store.openSession(discussionId);
        if (open.isEmpty() && role == RoomRole.ASSESSOR) {
            Instant now = clock.instant();
            long id = store.insertSession(discussionId, currentUser.actorName(), now, properties.fullNotice());
            events.publishEvent(new RemoteRoomOpened(currentUser.actorName(), discussionId, id));
            open = store.openSession(discussionId);
        }
        Optional<Session> session = open.map(this::view);
        events.publishEvent(new RemoteRoomEntered(currentUser.actorName(), discussionId,
                session.map(Session::id).orElse(0L), role));
        return new Entry(discussion, role, currentUser.require().displayName(), session);
    }

    /**
     * Checks again, when a page joins the call, that the signed-in person may be in the room, and returns the room as
     * it is now (not audited again: entering the page was).
     *
     * @throws AccessRefusedException for anyone who may not enter (audited)
     */
    @Transactional(readOnly = true)
    public Entry rejoin(long discussionId) {
        RoomRole role = requireRole(discussionId);
        return new Entry(discussions.get(discussionId), role, currentUser.require().displayName(),
                store.openSession(discussionId).map(this::view));
    }

    /**
     * The signed-in party agrees to the room's recording notice (audited, with the text agreed to).
     *
     * @throws RoomException if the room is not open, or the person is not a party (an observer is not recorded)
     */
    @Transactional
    public Session consent(long discussionId) {
        RoomRole role = requireRole(discussionId);
        if (!role.isParty()) {
            throw new RoomException("An observing IQA is not recorded, so there is nothing to agree to.");
        }
        SessionRow session = requireOpen(discussionId);
        if (store.insertConsent(session.id(), role, currentUser.actorName(), clock.instant())) {
            events.publishEvent(new RecordingConsentGiven(currentUser.actorName(), discussionId, session.id(), role,
                    session.notice()));
        }
        return view(session);
    }

    /**
     * Starts the signed-in party's own recording (their microphone, recorded in their browser), once both parties
     * have agreed to the recording notice.
     *
     * @param clockOffsetMs the browser's clock minus the server's, as the browser measured it
     * @param clockRttMs    the round trip of that measure (its uncertainty is half of it)
     * @throws RoomException if the room is not open, a party has not agreed yet, or the person is an observer
     */
    @Transactional
    public Track startTrack(long discussionId, long clockOffsetMs, long clockRttMs) {
        RoomRole role = requireRole(discussionId);
        if (!role.isParty()) {
            throw new RoomException("An observing IQA receives only: nothing of theirs is recorded.");
        }
        SessionRow session = requireOpen(discussionId);
        Session view = view(session);
        if (!view.bothAgreed()) {
            throw new RoomException("Recording starts when both the assessor and the learner have agreed to the"
                    + " recording notice. Waiting for " + (view.consents().contains(RoomRole.ASSESSOR) ? "the learner"
                            : view.consents().contains(RoomRole.LEARNER) ? "the assessor" : "both of you") + ".");
        }
        if (clockRttMs < 0 || clockRttMs > 60_000) {
            throw new RoomException("The clock measure's round trip of " + clockRttMs + " ms is out of range.");
        }
        boolean first = store.noTrackYet(session.id());
        Instant now = clock.instant();
        String name = "Remote discussion, " + role.label() + "'s microphone " + NAME_TIME.format(now) + ".webm";
        RecordingSummary recording = live.startOwnTrack(discussionId, name);
        store.insertTrack(recording.id(), session.id(), role, currentUser.actorName(), now, clockOffsetMs,
                clockRttMs);
        events.publishEvent(new PartyRecordingStarted(currentUser.actorName(), discussionId, session.id(), role,
                recording.id()));
        if (first) {
            events.publishEvent(new RoomRecordingStarted(discussionId, session.id(), recording.id()));
        }
        return new Track(recording.id(), role, "/live/recordings/" + recording.id() + "/chunks",
                "/live/recordings/" + recording.id() + "/finish");
    }

    /**
     * Whether the recording is a party's own track in a remote room (whose start the room announces once per session
     * as {@link RoomEvents.RoomRecordingStarted}). Says nothing else about it, so it is not checked against the
     * signed-in person.
     */
    @Transactional(readOnly = true)
    public boolean isTrack(long recordingId) {
        return store.isTrack(recordingId);
    }

    /**
     * Keeps when a part of the signed-in party's own recording was captured, by their browser's clock, and the same
     * moment on the server's clock (by the offset measured when the track started).
     *
     * @throws AccessRefusedException if the recording is not the signed-in person's own room track
     */
    @Transactional
    public void partCaptured(long recordingId, int seq, long captureStartMs, long captureEndMs) {
        TrackRow track = store.track(recordingId).filter(t -> t.username().equals(currentUser.actorName()))
                .orElseThrow(() -> guard.refuse("recording:" + recordingId, "Recording " + recordingId
                        + " is not your own recording in a remote room."));
        if (seq < 0 || seq > 100_000) {
            throw new RoomException("Part " + seq + " is out of range.");
        }
        if (captureEndMs < captureStartMs || captureEndMs - captureStartMs > 600_000) {
            throw new RoomException("Part " + seq + " cannot end before it starts, nor last over ten minutes.");
        }
        store.savePartClock(recordingId, seq, captureStartMs, captureEndMs, captureStartMs - track.clockOffsetMs(),
                clock.instant());
    }

    /**
     * The assessor ends the room: the parties' browsers stop recording and send what is left.
     *
     * @throws RoomException if the person is not the assessor, or the room is not open
     */
    @Transactional
    public Session end(long discussionId) {
        if (requireRole(discussionId) != RoomRole.ASSESSOR) {
            throw new RoomException("Only the assessor ends the remote discussion. Leave the room instead.");
        }
        SessionRow session = requireOpen(discussionId);
        String why = "ended by the assessor";
        store.endSession(session.id(), currentUser.actorName(), clock.instant());
        events.publishEvent(new RemoteRoomEnded(currentUser.actorName(), discussionId, session.id(), why));
        hub.ended(discussionId, "The assessor ended the remote discussion.");
        return new Session(session.id(), discussionId, session.notice(), session.openedAt(),
                store.consents(session.id()), true);
    }

    /**
     * The assessor shows the others in the room planned questions of the discussion's plan (by their numbers: one, or
     * several for the list; none to stop showing). Only their numbers and texts leave the plan: the learner sees
     * nothing else of it (not the ACs a question is meant to evidence, nor the questions not shared).
     *
     * @throws RoomException if the person is not the assessor, the room is not open, or a number names no question
     */
    @Transactional(readOnly = true)
    public java.util.List<RoomHub.SharedQuestion> share(long discussionId, java.util.List<Integer> positions) {
        if (requireRole(discussionId) != RoomRole.ASSESSOR) {
            throw new RoomException("Only the assessor shows the planned questions.");
        }
        requireOpen(discussionId);
        var questions = discussions.plan(discussionId).questions();
        java.util.List<RoomHub.SharedQuestion> shared = new java.util.ArrayList<>();
        for (int position : positions) {
            var question = questions.stream().filter(q -> q.position() == position).findFirst()
                    .orElseThrow(() -> new RoomException("The plan has no question " + position + " (it has "
                            + questions.size() + "): reload the page to see the plan as it is now."));
            shared.add(new RoomHub.SharedQuestion(question.position(), question.text()));
        }
        hub.share(discussionId, shared);
        return shared;
    }

    /**
     * Rooms end by themselves, keeping what was recorded: one left open past {@code earmark.room.max-length} (a call
     * left open all night), and one without the assessor or the learner for {@code earmark.room.empty-after} (both
     * left without the assessor ending it, or nobody joined), so that its combined recording is made. Any node may
     * end any room: presence is read from the database ({@link #markPresent}).
     */
    @Scheduled(fixedDelayString = "${earmark.room.sweep-interval:PT1M}", initialDelayString = "PT30S")
    @Transactional
    public void endOverlongAndEmpty() {
        endOverlongAndEmpty(clock.instant());
    }

    void endOverlongAndEmpty(Instant now) {
        Instant cutoff = now.minus(properties.maxLength());
        long maxMinutes = properties.maxLength().toMinutes();
        for (SessionRow session : store.openSessions()) {
            if (session.openedAt().isBefore(cutoff)) {
                end(session, now, "open longer than " + maxMinutes + " minutes (the upper limit)",
                        "The remote discussion reached its upper limit of " + maxMinutes + " minutes and ended; what"
                                + " was recorded is kept.");
            }
        }
        long emptyMinutes = properties.emptyAfter().toMinutes();
        for (SessionRow session : store.emptySince(now.minus(properties.emptyAfter()))) {
            end(session, now, "without the assessor or the learner for " + emptyMinutes + " minutes",
                    "Neither the assessor nor the learner has been in the remote discussion for " + emptyMinutes
                            + " minutes, so it ended; what was recorded is kept.");
        }
    }

    private void end(SessionRow session, Instant now, String why, String message) {
        if (store.endSession(session.id(), app.earmark.base.AuditableEvent.SYSTEM, now)) {
            log.info("Remote room {} of discussion {} ended: {}", session.id(), session.discussionId(), why);
            events.publishEvent(new RemoteRoomEnded(app.earmark.base.AuditableEvent.SYSTEM, session.discussionId(),
                    session.id(), why));
            hub.ended(session.discussionId(), message);
        }
    }

    /** The rooms with a party in this node's hub were occupied now (every node writes its own rooms'). */
    @Scheduled(fixedDelayString = "${earmark.room.presence-mark:PT30S}", initialDelayString = "PT10S")
    public void markPresent() {
        markPresent(clock.instant());
    }

    void markPresent(Instant now) {
        var occupied = hub.withParties();
        if (!occupied.isEmpty()) {
            store.present(occupied, now);
        }
    }

    private RoomRole requireRole(long discussionId) {
        DiscussionSummary discussion;
        try {
            discussion = discussions.get(discussionId);
        } catch (AccessRefusedException e) {
            throw guard.refuse("room:" + discussionId, REFUSAL);
        }
        return roleIn(discussion).orElseThrow(() -> guard.refuse("room:" + discussionId, REFUSAL));
    }

    private SessionRow requireOpen(long discussionId) {
        return store.openSession(discussionId).orElseThrow(() -> new RoomException("The remote discussion is not"
                + " open: the assessor opens it with \"Start remote discussion\" on the discussion's page."));
    }

    private Session view(SessionRow row) {
        return new Session(row.id(), row.discussionId(), row.notice(), row.openedAt(), store.consents(row.id()),
                row.endedAt() != null);
    }
}
