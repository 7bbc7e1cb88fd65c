package app.earmark.bench;

import static org.assertj.core.api.Assertions.assertThat;

import app.earmark.talktime.Segment;
import app.earmark.talktime.TalkFigures;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The remote room benchmark's script has the shape it claims, and its answer pauses are talk time's. */
class RoomScriptTest {

    @Test
    void aFourMinuteScriptHasTheShapeOfAProfessionalDiscussion() {
        RoomScript script = RoomScript.of(240_000);
        TalkFigures figures = TalkFigures.of(script.assessor(), script.learner());

        assertThat(script.lengthMs()).isBetween(240_000L, 300_000L);
        assertThat(figures.longestMonologueMs()).isEqualTo(RoomScript.MONOLOGUE_MS);
        assertThat(figures.interruptions()).isEqualTo(1);
        assertThat(figures.runOnTurns()).isEqualTo(2);
        assertThat(figures.learnerSharePct()).as("the learner does most of the talking").isBetween(60.0, 85.0);
        assertThat(figures.answerPausesMs()).allSatisfy(p -> assertThat(p).isBetween(600L, 3000L));
        // The kill comes in the middle of a learner's answer, and the monologue follows it.
        Segment killed = script.learner().stream().filter(s -> s.startMs() < script.killAtMs()
                && script.killAtMs() < s.endMs()).findFirst().orElseThrow();
        assertThat(script.killAtMs() - killed.startMs()).isEqualTo(RoomScript.KILL_INTO_ANSWER_MS);
        assertThat(script.assessor()).anySatisfy(s -> {
            assertThat(s.startMs()).isGreaterThan(killed.endMs());
            assertThat(s.lengthMs()).isEqualTo(RoomScript.MONOLOGUE_MS);
        });
    }

    @Test
    void thePausesWithTheirTurnsAreTalkTimesPauses() {
        RoomScript script = RoomScript.of(240_000);
        List<RoomScript.Pause> pauses = RoomScript.pauses(script.assessor(), script.learner());

        assertThat(pauses).extracting(RoomScript.Pause::pauseMs)
                .containsExactlyElementsOf(TalkFigures.of(script.assessor(), script.learner()).answerPausesMs());
        // A two-question turn's pause runs from its second question's end.
        assertThat(pauses.get(1).turnEndMs()).isEqualTo(script.assessor().get(2).endMs());
    }

    @Test
    void burstsAreCutToWhereThePartyWasRecorded() {
        List<Segment> bursts = List.of(new Segment(0, 10_000), new Segment(20_000, 30_000));

        assertThat(RoomScript.within(bursts, 1000, List.of(new Segment(0, 5000), new Segment(25_000, 40_000))))
                .containsExactly(new Segment(1000, 5000), new Segment(25_000, 31_000));
    }
}
