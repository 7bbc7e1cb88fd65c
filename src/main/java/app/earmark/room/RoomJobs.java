package app.earmark.room;

import app.earmark.recordings.RecordingEvents.RecordingIngested;
import app.earmark.recordings.Recordings;
import app.earmark.room.RoomEvents.RemoteRoomEnded;
import com.github.kagkarlsson.scheduler.SchedulerClient;
import com.github.kagkarlsson.scheduler.exceptions.TaskInstanceException;
import com.github.kagkarlsson.scheduler.task.CompletionHandler;
import com.github.kagkarlsson.scheduler.task.DeadExecutionHandler;
import com.github.kagkarlsson.scheduler.task.FailureHandler;
import com.github.kagkarlsson.scheduler.task.TaskDescriptor;
import com.github.kagkarlsson.scheduler.task.TaskInstanceId;
import com.github.kagkarlsson.scheduler.task.helper.CustomTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;

/**
 * The room's job (see docs/jobs.md): {@value #COMBINE_TASK}, one per ended session (instance = its id), run by
 * whichever node claims it and taken over by another if that node dies. It makes the combined recording
 * ({@link RoomCombiner}) once no track is still being recorded or ingested. A room's end schedules it in the same
 * transaction, a moment later ({@link #FIRST_LOOK}); while a track is not settled the job is due again when that
 * track's (or its continuation's) ingest ends (ready or failed: {@link RecordingIngested}, in the ingest's
 * transaction), and otherwise only every {@link #SAFETY_POLL} (for an ingest that ended while the job was running,
 * or a track that never settles).
 */
@Configuration(proxyBeanMethods = false)
class RoomJobs {

    static final String COMBINE_TASK = "room-combine";
    static final TaskDescriptor<Void> COMBINE = TaskDescriptor.of(COMBINE_TASK);
    /** From a room's end to the first look (its tracks' last parts are usually still arriving). */
    static final Duration FIRST_LOOK = Duration.ofSeconds(3);
    /** How long a waiting job waits if no track's ingest ending makes it due sooner. */
    static final Duration SAFETY_POLL = Duration.ofMinutes(1);

    @Bean
    CustomTask<Void> roomCombineTask(RoomCombiner combiner) {
        return Tasks.custom(COMBINE_TASK, Void.class)
                .onDeadExecution(new DeadExecutionHandler.ReviveDeadExecution<>())
                .onFailure(new FailureHandler.OnFailureRetryLater<>(Duration.ofMinutes(1)))
                .execute((instance, context) -> {
                    RoomCombiner.Outcome outcome;
                    try {
                        outcome = combiner.combine(Long.parseLong(instance.getId()));
                    } catch (java.io.IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new IllegalStateException("Interrupted while combining room " + instance.getId(), e);
                    }
                    return switch (outcome) {
                        case WAIT -> (CompletionHandler<Void>) (complete, operations) -> operations.reschedule(
                                complete, Instant.now().plus(SAFETY_POLL));
                        case DONE -> new CompletionHandler.OnCompleteRemove<>();
                    };
                });
    }

    /** Schedules the combining when a room ends, in the ending's transaction. */
    @Bean
    RoomEndListener roomEndListener(ObjectProvider<SchedulerClient> scheduler, Clock clock) {
        return new RoomEndListener(scheduler, clock);
    }

    static class RoomEndListener {
        private final ObjectProvider<SchedulerClient> scheduler;
        private final Clock clock;

        RoomEndListener(ObjectProvider<SchedulerClient> scheduler, Clock clock) {
            this.scheduler = scheduler;
            this.clock = clock;
        }

        @EventListener
        void ended(RemoteRoomEnded event) {
            scheduler.getObject().scheduleIfNotExists(COMBINE.instance(String.valueOf(event.sessionId()))
                    .scheduledTo(clock.instant().plus(FIRST_LOOK)));
        }
    }

    /** Makes an ended room's waiting job due now when one of its tracks' ingest ends, in the ingest's transaction. */
    @Bean
    TrackSettledListener roomTrackSettledListener(ObjectProvider<SchedulerClient> scheduler, RoomStore store,
            Recordings recordings, Clock clock) {
        return new TrackSettledListener(scheduler, store, recordings, clock);
    }

    static class TrackSettledListener {
        private static final Logger log = LoggerFactory.getLogger(TrackSettledListener.class);
        private final ObjectProvider<SchedulerClient> scheduler;
        private final RoomStore store;
        private final Recordings recordings;
        private final Clock clock;

        TrackSettledListener(ObjectProvider<SchedulerClient> scheduler, RoomStore store, Recordings recordings,
                Clock clock) {
            this.scheduler = scheduler;
            this.store = store;
            this.recordings = recordings;
            this.clock = clock;
        }

        @EventListener
        void ingested(RecordingIngested event) {
            try {
                // A track's continuation (its browser fell silent and came back) settles the track too.
                Optional<RoomStore.TrackRow> track = store.track(recordings.chainStart(event.recordingId()));
                if (track.isEmpty()) {
                    return;
                }
                long sessionId = track.get().sessionId();
                boolean waiting = store.session(sessionId).filter(s -> s.endedAt() != null).isPresent()
                        && store.combined(sessionId).isEmpty();
                if (waiting) {
                    scheduler.getObject().reschedule(TaskInstanceId.of(COMBINE_TASK, String.valueOf(sessionId)),
                            clock.instant());
                }
            } catch (TaskInstanceException e) {
                // Running now (it will look again after the safety poll) or already done: nothing to hurry.
                log.debug("Room combine job of recording {}'s room not rescheduled: {}", event.recordingId(),
                        e.getMessage());
            } catch (RuntimeException e) {
                // Never the ingest's concern: the safety poll still comes.
                log.warn("Could not hurry the room combine job after recording {}'s ingest", event.recordingId(), e);
            }
        }
    }
}
