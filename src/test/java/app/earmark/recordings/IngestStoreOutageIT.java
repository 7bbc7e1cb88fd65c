package app.earmark.recordings;

import static org.assertj.core.api.Assertions.assertThat;

import app.earmark.recordings.media.S3MediaStore;
import app.earmark.recordings.media.S3Properties;
import app.earmark.recordings.media.S3ProxyServer;
import app.earmark.recordings.media.MediaStore;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.actuate.health.HealthEndpoint;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.actuate.health.Status;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The whole application on the S3 store (a real S3Proxy of its own, stopped to play an outage): a recording whose
 * ingest finds the store unreachable is not failed but waits, saying when it is tried again, and is ingested once the
 * store is back. Meanwhile the media store's health is down and the node stays ready.
 */
@SpringBootTest(properties = {
        "spring.datasource.url=jdbc:h2:mem:earmark-store-outage;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;"
                + "DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1",
        "earmark.recordings.store-retry-delays=2s,3s",
        "earmark.recordings.store-retry-limit=1000",
        "earmark.health.cache=0s"})
@AutoConfigureMockMvc
@ActiveProfiles("test")
class IngestStoreOutageIT {

    private static S3ProxyServer server;

    @DynamicPropertySource
    static void s3(DynamicPropertyRegistry registry) throws Exception {
        server = S3ProxyServer.start();
        server.register(registry, Paths.get("target/test-media-cache-outage").toAbsolutePath(),
                S3Properties.Streaming.PROXY);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @TempDir
    Path media;

    @Autowired
    RecordingFixtures fixtures;
    @Autowired
    TusUploads uploads;
    @Autowired
    MediaStore store;
    @Autowired
    ApplicationEventPublisher events;
    @Autowired
    HealthEndpoint health;
    @Autowired
    @Qualifier("mediaStoreHealthIndicator")
    HealthIndicator mediaStoreHealth;

    @Test
    void anIngestThatFindsTheStoreDownWaitsVisiblyAndIsIngestedWhenItIsBack() throws Exception {
        assertThat(store).isInstanceOf(S3MediaStore.class);
        assertThat(mediaStoreHealth.health().getStatus()).isEqualTo(Status.UP);
        long discussion = fixtures.discussionWithLearner().id();
        long recording = fixtures.notYetQueuedRecording(discussion, TestMedia.m4aAac(media, 4));

        server.stop();
        try {
            events.publishEvent(new Recordings.RecordingQueued(recording));
            RecordingSummary waiting = uploads.await(discussion, r -> r.message() != null
                    && r.message().startsWith("Waiting for the media store: retry at"), Duration.ofSeconds(60));
            assertThat(waiting.state()).as(waiting.message()).isEqualTo(RecordingState.QUEUED);
            assertThat(waiting.message()).matches("Waiting for the media store: retry at \\d\\d:\\d\\d \\(try 1 of 1000;"
                    + " The object store .* cannot be reached .*\\)\\. Nothing is lost\\.");
            RecordingSummary again = uploads.await(discussion, r -> r.message() != null
                    && r.message().contains("(try 2 of 1000;"), Duration.ofSeconds(60));
            assertThat(again.state()).isEqualTo(RecordingState.QUEUED);
            assertThat(again.attempts()).as("waiting for the store is not a failed attempt").isZero();

            assertThat(mediaStoreHealth.health().getStatus()).isEqualTo(Status.DOWN);
            assertThat(health.healthForPath("readiness").getStatus()).as("a store outage keeps the node ready")
                    .isEqualTo(Status.UP);
        } finally {
            server.resume();
        }

        RecordingSummary ready = uploads.await(discussion, r -> r.state() == RecordingState.READY
                || r.state() == RecordingState.FAILED, Duration.ofSeconds(120));
        assertThat(ready.state()).as(ready.message()).isEqualTo(RecordingState.READY);
        assertThat(ready.attempts()).isEqualTo(1);
        assertThat(mediaStoreHealth.health().getStatus()).isEqualTo(Status.UP);
    }
}
