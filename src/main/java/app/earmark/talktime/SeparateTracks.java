package app.earmark.talktime;

import app.earmark.recordings.CombinedRecordings;
import app.earmark.recordings.RecordingState;
import app.earmark.recordings.RecordingSummary;
import app.earmark.recordings.Recordings;
import app.earmark.discussions.Discussions;
import app.earmark.security.CurrentUser;
import com.github.kagkarlsson.scheduler.SchedulerClient;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Talk time from separate files per party: a discussion recorded as one file per person (a meeting tool's audio per
 * participant, two recorders) is made into one recording with the assessor on the left channel and the learner on the
 * right, which talk time then analyses like any two-channel recording. The assessor of the discussion asks for it,
 * naming which ready recording is whose and how much later the learner's file starts than the assessor's; a job
 * ({@value TalkTimeJobs#COMBINE_TASK}) mixes them in a worker process ({@link CombinedRecordings}), and the mix goes
 * through the normal ingest as a new recording of the discussion. Every request, result and failure is audited.
 */
@Service
public class SeparateTracks {

    private static final Logger log = LoggerFactory.getLogger(SeparateTracks.class);
    /** How far apart two files of one discussion may start. */
    static final Duration MAX_OFFSET = Duration.ofHours(1);

    /** What the assessor asked for: which recording is whose, and where the learner's starts on the assessor's. */
    public record Request(long discussionId, long assessorRecordingId, long learnerRecordingId, long learnerOffsetMs) {

        /** The job's instance id: the request itself, so the same request twice is one job. */
        String instanceId() {
            return discussionId + ":" + assessorRecordingId + ":" + learnerRecordingId + ":" + learnerOffsetMs;
        }

        static Request parse(String instanceId) {
            String[] parts = instanceId.split(":");
            return new Request(Long.parseLong(parts[0]), Long.parseLong(parts[1]), Long.parseLong(parts[2]),
                    Long.parseLong(parts[3]));
        }

        String describe() {
            return String.format(Locale.ROOT, "recording %d as the assessor (left) and recording %d as the learner"
                    + " (right), the learner's starting %.1f s %s", assessorRecordingId, learnerRecordingId,
                    Math.abs(learnerOffsetMs) / 1000.0, learnerOffsetMs >= 0 ? "after the assessor's"
                            : "before the assessor's");
        }
    }

    private final Recordings recordings;
    private final Discussions discussions;
    private final CombinedRecordings combined;
    private final CurrentUser currentUser;
    private final ObjectProvider<SchedulerClient> scheduler;
    private final ApplicationEventPublisher events;
    private final TransactionTemplate transactions;
    private final Clock clock;
    private final TalkTimeStore store;

    SeparateTracks(Recordings recordings, Discussions discussions, CombinedRecordings combined,
            CurrentUser currentUser, ObjectProvider<SchedulerClient> scheduler, ApplicationEventPublisher events,
            TransactionTemplate transactions, Clock clock, TalkTimeStore store) {
        this.recordings = recordings;
        this.discussions = discussions;
        this.combined = combined;
        this.currentUser = currentUser;
        this.scheduler = scheduler;
        this.events = events;
        this.transactions = transactions;
        this.clock = clock;
        this.store = store;
    }

    /**
     * Asks for the two recordings to be combined, one party per channel; by whoever may record the discussion,
     * audited. The combined recording appears among the discussion's recordings when its ingest is done.
     *
     * @throws TalkTimeException when a recording is not this discussion's, not ready, without sound, the same one
     *         twice, or the offset is more than an hour
     */
    @Transactional
    public void request(Request request) {
        discussions.requireMayRecord(request.discussionId());
        if (request.assessorRecordingId() == request.learnerRecordingId()) {
            throw new TalkTimeException("Choose two different recordings: one with the assessor's voice and one with"
                    + " the learner's.");
        }
        if (Math.abs(request.learnerOffsetMs()) > MAX_OFFSET.toMillis()) {
            throw new TalkTimeException("The learner's file can start at most an hour before or after the"
                    + " assessor's, not " + String.format(Locale.ROOT, "%.1f", request.learnerOffsetMs() / 1000.0)
                    + " s.");
        }
        for (long id : List.of(request.assessorRecordingId(), request.learnerRecordingId())) {
            usable(recordings.get(id), request.discussionId());
        }
        Optional<Long> made = store.combinedFor(request.instanceId());
        if (made.isPresent()) {
            throw new TalkTimeException("These two recordings were combined with this offset already: \""
                    + recordings.get(made.get()).originalName() + "\". Choose another offset to make another.");
        }
        events.publishEvent(new TalkTimeEvents.SeparateTracksRequested(currentUser.actorName(),
                request.discussionId(), request.describe()));
        scheduler.getObject().scheduleIfNotExists(TalkTimeJobs.COMBINE.instance(request.instanceId())
                .scheduledTo(clock.instant()));
    }

    private static void usable(RecordingSummary recording, long discussionId) {
        if (recording.discussionId() != discussionId) {
            throw new TalkTimeException("Recording " + recording.id() + " belongs to another discussion: choose"
                    + " recordings of this one.");
        }
        if (recording.state() != RecordingState.READY) {
            throw new TalkTimeException("\"" + recording.originalName() + "\" is not ready to play yet ("
                    + recording.state().name().toLowerCase(Locale.ROOT) + "): combine it once it is.");
        }
        if (recording.audioChannels() == null) {
            throw new TalkTimeException("\"" + recording.originalName() + "\" has no sound track, so it cannot be"
                    + " a party's voice.");
        }
    }

    /** The job: mixes the two recordings as asked and takes the mix as a new recording (nobody signed in). */
    void combine(String instanceId) throws IOException, InterruptedException {
        Request request = Request.parse(instanceId);
        if (store.combinedFor(instanceId).isPresent()) {
            log.info("Combining {} of discussion {} was done already (a job run again): nothing to do",
                    request.describe(), request.discussionId());
            return;
        }
        Optional<RecordingSummary> assessor = recordings.forAnalysis(request.assessorRecordingId());
        Optional<RecordingSummary> learner = recordings.forAnalysis(request.learnerRecordingId());
        if (assessor.isEmpty() || learner.isEmpty() || assessor.get().durationMillis() == null
                || learner.get().durationMillis() == null) {
            failed(request, "a recording was removed or has no length");
            return;
        }
        long assessorAt = Math.max(0, -request.learnerOffsetMs());
        long learnerAt = Math.max(0, request.learnerOffsetMs());
        long durationMs = Math.max(assessorAt + assessor.get().durationMillis(),
                learnerAt + learner.get().durationMillis());
        CombinedRecordings.Mix mix;
        try {
            mix = combined.mix(durationMs, List.of(
                    new CombinedRecordings.Placement(request.assessorRecordingId(), 0, assessorAt),
                    new CombinedRecordings.Placement(request.learnerRecordingId(), 1, learnerAt)),
                    List.of("Assessor", "Learner"));
        } catch (CombinedRecordings.MixException e) {
            failed(request, e.getMessage());
            return;
        }
        String name = String.format(Locale.ROOT, "One party per channel - %s + %s (learner %+.1f s)%s",
                stem(assessor.get().originalName()), stem(learner.get().originalName()),
                request.learnerOffsetMs() / 1000.0, mix.extension());
        String note = "Made by Earmark from two recordings of this discussion: \"" + assessor.get().originalName()
                + "\" on the left (the assessor) and \"" + learner.get().originalName() + "\" on the right (the"
                + " learner), " + String.format(Locale.ROOT, "the learner's placed %.1f s %s.",
                Math.abs(request.learnerOffsetMs()) / 1000.0, request.learnerOffsetMs() >= 0 ? "later" : "earlier");
        transactions.executeWithoutResult(status -> {
            RecordingSummary made = combined.take(request.discussionId(), mix, name, note,
                    "made by Earmark from two recordings, one per party");
            store.combined(instanceId, request.discussionId(), made.id(), OffsetDateTime.now(clock));
            events.publishEvent(new TalkTimeEvents.SeparateTracksCombined(request.discussionId(), made.id(),
                    request.describe()));
        });
    }

    private void failed(Request request, String why) {
        log.warn("Combining {} of discussion {} failed: {}", request.describe(), request.discussionId(), why);
        transactions.executeWithoutResult(status -> events.publishEvent(new TalkTimeEvents.SeparateTracksFailed(
                request.discussionId(), request.describe(), why)));
    }

    private static String stem(String name) {
        int dot = name.lastIndexOf('.');
        String stem = dot > 0 ? name.substring(0, dot) : name;
        return stem.length() > 60 ? stem.substring(0, 60) : stem;
    }
}
