package app.earmark.room;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import app.earmark.cluster.ClusterBus;
import app.earmark.cluster.InMemoryCluster;
import app.earmark.room.RemoteRooms.Session;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * The hub keeps rooms apart (a signal never crosses to another discussion's room), tells every member who is present,
 * who agreed and who records, and lets a page go once it has been silent longer than the presence timeout.
 */
class RoomHubTest {

    static final class MovableClock extends Clock {
        Instant now = Instant.parse("2026-12-06T09:00:00Z");

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }

    /** A page: what the hub told it (from any thread: the bus's, on several nodes). */
    static final class Page implements RoomHub.Member {
        final List<String> signals = new CopyOnWriteArrayList<>();
        final List<String> states = new CopyOnWriteArrayList<>();
        final List<String> ends = new CopyOnWriteArrayList<>();
        final List<String> replacements = new CopyOnWriteArrayList<>();

        @Override
        public void replaced(String message) {
            replacements.add(message);
        }

        @Override
        public void signal(String fromId, String json) {
            signals.add(fromId + " " + json);
        }

        @Override
        public void state(String json) {
            states.add(json);
        }

        @Override
        public void ended(String message) {
            ends.add(message);
        }
    }

    final ObjectMapper json = new ObjectMapper();
    final MovableClock clock = new MovableClock();
    final RoomHub hub = hub(json, clock, new InMemoryCluster().node());

    /** A hub on the bus, with a presence timeout of 20 s (the default). */
    static RoomHub hub(ObjectMapper json, Clock clock, ClusterBus bus) {
        return new RoomHub(json, clock, new RoomProperties("Notice.", "Kept three years.", Duration.ofHours(4),
                Duration.ofSeconds(20), Duration.ofMinutes(15)), bus);
    }

    @Test
    void signalsPassOnlyBetweenMembersOfOneRoom() {
        Page assessor = new Page();
        Page learner = new Page();
        Page elsewhere = new Page();
        String a = hub.join(1, RoomRole.ASSESSOR, "Sam", assessor);
        String l = hub.join(1, RoomRole.LEARNER, "Lee", learner);
        String other = hub.join(2, RoomRole.LEARNER, "Kim", elsewhere);

        hub.relay(1, a, l, "{\"description\":1}");
        assertThat(learner.signals).containsExactly(a + " {\"description\":1}");
        assertThatThrownBy(() -> hub.relay(1, a, other, "{}")).isInstanceOf(RoomException.class)
                .hasMessageContaining("has left the room");
        assertThatThrownBy(() -> hub.relay(2, other, a, "{}")).isInstanceOf(RoomException.class);
        assertThatThrownBy(() -> hub.relay(1, other, l, "{}")).isInstanceOf(RoomException.class)
                .hasMessageContaining("no longer in the room");
        assertThatThrownBy(() -> hub.relay(1, a, l, "x".repeat(70_000))).isInstanceOf(RoomException.class)
                .hasMessageContaining("at most");
        assertThat(elsewhere.signals).isEmpty();
        assertThat(learner.signals).hasSize(1);
    }

    @Test
    void everyMemberIsToldWhoIsPresentWhoAgreedAndWhoRecords() throws Exception {
        Page assessor = new Page();
        Page iqa = new Page();
        String a = hub.join(3, RoomRole.ASSESSOR, "Sam", assessor);
        hub.join(3, RoomRole.OBSERVER, "Ingrid", iqa);
        hub.sessionChanged(3, new Session(7, 3, "Notice.", clock.instant(), Set.of(RoomRole.ASSESSOR), false));
        hub.recording(3, a, true);

        JsonNode state = json.readTree(iqa.states.get(iqa.states.size() - 1));
        assertThat(state.get("present")).hasSize(2);
        assertThat(state.get("present").get(0).get("name").asText()).isEqualTo("Sam");
        assertThat(state.get("present").get(0).get("recording").asBoolean()).isTrue();
        assertThat(state.get("present").get(1).get("label").asText()).isEqualTo("IQA observing");
        assertThat(state.get("consents").toString()).isEqualTo("[\"ASSESSOR\"]");
        assertThat(state.get("sessionId").asLong()).isEqualTo(7);
        assertThat(state.get("open").asBoolean()).isTrue();

        hub.ended(3, "The assessor ended the remote discussion.");
        assertThat(assessor.ends).containsExactly("The assessor ended the remote discussion.");
        assertThat(iqa.ends).containsExactly("The assessor ended the remote discussion.");
    }

    @Test
    void aPageSilentLongerThanThePresenceTimeoutLeavesAndIsToldToJoinAgain() throws Exception {
        Page assessor = new Page();
        Page learner = new Page();
        String a = hub.join(4, RoomRole.ASSESSOR, "Sam", assessor);
        String l = hub.join(4, RoomRole.LEARNER, "Lee", learner);

        clock.now = clock.now.plusSeconds(15);
        assertThat(hub.presence(4, a)).isEqualTo(RoomHub.Presence.PRESENT);
        clock.now = clock.now.plusSeconds(10);
        hub.sweep();
        assertThat(hub.presentRoles(4)).containsExactly(RoomRole.ASSESSOR);
        assertThat(json.readTree(assessor.states.get(assessor.states.size() - 1)).get("present")).hasSize(1);
        assertThat(hub.presence(4, l)).isEqualTo(RoomHub.Presence.GONE);
        assertThat(hub.presence(4, a)).isEqualTo(RoomHub.Presence.PRESENT);
    }

    @Test
    void aPartyJoiningAgainFromAnotherPageReplacesItsOldPageAtOnceWhichMustNotJoinAgainByItself() throws Exception {
        Page assessor = new Page();
        Page killed = new Page();
        Page back = new Page();
        Page iqa = new Page();
        Page secondIqa = new Page();
        String a = hub.join(5, RoomRole.ASSESSOR, "Sam", assessor);
        String old = hub.join(5, RoomRole.LEARNER, "Lee", killed);
        hub.join(5, RoomRole.OBSERVER, "Ingrid", iqa);
        hub.join(5, RoomRole.OBSERVER, "Ian", secondIqa);

        String fresh = hub.join(5, RoomRole.LEARNER, "Lee", back);

        assertThat(killed.replacements).containsExactly(RoomHub.REPLACED_MESSAGE);
        assertThat(hub.presentRoles(5)).containsExactly(RoomRole.ASSESSOR, RoomRole.OBSERVER, RoomRole.OBSERVER,
                RoomRole.LEARNER);
        JsonNode state = json.readTree(assessor.states.get(assessor.states.size() - 1));
        assertThat(state.get("present").findValuesAsText("id")).containsExactly(a, state.get("present").get(1)
                .get("id").asText(), state.get("present").get(2).get("id").asText(), fresh).doesNotContain(old);
        assertThat(hub.presence(5, old)).isEqualTo(RoomHub.Presence.REPLACED);
        assertThat(hub.presence(5, fresh)).isEqualTo(RoomHub.Presence.PRESENT);
        assertThatThrownBy(() -> hub.relay(5, a, old, "{}")).isInstanceOf(RoomException.class);
        // Observers are not parties: two IQAs may observe at once.
        assertThat(iqa.replacements).isEmpty();
        assertThat(secondIqa.replacements).isEmpty();
    }

    @Test
    void everyStateCarriesAVersionHigherThanTheOneBeforeAcrossRoomsSoAPageCanIgnoreAStaleOne() throws Exception {
        Page assessor = new Page();
        hub.join(6, RoomRole.ASSESSOR, "Sam", assessor);
        String l = hub.join(6, RoomRole.LEARNER, "Lee", new Page());
        hub.leave(6, l);
        Page elsewhere = new Page();
        hub.join(7, RoomRole.ASSESSOR, "Kim", elsewhere);
        // The room emptied and opened again: its versions go on from where they were.
        hub.leave(6, json.readTree(assessor.states.get(0)).get("present").get(0).get("id").asText());
        Page again = new Page();
        hub.join(6, RoomRole.ASSESSOR, "Sam", again);

        List<Long> versions = new ArrayList<>();
        for (String state : assessor.states) {
            versions.add(json.readTree(state).get("version").asLong());
        }
        versions.add(json.readTree(elsewhere.states.get(0)).get("version").asLong());
        versions.add(json.readTree(again.states.get(0)).get("version").asLong());
        assertThat(versions).isSorted().doesNotHaveDuplicates();
    }

    @Test
    void sharedQuestionsReachEveryPageAlsoOneThatJoinsLaterUntilTheAssessorStopsShowingThem() throws Exception {
        Page assessor = new Page();
        hub.join(8, RoomRole.ASSESSOR, "Sam", assessor);
        hub.share(8, List.of(new RoomHub.SharedQuestion(2, "What would you do next?")));
        Page learner = new Page();
        hub.join(8, RoomRole.LEARNER, "Lee", learner);

        JsonNode shared = json.readTree(learner.states.get(learner.states.size() - 1)).get("shared");
        assertThat(shared).hasSize(1);
        assertThat(shared.get(0).get("position").asInt()).isEqualTo(2);
        assertThat(shared.get(0).get("text").asText()).isEqualTo("What would you do next?");
        assertThat(shared.get(0).fieldNames()).toIterable().containsExactly("position", "text");

        hub.share(8, List.of());
        assertThat(json.readTree(learner.states.get(learner.states.size() - 1)).get("shared")).isEmpty();
    }
}
