package app.earmark.base;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.Status;

/** A check that hangs does not hang the probe; answers are reused for a while; a check that throws is down. */
class CachedHealthIndicatorTest {

    private final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-12-06T10:00:00Z"));
    private final Clock clock = new Clock() {
        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now.get();
        }
    };

    @Test
    void anAnswerIsReusedUntilItIsOlderThanTheCacheTime() {
        AtomicInteger checks = new AtomicInteger();
        var indicator = new CachedHealthIndicator("the thing", () -> Health.up().withDetail("check",
                checks.incrementAndGet()).build(), Duration.ofSeconds(2), Duration.ofSeconds(10), clock);

        assertThat(indicator.health().getDetails()).containsEntry("check", 1);
        now.set(now.get().plusSeconds(9));
        assertThat(indicator.health().getDetails()).containsEntry("check", 1);
        now.set(now.get().plusSeconds(1));
        assertThat(indicator.health().getDetails()).containsEntry("check", 2);
        assertThat(checks).hasValue(2);
        indicator.destroy();
    }

    @Test
    void aCheckThatDoesNotAnswerInTimeIsDownAndItsLateAnswerIsUsedNextTime() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger checks = new AtomicInteger();
        var indicator = new CachedHealthIndicator("the media store", () -> {
            checks.incrementAndGet();
            release.await();
            return Health.up().build();
        }, Duration.ofMillis(200), Duration.ZERO, clock);

        Health hanging = indicator.health();
        assertThat(hanging.getStatus()).isEqualTo(Status.DOWN);
        assertThat(hanging.getDetails()).containsEntry("error", "the media store did not answer within 200 ms");
        assertThat(indicator.health().getStatus()).as("still hanging").isEqualTo(Status.DOWN);
        assertThat(checks).as("one check at a time, not one per probe").hasValue(1);

        release.countDown();
        assertThat(indicator.health().getStatus()).isEqualTo(Status.UP);
        assertThat(checks).hasValue(1);
        indicator.destroy();
    }

    @Test
    void aCheckThatThrowsIsDownWithItsReason() {
        var indicator = new CachedHealthIndicator("the search engine", () -> {
            throw new IllegalStateException("Elasticsearch at [http://es:9200] cannot be reached");
        }, Duration.ofSeconds(2), Duration.ofSeconds(10), clock);

        Health health = indicator.health();
        assertThat(health.getStatus()).isEqualTo(Status.DOWN);
        assertThat(health.getDetails()).containsEntry("error",
                "the search engine: Elasticsearch at [http://es:9200] cannot be reached");
        indicator.destroy();
    }
}
