package app.earmark.talktime;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The questioning figures of one recording (definitions in docs/talk-time.md).
 *
 * @param assessorSpeechMs    how long the assessor spoke (overlaps count for both parties)
 * @param learnerSpeechMs     how long the learner spoke
 * @param assessorSharePct    the assessor's share of all speech, 0–100; {@code null} when nobody spoke
 * @param learnerSharePct     the learner's share, 0–100; {@code null} when nobody spoke
 * @param longestMonologueMs  the longest assessor turn, from its first word to its last
 * @param assessorTurns       how many assessor turns there were
 * @param runOnTurns          assessor turns that ran into each other: a turn with two or more bursts of speech
 *                            separated by a pause of at least {@link #RUN_ON_PAUSE_MS} in which the learner did not
 *                            speak (typically several questions asked at once)
 * @param answerPausesMs      each answer pause: from the end of an assessor turn to the start of the learner's next
 *                            speech, for turns the learner answered after the assessor had finished
 * @param medianAnswerPauseMs the median of those; {@code null} without any
 * @param interruptions       assessor speech that started while the learner was speaking and overlapped it for at least
 *                            {@link #MIN_INTERRUPTION_MS}
 */
public record TalkFigures(long assessorSpeechMs, long learnerSpeechMs, Double assessorSharePct, Double learnerSharePct,
        long longestMonologueMs, int assessorTurns, int runOnTurns, List<Long> answerPausesMs,
        Long medianAnswerPauseMs, int interruptions) {

    /** A pause within one assessor turn at least this long, with the learner silent, makes it a run-on turn. */
    public static final long RUN_ON_PAUSE_MS = 800;
    /** Overlap shorter than this is not an interruption (a back-channel "mm" that met the end of a sentence). */
    public static final long MIN_INTERRUPTION_MS = 200;

    public TalkFigures {
        answerPausesMs = List.copyOf(answerPausesMs);
    }

    /** An assessor turn: consecutive assessor segments with no learner speech starting between them. */
    record Turn(List<Segment> bursts) {
        long startMs() {
            return bursts.get(0).startMs();
        }

        long endMs() {
            return bursts.stream().mapToLong(Segment::endMs).max().orElseThrow();
        }

        boolean ranOn() {
            for (int i = 1; i < bursts.size(); i++) {
                if (bursts.get(i).startMs() - bursts.get(i - 1).endMs() >= RUN_ON_PAUSE_MS) {
                    return true;
                }
            }
            return false;
        }
    }

    /** The figures from each party's segments (each in time order, not overlapping within a party). */
    public static TalkFigures of(List<Segment> assessor, List<Segment> learner) {
        long a = total(assessor);
        long l = total(learner);
        Double aShare = a + l == 0 ? null : 100.0 * a / (a + l);
        Double lShare = a + l == 0 ? null : 100.0 * l / (a + l);
        List<Turn> turns = turns(assessor, learner);
        long longest = turns.stream().mapToLong(t -> t.endMs() - t.startMs()).max().orElse(0);
        int runOn = (int) turns.stream().filter(Turn::ranOn).count();
        List<Long> pauses = new ArrayList<>();
        for (Turn turn : turns) {
            learner.stream().filter(s -> s.startMs() >= turn.startMs()).findFirst()
                    .filter(s -> s.startMs() >= turn.endMs())
                    .ifPresent(s -> pauses.add(s.startMs() - turn.endMs()));
        }
        int interruptions = 0;
        for (Segment s : assessor) {
            for (Segment ls : learner) {
                if (ls.startMs() < s.startMs() && s.startMs() < ls.endMs()
                        && Math.min(ls.endMs(), s.endMs()) - s.startMs() >= MIN_INTERRUPTION_MS) {
                    interruptions++;
                    break;
                }
            }
        }
        return new TalkFigures(a, l, aShare, lShare, longest, turns.size(), runOn, pauses, median(pauses),
                interruptions);
    }

    /**
     * The figures of the stretch from {@code fromMs} (inclusive) to {@code toMs} (exclusive): speech is cut at its
     * edges, so a turn or an answer pause that crosses an edge counts only with what lies inside.
     */
    public static TalkFigures within(List<Segment> assessor, List<Segment> learner, long fromMs, long toMs) {
        return of(clip(assessor, fromMs, toMs), clip(learner, fromMs, toMs));
    }

    private static List<Segment> clip(List<Segment> segments, long fromMs, long toMs) {
        return segments.stream().filter(s -> s.endMs() > fromMs && s.startMs() < toMs)
                .map(s -> new Segment(Math.max(s.startMs(), fromMs), Math.min(s.endMs(), toMs))).toList();
    }

    /** One sentence: "learner 71 %, assessor 29 %; median thinking time 1.4 s; …", or that nobody spoke. */
    public String describe() {
        if (assessorSharePct == null) {
            return "neither channel has speech that could be told from background noise.";
        }
        return String.format(java.util.Locale.ROOT, "learner %.0f %%, assessor %.0f %%; median thinking time %s; %d"
                + " interruption%s; %d turn%s that ran into a further question; longest assessor monologue %.1f s.",
                learnerSharePct, assessorSharePct, medianAnswerPauseMs == null ? "none measured"
                        : String.format(java.util.Locale.ROOT, "%.1f s", medianAnswerPauseMs / 1000.0), interruptions,
                interruptions == 1 ? "" : "s", runOnTurns, runOnTurns == 1 ? "" : "s", longestMonologueMs / 1000.0);
    }

    static List<Turn> turns(List<Segment> assessor, List<Segment> learner) {
        List<Turn> turns = new ArrayList<>();
        List<Segment> current = new ArrayList<>();
        for (Segment s : assessor) {
            if (!current.isEmpty()) {
                long from = current.get(current.size() - 1).startMs();
                boolean learnerStarted = learner.stream().anyMatch(ls -> ls.startMs() >= from
                        && ls.startMs() < s.startMs());
                if (learnerStarted) {
                    turns.add(new Turn(List.copyOf(current)));
                    current.clear();
                }
            }
            current.add(s);
        }
        if (!current.isEmpty()) {
            turns.add(new Turn(List.copyOf(current)));
        }
        return turns;
    }

    private static long total(List<Segment> segments) {
        return segments.stream().mapToLong(Segment::lengthMs).sum();
    }

    static Long median(List<Long> values) {
        if (values.isEmpty()) {
            return null;
        }
        List<Long> sorted = values.stream().sorted(Comparator.naturalOrder()).toList();
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }
}
