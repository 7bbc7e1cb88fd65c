package app.earmark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import app.earmark.cluster.ClusterBus;
import app.earmark.discussions.AssessedCriterion;
import app.earmark.discussions.Discussions;
import app.earmark.recordings.RecordingFixtures;
import app.earmark.support.PostgresServer;
import app.earmark.support.SignedIn;
import app.earmark.workspace.TagBroadcaster;
import app.earmark.workspace.Tags.TagDraft;
import app.earmark.workspace.TagEvents.TagsChanged;
import app.earmark.workspace.TagView;
import app.earmark.workspace.Tags;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Two Earmark nodes on one PostgreSQL server (this test's application and a second one started beside it): a tag
 * made on one reaches the open workspaces of the other, through the cluster bus (LISTEN/NOTIFY).
 */
@ExtendWith(PostgresServer.class)
@SpringBootTest(properties = "earmark.media-store=target/test-media-cluster")
@ActiveProfiles("test")
@DirtiesContext
class ClusterPostgresIT {

    private static ConfigurableApplicationContext second;

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        PostgresServer.register(registry);
    }

    @Autowired
    Tags tags;
    @Autowired
    Discussions discussions;
    @Autowired
    RecordingFixtures fixtures;
    @Autowired
    SignedIn signedIn;
    @Autowired
    ClusterBus bus;

    @AfterAll
    static void stopSecondNode() {
        if (second != null) {
            second.close();
        }
    }

    private static ConfigurableApplicationContext secondNode() {
        if (second == null) {
            // As arguments: they outrank the test profile's own database settings.
            second = new SpringApplicationBuilder(EarmarkApplication.class).profiles("test").run("--server.port=0",
                    "--spring.datasource.url=" + PostgresServer.jdbcUrl(),
                    "--spring.datasource.username=" + PostgresServer.USER, "--spring.datasource.password=",
                    "--earmark.media-store=target/test-media-cluster", "--earmark.cluster.node-name=second");
        }
        return second;
    }

    @Test
    void aTagMadeOnOneNodeReachesTheOpenWorkspacesOfTheOther() {
        ConfigurableApplicationContext other = secondNode();
        await().atMost(Duration.ofSeconds(30)).until(() -> bus.listening()
                && other.getBean(ClusterBus.class).listening());
        long discussion = fixtures.discussionWithLearner().id();
        long recording = fixtures.readyRecording(discussion, new byte[1000], "audio/mp4");
        long ac = signedIn.as("assessor", () -> discussions.criteria(discussion)).stream()
                .map(AssessedCriterion::id).findFirst().orElseThrow();
        var heard = new CopyOnWriteArrayList<TagsChanged>();
        Runnable stop = other.getBean(TagBroadcaster.class).listen(recording, heard::add);
        try {
            TagView tag = signedIn.as("assessor", () -> tags.create(recording, new TagDraft(45_000, null,
                    Set.of(ac), "Made on the first node")));

            await().atMost(Duration.ofSeconds(5)).until(() -> heard.size() == 1);
            assertThat(heard.get(0).tag()).isEqualTo(tag);

            signedIn.as("assessor", () -> {
                tags.delete(tag.id(), tag.version());
                return null;
            });
            await().atMost(Duration.ofSeconds(5)).until(() -> heard.size() == 2);
            assertThat(heard.get(1).deleted()).isTrue();
            assertThat(heard.get(1).tagId()).isEqualTo(tag.id());
        } finally {
            stop.run();
        }
    }
}
