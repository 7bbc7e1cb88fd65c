package app.earmark.room;

import static org.assertj.core.api.Assertions.assertThat;

import app.earmark.cluster.InMemoryCluster;
import app.earmark.room.RemoteRooms.Session;
import app.earmark.room.RoomHubTest.MovableClock;
import app.earmark.room.RoomHubTest.Page;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The assessor's page on one node and the learner's on another meet in one room: each hub hears the other node's
 * members, passes signals to them whole (in parts on the bus), takes out a party's old page when it joins again on
 * the other node, shares the session, questions and end, and lets the members of a node it no longer hears go. The
 * hubs talk through JSON as on PostgreSQL ({@code PostgresBusIT} tests that bus itself).
 */
class RoomHubAcrossNodesTest {

    final ObjectMapper json = new ObjectMapper();
    final MovableClock clock = new MovableClock();
    final InMemoryCluster cluster = new InMemoryCluster();
    final RoomHub nodeA = RoomHubTest.hub(json, clock, cluster.node());
    final RoomHub nodeB = RoomHubTest.hub(json, clock, cluster.node());

    private JsonNode lastState(Page page) throws Exception {
        return json.readTree(page.states.get(page.states.size() - 1));
    }

    @Test
    void partiesOnTwoNodesSeeEachOtherAndSignalWholeMessagesBothWays() throws Exception {
        Page assessor = new Page();
        Page learner = new Page();
        String a = nodeA.join(1, RoomRole.ASSESSOR, "Sam", assessor);
        String l = nodeB.join(1, RoomRole.LEARNER, "Lee", learner);

        assertThat(lastState(assessor).get("present").findValuesAsText("id")).containsExactly(a, l);
        assertThat(lastState(learner).get("present").findValuesAsText("id")).containsExactlyInAnyOrder(a, l);
        assertThat(nodeA.presentRoles(1)).containsExactlyInAnyOrder(RoomRole.ASSESSOR, RoomRole.LEARNER);
        // Each node counts only its own parties (each marks the rooms it holds).
        assertThat(nodeA.withParties()).containsExactly(1L);
        assertThat(nodeB.withParties()).containsExactly(1L);

        // An offer larger than one bus message (SDP with a video line runs to several thousand characters).
        String offer = "{\"sdp\":\"" + "v=0 o=- 4611731400430051336 2 IN IP4 127.0.0.1 é ".repeat(300)
                + "\uD83C\uDFA5\",\"type\":\"offer\"}";
        assertThat(offer.length()).isGreaterThan(3 * RoomNodes.SIGNAL_PART_CHARS);
        nodeA.relay(1, a, l, offer);
        nodeB.relay(1, l, a, "{\"type\":\"answer\"}");

        assertThat(learner.signals).containsExactly(a + " " + offer);
        assertThat(assessor.signals).containsExactly(l + " {\"type\":\"answer\"}");

        nodeB.recording(1, l, true);
        assertThat(lastState(assessor).get("present").get(1).get("recording").asBoolean()).isTrue();
        nodeB.leave(1, l);
        assertThat(lastState(assessor).get("present").findValuesAsText("id")).containsExactly(a);
        assertThat(nodeA.presentRoles(1)).containsExactly(RoomRole.ASSESSOR);
    }

    @Test
    void aPartyJoiningAgainOnTheOtherNodeReplacesItsOldPageThere() throws Exception {
        Page assessor = new Page();
        Page killed = new Page();
        Page back = new Page();
        String a = nodeA.join(2, RoomRole.ASSESSOR, "Sam", assessor);
        String old = nodeB.join(2, RoomRole.LEARNER, "Lee", killed);

        String fresh = nodeA.join(2, RoomRole.LEARNER, "Lee", back);

        assertThat(killed.replacements).containsExactly(RoomHub.REPLACED_MESSAGE);
        assertThat(nodeB.presence(2, old)).isEqualTo(RoomHub.Presence.REPLACED);
        assertThat(nodeA.presentRoles(2)).containsExactlyInAnyOrder(RoomRole.ASSESSOR, RoomRole.LEARNER);
        assertThat(nodeB.presentRoles(2)).containsExactlyInAnyOrder(RoomRole.ASSESSOR, RoomRole.LEARNER);
        assertThat(lastState(assessor).get("present").findValuesAsText("id")).containsExactly(a, fresh);
    }

    @Test
    void theSessionTheSharedQuestionsAndTheEndReachPagesOnTheOtherNode() throws Exception {
        Page assessor = new Page();
        Page learner = new Page();
        nodeA.join(3, RoomRole.ASSESSOR, "Sam", assessor);
        nodeB.join(3, RoomRole.LEARNER, "Lee", learner);

        nodeA.sessionChanged(3, new Session(9, 3, "Notice.", clock.instant(), Set.of(RoomRole.ASSESSOR,
                RoomRole.LEARNER), false));
        nodeA.share(3, List.of(new RoomHub.SharedQuestion(4, "Who do you tell first?")));

        JsonNode state = lastState(learner);
        assertThat(state.get("sessionId").asLong()).isEqualTo(9);
        assertThat(state.get("consents").toString()).contains("ASSESSOR", "LEARNER");
        assertThat(state.get("open").asBoolean()).isTrue();
        assertThat(state.get("shared").get(0).get("text").asText()).isEqualTo("Who do you tell first?");

        nodeA.ended(3, "The assessor ended the remote discussion.");
        assertThat(learner.ends).containsExactly("The assessor ended the remote discussion.");
        assertThat(assessor.ends).containsExactly("The assessor ended the remote discussion.");
    }

    @Test
    void theMembersOfANodeNoLongerHeardLeaveAfterThePresenceTimeoutWhileOnesStillHeardStay() throws Exception {
        Page assessor = new Page();
        String a = nodeA.join(4, RoomRole.ASSESSOR, "Sam", assessor);
        String l = nodeB.join(4, RoomRole.LEARNER, "Lee", new Page());

        // Node B says every few seconds that its learner is still there: node A keeps them.
        for (int i = 0; i < 6; i++) {
            clock.now = clock.now.plusSeconds(5);
            nodeA.presence(4, a);
            nodeB.presence(4, l);
            nodeB.sweep();
            nodeA.sweep();
        }
        assertThat(nodeA.presentRoles(4)).containsExactlyInAnyOrder(RoomRole.ASSESSOR, RoomRole.LEARNER);

        // Node B dies: node A stops hearing it, and after the timeout its learner leaves the assessor's room.
        clock.now = clock.now.plusSeconds(15);
        nodeA.presence(4, a);
        nodeA.sweep();
        assertThat(nodeA.presentRoles(4)).containsExactlyInAnyOrder(RoomRole.ASSESSOR, RoomRole.LEARNER);
        clock.now = clock.now.plusSeconds(10);
        nodeA.presence(4, a);
        nodeA.sweep();
        assertThat(nodeA.presentRoles(4)).containsExactly(RoomRole.ASSESSOR);
        assertThat(lastState(assessor).get("present")).hasSize(1);
    }
}
