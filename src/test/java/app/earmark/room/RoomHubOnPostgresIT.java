package app.earmark.room;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import app.earmark.cluster.PostgresTestBus;
import app.earmark.room.RoomHubTest.MovableClock;
import app.earmark.room.RoomHubTest.Page;
import app.earmark.support.PostgresServer;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.Collections;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The room across two nodes on the real bus (PostgreSQL {@code NOTIFY}): the parties see each other, and an offer of
 * several thousand characters, more than one notification carries, reaches the other node's page whole.
 */
@ExtendWith(PostgresServer.class)
class RoomHubOnPostgresIT {

    final MovableClock clock = new MovableClock();
    final PostgresTestBus busA = new PostgresTestBus("room-a");
    final PostgresTestBus busB = new PostgresTestBus("room-b");
    final RoomHub nodeA = RoomHubTest.hub(new ObjectMapper(), clock, busA);
    final RoomHub nodeB = RoomHubTest.hub(new ObjectMapper(), clock, busB);

    @AfterEach
    void close() {
        nodeA.stop();
        nodeB.stop();
        busA.close();
        busB.close();
    }

    @Test
    void partiesOnTwoNodesMeetAndAnOfferLargerThanANotificationArrivesWhole() {
        Page assessor = new Page();
        Page learner = new Page();
        String a = nodeA.join(1, RoomRole.ASSESSOR, "Sam", assessor);
        String l = nodeB.join(1, RoomRole.LEARNER, "Lee", learner);
        await().atMost(Duration.ofSeconds(10)).until(() -> nodeA.presentRoles(1).size() == 2
                && nodeB.presentRoles(1).size() == 2);

        String offer = "{\"type\":\"offer\",\"sdp\":\"" + String.join("\\r\\n", Collections.nCopies(200,
                "a=candidate:1 1 udp 2122260223 192.168.1.20 54321 typ host généré")) + "\"}";
        assertThat(offer.length()).isGreaterThan(8000);
        nodeA.relay(1, a, l, offer);

        await().atMost(Duration.ofSeconds(10)).until(() -> learner.signals.size() == 1);
        assertThat(learner.signals).containsExactly(a + " " + offer);
        assertThat(assessor.signals).isEmpty();
    }
}
