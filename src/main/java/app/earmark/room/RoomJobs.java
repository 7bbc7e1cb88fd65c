package app.earmark.room;

import app.earmark.room.RoomEvents.RemoteRoomEnded;
import com.github.kagkarlsson.scheduler.SchedulerClient;
import com.github.kagkarlsson.scheduler.task.CompletionHandler;
import com.github.kagkarlsson.scheduler.task.DeadExecutionHandler;
import com.github.kagkarlsson.scheduler.task.FailureHandler;
import com.github.kagkarlsson.scheduler.task.TaskDescriptor;
import com.github.kagkarlsson.scheduler.task.helper.CustomTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;

/**
 * The room's job (see docs/jobs.md): {@value #COMBINE_TASK}, one per ended session (instance = its id), run by
 * whichever node claims it and taken over by another if that node dies. It waits (due again every
 * {@link #WAIT}) while a track is still being recorded or ingested, then makes the combined recording
 * ({@link RoomCombiner}). A room's end schedules it in the same transaction.
 */
@Configuration(proxyBeanMethods = false)
class RoomJobs {

    static final String COMBINE_TASK = "room-combine";
    static final TaskDescriptor<Void> COMBINE = TaskDescriptor.of(COMBINE_TASK);
    static final Duration WAIT = Duration.ofSeconds(3);

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
                                complete, Instant.now().plus(WAIT));
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
                    .scheduledTo(clock.instant().plus(WAIT)));
        }
    }
}
