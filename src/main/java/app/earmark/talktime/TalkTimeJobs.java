package app.earmark.talktime;

import com.github.kagkarlsson.scheduler.task.DeadExecutionHandler;
import com.github.kagkarlsson.scheduler.task.FailureHandler;
import com.github.kagkarlsson.scheduler.task.TaskDescriptor;
import com.github.kagkarlsson.scheduler.task.helper.OneTimeTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import java.time.Duration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Talk time's job (see docs/jobs.md): {@value #COMBINE_TASK}, one per request to combine two recordings one party
 * per channel ({@link SeparateTracks}; instance = the request), run by whichever node claims it, taken over if that
 * node dies, and tried again a minute later when the store or the worker failed (a refusal of the files is final and
 * audited instead).
 */
@Configuration(proxyBeanMethods = false)
class TalkTimeJobs {

    static final String COMBINE_TASK = "talk-combine-tracks";
    static final TaskDescriptor<Void> COMBINE = TaskDescriptor.of(COMBINE_TASK);

    @Bean
    OneTimeTask<Void> talkCombineTracksTask(SeparateTracks separate) {
        return Tasks.oneTime(COMBINE_TASK, Void.class)
                .onDeadExecution(new DeadExecutionHandler.ReviveDeadExecution<>())
                .onFailure(new FailureHandler.OnFailureRetryLater<>(Duration.ofMinutes(1)))
                .execute((instance, context) -> {
                    try {
                        separate.combine(instance.getId());
                    } catch (java.io.IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new IllegalStateException("Interrupted while combining " + instance.getId(), e);
                    }
                });
    }
}
