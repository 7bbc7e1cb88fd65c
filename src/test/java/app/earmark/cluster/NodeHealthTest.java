package app.earmark.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import app.earmark.support.EarmarkSpringTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.actuate.health.CompositeHealth;
import org.springframework.boot.actuate.health.HealthEndpoint;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.actuate.health.Status;

/**
 * The node's health for a load balancer: the media store, the search engine and the worker pool are in
 * {@code /actuator/health}; readiness stays the application's readiness and the database only.
 */
@EarmarkSpringTest
class NodeHealthTest {

    @Autowired
    HealthEndpoint health;
    @Autowired
    @Qualifier("mediaStoreHealthIndicator")
    HealthIndicator mediaStore;
    @Autowired
    @Qualifier("searchEngineHealthIndicator")
    HealthIndicator searchEngine;

    @Test
    void theMediaStoreAndTheSearchEngineAreUpWhenTheyAnswer() {
        assertThat(mediaStore.health().getStatus()).isEqualTo(Status.UP);
        assertThat(mediaStore.health().getDetails()).containsEntry("store", "LocalMediaStore");
        assertThat(searchEngine.health().getStatus()).isEqualTo(Status.UP);
        assertThat(searchEngine.health().getDetails()).containsEntry("engine", "lucene");
    }

    @Test
    void healthHasEveryPartAndReadinessOnlyTheApplicationAndTheDatabase() {
        var all = (CompositeHealth) health.health();
        assertThat(all.getComponents()).containsKeys("db", "mediaStore", "searchEngine", "workerPool");
        assertThat(all.getStatus()).isEqualTo(Status.UP);

        var readiness = (CompositeHealth) health.healthForPath("readiness");
        assertThat(readiness.getComponents()).containsOnlyKeys("readinessState", "db");
        var liveness = (CompositeHealth) health.healthForPath("liveness");
        assertThat(liveness.getComponents()).containsOnlyKeys("livenessState");
    }
}
