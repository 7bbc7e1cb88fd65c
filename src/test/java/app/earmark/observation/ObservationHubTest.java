package app.earmark.observation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import app.earmark.cluster.InMemoryCluster;
import app.earmark.observation.ObservationHub.LiveStarted;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Two nodes' hubs: pages open on one node are told what happens on the other. */
class ObservationHubTest {

    private Instant now = Instant.parse("2026-12-06T10:00:00Z");
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
            return now;
        }
    };
    private final InMemoryCluster cluster = new InMemoryCluster();
    private final ObservationHub a = new ObservationHub(cluster.node(), clock);
    private final ObservationHub b = new ObservationHub(cluster.node(), clock);

    @AfterEach
    void stop() {
        a.stop();
        b.stop();
    }

    @Test
    void aLiveStartOnOneNodeReachesTheIqasAndObservePagesOpenOnTheOther() {
        var iqaPage = new CopyOnWriteArrayList<LiveStarted>();
        var otherIqaPage = new CopyOnWriteArrayList<LiveStarted>();
        var observePage = new CopyOnWriteArrayList<LiveStarted>();
        b.listenAsIqa(5, iqaPage::add);
        b.listenAsIqa(6, otherIqaPage::add);
        b.listenForRecording(40, observePage::add);

        LiveStarted started = new LiveStarted(40, 400, "Lee Learner", "Ann Assessor", "8580-501");
        a.liveStarted(Set.of(5L), started);

        await().atMost(Duration.ofSeconds(5)).until(() -> iqaPage.size() == 1 && observePage.size() == 1);
        assertThat(iqaPage).containsExactly(started);
        assertThat(observePage).containsExactly(started);
        assertThat(otherIqaPage).isEmpty();
    }

    @Test
    void whoObservesFromAnyNodeIsShownOnEveryNodeAndForgottenWhenItsNodeFallsSilent() {
        var heardOnB = new CopyOnWriteArrayList<List<String>>();
        b.listenForObservers(40, heardOnB::add);
        Runnable left = a.observing(40, "Iris IQA");
        b.observing(40, "Ian IQA");

        await().atMost(Duration.ofSeconds(5)).until(() -> !heardOnB.isEmpty()
                && heardOnB.get(heardOnB.size() - 1).equals(List.of("Ian IQA", "Iris IQA")));
        assertThat(a.observers(40)).containsExactly("Ian IQA", "Iris IQA");

        left.run();
        await().atMost(Duration.ofSeconds(5)).until(() -> b.observers(40).equals(List.of("Ian IQA")));
        assertThat(a.observers(40)).containsExactly("Ian IQA");

        // Node a says again who observes from it; then it falls silent (it died) and is forgotten.
        a.observing(40, "Iris IQA");
        await().atMost(Duration.ofSeconds(5)).until(() -> b.observers(40).size() == 2);
        now = now.plus(Duration.ofSeconds(ObservationHub.PRESENCE_EVERY_SECONDS * 3 + 1));
        assertThat(b.observers(40)).containsExactly("Ian IQA");
        b.sayPresenceAgain();
        await().atMost(Duration.ofSeconds(5)).until(() -> heardOnB.get(heardOnB.size() - 1)
                .equals(List.of("Ian IQA")));
    }
}
