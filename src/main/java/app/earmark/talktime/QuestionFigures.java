package app.earmark.talktime;

/**
 * The questioning figures of one planned question: from where the assessor marked it asked (the first tag made with
 * the question's "Tag all") to where the next marked question was asked, or the end of the recording. Only what
 * happens inside that stretch counts (definitions in docs/talk-time.md).
 *
 * @param position the question's number in the plan
 * @param text     the question as planned; {@code null} when the reader may not see the plan yet (a learner before the
 *                 assessor shares it) or the question has left the plan since
 */
public record QuestionFigures(int position, String text, long fromMs, long toMs, TalkFigures figures) {

    /** "Question 2, from 0m 12s: learner 65 %, assessor 35 %; …" */
    public String describe() {
        return "Question " + position + ", from " + app.earmark.base.TimeFormat.counter(fromMs) + ": "
                + figures.describe();
    }
}
