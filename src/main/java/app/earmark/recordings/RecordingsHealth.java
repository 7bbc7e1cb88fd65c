package app.earmark.recordings;

import app.earmark.base.CachedHealthIndicator;
import app.earmark.base.HealthProperties;
import app.earmark.recordings.media.MediaStore;
import java.time.Clock;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * This module's parts of {@code /actuator/health} (docs/deployment.md, "Health and metrics"): {@code mediaStore} (the
 * folder writable, or the bucket answering, within {@code earmark.health.timeout} and remembered for
 * {@code earmark.health.cache}) and {@code workerPool} (this node's ingest workers can start: down when the last one
 * could not start or could not load FFmpeg). Neither is part of readiness.
 */
@Configuration(proxyBeanMethods = false)
class RecordingsHealth {

    @Bean
    CachedHealthIndicator mediaStoreHealthIndicator(MediaStore store, Clock clock, HealthProperties limits) {
        return new CachedHealthIndicator("the media store", () -> {
            store.checkAvailable();
            return Health.up().withDetail("store", store.getClass().getSimpleName()).build();
        }, limits, clock);
    }

    @Bean
    HealthIndicator workerPoolHealthIndicator(IngestSupervisor supervisor) {
        return () -> supervisor.lastWorker().map(exit -> (exit.healthy() ? Health.up() : Health.down())
                .withDetail("lastWorker", exit.what()).withDetail("at", exit.at().toString()).build())
                .orElseGet(() -> {
                    boolean standby = supervisor.standby().hasReadyWorker();
                    return (standby ? Health.up() : Health.unknown()).withDetail("lastWorker", standby
                            ? "a worker started ahead is waiting" : "no ingest worker has run on this node yet").build();
                });
    }
}
