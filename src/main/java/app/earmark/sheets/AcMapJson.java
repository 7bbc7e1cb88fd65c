package app.earmark.sheets;

import app.earmark.talktime.QuestionFigures;
import app.earmark.talktime.Segment;
import app.earmark.talktime.TalkAnalysis;
import app.earmark.talktime.TalkFigures;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.util.List;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * An AC map as JSON: the discussion, its units and recordings, and one entry per tag in time order with its time
 * counter, start and end in milliseconds, ACs, note and the absolute link that opens the recording there; and each
 * recording's talk time (share, questioning figures, the same per planned question marked as asked, and who spoke
 * when) where it has been analysed.
 */
final class AcMapJson {

    private static final ObjectMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    private AcMapJson() {
    }

    record Document(long discussionId, List<String> units, List<AcMap.Recording> recordings, List<Entry> entries,
            List<TalkTime> talkTime) {
    }

    /**
     * A recording's talk-time analysis (see docs/talk-time.md): the figures, or why there are none, and who spoke when
     * as [start, end] pairs in milliseconds, and the figures of each planned question the assessor marked as asked.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record TalkTime(long recordingId, String status, String message, String assessorChannel, Double assessorSharePct,
            Double learnerSharePct, Long longestAssessorMonologueMs, Integer assessorTurns, Integer runOnTurns,
            List<Long> answerPausesMs, Long medianAnswerPauseMs, Integer interruptions, List<long[]> assessorSpeech,
            List<long[]> learnerSpeech, List<Question> questions) {

        static TalkTime of(TalkAnalysis a, List<QuestionFigures> questions) {
            TalkFigures f = a.figures();
            if (f == null) {
                return new TalkTime(a.recordingId(), a.status().name(), a.message(), null, null, null, null, null,
                        null, null, null, null, null, null, null);
            }
            return new TalkTime(a.recordingId(), a.status().name(), a.message(),
                    a.assessorChannel() == null ? null : TalkAnalysis.side(a.assessorChannel()), round(f.assessorSharePct()),
                    round(f.learnerSharePct()), f.longestMonologueMs(), f.assessorTurns(), f.runOnTurns(),
                    f.answerPausesMs(), f.medianAnswerPauseMs(), f.interruptions(), pairs(a.assessor()),
                    pairs(a.learner()), questions.stream().map(Question::of).toList());
        }

        static Double round(Double pct) {
            return pct == null ? null : Math.round(pct * 10) / 10.0;
        }

        private static List<long[]> pairs(List<Segment> segments) {
            return segments.stream().map(s -> new long[] {s.startMs(), s.endMs()}).toList();
        }
    }

    /**
     * The figures of one planned question, from where it was marked asked ({@code fromMs}) to {@code toMs}; no
     * {@code text} for a reader who may not see the plan yet.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Question(int position, String text, long fromMs, long toMs, Double assessorSharePct,
            Double learnerSharePct, long longestAssessorMonologueMs, int assessorTurns, int runOnTurns,
            List<Long> answerPausesMs, Long medianAnswerPauseMs, int interruptions) {

        static Question of(QuestionFigures q) {
            TalkFigures f = q.figures();
            return new Question(q.position(), q.text(), q.fromMs(), q.toMs(), TalkTime.round(f.assessorSharePct()),
                    TalkTime.round(f.learnerSharePct()), f.longestMonologueMs(), f.assessorTurns(), f.runOnTurns(),
                    f.answerPausesMs(), f.medianAnswerPauseMs(), f.interruptions());
        }
    }

    record Entry(long tagId, long recordingId, String counter, long startMs, Long endMs, List<String> acs, String note,
            String link) {
    }

    static Document document(AcMap map, UnaryOperator<String> link, List<TalkAnalysis> talk,
            Function<TalkAnalysis, List<QuestionFigures>> byQuestion) {
        var recordings = map.recordings().stream().map(AcMap.Recording::id).toList();
        return new Document(map.discussionId(), map.units(), map.recordings(), map.entries().stream()
                .map(e -> new Entry(e.at().tagId(), e.at().recordingId(), e.counter(), e.at().startMs(), e.at().endMs(),
                        e.acs(), e.note(), link.apply(e.at().playbackPath())))
                .toList(), talk.stream().filter(a -> recordings.contains(a.recordingId()))
                .map(a -> TalkTime.of(a, byQuestion.apply(a))).toList());
    }

    /**
     * @param talk       the talk-time analyses of the discussion's recordings (those of the map's recordings are kept)
     * @param byQuestion the figures of an analysis per planned question marked as asked
     */
    static byte[] write(AcMap map, UnaryOperator<String> link, List<TalkAnalysis> talk,
            Function<TalkAnalysis, List<QuestionFigures>> byQuestion) {
        try {
            return JSON.writeValueAsBytes(document(map, link, talk, byQuestion));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
