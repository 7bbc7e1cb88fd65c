package app.earmark.room;

import static org.assertj.core.api.Assertions.assertThat;

import app.earmark.room.RoomCombiner.Placed;
import app.earmark.room.RoomStore.SingleSided;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which spans of a combined recording have one party only, and what the recording says about them. */
class RoomCombinerTest {

    private static final long T = 1_765_000_000_000L;

    @Test
    void aLateJoinADropOutAndAnEarlyEndAreSingleSided() {
        List<Placed> placed = List.of(new Placed(1, RoomRole.ASSESSOR, T, T + 20_000),
                new Placed(2, RoomRole.LEARNER, T + 3000, T + 9000),
                new Placed(3, RoomRole.LEARNER, T + 14_000, T + 22_000));
        List<SingleSided> spans = RoomCombiner.singleSided(placed, T, 22_000);
        assertThat(spans).containsExactly(new SingleSided(0, 3000, RoomRole.ASSESSOR),
                new SingleSided(9000, 14_000, RoomRole.ASSESSOR), new SingleSided(20_000, 22_000, RoomRole.LEARNER));
        assertThat(RoomCombiner.note(spans, 22_000)).isEqualTo("Only the assessor's side was recorded from 0:00 to"
                + " 0:03. Only the assessor's side was recorded from 0:09 to 0:14. Only the learner's side was recorded"
                + " from 0:20 to 0:22.");
    }

    @Test
    void tracksThatNearlyMeetAreNotSingleSidedAndTouchingTracksOfOnePartyJoin() {
        List<Placed> placed = List.of(new Placed(1, RoomRole.ASSESSOR, T + 40, T + 10_000),
                new Placed(2, RoomRole.LEARNER, T, T + 10_300),
                new Placed(3, RoomRole.ASSESSOR, T + 10_000, T + 10_020));
        assertThat(RoomCombiner.singleSided(placed, T, 10_300)).isEmpty();
        assertThat(RoomCombiner.note(List.of(), 10_300)).isNull();
    }

    @Test
    void aMissingPartyIsSaidSo() {
        List<Placed> placed = List.of(new Placed(1, RoomRole.LEARNER, T, T + 60_000));
        List<SingleSided> spans = RoomCombiner.singleSided(placed, T, 60_000);
        assertThat(spans).containsExactly(new SingleSided(0, 60_000, RoomRole.LEARNER));
        assertThat(RoomCombiner.note(spans, 60_000)).isEqualTo("Only the learner's side was recorded: the"
                + " assessor's track is missing.");
    }
}
