package app.earmark.bench;

import app.earmark.talktime.Segment;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The remote room benchmark's script: who "speaks" (a tone) when, in milliseconds from the script's start, in the
 * shape of a professional discussion: assessor questions of 3–8 s, learner answers of 12–35 s, answer pauses of
 * 0.6–3 s, 0.5–1.1 s from an answer to the next question, assessor turns with two questions, an interruption (the
 * assessor starts while the learner is still talking), and one long assessor monologue. The learner's browser is killed {@link #killAtMs} into the script, in
 * the middle of an answer; the monologue follows that answer, so the learner has time to come back before their next
 * answer.
 *
 * @param assessor the assessor's bursts, in time order
 * @param learner  the learner's bursts, in time order
 * @param killAtMs when the learner's browser is killed
 * @param lengthMs when the script ends (the last burst's end)
 */
record RoomScript(List<Segment> assessor, List<Segment> learner, long killAtMs, long lengthMs) {

    /** The long assessor monologue (explaining the next task while the learner is away). */
    static final long MONOLOGUE_MS = 40_000;
    /** The kill comes this long into the learner's answer before the monologue. */
    static final long KILL_INTO_ANSWER_MS = 8_000;

    /**
     * One exchange: the assessor's question (or two, {@code gapMs} apart), the learner's thinking time, their
     * answer; {@code interrupting}: the question starts 2.5 s before the learner's previous answer ends.
     */
    private record Exchange(long questionMs, long gapMs, long secondQuestionMs, long pauseMs, long answerMs,
            boolean interrupting) {
    }

    private static final List<Exchange> EXCHANGES = List.of(
            new Exchange(5000, 0, 0, 1200, 18_000, false),
            new Exchange(4000, 1000, 3000, 2000, 24_000, false),
            new Exchange(6000, 0, 0, 600, 30_000, false),
            new Exchange(5000, 0, 0, 1500, 14_000, true),
            new Exchange(3000, 0, 0, 800, 26_000, false),
            new Exchange(7000, 0, 0, 1800, 12_000, false),
            new Exchange(4000, 1300, 5000, 3000, 35_000, false),
            new Exchange(3000, 0, 0, 900, 22_000, false),
            new Exchange(8000, 0, 0, 2500, 16_000, false),
            new Exchange(6000, 0, 0, 700, 28_000, false));

    /** Overlap of an interrupting question with the answer before it. */
    static final long INTERRUPTION_MS = 2500;

    /**
     * A script of about {@code lengthMs} (it finishes the exchange under way; at least the monologue's exchange): the
     * exchanges above in turn, the kill and the monologue once 30 % of the length has passed.
     */
    static RoomScript of(long lengthMs) {
        List<Segment> assessor = new ArrayList<>();
        List<Segment> learner = new ArrayList<>();
        long t = 1000;
        long kill = -1;
        for (int i = 0; t < lengthMs || kill < 0; i++) {
            Exchange e = EXCHANGES.get(i % EXCHANGES.size());
            boolean killHere = kill < 0 && t >= lengthMs * 3 / 10;
            // The assessor takes the word 0.5–1.1 s after the learner stops (or interrupts them).
            long start = learner.isEmpty() ? t : e.interrupting() ? t - INTERRUPTION_MS : t + 500 + (i % 3) * 300;
            long end = start + e.questionMs();
            assessor.add(new Segment(start, end));
            if (e.gapMs() > 0) {
                long second = end + e.gapMs();
                end = second + e.secondQuestionMs();
                assessor.add(new Segment(second, end));
            }
            long answer = end + e.pauseMs();
            long answerMs = killHere ? Math.max(e.answerMs(), 2 * KILL_INTO_ANSWER_MS) : e.answerMs();
            learner.add(new Segment(answer, answer + answerMs));
            t = answer + answerMs;
            if (killHere) {
                // The learner's browser dies mid-answer; the assessor goes on (a long monologue) and the learner
                // answers after it.
                kill = answer + KILL_INTO_ANSWER_MS;
                long monologue = t + 2000;
                assessor.add(new Segment(monologue, monologue + MONOLOGUE_MS));
                long back = monologue + MONOLOGUE_MS + 2500;
                learner.add(new Segment(back, back + 20_000));
                t = back + 20_000;
            }
        }
        assessor.sort(Comparator.comparingLong(Segment::startMs));
        return new RoomScript(List.copyOf(assessor), List.copyOf(learner), kill, t);
    }

    /** The bursts as a JSON array of epoch milliseconds {@code [start, end]} for a script started at {@code t0}. */
    static String onWallClock(List<Segment> bursts, long t0) {
        return bursts.stream().map(s -> "[" + (t0 + s.startMs()) + "," + (t0 + s.endMs()) + "]")
                .collect(java.util.stream.Collectors.joining(",", "[", "]"));
    }

    /** The bursts moved by {@code shiftMs} and cut to the spans given (each {@code [from, to)}), in time order. */
    static List<Segment> within(List<Segment> bursts, long shiftMs, List<Segment> spans) {
        List<Segment> out = new ArrayList<>();
        for (Segment s : bursts) {
            for (Segment span : spans) {
                long from = Math.max(s.startMs() + shiftMs, span.startMs());
                long to = Math.min(s.endMs() + shiftMs, span.endMs());
                if (to > from) {
                    out.add(new Segment(from, to));
                }
            }
        }
        out.sort(Comparator.comparingLong(Segment::startMs));
        return out;
    }

    /** An answer pause: the end of the assessor's turn and the time until the learner started. */
    record Pause(long turnEndMs, long pauseMs) {
    }

    /**
     * Each answer pause with where its turn ended, by talk time's definitions (docs/talk-time.md; {@code TalkFigures}
     * gives the lengths only): a turn is consecutive assessor segments with no learner speech starting between them;
     * its pause runs from its end to the start of the learner's next speech, if that starts after the turn ended.
     */
    static List<Pause> pauses(List<Segment> assessor, List<Segment> learner) {
        List<long[]> turns = new ArrayList<>();
        long[] current = null;
        long lastStart = 0;
        for (Segment s : assessor) {
            if (current != null) {
                long from = lastStart;
                boolean learnerStarted = learner.stream().anyMatch(l -> l.startMs() >= from
                        && l.startMs() < s.startMs());
                if (learnerStarted) {
                    turns.add(current);
                    current = null;
                }
            }
            if (current == null) {
                current = new long[] {s.startMs(), s.endMs()};
            } else {
                current[1] = Math.max(current[1], s.endMs());
            }
            lastStart = s.startMs();
        }
        if (current != null) {
            turns.add(current);
        }
        List<Pause> pauses = new ArrayList<>();
        for (long[] turn : turns) {
            learner.stream().filter(l -> l.startMs() >= turn[0]).findFirst().filter(l -> l.startMs() >= turn[1])
                    .ifPresent(l -> pauses.add(new Pause(turn[1], l.startMs() - turn[1])));
        }
        return pauses;
    }
}
